/**
 * A server that misbehaves as a whole ends the run in bounded time with the cause named,
 * a complete report, and no process left.
 */
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { certifyServer } from './certify.js';
import { serverCases } from './index.js';

const script = fromRoot('fixtures', 'hostile-servers', 'misbehave.py');
const ROWS = serverCases.reduce((n, c) => n + c.rules.length, 0);
const certify = (template: string) =>
  certifyServer({ target: { kind: 'cmd', template }, timeoutMs: 2000, graceMs: 500 });

describe.concurrent('servers that misbehave as a whole', () => {
  it.each([
    ['answers garbage', 'garbage', /stopped answering.*(HTTPParserError|Parse Error|status line)/s],
    ['hangs on every request', 'hang', /stopped answering.*no complete response/s],
    ['drips bytes', 'drip', /stopped answering/],
  ])(
    '%s: the run ends quickly, names the cause, and reports every case',
    async (_, mode, cause) => {
      const started = Date.now();
      const report = await certify(`{python} ${script} ${mode} {host} {port}`);
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(report.results).toHaveLength(ROWS);
      const errors = report.results.filter((r) => r.outcome === 'error');
      expect(errors.length).toBeGreaterThan(ROWS / 2);
      expect(errors.map((e) => e.message).join('\n')).toMatch(cause);
      expect(report.summary.pass).toBe(0);
    },
    40_000,
  );

  it('dies mid-run: it is restarted, the case that killed it is named, the other cases still run', async () => {
    const report = await certify(`{python} ${script} die {host} {port} {app}`);
    expect(report.results).toHaveLength(ROWS);
    const died = report.results.filter((r) => r.outcome === 'error' && r.code === 'server-died');
    expect(died.length).toBeGreaterThan(0);
    expect(died[0]?.message).toMatch(/the server died during case [a-z-]+ .*restarted/s);
    expect(report.summary.pass).toBeGreaterThan(ROWS / 3);
    expect(report.notes?.join('\n')).toMatch(/died during case .*restarted/s);
  }, 60_000);

  it.each([
    ['never listens', '{python} -c "import time; time.sleep(60)"', /did not accept connections|timed out|within/],
    ['exits at start', '{python} -c "import sys; sys.exit(3)"', /exit(ed)?.*3|code 3/],
  ])(
    '%s: the report says why, for every case',
    async (_, template, cause) => {
      const report = await certifyServer({ target: { kind: 'cmd', template }, timeoutMs: 2000 });
      expect(report.target.error).toMatch(cause);
      expect(report.results).toHaveLength(ROWS);
      expect(report.results.every((r) => r.outcome === 'error')).toBe(true);
    },
    40_000,
  );
});
