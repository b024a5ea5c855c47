import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new id: 10 characters of millisecond time then 16 random ones (Crockford base32,
 * like a ULID in lower case). Ids sort by creation time, which keeps B-tree inserts local
 * and makes them usable as tie-breakers in cursors.
 */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let tail = '';
  for (const byte of random) tail += CROCKFORD[byte % 32];
  return time + tail;
}
