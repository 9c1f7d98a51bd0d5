/** What `ps` says about a process group: the tests' independent witness that a server is gone. */
import { execFileSync } from 'node:child_process';
import { fromRoot } from '../../paths.js';
import type { AppSpec } from '../launcher.js';

export const TEST_APP_DIR = fromRoot('harness', 'server', 'test-app');
export const HELLO: AppSpec = {
  module: 'hello_app',
  callable: 'application',
  dir: TEST_APP_DIR,
  file: `${TEST_APP_DIR}/hello_app.py`,
};

interface PsRow {
  pid: number;
  pgid: number;
  stat: string;
  args: string;
}

export function ps(): PsRow[] {
  return execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [pid, pgid, stat, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), pgid: Number(pgid), stat: stat ?? '', args: args.join(' ') };
    });
}

/**
 * Processes of the group that still run. Zombies are left out: they are dead, and only wait
 * for init to reap them (this container's init does so every ~2 s).
 */
export function liveInGroup(pgid: number): PsRow[] {
  return ps().filter((row) => row.pgid === pgid && !row.stat.startsWith('Z'));
}
