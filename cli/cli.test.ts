/** The CLI as a user runs it: exit codes, report.json validity, messages instead of stack traces. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { ReportSchema } from '../reports/result.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('cli', 'run.ts'), ...args], {
    cwd: fromRoot(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.concurrent('wsgi-conformance CLI', () => {
  it('fails the str-body example on body-items-bytes, naming bytes and PEP 3333 (exit 1)', () => {
    const r = cli('app', 'examples/greeting_str.py');
    expect(r.code).toBe(1);
    expect(r.out).toContain("body chunk 0 is str 'Hello my friend!'");
    expect(r.out).toMatch(/FAIL body-items-bytes \(MUST\)/);
    expect(r.out).toContain('https://peps.python.org/pep-3333/#unicode-issues');
    expect(r.out).toContain('--only body-items-are-bytes');
  });

  it('passes the .encode version (exit 0)', () => {
    const r = cli('app', 'examples/greeting.py');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 failed \(MUST\)/);
  });

  it('writes a report.json that validates against the contract', () => {
    const out = mkdtempSync(join(tmpdir(), 'wsgi-conf-out-'));
    const r = cli('app', 'examples/greeting_str.py', '--reporter', 'json', '--out', out);
    expect(r.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.target).toMatchObject({ kind: 'app', name: 'examples/greeting_str.py' });
    const failed = report.results.filter((x) => x.outcome === 'fail').map((x) => x.rule);
    expect(failed).toContain('body-items-bytes');
    expect(report.results.every((x) => ['MUST', 'SHOULD', 'MAY'].includes(x.level))).toBe(true);
  });

  it('runs only the selected case with --only', () => {
    const out = mkdtempSync(join(tmpdir(), 'wsgi-conf-out-'));
    cli('app', 'examples/greeting_str.py', '--only', 'status-string', '--reporter', 'json', '--out', out);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(new Set(report.results.map((x) => x.case))).toEqual(new Set(['status-string']));
  });

  it('treats warnings as failures with --strict', () => {
    expect(cli('app', 'examples/write_callable.py').code).toBe(0);
    expect(cli('app', 'examples/write_callable.py', '--strict').code).toBe(1);
  });

  it.each([
    [['app'], /app needs a TARGET/],
    [['app', 'x.py', '--reporter', 'xml'], /unknown reporter "xml"/],
    [['app', 'x.py', '--only', 'no-such-rule'], /matches no case or rule id/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['explain', 'no-such-rule'], /unknown rule id "no-such-rule"/],
  ])('exits 2 with a message for %j', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 3 naming the cause when the target cannot be imported', () => {
    const r = cli('app', 'fixtures/apps/hostile/import_error.py');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/could not test .*import_error\.py:\n.*(ModuleNotFoundError|ImportError)/);
  });

  it('explains a rule with its quote and a broken and a fixed snippet', () => {
    const r = cli('explain', 'body-items-bytes');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/must be of type `bytes` under Python 3/);
    expect(r.out).toMatch(/Broken:[\s\S]*Fixed:/);
  });

  it('lists every rule with what checks it', () => {
    const r = cli('rules', '--json');
    const rules = JSON.parse(r.out) as Array<{ id: string; cases: string[]; notChecked?: string }>;
    expect(rules.find((x) => x.id === 'body-items-bytes')?.cases).toContain('body-items-are-bytes');
    expect(rules.every((x) => x.cases.length > 0 || x.notChecked)).toBe(true);
  });
});
