/**
 * Proof that every middleware check can fail: each broken fixture middleware is flagged with
 * exactly its rule, and the correct ones produce no finding, by running the real runner.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { compare, parseExpectation } from '../app/expectations.js';
import { certifyMiddleware } from './certify.js';
import { towardsApplicationCases } from './towards-application.js';

const dir = (kind: string) => fromRoot('fixtures', 'middleware', kind);
const files = (kind: string) =>
  readdirSync(dir(kind))
    .filter((f) => f.endsWith('.py'))
    .sort();

async function check(kind: string, file: string) {
  const path = join(dir(kind), file);
  const expectation = parseExpectation(readFileSync(path, 'utf8'));
  const report = await certifyMiddleware({ target: `${path}:middleware`, cwd: dir(kind), timeoutMs: 5000 });
  return { expectation, report, problems: compare(expectation, report) };
}

describe.concurrent('broken fixture middleware is flagged with exactly its rule', () => {
  for (const file of files('broken')) {
    it(file, async () => {
      const { expectation, problems, report } = await check('broken', file);
      expect([...expectation.fail, ...expectation.warn]).toContain(file.replace(/\.py$/, ''));
      expect(problems).toEqual([]);
      // Each finding points at the line of the middleware that produced it.
      for (const r of report.results.filter((x) => x.outcome === 'fail')) expect(r.location?.file, r.rule).toBe(file);
    }, 60_000);
  }
});

describe.concurrent('correct middleware produces no finding', () => {
  for (const file of files('clean')) {
    it(file, async () => {
      const { report, problems } = await check('clean', file);
      expect(problems).toEqual([]);
      expect(report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error')).toEqual([]);
    }, 60_000);
  }
});

describe('every rule judged towards the application has a broken fixture', () => {
  const fixtures = new Set(files('broken').map((f) => f.replace(/\.py$/, '')));
  for (const rule of towardsApplicationCases.flatMap((c) => c.rules)) {
    it(rule, () => expect(fixtures.has(rule)).toBe(true));
  }
});

describe('a factory that cannot build the middleware is a load error, not a finding', () => {
  it('names the factory and its exception', async () => {
    const report = await certifyMiddleware({
      target: `${join(dir('broken'), 'env-cgi-str.py')}:middleware`,
      cwd: dir('broken'),
      timeoutMs: 5000,
      args: { bogus: 1 },
    });
    expect(report.target.error).toMatch(/calling the factory middleware\(app, bogus=1\) raised TypeError/);
    expect(report.results.every((r) => r.outcome === 'error')).toBe(true);
  }, 60_000);
});
