import { originOf, SITE_KEY_MAX } from '@errata/core';
import type { Store } from '../store/open-store.ts';
import { createSiteIfMissing, findSiteByPublicKey, type Site } from '../store/sites-store.ts';
import { ErrataError } from './errors.ts';
import { SELF_ORIGIN } from './origins.ts';
import { newToken } from './secrets.ts';

// Site ids appear in URLs and API queries: keep them short, lower-case and unambiguous.
const SITE_ID_SHAPE = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface NewSite {
  id: string;
  name: string;
  /** Origins whose pages may report, e.g. https://news.example.org, or "self". */
  origins: string[];
  /** The embed's data-site; a random one when omitted. */
  publicKey?: string | undefined;
  rootSelector?: string | undefined;
}

/** Creates a site after checking its id, key and origins; refuses an id or key in use. */
export async function createSite(store: Store, request: NewSite): Promise<Site> {
  if (!SITE_ID_SHAPE.test(request.id)) {
    throw new ErrataError(
      'invalid',
      'A site id is 1–63 lower-case letters, digits and dashes, e.g. "courier".',
      {
        id: 'is not a valid site id',
      },
    );
  }
  const origins = normalizeOrigins(request.origins);
  const publicKey = request.publicKey ?? newToken().slice(0, 22);
  if (publicKey.length > SITE_KEY_MAX || !/^[A-Za-z0-9_-]+$/.test(publicKey)) {
    throw new ErrataError(
      'invalid',
      `A public key is 1–${SITE_KEY_MAX} letters, digits, dashes or underscores.`,
    );
  }
  if (await findSiteByPublicKey(store.db, publicKey)) {
    throw new ErrataError('conflict', `The public key "${publicKey}" is taken.`);
  }
  const site: Site = {
    id: request.id,
    name: request.name.trim() || request.id,
    publicKey,
    allowedOrigins: origins,
    rootSelector: request.rootSelector ?? null,
  };
  if (!(await createSiteIfMissing(store.db, site, new Date().toISOString()))) {
    throw new ErrataError('conflict', `A site with the id "${request.id}" exists already.`);
  }
  return site;
}

/**
 * Checks a site's allowed origins and brings each to its canonical form
 * ("https://News.example.org/" → "https://news.example.org"), without repeats; "self" stays.
 */
export function normalizeOrigins(origins: readonly string[], field = 'origins'): string[] {
  if (origins.length === 0) {
    throw new ErrataError(
      'invalid',
      'Name at least one origin whose pages may report, e.g. https://news.example.org.',
      { [field]: 'needs at least one origin' },
    );
  }
  const normalized = origins.map((origin) => {
    const trimmed = origin.trim();
    if (trimmed === SELF_ORIGIN) return trimmed;
    const parsed = originOf(trimmed);
    if (parsed === null) {
      throw new ErrataError(
        'invalid',
        `"${origin}" is not an http(s) origin: write it like https://news.example.org.`,
        { [field]: `"${origin}" is not an http(s) origin` },
      );
    }
    return parsed;
  });
  return [...new Set(normalized)];
}
