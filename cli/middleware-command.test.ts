/** `wsgi-conformance middleware`: its own options, and a real run through the CLI. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { ReportSchema } from '../reports/result.js';
import { takeMiddlewareOptions } from './middleware-command.js';
import { UsageError } from './usage.js';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('cli', 'run.ts'), ...args], {
    cwd: fromRoot(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('middleware options', () => {
  it('takes --arg NAME=VALUE as JSON when it parses, else as text, and --request-header', () => {
    const m = takeMiddlewareOptions([
      't.py:f',
      '--arg',
      'level=5',
      '--arg=name=gzip',
      '--request-header',
      'Accept-Encoding: br',
      '--strict',
    ]);
    expect(m.rest).toEqual(['t.py:f', '--strict']);
    expect(m.args).toEqual({ level: 5, name: 'gzip' });
    expect(m.headers).toEqual([['Accept-Encoding', 'br']]);
  });
  it('refuses malformed --arg and --request-header', () => {
    expect(() => takeMiddlewareOptions(['--arg', '5'])).toThrow(UsageError);
    expect(() => takeMiddlewareOptions(['--request-header', 'no colon'])).toThrow(UsageError);
    expect(() => takeMiddlewareOptions(['--arg'])).toThrow(UsageError);
  });
});

describe('wsgi-conformance middleware', () => {
  it('fails a broken middleware with its rule, in the usual report.json, both sides named (exit 1)', () => {
    const r = cli(
      'middleware',
      'fixtures/middleware/broken/middleware-adjust-content-length.py:middleware',
      '--reporter',
      'json',
    );
    expect(r.code, r.stderr).toBe(1);
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.target.kind).toBe('middleware');
    const failed = report.results.filter((x) => x.outcome === 'fail').map((x) => x.rule);
    // Each finding points at the middleware's own line.
    for (const x of report.results.filter((y) => y.outcome === 'fail'))
      expect(x.location?.file, x.rule).toBe('middleware-adjust-content-length.py');
    // The stale Content-Length is also, towards the server, an application's framing fault.
    expect(failed.sort()).toEqual(['body-app-content-length-accurate', 'middleware-adjust-content-length']);
    const sections = new Set(report.results.map((x) => x.section.split(':')[0]));
    expect(sections).toEqual(new Set(['Towards the application', 'Towards the server']));
    expect(report.results.find((x) => x.outcome === 'fail')?.rerun).toContain(
      'npx wsgi-conformance middleware fixtures/middleware/broken/middleware-adjust-content-length.py:middleware ' +
        '--only ',
    );
  }, 120_000);
  it('passes a correct one, --request-header and --only accepted (exit 0)', () => {
    const r = cli(
      'middleware',
      'fixtures/middleware/clean/passthrough.py:middleware',
      '--request-header',
      'X-Trace: 1',
      '--only',
      'env-cgi-str',
    );
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);
  it('exits 3 naming the factory when building the middleware fails', () => {
    const r = cli('middleware', 'fixtures/middleware/clean/passthrough.py:middleware', '--arg', 'level=5');
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/calling the factory middleware\(app, level=5\) raised TypeError/);
  }, 120_000);
  it('exits 2 without a TARGET', () => {
    const r = cli('middleware');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/middleware needs a TARGET/);
  }, 120_000);
});
