import type { Scalar } from '../cursor.js';

/**
 * Every scalar a dotted path reaches in a document, stepping into arrays at each level the way
 * MongoDB does (`nodes.id` over an array of nodes yields each node's id), so that both adapters
 * agree on what a filter matches.
 */
export function collectPathValues(doc: unknown, path: string): Scalar[] {
  let frontier: unknown[] = [doc];
  for (const step of path.split('.')) {
    const next: unknown[] = [];
    for (const node of frontier) {
      for (const item of Array.isArray(node) ? node : [node]) {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          const value = (item as Record<string, unknown>)[step];
          if (value !== undefined) next.push(value);
        }
      }
    }
    frontier = next;
  }
  const out: Scalar[] = [];
  for (const value of frontier) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' || typeof item === 'boolean') out.push(item);
      else if (typeof item === 'number' && Number.isFinite(item)) out.push(item);
    }
  }
  return out;
}

/**
 * Encodes a scalar with its type, so `1`, `"1"` and `true` stay distinct as they are in MongoDB.
 * Numbers go through `String`, which prints 1 and 1.0 alike.
 */
export function encodeTerm(value: Scalar): string {
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number') return `n:${String(value)}`;
  return `b:${String(value)}`;
}
