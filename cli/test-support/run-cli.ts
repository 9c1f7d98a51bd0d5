/** Runs the CLI as a user does (from sources through tsx), for the CLI's tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../harness/paths.js';

const ARGS = ['--import', 'tsx', fromRoot('cli', 'run.ts')];
const ENV = { ...process.env, NO_COLOR: '1' };

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export function cli(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [...ARGS, ...args], { cwd: fromRoot(), encoding: 'utf8', env: ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The CLI in the background, for tests that interrupt it; `done` resolves when it exits. */
export function cliAsync(...args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [...ARGS, ...args], { cwd: fromRoot(), env: ENV });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return { child, done };
}

export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `wsgi-conf-${label}-`));

/** A server fixture as a --cmd template, on Debian's Python (which has what the fixtures need). */
export const fixtureServer = (file: string, probe = '{app}') =>
  `{python} ${fromRoot('fixtures', 'servers', file)} {host} {port} ${probe}`;
export const SERVER_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** The CLI without blocking the test runner (so concurrent tests really run together). */
export const cliRun = (...args: string[]): Promise<CliResult> => cliAsync(...args).done;
