/** App findings carry the WSGI call that shows them, as server findings carry the HTTP exchange. */
import { describe, expect, it } from 'vitest';
import { appReport } from '../test/real-reports.js';

describe('call trace as evidence', () => {
  it('shows the call of the first scenario where the rule broke, in order', async () => {
    const report = await appReport('broken/body-items-bytes.py');
    const r = report.results.find((x) => x.rule === 'body-items-bytes');
    expect(r?.outcome).toBe('fail');
    expect(r?.evidence.at(-1)).toBe(
      [
        'call trace (scenario get):',
        "  start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8')])",
        "  returned list [b'Hello, ', 'world!\\n']",
        '  len(result) = 2',
        "  item 0: bytes b'Hello, '",
        "  item 1: str 'world!\\n'",
        '  iteration exhausted: 2 items, 7 bytes',
      ].join('\n'),
    );
  });

  it('shows what the gateway refused and what the application raised', async () => {
    const report = await appReport('broken/start-response-once.py');
    const trace = report.results.find((x) => x.rule === 'start-response-once')?.evidence.at(-1) ?? '';
    expect(trace).toMatch(
      /\) -> refused \(second call\)\n {2}raised AssertionError: start_response\(\) called twice without exc_info/,
    );
  });

  it('shows how far a call got before the application hung', async () => {
    const report = await appReport('hostile/hang.py');
    const r = report.results.find((x) => x.outcome === 'error' && x.code === 'timeout');
    expect(r?.evidence.at(-1)).toMatch(
      new RegExp(
        String.raw`^call trace \(scenario get\):\n {2}gateway: ` +
          String.raw`the application did not finish scenario get within \d+ ms .*\(timeout\)$`,
      ),
    );
  }, 30_000);
});
