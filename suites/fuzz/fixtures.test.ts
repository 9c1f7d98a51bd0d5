/**
 * Proof that each property can fail: every server in fixtures/servers/fuzz-broken/ breaks
 * one rule of the reference model (`# fuzz-catches: RULE`, and `# fuzz-also:` for rules the
 * same fault inevitably breaks too); the generative phase, with a fixed seed and a small
 * count, finds exactly those rules and shrinks each counterexample to a short request.
 * The clean fixture gives no counterexample. Real servers, real sockets, no mocks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../harness/fuzz/transport.js';
import { fromRoot } from '../../harness/paths.js';
import { fuzz, type FuzzRun } from './run.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const DIR = fromRoot('fixtures', 'servers', 'fuzz-broken');
/**
 * The probe's own fields, Host and Connection take about 120 bytes of any generated request;
 * a kept-alive conversation shrinks to the one request its fault needs, plus the fault's bytes.
 */
const SHORT = 400;

async function fuzzScript(script: string, runs: number): Promise<FuzzRun> {
  const host = await startHost({ kind: 'cmd', template: `{python} '${script}' {host} {port} {app}` }, PYTHON);
  try {
    // A generous budget: shrinking must finish on a loaded machine, not be cut short by time.
    return await fuzz({
      host: host.server.host,
      port: host.server.port,
      timeoutMs: 3000,
      seed: 1,
      runs,
      timeLimitMs: 90_000,
    });
  } finally {
    await host.close();
  }
}

function declared(source: string, tag: string): string[] {
  return [...source.matchAll(new RegExp(`^# ${tag}: (\\S+)`, 'gm'))].map((m) => m[1] as string);
}

describe('generative phase on fixture servers', () => {
  it('the clean fixture gives no counterexample and answers every generated exchange', {
    timeout: 150_000,
  }, async () => {
    const run = await fuzzScript(fromRoot('fixtures', 'servers', 'clean_server.py'), 150);
    expect(run.counterexamples.map((c) => `${c.rule}: ${c.violation.actual}`)).toEqual([]);
    expect([...run.unjudged]).toEqual([]);
    expect(run.exchanges).toBeGreaterThanOrEqual(150);
  });

  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.py'))
    .sort()) {
    it(`${file}: found and shrunk`, { timeout: 150_000 }, async () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const catches = declared(source, 'fuzz-catches');
      const also = declared(source, 'fuzz-also');
      expect(catches.length).toBeGreaterThan(0);
      const run = await fuzzScript(join(DIR, file), 300);
      const found = run.counterexamples.map((c) => c.rule);
      expect(found).toEqual(expect.arrayContaining(catches));
      expect(found.filter((r) => !catches.includes(r) && !also.includes(r))).toEqual([]);
      for (const c of run.counterexamples) {
        expect(c.reproduced).toBe(true);
        expect(c.verdict.sent.length).toBeLessThan(SHORT);
      }
    });
  }
});
