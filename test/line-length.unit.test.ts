/**
 * Source lines stay within 120 columns (the project's guide; Biome formats TypeScript at that
 * width, and scripts/wrap-long-lines.ts splits the string literals Biome cannot). Checked: the
 * TypeScript, JavaScript modules and Python under the repository (not node_modules, dist or
 * dot-folders). Not checked: JSON (generated reports, schemas and pins are written by scripts,
 * one value a line) and Markdown (prose and tables, where a break would change the rendering).
 *
 * A file over the limit fails, listing file:line, unless ALLOWED names it with a reason and at
 * most as many long lines as it has now: the list only shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';

const MAX = 120;
const CHECKED = /\.(ts|mts|mjs|js|py)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '__pycache__', 'out', 'reports-out', 'test-artifacts']);

const ROUTES = 'a `# routes:` comment, read as one line by suites/app/routes.test.ts';

/** Reviewed exceptions: the most long lines each file may keep, and why. */
const ALLOWED: Record<string, { lines: number; reason: string }> = {
  'fixtures/apps/routes/django_site.py': { lines: 1, reason: ROUTES },
  'fixtures/apps/routes/flask_site.py': { lines: 1, reason: ROUTES },
};

/** Columns of a line: code points, as an editor shows them. */
const columns = (line: string): number => [...line].length;

/** Every checked source file, as a path from the repository's root. */
function sources(dir = fromRoot(), prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...sources(`${dir}/${entry.name}`, `${rel}/`));
    else if (entry.isFile() && CHECKED.test(entry.name)) out.push(rel);
  }
  return out;
}

/** file -> its long lines, as `file:line (N columns)`. */
function longLines(files: string[], read: (file: string) => string, max = MAX): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    const long = read(file)
      .split('\n')
      .flatMap((line, i) => (columns(line) > max ? [`${file}:${i + 1} (${columns(line)} columns)`] : []));
    if (long.length) found.set(file, long);
  }
  return found;
}

/** What breaks the limit beyond the reviewed allowances. */
function overLimit(found: Map<string, string[]>): string[] {
  return [...found].flatMap(([file, lines]) => (lines.length > (ALLOWED[file]?.lines ?? 0) ? lines : []));
}

describe('source lines within 120 columns', () => {
  const files = sources();
  const found = longLines(files, (f) => readFileSync(fromRoot(f), 'utf8'));

  it('reads the TypeScript and the Python', () => {
    expect(files).toContain('cli/main.ts');
    expect(files).toContain('harness/python/runner.py');
    expect(files.some((f) => f.startsWith('node_modules/') || f.startsWith('dist/'))).toBe(false);
  });

  it('no file has more long lines than its reviewed allowance (run npx tsx scripts/wrap-long-lines.ts)', () => {
    expect(overLimit(found)).toEqual([]);
  });

  it('every allowance is still needed (remove or lower the ones that are not)', () => {
    const stale = Object.entries(ALLOWED)
      .filter(([file, a]) => (found.get(file)?.length ?? 0) < a.lines)
      .map(([file, a]) => `${file}: allowed ${a.lines}, has ${found.get(file)?.length ?? 0}`);
    expect(stale).toEqual([]);
  });
});

describe('the line check can fail', () => {
  it('lists a long line by file:line, and lets an allowed one through', () => {
    const text = `short\n${'x'.repeat(121)}\n${'é'.repeat(120)}\n`;
    const found = longLines(['made/up.ts', 'fixtures/apps/routes/flask_site.py'], () => text);
    expect(found.get('made/up.ts')).toEqual(['made/up.ts:2 (121 columns)']);
    expect(overLimit(found)).toEqual(['made/up.ts:2 (121 columns)']);
  });
});
