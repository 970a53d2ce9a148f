import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository (or image) root: the nearest folder above this file holding package.json.
 * Run from source (tsx) this is one level up; compiled into dist/ it is two.
 */
export function findRoot(start: string = import.meta.dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}
