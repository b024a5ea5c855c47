import type { Figure } from './figure.ts';
import { formatGrid, formatNumber } from './table.ts';

/** A product in the comparison: the figures (gzip bytes) that add up to each column. */
interface Product {
  label: string;
  /** What every page with the product loads. */
  page: string[];
  /** All a reader who reports (or annotates) downloads. */
  reporting: string[];
  what: string;
}

const PRODUCTS: Product[] = [
  {
    label: 'Errata widget',
    page: ['widget.widget.js.gzip'],
    reporting: ['widget.reporting.en.gzip'],
    what: 'the loader; + dialog part + English',
  },
  {
    label: 'Sentry user feedback',
    page: ['peer.sentry_feedback.gzip'],
    reporting: ['peer.sentry_feedback.gzip'],
    what: 'SDK + feedback integration, one bundle',
  },
  {
    label: 'Hypothesis client',
    page: ['peer.hypothesis_boot.gzip', 'peer.hypothesis_annotator.gzip'],
    reporting: [
      'peer.hypothesis_boot.gzip',
      'peer.hypothesis_annotator.gzip',
      'peer.hypothesis_sidebar.gzip',
    ],
    what: 'boot.js + annotator bundle; + sidebar app',
  },
];

/** Figures standing in for one that is missing: a widget without an English file counts its heaviest language. */
const STAND_INS: Record<string, string> = { 'widget.reporting.en.gzip': 'widget.reporting.gzip' };

const HEADER = [
  'product',
  'every page loads',
  '× Errata',
  'a reporting reader downloads',
  '× Errata',
  'of what',
];

/**
 * Errata's widget beside its peers, gzip -9 bytes of JavaScript (CSS and fonts not counted),
 * from the figures of this run; empty when the peers were not measured.
 */
export function formatComparison(figures: readonly Figure[]): string {
  const byName = new Map(figures.map((f) => [f.name, f]));
  const total = (names: string[]): number | undefined => {
    const found = names.map((name) => byName.get(name) ?? byName.get(STAND_INS[name] ?? ''));
    return found.every((f) => f !== undefined) ? found.reduce((sum, f) => sum + f!.value, 0) : undefined;
  };
  const errata = PRODUCTS[0]!;
  const errataPage = total(errata.page);
  const errataReporting = total(errata.reporting);
  const rows: string[][] = [];
  for (const product of PRODUCTS) {
    const page = total(product.page);
    const reporting = total(product.reporting);
    if (page === undefined || reporting === undefined) continue;
    const label = byName.get(product.page[0]!)?.peer ?? product.label;
    rows.push([
      label,
      formatNumber(page),
      ratio(page, errataPage),
      formatNumber(reporting),
      ratio(reporting, errataReporting),
      product.what,
    ]);
  }
  if (rows.length < 2) return '';
  return `compared with peers (gzip -9 bytes of JavaScript)\n${formatGrid(HEADER, rows, [1, 2, 3, 4])}`;
}

function ratio(value: number, errata: number | undefined): string {
  return errata ? `${(value / errata).toFixed(1)}×` : '';
}
