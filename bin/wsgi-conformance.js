#!/usr/bin/env node
// Runs the bundled CLI (dist/main.js and the chunks it loads on demand, built by esbuild): starting through
// tsx, or resolving ~190 compiled modules, would cost more than the command itself.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  // Scripts ask for the version to decide what to run: answered from package.json, without the ESM
  // loader reading the bundle (the same text main() prints, from the same file).
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const entry = new URL('../dist/main.js', import.meta.url);
  let main;
  try {
    ({ main } = await import(entry.href));
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(entry.pathname)) throw e;
    process.stderr.write('wsgi-conformance: dist/ is missing; run "npm run build" (npm ci does it) first\n');
    process.exit(2);
  }
  process.exitCode = await main(argv);
}
