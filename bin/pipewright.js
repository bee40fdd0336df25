#!/usr/bin/env node
// The installed `pipewright` command: runs the compiled CLI (built by `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'pipewright is not built yet: run `npm run build` in the project directory.\n',
  );
  process.exit(1);
}
await import(entry.href);
