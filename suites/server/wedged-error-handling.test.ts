/**
 * A server whose error handling breaks after one mid-response application error
 * (fixtures/servers/wedged/) gets the same verdict for server-traps-app-error whether the
 * case runs alone, first or after the cases whose iteration raises: the case provokes the
 * mid-response error itself, so the verdict cannot come from case order.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { certifyServer } from './certify.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const SCRIPT = fromRoot('fixtures', 'servers', 'wedged', 'error_handling_after_midstream_error.py');
const CLEAN = fromRoot('fixtures', 'servers', 'clean_server.py');
const ONLY = ['server-traps-app-error', 'close-after-iteration-error'];

async function trapVerdict(script: string, only: string[], seed?: number): Promise<string | undefined> {
  const report = await certifyServer({
    target: { kind: 'cmd', template: `{python} '${script}' {host} {port} {app}` },
    python: PYTHON,
    timeoutMs: 3000,
    only,
    ...(seed === undefined ? {} : { seed }),
  });
  expect(report.target.error).toBeUndefined();
  return report.results.find((r) => r.case === 'server-traps-app-error')?.outcome;
}

describe.concurrent('server-traps-app-error does not depend on case order', () => {
  it('the wedging server fails it alone', async () => {
    expect(await trapVerdict(SCRIPT, ['server-traps-app-error'])).toBe('fail');
  }, 90_000);
  for (const seed of [1, 2, 3]) {
    it(`the wedging server fails it with the iteration-error case, seed ${seed}`, async () => {
      expect(await trapVerdict(SCRIPT, ONLY, seed)).toBe('fail');
    }, 90_000);
  }
  it('the clean server passes it', async () => {
    expect(await trapVerdict(CLEAN, ONLY)).toBe('pass');
  }, 90_000);
});
