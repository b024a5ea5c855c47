import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleWeight, type CodeWeight, codeWeight, reminifiedWeight } from './esbuild-weight.ts';
import type { Figure, Measurement } from './figure.ts';

const DSN = 'https://public@example.invalid/1';
/** A site adding Sentry's feedback widget, the smallest way: the SDK with the feedback integration. */
const SENTRY_FEEDBACK_ENTRY = `import { init, feedbackIntegration } from '@sentry/browser';
init({ dsn: '${DSN}', integrations: [feedbackIntegration()] });`;
/** The same SDK without it: what the feedback integration adds is the difference. */
const SENTRY_SDK_ENTRY = `import { init } from '@sentry/browser';
init({ dsn: '${DSN}' });`;

/**
 * Peers measured the way the widget is: gzip -9 of minified JavaScript. Sentry's user
 * feedback is bundled from npm by esbuild with the widget's settings; the Hypothesis client
 * ships built, so its files are weighed as shipped.
 */
export const peerWeight: Measurement = {
  title: 'peer weights',
  async run({ repoRoot }) {
    const bench = join(repoRoot, 'bench');
    const packageDir = (name: string) =>
      dirname(createRequire(join(bench, 'package.json')).resolve(`${name}/package.json`));
    const version = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    return [
      ...(await sentryFigures(bench, version(packageDir('@sentry/browser')))),
      ...(await hypothesisFigures(packageDir('hypothesis'), version)),
    ];
  },
};

async function sentryFigures(bench: string, version: string): Promise<Figure[]> {
  const feedback = await bundleWeight(SENTRY_FEEDBACK_ENTRY, bench);
  const sdk = await bundleWeight(SENTRY_SDK_ENTRY, bench);
  const how = 'esbuild bundle (minify, iife, es2020, browser), gzip -9';
  return [
    {
      name: 'peer.sentry_feedback.gzip',
      value: feedback.gzipBytes,
      unit: 'B',
      peer: `Sentry user feedback (@sentry/browser ${version})`,
      note: `init + feedbackIntegration (its sync variant), ${how}; ${minified(feedback)}; the feedback integration adds ${(feedback.gzipBytes - sdk.gzipBytes).toLocaleString('en-US')} B to the SDK`,
    },
    {
      name: 'peer.sentry_sdk.gzip',
      value: sdk.gzipBytes,
      unit: 'B',
      peer: `Sentry browser SDK (@sentry/browser ${version})`,
      note: `init alone, the default integrations, ${how}; ${minified(sdk)}`,
    },
  ];
}

async function hypothesisFigures(dir: string, version: (dir: string) => string): Promise<Figure[]> {
  const peer = `Hypothesis client (hypothesis ${version(dir)})`;
  const boot = readFileSync(join(dir, 'build/boot.js'), 'utf8');
  const bootWeight = codeWeight(boot);
  const again = await reminifiedWeight(boot);
  const shipped = (file: string) => codeWeight(readFileSync(join(dir, 'build', file)));
  const annotator = shipped('scripts/annotator.bundle.js');
  const sidebar = shipped('scripts/sidebar.bundle.js');
  return [
    {
      name: 'peer.hypothesis_boot.gzip',
      value: bootWeight.gzipBytes,
      unit: 'B',
      peer,
      note: `build/boot.js as shipped (the embed's script tag), ${minified(bootWeight)}; minified already: esbuild's minify gives ${again.gzipBytes.toLocaleString('en-US')} B gzip`,
    },
    {
      name: 'peer.hypothesis_annotator.gzip',
      value: annotator.gzipBytes,
      unit: 'B',
      peer,
      note: `build/scripts/annotator.bundle.js as shipped, ${minified(annotator)}: boot.js adds it to the page at once`,
    },
    {
      name: 'peer.hypothesis_sidebar.gzip',
      value: sidebar.gzipBytes,
      unit: 'B',
      peer,
      note: `build/scripts/sidebar.bundle.js as shipped, ${minified(sidebar)}: the app of the sidebar iframe where readers annotate`,
    },
  ];
}

function minified(weight: CodeWeight): string {
  return `${weight.bytes.toLocaleString('en-US')} B minified`;
}
