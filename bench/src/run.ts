/**
 * npm run bench: runs each measurement in turn, prints one table of their figures (and the
 * widget beside its peers) and writes them to bench/results/latest.json. Add a measurement
 * by adding it to MEASUREMENTS.
 */
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchoringAccuracy } from './anchoring/measurement.ts';
import { assetWeight } from './asset-weight.ts';
import { formatComparison } from './comparison.ts';
import type { Figure, Measurement } from './figure.ts';
import { inboxLatency } from './inbox-latency.ts';
import {
  ingestThroughput,
  ingestThroughputPostgres,
  ingestThroughputTwoInstances,
} from './ingest-throughput.ts';
import { peerWeight } from './peer-weight.ts';
import { proofreaderAccuracy } from './proofreader/measurement.ts';
import { realPages } from './real-pages.ts';
import { writeResults } from './results-file.ts';
import { readSettings } from './settings.ts';
import { formatTable } from './table.ts';
import { widgetStartup } from './widget-startup.ts';
import { writePath } from './write-path.ts';

const MEASUREMENTS: Measurement[] = [
  assetWeight,
  peerWeight,
  widgetStartup,
  ingestThroughput,
  ingestThroughputPostgres,
  ingestThroughputTwoInstances,
  writePath,
  anchoringAccuracy,
  realPages,
  inboxLatency,
  proofreaderAccuracy,
];

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const resultsFile = join(repoRoot, 'bench/results/latest.json');
const settings = readSettings();
const log = (message: string) => process.stderr.write(`${message}\n`);

const figures: Figure[] = [];
const failures: { measurement: string; error: string }[] = [];
// BENCH_ONLY="inbox latency" runs the measurements whose title contains it, e.g. one at full scale.
const only = process.env.BENCH_ONLY?.toLowerCase();
for (const measurement of MEASUREMENTS.filter((m) => !only || m.title.toLowerCase().includes(only))) {
  log(`— ${measurement.title}`);
  try {
    figures.push(...(await measurement.run({ repoRoot, ...settings, log })));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${measurement.title} failed: ${message}`);
    failures.push({ measurement: measurement.title, error: message });
  }
}

const comparison = formatComparison(figures);
process.stdout.write(`\n${formatTable(figures)}\n\n${comparison ? `${comparison}\n\n` : ''}`);
writeResults(resultsFile, figures, failures);
log(`written to ${relative(process.cwd(), resultsFile) || resultsFile}`);
if (failures.length) {
  log(`failed: ${failures.map((f) => f.measurement).join(', ')}`);
  process.exitCode = 1;
}
