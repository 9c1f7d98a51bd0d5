/**
 * Determinism and replay: the same seed draws the same exchanges, and `--replay SEED:PATH`
 * re-runs exactly the shrunk counterexample a run printed.
 */
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../harness/fuzz/transport.js';
import { fromRoot } from '../../harness/paths.js';
import { exampleRequests } from './judge.js';
import { printfText } from './results.js';
import { exampleArb, fuzz } from './run.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

describe('fuzz determinism and replay', () => {
  it('a seed always draws the same requests', () => {
    const bytes = (seed: number) =>
      fc.sample(exampleArb, { seed, numRuns: 30 }).flatMap((ex, i) => exampleRequests(ex, 'h:1', `x${i}`));
    expect(bytes(7)).toEqual(bytes(7));
    expect(bytes(7)).not.toEqual(bytes(8));
  });

  it('printf text gives back the exact bytes', () => {
    expect(printfText("a\r\n\xff%'\\")).toBe("a\\r\\n\\377%%'\\''\\\\");
  });

  it('replaying SEED:PATH sends exactly the shrunk counterexample again', { timeout: 60_000 }, async () => {
    const server = fromRoot('fixtures', 'servers', 'fuzz-broken', 'query-decoded.py');
    const host = await startHost({ kind: 'cmd', template: `{python} '${server}' {host} {port} {app}` }, PYTHON);
    try {
      const t = { host: host.server.host, port: host.server.port, timeoutMs: 3000 };
      const run = await fuzz({ ...t, seed: 3, runs: 200, timeLimitMs: 20_000 });
      const first = run.counterexamples[0];
      expect(first?.rule).toBe('env-query-string');
      const again = await fuzz({
        ...t,
        seed: 0,
        runs: 1000,
        timeLimitMs: 20_000,
        replay: { seed: first?.seed ?? 0, path: first?.path ?? '' },
      });
      expect(again.exchanges).toBeLessThanOrEqual(2);
      const sent = (s: string) => s.replace(/X-Probe-Id: [^\r]*/g, '');
      expect(sent(again.counterexamples[0]?.verdict.sent ?? '')).toBe(sent(first?.verdict.sent ?? ''));
    } finally {
      await host.close();
    }
  });
});
