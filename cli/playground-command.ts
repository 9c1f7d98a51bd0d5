/**
 * `wsgi-conformance playground [--port N]`: builds the playground page (from sources, or
 * takes dist/playground-site from `npm run build:playground`) and serves it on 127.0.0.1.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPlayground, SITE_DIR, SITE_FILES, type Built } from '../playground/build.js';
import { servePlayground } from '../playground/serve.js';
import { UsageError } from './usage.js';

export const DEFAULT_PLAYGROUND_PORT = 8357;

export async function playgroundCommand(argv: string[]): Promise<number> {
  let port = DEFAULT_PLAYGROUND_PORT;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { port: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length) throw new Error(`playground takes no arguments (got ${positionals.join(' ')})`);
    if (values.port !== undefined) port = Number(values.port);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port takes a port number (0 for any free one), got "${port}"`);
  // From sources the page is built afresh; an installed package serves what build:playground wrote.
  const prebuilt = existsSync(join(SITE_DIR, 'index.html')) && !import.meta.url.endsWith('.ts');
  let built: Built;
  try {
    built = prebuilt
      ? { dir: SITE_DIR, files: SITE_FILES, bytes: 0 }
      : await buildPlayground(mkdtempSync(join(tmpdir(), 'wsgi-conformance-playground-')));
  } catch (e) {
    process.stderr.write(
      `wsgi-conformance: cannot build the playground: ${(e as Error).message.split('\n')[0]}\n(it needs the ` +
        `optional dependency pyodide and the dev dependency esbuild: npm install)\n`,
    );
    return 3;
  }
  try {
    const serving = await servePlayground(built.dir, built.files, port);
    process.stdout.write(`wsgi-conformance playground: ${serving.url}  (Ctrl-C stops it)\n`);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${port} is in use; pass --port N (0 for any free port)` : err.message;
    process.stderr.write(`wsgi-conformance: cannot serve the playground: ${why}\n`);
    return 3;
  }
  return new Promise<number>(() => undefined); // serves until interrupted (Ctrl-C)
}
