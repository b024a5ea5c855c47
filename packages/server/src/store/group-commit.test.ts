import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('commits everything submitted in one event-loop turn as one batch', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      return items.map((i) => i * 10);
    });
    const results = await Promise.all([1, 2, 3].map((i) => group.submit(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('collects what arrives during a commit into the next batch, without waiting for a timer', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return items;
    });
    const first = group.submit(1);
    await new Promise((r) => setImmediate(r));
    const later = [group.submit(2), group.submit(3)];
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('answers nobody before their batch has committed', async () => {
    let committed = false;
    const group = new GroupCommit<number, number>(async (items) => {
      await new Promise((r) => setTimeout(r, 20));
      committed = true;
      return items;
    });
    await group.submit(1);
    expect(committed).toBe(true);
  });

  it('fails only the item that cannot be committed when a batch fails', async () => {
    const group = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('unlucky');
      return items;
    });
    const settled = await Promise.allSettled([12, 13, 14].map((i) => group.submit(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('caps the batch size', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((i) => group.submit(i)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('refuses new items at once while its queue is full', async () => {
    const group = new GroupCommit<number, number>(async (items) => items, 10, 2);
    const accepted = [group.submit(1), group.submit(2)];
    await expect(group.submit(3)).rejects.toThrow('the write queue is full');
    expect(await Promise.all(accepted)).toEqual([1, 2]);
  });

  it('reports drained once every accepted item is committed', async () => {
    const done: number[] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      await new Promise((r) => setTimeout(r, 10));
      done.push(...items);
      return items;
    });
    void group.submit(1);
    void group.submit(2);
    await group.drained();
    expect(done).toEqual([1, 2]);
  });
});
