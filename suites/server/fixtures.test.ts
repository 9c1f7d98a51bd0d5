/**
 * Proof that every server check can fail: a careful server built on the stdlib wsgiref
 * classes (fixtures/servers/clean_server.py) passes every server case, and each server in
 * fixtures/servers/broken/<rule-id>.py, which breaks exactly that rule, is flagged with it
 * and with nothing else. Real Python servers, real HTTP, no mocks.
 *
 * A fixture declares in its leading comments `# expect-fail: RULE` (MUST), `# expect-warn:
 * RULE` (SHOULD) or `# expect-note: RULE` (MAY: judged, never counted), and `also-fail`,
 * `also-warn`, `also-note` for rules that breaking the first one inevitably breaks too.
 * `<rule-id>--<variant>.py` breaks the same rule another way; `# serve: tls` certifies the
 * fixture over TLS (--tls: it gets CERT KEY after its usual arguments).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import type { Report } from '../../reports/result.js';
import { requireRule } from '../../spec/catalog/index.js';
import type { Level } from '../../spec/rule.js';
import { certifyServer } from './certify.js';
import { serverCases } from './index.js';

const SERVERS = fromRoot('fixtures', 'servers');
const BROKEN = join(SERVERS, 'broken');
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const LEVELS: Record<string, Level> = { fail: 'MUST', warn: 'SHOULD', note: 'MAY' };
const TIMEOUT_MS = 90_000; // a certification takes seconds; tests queue behind maxConcurrency

const brokenFiles = readdirSync(BROKEN)
  .filter((f) => f.endsWith('.py'))
  .sort();
/** Every (case, rule) row some broken server failed, and which servers ran, in this run. */
const caughtRows = new Set<string>();
const certified = new Set<string>();
const serverRules = [...new Set(serverCases.flatMap((c) => c.rules))];

/** `<rule>.py`, or `<rule>--<variant>.py` for another way of breaking the same rule. */
const ruleOf = (file: string) => file.replace(/(--[a-z0-9-]+)?\.py$/, '');

/** The rules a fixture declares broken (its leading comment lines), with their levels. */
function declared(source: string): Map<string, Level> {
  const out = new Map<string, Level>();
  for (const line of source.split('\n')) {
    if (!line.startsWith('#')) break;
    const m = /^#\s*(?:expect|also)-(fail|warn|note):\s*(\S+)/.exec(line);
    if (m) out.set(m[2] as string, LEVELS[m[1] as string] as Level);
  }
  return out;
}

function certify(script: string, tls = false): Promise<Report> {
  if (script.includes("'")) throw new Error(`cannot quote ${script} in a --cmd template`);
  const template = `{python} '${script}' {host} {port} {app}${tls ? ' {cert} {key}' : ''}`;
  return certifyServer({
    target: { kind: 'cmd', template },
    python: PYTHON,
    timeoutMs: 3000,
    ...(tls ? { tls: {} } : {}),
  });
}

const overTls = (source: string) =>
  /^# serve: tls$/m.test(
    source
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join('\n'),
  );

/** Differences between what a fixture declares and the report; empty when they agree. */
function compare(expected: Map<string, Level>, report: Report): string[] {
  if (report.target.error) return [`could not be tested: ${report.target.error}`];
  const out: string[] = [];
  for (const [rule, level] of expected) {
    const failed = report.results.filter((r) => r.rule === rule && r.outcome === 'fail');
    if (!failed.length) out.push(`expected ${rule} to fail (${level}), it did not`);
    for (const r of failed) if (r.level !== level) out.push(`${rule} failed at level ${r.level}, declared ${level}`);
  }
  for (const r of report.results) {
    if (r.outcome === 'fail' && !expected.has(r.rule))
      out.push(`unexpected failure: ${r.rule} (${r.level}) in ${r.case}: ${r.message}`);
    if (r.outcome === 'error') out.push(`error in ${r.case} (${r.code}): ${r.message}`);
  }
  // One fault, one level: an observation (one message of one case) fails at one level.
  const levels = new Map<string, Set<string>>();
  for (const r of report.results.filter((x) => x.outcome === 'fail')) {
    const key = `${r.case}: ${r.message}`;
    levels.set(key, (levels.get(key) ?? new Set()).add(r.level));
  }
  for (const [key, seen] of levels)
    if (seen.size > 1) out.push(`one observation at two levels (${[...seen].join(', ')}): ${key}`);
  return [...new Set(out)];
}

describe.concurrent('the clean server passes every server case', () => {
  it(
    'clean_server.py',
    async () => {
      const report = await certify(join(SERVERS, 'clean_server.py'));
      expect(report.target.error).toBeUndefined();
      const notPassed = report.results
        .filter((r) => r.outcome !== 'pass')
        .map((r) => `${r.outcome} ${r.rule} (${r.level}) in ${r.case}: ${r.message}`);
      expect(notPassed).toEqual([]);
      expect(report.results.length).toBe(serverCases.reduce((n, c) => n + c.rules.length, 0));
    },
    TIMEOUT_MS,
  );
  it(
    'clean_server.py over TLS (--tls)',
    async () => {
      const report = await certify(join(SERVERS, 'clean_server.py'), true);
      expect(report.target.error).toBeUndefined();
      const notPassed = report.results
        .filter((r) => r.outcome !== 'pass')
        .map((r) => `${r.outcome} ${r.rule} (${r.level}) in ${r.case}: ${r.message}`);
      expect(notPassed).toEqual([]);
    },
    TIMEOUT_MS,
  );
});

describe.concurrent('each broken server is flagged with exactly its rule', () => {
  for (const file of brokenFiles) {
    it(
      file,
      async () => {
        const rule = ruleOf(file);
        const source = readFileSync(join(BROKEN, file), 'utf8');
        const expected = declared(source);
        expect([...expected.keys()]).toContain(rule);
        const report = await certify(join(BROKEN, file), overTls(source));
        for (const r of report.results) if (r.outcome === 'fail') caughtRows.add(`${r.case} ${r.rule}`);
        certified.add(file);
        expect(compare(expected, report)).toEqual([]);
      },
      TIMEOUT_MS,
    );
  }
});

/**
 * Rows, not rules: a case that shares its rule with another case must fail on some broken
 * server too, or it could be made always-pass unnoticed. Gathered from the runs above.
 */
describe('every (case, rule) row fails on at least one broken server', () => {
  it('each row of every server case', (ctx) => {
    if (certified.size < brokenFiles.length)
      ctx.skip(`only ${certified.size} of ${brokenFiles.length} broken servers ran (a filtered run)`);
    const rows = serverCases.flatMap((c) => c.rules.map((rule) => `${c.id} ${rule}`));
    expect(rows.filter((row) => !caughtRows.has(row))).toEqual([]);
  });
});

describe("every rule the server cases judge has a broken server, declared at the rule's level", () => {
  const fixtures = new Map(brokenFiles.map((f) => [ruleOf(f), readFileSync(join(BROKEN, f), 'utf8')]));
  for (const rule of serverRules) {
    const level = requireRule(rule).level;
    it(`${rule} (${level})`, () => {
      const source = fixtures.get(rule);
      expect(source, `fixtures/servers/broken/${rule}.py is missing`).toBeDefined();
      const first = (source ?? '').split('\n')[0];
      const keyword = Object.keys(LEVELS).find((k) => LEVELS[k] === level);
      expect(first).toBe(`# expect-${keyword}: ${rule}`);
    });
  }
  it('no broken server is named after a rule no server case judges', () => {
    expect([...new Set(brokenFiles.map(ruleOf))].filter((r) => !serverRules.includes(r))).toEqual([]);
  });
});
