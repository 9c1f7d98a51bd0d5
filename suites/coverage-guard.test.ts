/**
 * Coverage cannot shrink unnoticed: a MUST rule without a case fails unless its record says why
 * (`untested`, reviewed), and the suite's (case, rule) rows must equal
 * suites/rows.txt, so deleting a case (with its fixture) or a rule of a case fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { rules } from '../spec/catalog/index.js';
import { coverage } from './coverage.js';
import { currentRows } from './rows.js';

const ROWS_FILE = fromRoot('suites', 'rows.txt');

/** The rows the suite judges now, as rows.txt writes them. */
const listedRows = () =>
  readFileSync(ROWS_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));

describe('coverage cannot shrink', () => {
  it('every MUST rule has a case, or a reviewed reason in its record (untested)', () => {
    const uncovered = coverage().filter((c) => c.rule.level === 'MUST' && !c.cases.length && !c.rule.untested);
    expect(uncovered.map((c) => c.rule.id)).toEqual([]);
  });

  it('a rule that says why it is untested still has no case, and says it in a sentence', () => {
    for (const c of coverage().filter((x) => x.rule.untested)) {
      expect(c.cases, `${c.rule.id} has a case now: drop its untested reason`).toEqual([]);
      expect(c.rule.untested?.length, `${c.rule.id}: give the reason`).toBeGreaterThan(30);
    }
  });

  it('`rules` gives every MUST rule without a case its reviewed reason', () => {
    const untested = coverage().filter((x) => x.rule.level === 'MUST' && !x.cases.length);
    for (const c of untested) expect(c.gap).toBe(c.rule.untested);
    expect(rules.filter((r) => r.level === 'MUST').length).toBeGreaterThan(untested.length);
  });

  it('no row has disappeared since suites/rows.txt was written', () => {
    const now = new Set(currentRows());
    const gone = listedRows().filter((row) => !now.has(row));
    expect(gone, 'rows no longer judged: restore the case, or remove the lines deliberately').toEqual([]);
  });

  it('every row is listed in suites/rows.txt', () => {
    const listed = new Set(listedRows());
    const unlisted = currentRows().filter((row) => !listed.has(row));
    expect(unlisted, 'new rows: add these lines to suites/rows.txt').toEqual([]);
  });

  it('rows.txt lists each row once', () => {
    const rows = listedRows();
    expect(rows.filter((row, i) => rows.indexOf(row) !== i)).toEqual([]);
  });
});
