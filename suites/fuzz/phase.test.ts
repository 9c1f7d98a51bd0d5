/**
 * The generative phase of every certification: over TLS through the one socket driver (the
 * model then expects wsgi.url_scheme "https"), the same counterexample on every run of the
 * same server, and a skip with its reason on a preset that cannot serve TLS. Small fixed
 * counts; real fixture servers over real sockets.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { fuzzPhaseReport } from './phase.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const tlsFixture = (file: string) => ({
  kind: 'cmd' as const,
  template: `{python} '${fromRoot('fixtures', 'servers', file)}' {host} {port} {app} {cert} {key}`,
});
const nonPassing = (r: { results: Array<{ case: string; rule: string; outcome: string }> }) =>
  r.results.filter((x) => x.outcome !== 'pass').map((x) => `${x.case} ${x.rule} ${x.outcome}`);

describe.concurrent('the generative phase of a certification', () => {
  it('speaks TLS: the clean fixture passes, and a server that says "http" over TLS is caught the same way twice', {
    timeout: 150_000,
  }, async () => {
    const o = { how: '--cmd x', python: PYTHON, timeoutMs: 3000, runs: 15, tls: {} };
    const clean = await fuzzPhaseReport(tlsFixture('clean_server.py'), o);
    expect(nonPassing(clean)).toEqual([]);
    expect(clean.results.map((r) => r.rule)).toContain('env-url-scheme');
    const runs = [];
    for (let i = 0; i < 2; i++)
      runs.push(await fuzzPhaseReport(tlsFixture('broken/env-url-scheme--tls-says-http.py'), o));
    for (const r of runs) {
      expect(nonPassing(r)).toEqual(['fuzz-request env-url-scheme fail']);
      expect(r.results.find((x) => x.outcome === 'fail')?.rerun).toMatch(/ --tls /);
    }
    // Same seed, same requests: the same counterexample, shrunk the same way.
    const [a, b] = runs.map((r) => r.run?.counterexamples.map((c) => ({ example: c.example, path: c.path })));
    expect(a).toEqual(b);
  });

  it('is skipped, with the reason, on a preset that cannot serve TLS', { timeout: 60_000 }, async () => {
    const r = await fuzzPhaseReport(
      { kind: 'preset', name: 'wsgiref' },
      { how: '--preset wsgiref', timeoutMs: 3000, tls: {} },
    );
    expect(r.target.error).toBeUndefined();
    expect(r.results.map((x) => x.outcome)).toEqual(['skip', 'skip']);
    expect(r.results[0]?.message).toMatch(/cannot serve TLS/);
  });
});
