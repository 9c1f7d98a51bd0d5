/**
 * A server whose start_response returns no write() callable (Daphne through asgiref, Uvicorn,
 * Hypercorn) gets its write() cases skipped, naming the rule that reports the fault, whatever
 * the server then does with an application error: the probe does not call what it was not
 * given, so the verdict cannot hang on the server's error handling or on earlier cases.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { certifyServer } from './certify.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

describe('write() cases on a server that gives out no write() callable', () => {
  it('skip, pointing at start-response-returns-write', async () => {
    const script = fromRoot('fixtures', 'servers', 'broken', 'start-response-returns-write.py');
    const report = await certifyServer({
      target: { kind: 'cmd', template: `{python} '${script}' {host} {port} {app}` },
      python: PYTHON,
      timeoutMs: 3000,
      only: ['write-before-iterable', 'write-past-content-length', 'wire-write-timing', 'start-response-callable'],
    });
    expect(report.target.error).toBeUndefined();
    const write = report.results.filter((r) => r.case !== 'start-response-callable');
    expect(write.map((r) => r.rule).sort()).toEqual([
      'write-cl-excess-error',
      'write-same-as-yield',
      'write-sends-headers',
      'write-sent-or-queued',
      'write-then-iterable-order',
    ]);
    for (const r of write) {
      expect(r.outcome, r.case).toBe('skip');
      expect(r.message).toMatch(/no write\(\) callable.*start-response-returns-write/);
    }
    const returns = report.results.find((r) => r.rule === 'start-response-returns-write');
    expect(returns?.outcome).toBe('fail');
  }, 90_000);
});
