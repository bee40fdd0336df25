import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory holding Pipewright's package.json, found by walking up from this file, so
 * paths work the same from `src/` (tsx, tests) and from `dist/src/` (npm start).
 */
function findRoot(): { root: string; version: string } {
  let dir = import.meta.dirname;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (parsed.name === 'pipewright') return { root: dir, version: parsed.version ?? '0.0.0' };
    }
    dir = dirname(dir);
  }
  return { root: process.cwd(), version: '0.0.0' };
}

const found = findRoot();
export const PROJECT_ROOT = found.root;
export const VERSION = found.version;
