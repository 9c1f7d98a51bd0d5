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
const files = (kind: string) => readdirSync(dir(kind)).filter((f) => f.endsWith('.py')).sort();

async function check(kind: string, file: string) {
  const path = join(dir(kind), file);
  const expectation = parseExpectation(readFileSync(path, 'utf8'));
  const report = await certifyApp({ target: path, cwd: dir(kind), timeoutMs: 2000 });
  return { expectation, report, problems: compare(expectation, report) };
}

describe.concurrent('broken fixtures are flagged with exactly their rule', () => {
  for (const file of files('broken')) {
    it(file, async () => {
      const { expectation, problems } = await check('broken', file);
      const rule = file.replace(/\.py$/, '');
      expect([...expectation.fail, ...expectation.warn]).toContain(rule);
      expect(problems).toEqual([]);
    });
  }
});

describe.concurrent('clean applications produce no finding', () => {
  for (const file of files('clean')) {
    it(file, async () => {
      const { report, problems } = await check('clean', file);
      expect(problems).toEqual([]);
      expect(report.results.filter((r) => r.outcome === 'fail')).toEqual([]);
    });
  }
});

describe.concurrent('hostile targets end in a clear error or finding, and the report is complete', () => {
  for (const file of files('hostile')) {
    it(file, async () => {
      const { report, problems } = await check('hostile', file);
      expect(problems).toEqual([]);
      const expectedRows = appCases.reduce((n, c) => n + c.rules.length, 0);
      expect(report.results).toHaveLength(expectedRows);
      for (const r of report.results.filter((r) => r.outcome === 'error')) expect(r.message).toMatch(/could not test: .{10,}/);
    }, 30_000);
  }
});

describe('every application-side rule the suite checks has a broken fixture', () => {
  const fixtures = new Set(files('broken').map((f) => f.replace(/\.py$/, '')));
  const implied = impliedOnly();
  for (const c of appCases) {
    for (const rule of c.rules) {
      it(`${rule} (${requireRule(rule).level})`, () => {
        expect(fixtures.has(rule) || implied.has(rule) || rule === 'status-code-only').toBe(true);
      });
    }
  }
});
