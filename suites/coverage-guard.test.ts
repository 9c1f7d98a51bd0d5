/**
 * Coverage cannot shrink unnoticed: a MUST rule without a case fails unless it is in the
 * reviewed list (suites/untested-must.ts), and the suite's (case, rule) rows must equal
 * suites/rows.txt, so deleting a case (with its fixture) or a rule of a case fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { rules } from '../spec/catalog/index.js';
import { coverage } from './coverage.js';
import { currentRows } from './rows.js';
import { UNTESTED_MUST } from './untested-must.js';

const ROWS_FILE = fromRoot('suites', 'rows.txt');

/** The rows the suite judges now, as rows.txt writes them. */
const listedRows = () =>
  readFileSync(ROWS_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));

describe('coverage cannot shrink', () => {
  it('every MUST rule has a case, or a reviewed reason in suites/untested-must.ts', () => {
    const uncovered = coverage()
      .filter((c) => c.rule.level === 'MUST' && !c.cases.length)
      .map((c) => c.rule.id);
    expect(uncovered.filter((id) => !UNTESTED_MUST[id])).toEqual([]);
  });

  it('every entry of suites/untested-must.ts is a MUST rule that still has no case, with a reason', () => {
    const byId = new Map(coverage().map((c) => [c.rule.id, c]));
    for (const [id, reason] of Object.entries(UNTESTED_MUST)) {
      const c = byId.get(id);
      expect(c?.rule.level, `${id}: not a MUST rule of the catalog`).toBe('MUST');
      expect(c?.cases, `${id} has a case now: drop its entry`).toEqual([]);
      expect(reason.length, `${id}: give the reason`).toBeGreaterThan(30);
    }
  });

  it('`rules` gives every MUST rule without a case its reviewed reason', () => {
    for (const c of coverage().filter((x) => x.rule.level === 'MUST' && !x.cases.length)) expect(c.gap).toBeTruthy();
    expect(rules.filter((r) => r.level === 'MUST').length).toBeGreaterThan(Object.keys(UNTESTED_MUST).length);
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
