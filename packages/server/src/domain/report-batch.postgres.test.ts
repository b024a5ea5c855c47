import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../base/ids.ts';
import { openStore } from '../store/open-store.ts';
import { demoReport, openTestStore } from '../testing/test-app.ts';
import { ReportIngest } from './report-ingest.ts';

// Several instances share one database only on PostgreSQL (SQLite serves one instance), so
// this file runs in the 'postgres' test project only (vitest.config.ts).
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const sender = { ip: '192.0.2.1', origin: undefined, requestOrigin: 'http://localhost' };

/** Three ingests, as three instances would have, on one fresh PostgreSQL database. */
async function threeInstances() {
  const t = await openTestStore();
  const stores = [t.store, openStore(t.url), openStore(t.url)];
  cleanup = async () => {
    await Promise.all(stores.map((s) => s.close()));
    await t.drop();
  };
  return { t, instances: stores.map((store) => new ReportIngest(store, 'ip-key')) };
}

describe('reports sent to several instances', () => {
  it('makes one erratum of a spot three instances are sent at the same moment, counting every report once', async () => {
    const { t, instances } = await threeInstances();
    for (let round = 0; round < 5; round++) {
      const quote = { exact: `Roterdam${round}`, prefix: 'engineers from ', suffix: ' will inspect the' };
      const receipts = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          (instances[n % 3] as ReportIngest).ingest(demoReport({ quote, clientId: newId() }), sender),
        ),
      );
      expect(new Set(receipts.map((r) => r.receipt.erratum.id)).size).toBe(1);
      expect(receipts.map((r) => r.receipt.erratum.reports).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 30 }, (_, n) => n + 1),
      );
    }
    await Promise.all(instances.map((i) => i.drained()));
    const errata = await t.store.db
      .selectFrom('errata')
      .select(['report_count'])
      .where('quote_exact', 'like', 'Roterdam%')
      .execute();
    expect(errata.map((e) => Number(e.report_count))).toEqual([30, 30, 30, 30, 30]);
  });

  it('groups different selections of one mistake sent to three instances at the same moment', async () => {
    const { t, instances } = await threeInstances();
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      const word = `Roterdam${round}`;
      // "Roterdam", "from Roterdam" and "Roterdam will": three readers, one mistake.
      const selections = [
        { quote: { exact: word, prefix: 'engineers from ', suffix: ' will inspect the' }, start: 120 },
        { quote: { exact: `from ${word}`, prefix: 'engineers ', suffix: ' will inspect the' }, start: 115 },
        { quote: { exact: `${word} will`, prefix: 'engineers from ', suffix: ' inspect the' }, start: 120 },
      ];
      const receipts = await Promise.all(
        selections.map(({ quote, start }, n) =>
          (instances[n] as ReportIngest).ingest(
            demoReport({ quote, position: { start, end: start + quote.exact.length }, clientId: newId() }),
            sender,
          ),
        ),
      );
      expect(new Set(receipts.map((r) => r.receipt.erratum.id)).size, `round ${round}`).toBe(1);
      expect(receipts.map((r) => r.receipt.erratum.reports).sort()).toEqual([1, 2, 3]);
    }
    await Promise.all(instances.map((i) => i.drained()));
    const errata = await t.store.db.selectFrom('errata').select(['report_count']).execute();
    expect(errata.map((e) => Number(e.report_count))).toEqual(Array.from({ length: rounds }, () => 3));
  });
});
