/**
 * Proof that every check can fail: each broken fixture is flagged with exactly its rule,
 * the clean apps produce no finding, and hostile targets end in a clear error, all by
 * running the real runner on real Python.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { requireRule } from '../../spec/catalog/index.js';
import { impliedOnly } from '../../spec/implied.js';
import { certifyApp } from './certify.js';
import { compare, parseExpectation } from './expectations.js';
import { appCases } from './index.js';

const dir = (kind: string) => fromRoot('fixtures', 'apps', kind);
/** `<rule>.py`, or `<rule>--<variant>.py` for another way of breaking the same rule. */
const ruleOf = (file: string) => file.replace(/(--[a-z0-9-]+)?\.py$/, '');
const files = (kind: string) =>
  readdirSync(dir(kind))
    .filter((f) => f.endsWith('.py'))
    .sort();

/** Rows failed by some broken app, rows passed by some clean app, and which apps ran. */
const caughtRows = new Set<string>();
const cleanPassedRows = new Set<string>();
const brokenRun = new Set<string>();
const cleanRun = new Set<string>();

async function check(kind: string, file: string) {
  const path = join(dir(kind), file);
  const expectation = parseExpectation(readFileSync(path, 'utf8'));
  const report = await certifyApp({ target: path, cwd: dir(kind), timeoutMs: 2000 });
  return { expectation, report, problems: compare(expectation, report) };
}

describe.concurrent('broken fixtures are flagged with exactly their rule', () => {
  for (const file of files('broken')) {
    it(file, async () => {
      const { expectation, report, problems } = await check('broken', file);
      for (const r of report.results) if (r.outcome === 'fail') caughtRows.add(`${r.case} ${r.rule}`);
      brokenRun.add(file);
      const rule = ruleOf(file);
      expect([...expectation.fail, ...expectation.warn]).toContain(rule);
      expect(problems).toEqual([]);
      // Every finding points at the fixture's own line.
      for (const r of report.results.filter((x) => x.outcome === 'fail')) expect(r.location?.file, r.rule).toBe(file);
    });
  }
});

describe.concurrent('clean applications produce no finding', () => {
  for (const file of files('clean')) {
    it(file, async () => {
      const { expectation, report, problems } = await check('clean', file);
      expect(problems).toEqual([]);
      // A clean app may declare a warning it cannot avoid (write() is legal but discouraged).
      expect(expectation.fail).toEqual([]);
      expect(report.results.filter((r) => r.outcome === 'fail' && !expectation.warn.includes(r.rule))).toEqual([]);
      for (const r of report.results) if (r.outcome === 'pass') cleanPassedRows.add(`${r.case} ${r.rule}`);
      cleanRun.add(file);
    });
  }
});

/**
 * Rows, not rules: every (case, rule) row fails on some broken app and passes on some clean
 * one, so no row can be made always-pass, or always-fail, unnoticed. Gathered from the runs above.
 */
describe('every (case, rule) row fails on a broken app and passes on a clean one', () => {
  const rows = appCases.flatMap((c) => c.rules.map((rule) => `${c.id} ${rule}`));
  it('fails on at least one broken app', (ctx) => {
    if (brokenRun.size < files('broken').length) ctx.skip('a filtered run: not every broken app ran');
    expect(rows.filter((row) => !caughtRows.has(row))).toEqual([]);
  });
  it('passes on at least one clean app', (ctx) => {
    if (cleanRun.size < files('clean').length) ctx.skip('a filtered run: not every clean app ran');
    expect(rows.filter((row) => !cleanPassedRows.has(row))).toEqual([]);
  });
});

describe.concurrent('hostile targets end in a clear error or finding, and the report is complete', () => {
  for (const file of files('hostile')) {
    it(file, async () => {
      const { report, problems } = await check('hostile', file);
      expect(problems).toEqual([]);
      const expectedRows = appCases.reduce((n, c) => n + c.rules.length, 0);
      expect(report.results).toHaveLength(expectedRows);
      for (const r of report.results.filter((r) => r.outcome === 'error'))
        expect(r.message).toMatch(/could not test: .{10,}/);
    }, 30_000);
  }
});

describe('every application-side rule the suite checks has a broken fixture', () => {
  const fixtures = new Set(files('broken').map(ruleOf));
  const implied = impliedOnly();
  for (const c of appCases) {
    for (const rule of c.rules) {
      it(`${rule} (${requireRule(rule).level})`, () => {
        expect(fixtures.has(rule) || implied.has(rule)).toBe(true);
      });
    }
  }
});
