/**
 * Run in a fresh Node process by speed.ts, so a load is a first load and RSS counts only what
 * the engine adds: `probe.ts load <lang>` or `probe.ts memory <lang> <text file>`. Prints one
 * JSON line: import and dictionary-load times (ms) and, for `memory`, RSS before and after (bytes).
 */
import { readFileSync } from 'node:fs';

const [mode, lang = 'en', textFile] = process.argv.slice(2);
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
collect();
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const engine = await import('@errata/proofreader');
const imported = performance.now();
await engine.loadDictionary(lang);
const loaded = performance.now();
let rssAfter = rssBefore;
if (mode === 'memory' && textFile) {
  const text = readFileSync(textFile, 'utf8');
  for (let i = 0; i < 5; i++) await engine.check(text, { lang });
  collect();
  rssAfter = process.memoryUsage().rss;
}
process.stdout.write(
  `${JSON.stringify({ importMs: imported - started, loadMs: loaded - imported, rssBefore, rssAfter })}\n`,
);
