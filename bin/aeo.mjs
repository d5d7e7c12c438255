#!/usr/bin/env node
// The `aeo` command: runs the built CLI (out/main/cli.js, made by `npm run build`, which `npm install` runs too).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const cli = path.join(import.meta.dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('aeo: the app is not built yet. Run `npm run build` in the project folder first.');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
