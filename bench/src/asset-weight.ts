import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { budgeted, type Figure, type Measurement } from './figure.ts';
import { jsWeights } from './gzip-size.ts';
import {
  type Download,
  heaviestDownload,
  LOADER_FILE,
  REFERENCE_LANGUAGE,
  reportingDownload,
  widgetBudgets,
  widgetParts,
} from './widget-parts.ts';

/** Gzipped bytes of the dashboard's JavaScript. */
export const DASHBOARD_GZIP_BUDGET = 100 * 1024;

/** Bytes and gzip -9 bytes of the built widget and dashboard JavaScript, against their budgets. */
export const assetWeight: Measurement = {
  title: 'widget and dashboard weight',
  async run({ repoRoot }) {
    return [...widgetFigures(repoRoot), ...dashboardFigures(repoRoot)];
  },
};

function widgetFigures(repoRoot: string): Figure[] {
  const parts = widgetParts(join(repoRoot, 'packages/widget/dist'));
  const budgets = widgetBudgets(repoRoot);
  const whole = parts.shared.length === 0 && parts.languages.size === 0;
  const figures: Figure[] = [];
  for (const { file, bytes, gzipBytes } of [parts.loader, ...parts.shared]) {
    const name = `widget.${withoutHash(file)}`;
    const hashed = name === `widget.${file}` ? '' : `; ${file}`;
    figures.push({
      name: `${name}.bytes`,
      value: bytes,
      unit: 'B',
      note: `minified, not compressed${hashed}`,
    });
    figures.push(
      file === LOADER_FILE
        ? {
            name: `widget.${file}.gzip`,
            value: gzipBytes,
            unit: 'B',
            note: `loader, the file every article page loads${whole ? '; today the whole widget (no split)' : ''}; gzip -9, as peers are weighed (the budget counts bytes sent: widget.sent.loader)`,
          }
        : {
            name: `${name}.gzip`,
            value: gzipBytes,
            unit: 'B',
            note: `loaded by every reporting reader${hashed}`,
          },
    );
  }
  figures.push(...languageFigures(parts.languages));
  if (parts.languages.has(REFERENCE_LANGUAGE)) {
    const reference = reportingDownload(parts, REFERENCE_LANGUAGE);
    figures.push({
      name: `widget.reporting.${REFERENCE_LANGUAGE}.gzip`,
      value: reference.gzipBytes,
      unit: 'B',
      note: `all a reader reporting in English downloads: ${downloadNote(reference)}`,
    });
  }
  const heaviest = heaviestDownload(parts);
  figures.push({
    name: 'widget.reporting.gzip',
    value: heaviest.gzipBytes,
    unit: 'B',
    note: `all a reporting reader downloads, heaviest language${heaviest.lang ? '' : ' (no language files)'}, gzip -9: ${downloadNote(heaviest)}`,
  });
  // The budgets: bytes the server sends to a browser accepting Brotli (all that run the widget over HTTPS).
  const heaviestSent = heaviestDownload(parts, 'sentBytes');
  figures.push(
    budgeted({
      name: 'widget.sent.loader',
      value: parts.loader.sentBytes,
      unit: 'B',
      budget: budgets.loader,
      note: `over the wire (Brotli, the .br the server sends): what every article page loads; budget from ${budgets.source}`,
    }),
    budgeted({
      name: 'widget.sent.reporting',
      value: heaviestSent.sentBytes,
      unit: 'B',
      budget: budgets.reporting,
      note: `over the wire (Brotli): all a reader reporting in the heaviest language receives: ${downloadNote(heaviestSent)}`,
    }),
  );
  const all = [parts.loader, ...parts.shared, ...parts.languages.values()];
  const count = `all ${all.length} .js file${all.length === 1 ? '' : 's'} in dist`;
  figures.push(
    { name: 'widget.total.bytes', value: sum(all.map((f) => f.bytes)), unit: 'B', note: count },
    {
      name: 'widget.total.gzip',
      value: sum(all.map((f) => f.gzipBytes)),
      unit: 'B',
      note: `${count}, each gzipped alone; no reader downloads them all`,
    },
  );
  return figures;
}

/** The reference language's file and the heaviest one; each language has one, a reader downloads one. */
function languageFigures(languages: ReturnType<typeof widgetParts>['languages']): Figure[] {
  if (languages.size === 0) return [];
  const sizes = [...languages.values()].map((f) => f.gzipBytes);
  const range = `${languages.size} languages, ${Math.min(...sizes)}–${Math.max(...sizes)} B each`;
  const [heaviestCode, heaviest] = [...languages].reduce((a, b) => (b[1].gzipBytes > a[1].gzipBytes ? b : a));
  const reference = languages.get(REFERENCE_LANGUAGE);
  return [
    ...(reference
      ? [
          {
            name: `widget.lang.${REFERENCE_LANGUAGE}.gzip`,
            value: reference.gzipBytes,
            unit: 'B',
            note: `${reference.file}; ${range}`,
          },
        ]
      : []),
    {
      name: 'widget.lang.heaviest.gzip',
      value: heaviest.gzipBytes,
      unit: 'B',
      note: `${heaviest.file} (${heaviestCode}); ${range}`,
    },
  ];
}

/** A file's name without the content hash a build may add ("widget-dialog-8c7b05ed72.js" → "widget-dialog.js"), so figure names stay stable. */
function withoutHash(file: string): string {
  return file.replace(/[-.][0-9a-f]{8,}(?=\.js$)/, '');
}

/** "widget.js + widget-dialog.js + widget-lang-en.js" */
function downloadNote(download: Download): string {
  return download.files.join(' + ');
}

function dashboardFigures(repoRoot: string): Figure[] {
  const files = jsWeightsOrThrow(join(repoRoot, 'packages/dashboard/dist/assets'), 'packages/dashboard/dist');
  const count = `${files.length} .js file${files.length === 1 ? '' : 's'} in dist/assets`;
  return [
    { name: 'dashboard.js.bytes', value: sum(files.map((f) => f.bytes)), unit: 'B', note: count },
    budgeted({
      name: 'dashboard.js.gzip',
      value: sum(files.map((f) => f.gzipBytes)),
      unit: 'B',
      budget: DASHBOARD_GZIP_BUDGET,
      note: `${count}, each gzipped alone`,
    }),
  ];
}

function jsWeightsOrThrow(folder: string, label: string) {
  const files = existsSync(folder) ? jsWeights(folder) : [];
  if (files.length === 0) throw new Error(`no .js files in ${label}: run npm run build`);
  return files;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
