/**
 * A server the user started (--url) that changes behaviour mid-run: the suite cannot restart
 * it, so the report names the case (or the cases that ran at the same time) after which it
 * changed, every later result says it was affected, and a failure seen on the changed server
 * becomes an error (its cause may be the change, not the rule), so the run is incomplete (3)
 * rather than a verdict (changed-server.test.ts covers the servers the suite launches).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRun, SERVER_PYTHON, tempDir } from '../../cli/test-support/run-cli.js';
import { fromRoot } from '../../harness/paths.js';
import { canConnect, freePort } from '../../harness/server/net-check.js';
import type { Report } from '../../reports/result.js';

const FIXTURE = fromRoot('fixtures', 'servers', 'wedged', 'stops_trapping_errors_after_attributes.py');
const NO_LONGER = 'answers an application error with an error response';
/** A few cases before the change, the one that provokes it, and some that need error trapping after it. */
const CASES = [
  'environ-is-dict',
  'input-read-size',
  'errors-stream',
  'close-after-success',
  'iterable-attributes',
  'server-traps-app-error',
  'close-after-iteration-error',
];

describe('a --url server that changes after one case', () => {
  let server: ChildProcess;
  let port: number;
  const probeDir = mkdtempSync(join(tmpdir(), 'wsgi-conf-url-probe-'));

  beforeAll(async () => {
    port = await freePort('127.0.0.1');
    // Started as a user would: by hand, hosting the probe, with the probe's side-channel folder.
    server = spawn(SERVER_PYTHON, [FIXTURE, '127.0.0.1', String(port), 'probe:application'], {
      env: { ...process.env, PYTHONPATH: fromRoot('harness', 'python'), WSGI_CONFORMANCE_PROBE_DIR: probeDir },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (!(await canConnect('127.0.0.1', port))) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error('the fixture server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 40_000);

  afterAll(() => {
    server?.kill();
    rmSync(probeDir, { recursive: true, force: true });
  });

  it('names the case, marks the later results, and turns their failures into errors', async () => {
    const out = tempDir('changed-url');
    const r = await cliRun(
      'server',
      '--url',
      `http://127.0.0.1:${port}`,
      ...CASES.flatMap((c) => ['--only', c]),
      '--reporter',
      'console,json',
      '--out',
      out,
    );
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const notes = (report.notes ?? []).join('\n');
    // Alone, the case is named; run at the same time as others, they are all named.
    const named =
      /^after (?:case (\S+)|one of the cases (.+) \(they ran at the same time\)), the server no longer (.*)$/m.exec(
        notes,
      );
    expect(named, notes).not.toBeNull();
    expect((named?.[1] ?? named?.[2] ?? '').split(', ')).toContain('iterable-attributes');
    expect(named?.[3]?.startsWith(NO_LONGER), named?.[3]).toBe(true);
    // The suite did not restart (it cannot): the server the user started still runs.
    expect(server.exitCode).toBeNull();
    expect(notes).not.toMatch(/restarted/);

    const affected = report.results.filter((x) => x.affected);
    expect(affected.length, 'the cases after the change say so').toBeGreaterThan(0);
    for (const x of affected) expect(x.affected).toContain(`, the server no longer ${NO_LONGER}`);
    // No failure stands on the changed server: server-traps-app-error's is an error that says why.
    expect(report.results.filter((x) => x.affected && x.outcome === 'fail')).toEqual([]);
    const trap = report.results.find((x) => x.case === 'server-traps-app-error' && x.rule === 'exc-server-trap-log');
    expect(trap?.outcome, trap?.message).toBe('error');
    expect(trap?.message).toContain('not counted:');
    // Before the change the clean server's verdicts hold: nothing failed unaffected.
    expect(report.results.filter((x) => !x.affected && x.outcome !== 'pass' && x.outcome !== 'skip')).toEqual([]);
    expect(r.out).toContain(`the server no longer ${NO_LONGER}`);
    expect(r.code, r.err).toBe(3);
  }, 240_000);
});
