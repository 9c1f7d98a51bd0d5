#!/usr/bin/env node
// Runs the bundled CLI (dist/main.js and the chunks it loads on demand, built by esbuild): starting through
// tsx, or resolving ~190 compiled modules, would cost more than the command itself.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('wsgi-conformance: dist/ is missing; run "npm run build" (npm ci does it) first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
