/** The process-wide net: however our process ends, the servers it started end with it. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import { liveMembers, ProcessGroup, sleep } from './process-group.js';
import { liveInGroup } from './test-app/ps.js';

const FIXTURE = fromRoot('harness', 'server', 'test-app', 'launch-then-die.ts');

/** Run the fixture, wait for the server's pid and work dir, end it the given way, say how it ended. */
async function dieWith(mode: 'crash' | 'reject' | 'sigint') {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], {
    cwd: fromRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  const ended = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  for (let i = 0; i < 300 && !/pid \d+ cwd .+\n/.test(out); i++) await sleep(50);
  const [, pid, workDir] = /pid (\d+) cwd (.+)\n/.exec(out) ?? [];
  expect(pid, out).toBeTruthy();
  if (mode === 'sigint') {
    expect(existsSync(workDir as string)).toBe(true); // (the other modes may be dead already)
    child.kill('SIGINT');
  }
  return { pid: Number(pid), workDir: workDir as string, how: await ended };
}

describe.concurrent('when the process that launched servers ends', () => {
  it.each([
    ['an uncaught exception', 'crash', 'code 1'],
    ['an unhandled rejection', 'reject', 'code 1'],
    ['Ctrl-C (SIGINT), still dying of the signal', 'sigint', 'SIGINT'],
  ] as const)(
    '%s kills them',
    async (_, mode, how) => {
      const ended = await dieWith(mode);
      expect(ended.how).toBe(how);
      // SIGKILL was sent before the parent exited; on a loaded machine the kernel may take a
      // moment to take the processes down, so allow it that moment, no more.
      for (let i = 0; i < 60 && liveInGroup(ended.pid).length; i++) await sleep(50);
      expect(liveInGroup(ended.pid)).toEqual([]);
      expect(existsSync(ended.workDir)).toBe(false);
    },
    20_000,
  );
});

describe('ProcessGroup', () => {
  it('counts only live members, and none once stopped', async () => {
    const group = new ProcessGroup(['sleep', '30'], { cwd: '/', env: process.env }, () => undefined);
    const pgid = group.pgid as number;
    expect(liveMembers(pgid)).toEqual([pgid]);
    expect(group.groupExists()).toBe(true);
    await group.stop();
    expect(group.exited).toBe('signal SIGTERM');
    expect(group.groupExists()).toBe(false);
    expect(liveInGroup(pgid)).toEqual([]);
  });
});
