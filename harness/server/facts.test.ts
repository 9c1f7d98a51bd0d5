import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchForStuckInput } from './facts.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function factsFile(id: string, ...events: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'facts-test-'));
  dirs.push(dir);
  for (const e of events)
    appendFileSync(join(dir, `${id}.jsonl`), `${JSON.stringify({ pid: 1, thread: 1, t: 0, ...e })}\n`);
  return dir;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchForStuckInput', () => {
  it('aborts, naming the call, when a wsgi.input operation never returns', async () => {
    const call = { ev: 'call', scenario: 'input', nargs: 2, kwargs: [] };
    const dir = factsFile('r1', call, { ev: 'op-start', op: 'read', args: [10] });
    const abort = new AbortController();
    const stop = watchForStuckInput(dir, 'r1', 100, abort);
    // A bound, not a verdict: on a loaded machine the watch's timers and file reads run late.
    await vi.waitFor(() => expect(abort.signal.aborted).toBe(true), { timeout: 20_000, interval: 50 });
    stop();
    expect(String((abort.signal.reason as Error).message)).toContain('wsgi.input.read(10)');
  }, 30_000);

  it('leaves a request alone whose operations all returned, or that has no facts at all', async () => {
    const done = factsFile('r2', { ev: 'op-start', op: 'readline', args: [] }, { ev: 'op-done', op: 'readline' });
    const [a, b] = [new AbortController(), new AbortController()];
    const stops = [watchForStuckInput(done, 'r2', 100, a), watchForStuckInput(done, 'absent', 100, b)];
    await settle(400);
    stops.forEach((s) => s());
    expect([a.signal.aborted, b.signal.aborted]).toEqual([false, false]);
  });
});
