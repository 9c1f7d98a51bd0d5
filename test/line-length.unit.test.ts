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

const CSS = 'a stylesheet in a template literal: one rule a line, and the text is hashed into the CSP';
const SUBSTITUTION = 'a template whose long part is one substitution (one expression), with no space to cut at';
const REGEX = 'a regular expression literal: no place to cut without rewriting it as new RegExp(...)';
const PYTHON_IN_TS = 'Python source inside a TypeScript string, kept as Python would read it';
const REPRO = 'reproduction scripts: docstrings quoting a rule and its URL, and server command lines; to wrap by hand';
const ROUTES = 'a `# routes:` comment, read as one line by suites/app/routes.test.ts';

/** Reviewed exceptions: the most long lines each file may keep, and why. */
const ALLOWED: Record<string, { lines: number; reason: string }> = {
  'cli/doctor-command.ts': { lines: 1, reason: SUBSTITUTION },
  'cli/gallery-command.ts': { lines: 3, reason: SUBSTITUTION },
  'cli/gallery.test.ts': { lines: 1, reason: SUBSTITUTION },
  'cli/options.ts': { lines: 1, reason: SUBSTITUTION },
  'harness/app-session.ts': { lines: 1, reason: SUBSTITUTION },
  'harness/fuzz/request-gen.ts': { lines: 2, reason: REGEX },
  'harness/server/presets.ts': { lines: 1, reason: PYTHON_IN_TS },
  'playground/page-html.ts': { lines: 2, reason: CSS },
  'reports/html-matrix.ts': { lines: 1, reason: SUBSTITUTION },
  'reports/html-script.ts': { lines: 1, reason: 'JavaScript inside a template: the page script' },
  'reports/html-style.ts': { lines: 13, reason: CSS },
  'reports/html.ts': { lines: 1, reason: SUBSTITUTION },
  'reports/junit.ts': { lines: 1, reason: SUBSTITUTION },
  'reports/markdown.test.ts': { lines: 10, reason: REGEX },
  'reports/matrix-table.ts': { lines: 1, reason: SUBSTITUTION },
  'reports/merge.test.ts': { lines: 1, reason: REGEX },
  'reports/merge.ts': { lines: 1, reason: SUBSTITUTION },
  'reports/registry.ts': { lines: 1, reason: SUBSTITUTION },
  'reports/text.ts': { lines: 1, reason: REGEX },
  'scripts/bench.ts': { lines: 2, reason: PYTHON_IN_TS },
  'scripts/compatibility-fuzz.ts': { lines: 1, reason: SUBSTITUTION },
  'spec/model/response.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/app/application.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/app/body.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/app/streams.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/app/unicode.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/call-trace-text.test.ts': { lines: 1, reason: REGEX },
  'suites/call-trace-text.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/fuzz/phase.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/fuzz/replay.test.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/middleware/trace-text.ts': { lines: 2, reason: SUBSTITUTION },
  'suites/server/session.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/server/start-response.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/server/timing.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/server/wire/connection.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/server/wire/conversation.ts': { lines: 1, reason: SUBSTITUTION },
  'suites/server/wire/malformed.ts': { lines: 1, reason: SUBSTITUTION },
  'fixtures/apps/routes/django_site.py': { lines: 1, reason: ROUTES },
  'fixtures/apps/routes/flask_site.py': { lines: 1, reason: ROUTES },
};

/** The reproduction scripts, together: the most long lines the folder may keep. */
const ALLOWED_FOLDERS: Record<string, { lines: number; reason: string }> = {
  'docs/findings/repro/': { lines: 237, reason: REPRO },
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
  const out: string[] = [];
  const perFolder = new Map<string, string[]>();
  for (const [file, lines] of found) {
    const folder = Object.keys(ALLOWED_FOLDERS).find((f) => file.startsWith(f));
    if (folder) perFolder.set(folder, [...(perFolder.get(folder) ?? []), ...lines]);
    else if (lines.length > (ALLOWED[file]?.lines ?? 0)) out.push(...lines);
  }
  for (const [folder, lines] of perFolder) if (lines.length > (ALLOWED_FOLDERS[folder]?.lines ?? 0)) out.push(...lines);
  return out;
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
    const found = longLines(['made/up.ts', 'reports/html-style.ts'], () => text);
    expect(found.get('made/up.ts')).toEqual(['made/up.ts:2 (121 columns)']);
    expect(overLimit(found)).toEqual(['made/up.ts:2 (121 columns)']);
  });
});
