import type { Erratum } from '@errata/core';
import type { ExportFormat, ExportHeading } from './export-errata.ts';

/** The JSON-LD context of the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/). */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The media type the Web Annotation Protocol gives annotations (https://www.w3.org/TR/annotation-protocol/). */
export const ANNOTATION_CONTENT_TYPE = `application/ld+json; profile="${ANNOTATION_CONTEXT}"`;
/** A language tag as BCP 47 shapes it: a 2–3 letter language, then subtags; anything else is left out. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** The reader's correction, as an Embedded Textual Body. */
export interface CorrectionBody {
  type: 'TextualBody';
  value: string;
  purpose: 'editing';
  format: 'text/plain';
  language?: string;
}

/** One erratum as a W3C Web Annotation: an edit proposed for a quote on a page. */
export interface ErratumAnnotation {
  '@context': typeof ANNOTATION_CONTEXT;
  /** The erratum's URL in the API. */
  id: string;
  type: 'Annotation';
  motivation: 'editing';
  /** When the first reader reported it. */
  created: string;
  /** The latest report or status change. */
  modified: string;
  /** The most suggested correction; absent when no reader suggested one. */
  body?: CorrectionBody;
  target: {
    /** The page. */
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
}

/**
 * An erratum as a Web Annotation with motivation "editing": the target is the page with
 * the quote's TextQuoteSelector and TextPositionSelector, the body the correction most
 * readers suggested.
 * @example erratumAnnotation(erratum, 'https://errata.example.org').id === 'https://errata.example.org/api/v1/errata/01J…'
 */
export function erratumAnnotation(erratum: Erratum, publicUrl: string): ErratumAnnotation {
  const { exact, prefix, suffix } = erratum.quote;
  const suggestion = erratum.suggestions[0];
  const language = languageTag(erratum.lang);
  const modified =
    erratum.statusChangedAt !== null && erratum.statusChangedAt > erratum.lastReportedAt
      ? erratum.statusChangedAt
      : erratum.lastReportedAt;
  return {
    '@context': ANNOTATION_CONTEXT,
    id: `${publicUrl}/api/v1/errata/${encodeURIComponent(erratum.id)}`,
    type: 'Annotation',
    motivation: 'editing',
    created: erratum.firstReportedAt,
    modified,
    ...(suggestion
      ? {
          body: {
            type: 'TextualBody',
            value: suggestion.text,
            purpose: 'editing',
            format: 'text/plain',
            ...(language ? { language } : {}),
          },
        }
      : {}),
    target: {
      source: erratum.url,
      selector: [
        // An empty prefix or suffix says nothing a missing one does not; the model makes both optional.
        { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
        { type: 'TextPositionSelector', start: erratum.position.start, end: erratum.position.end },
      ],
    },
  };
}

/**
 * Web Annotation export: an AnnotationCollection whose first (and only) AnnotationPage
 * embeds every erratum as an Annotation; each keeps its own @context, so it stands alone
 * when taken out of the collection. `total` comes last, when the count is known.
 */
export function annotationExport(heading: ExportHeading, publicUrl: string): ExportFormat {
  const collectionId = exportUrl(heading, publicUrl);
  const opening = JSON.stringify({
    '@context': ANNOTATION_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: `Errata of ${heading.site.name}${heading.status ? ` (${heading.status})` : ''}`,
    first: { id: `${collectionId}#page-1`, type: 'AnnotationPage', startIndex: 0, items: [] },
  });
  return {
    contentType: ANNOTATION_CONTENT_TYPE,
    extension: 'jsonld',
    // Up to the empty items array's opening bracket: the annotations are written into it.
    start: () => opening.slice(0, -']}}'.length),
    erratum: (erratum, index) =>
      (index === 0 ? '' : ',') + JSON.stringify(erratumAnnotation(erratum, publicUrl)),
    end: (count) => `]},"total":${count}}\n`,
  };
}

/** The export's own URL, the collection's id. */
function exportUrl(heading: ExportHeading, publicUrl: string): string {
  const query = new URLSearchParams({ site: heading.site.id, format: 'annotation' });
  if (heading.status) query.set('status', heading.status);
  return `${publicUrl}/api/v1/export?${query}`;
}

/** The page's language as a BCP 47 tag (primary subtag lower-cased, `_` read as `-`), or undefined. */
function languageTag(lang: string | null): string | undefined {
  const tag = lang?.trim().replaceAll('_', '-');
  if (!tag || !LANGUAGE_TAG.test(tag)) return undefined;
  const [primary = '', ...subtags] = tag.split('-');
  return [primary.toLowerCase(), ...subtags].join('-');
}
