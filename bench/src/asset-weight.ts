import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { budgeted, type Figure, type Measurement } from './figure.ts';
import { jsWeights } from './gzip-size.ts';

/** Gzipped bytes the widget's loader (the script tag every article page loads) may weigh. */
export const LOADER_GZIP_BUDGET = 2 * 1024;
/** Gzipped bytes all of the widget's JavaScript may weigh, loader and lazily loaded parts together. */
export const WIDGET_GZIP_BUDGET = 8 * 1024;
/** Gzipped bytes of the dashboard's JavaScript. */
export const DASHBOARD_GZIP_BUDGET = 100 * 1024;
/** The widget's entry file: the one a page's script tag names. */
const LOADER_FILE = 'widget.js';

/** Bytes and gzip -9 bytes of the built widget and dashboard JavaScript, against their budgets. */
export const assetWeight: Measurement = {
  title: 'widget and dashboard weight',
  async run({ repoRoot }) {
    return [...widgetFigures(join(repoRoot, 'packages/widget/dist')), ...dashboardFigures(repoRoot)];
  },
};

function widgetFigures(dist: string): Figure[] {
  const files = jsWeightsOrThrow(dist, 'packages/widget/dist');
  const figures: Figure[] = [];
  const loaderIsWhole = files.length === 1 && files[0]?.file === LOADER_FILE;
  for (const { file, bytes, gzipBytes } of files) {
    figures.push({ name: `widget.${file}.bytes`, value: bytes, unit: 'B', note: 'minified, not compressed' });
    if (file === LOADER_FILE) {
      figures.push(
        budgeted({
          name: `widget.${file}.gzip`,
          value: gzipBytes,
          unit: 'B',
          budget: LOADER_GZIP_BUDGET,
          note: loaderIsWhole
            ? 'loader budget; today widget.js is the whole widget (no split yet)'
            : 'loader budget (the file every page loads)',
        }),
      );
    } else {
      figures.push({ name: `widget.${file}.gzip`, value: gzipBytes, unit: 'B', note: 'gzip -9' });
    }
  }
  if (!files.some((f) => f.file === LOADER_FILE)) {
    throw new Error(`packages/widget/dist has no ${LOADER_FILE}: run npm run build`);
  }
  const count = `${files.length} .js file${files.length === 1 ? '' : 's'}`;
  figures.push(
    { name: 'widget.total.bytes', value: sum(files.map((f) => f.bytes)), unit: 'B', note: count },
    budgeted({
      name: 'widget.total.gzip',
      value: sum(files.map((f) => f.gzipBytes)),
      unit: 'B',
      budget: WIDGET_GZIP_BUDGET,
      note: `${count}, each gzipped alone`,
    }),
  );
  return figures;
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
