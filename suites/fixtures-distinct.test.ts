/**
 * No two fixtures are the same program: a pair that differs only in the comments that
 * declare their rules cannot show that each rule is caught on its own (each would be
 * "flagged with exactly its rule" by the other's defect). Comments, docstrings and blank
 * lines are ignored, so a copy with a new docstring is still a copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';

const FOLDERS = [
  ['apps', 'broken'],
  ['apps', 'clean'],
  ['apps', 'hostile'],
  ['servers', 'broken'],
] as const;

/** The program without comments, docstrings, blank lines or trailing spaces. */
function programOf(source: string): string {
  return source
    .replace(/("""|''')[\s\S]*?\1/g, '')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n');
}

describe('no two fixtures are the same program', () => {
  it('programOf ignores comments, docstrings and blank lines, nothing else', () => {
    const a = '# expect-fail: a\n"""Doc."""\nimport x\n\nx.run()  # why\n';
    const b = '# expect-fail: b\n# also-fail: a\n"""Other doc,\nover two lines."""\nimport x\nx.run()\n';
    expect(programOf(a)).toBe(programOf(b));
    expect(programOf(a)).not.toBe(programOf('import x\nx.run(1)\n'));
  });

  for (const parts of FOLDERS) {
    it(`fixtures/${parts.join('/')}`, () => {
      const dir = fromRoot('fixtures', ...parts);
      const byProgram = new Map<string, string[]>();
      for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.py'))
        .sort()) {
        const program = programOf(readFileSync(join(dir, file), 'utf8'));
        byProgram.set(program, [...(byProgram.get(program) ?? []), file]);
      }
      expect([...byProgram.values()].filter((files) => files.length > 1)).toEqual([]);
    });
  }
});
