const NUL = '\u0000';

/**
 * Whether a parsed value holds a NUL character (U+0000) in any string or object key. No text
 * Errata keeps may hold one, and PostgreSQL refuses it in a text value. Walks with its own
 * stack: a request body may nest thousands deep.
 */
export function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes(NUL)) return true;
    } else if (Array.isArray(item)) {
      for (const child of item) pending.push(child);
    } else if (item !== null && typeof item === 'object') {
      for (const key in item) {
        if (key.includes(NUL)) return true;
        pending.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/**
 * Where in a parsed value the first NUL is (in a string or an object's key), as a.b[0]; ''
 * the value itself; null nowhere. The names are made only for a value that holds one
 * (holdsNul first): every request is looked at, and almost none holds one.
 */
export function nulIn(value: unknown, where: string): string | null {
  if (!holdsNul(value)) return null;
  const pending: [unknown, string][] = [[value, where]];
  while (pending.length > 0) {
    const [item, at] = pending.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (item.includes(NUL)) return at;
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index--) pending.push([item[index], `${at}[${index}]`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      if (entries.some(([key]) => key.includes(NUL))) return at;
      for (const [key, child] of entries.reverse()) pending.push([child, at ? `${at}.${key}` : key]);
    }
  }
  return null;
}
