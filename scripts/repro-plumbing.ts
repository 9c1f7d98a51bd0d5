/**
 * The reproduction scripts in docs/findings/repro/ are standalone (one file, stdlib and the
 * server under test), so each carries the same plumbing: a free port, the server process, raw
 * HTTP, the application's event log. That block lives once, in docs/findings/repro-plumbing.txt;
 * each script holds a copy from its `# -- plumbing` line to its `if __name__` line, checked by
 * docs/findings/repro-plumbing.unit.test.ts (scripts over TLS: repro-plumbing-tls.txt) and rewritten by
 * `npm run repro:sync`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fromRoot } from '../harness/paths.js';

const MARKER = '# -- plumbing';
const TAIL = "\n\nif __name__ == '__main__':";

/** Scripts over TLS carry a second block (a throwaway certificate, raw HTTPS), chosen by its first line. */
const TLS_MARKER = '# -- plumbing: a free port, a throwaway certificate';

export const sharedPlumbing = (tls = false): string =>
  readFileSync(fromRoot('docs', 'findings', tls ? 'repro-plumbing-tls.txt' : 'repro-plumbing.txt'), 'utf8');

/** The repro scripts that carry the plumbing (a few call an application in-process and need none). */
export function plumbedScripts(): string[] {
  const dir = fromRoot('docs', 'findings', 'repro');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py') && readFileSync(`${dir}/${f}`, 'utf8').includes(MARKER))
    .map((f) => `${dir}/${f}`);
}

/** The script with its plumbing replaced by the shared block. */
export function withSharedPlumbing(source: string, shared?: string): string {
  const start = source.indexOf(MARKER);
  const block = shared ?? sharedPlumbing(source.startsWith(TLS_MARKER, start));
  const end = source.indexOf(TAIL, start);
  if (start < 0 || end < 0) throw new Error(`no "${MARKER}" ... "if __name__" block`);
  return source.slice(0, start) + block + source.slice(end + 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let changed = 0;
  for (const file of plumbedScripts()) {
    const before = readFileSync(file, 'utf8');
    const after = withSharedPlumbing(before);
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
    }
  }
  console.log(`${changed} reproduction script(s) rewritten with docs/findings/repro-plumbing.txt`);
}
