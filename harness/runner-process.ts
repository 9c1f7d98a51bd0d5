/**
 * One persistent Python runner process (a Runner over pipes): spawn, handshake, send commands on its fd 3,
 * read validated events from its fd 4. Applications own stdout/stderr; we keep a tail
 * of both for error messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fromRoot } from './paths.js';
import type { Command } from './protocol.js';
import { LineRunner, RunnerGone } from './runner.js';

export const RUNNER_PATH = fromRoot('harness', 'python', 'runner.py');

export { RunnerGone };

export class RunnerProcess extends LineRunner {
  private child: ChildProcess;

  constructor(
    readonly python: string,
    cwd: string,
  ) {
    super();
    this.child = spawn(python, ['-u', '-B', RUNNER_PATH], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      detached: true, // own process group, so a kill reaches whatever the app forked
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (s: string) => this.print(s));
    }
    const events = this.child.stdio[4] as Readable;
    createInterface({ input: events, crlfDelay: Infinity }).on('line', (line) => this.accept(line));
    this.child.on('error', (e: NodeJS.ErrnoException) =>
      this.fail(new RunnerGone('spawn', e.code === 'ENOENT' ? `python interpreter not found: ${python}` : e.message)),
    );
    this.child.on('exit', (code, signal) => {
      // Let the last buffered events arrive before declaring the process gone.
      setImmediate(() =>
        this.fail(
          new RunnerGone('runner-died', `the Python process exited (${signal ?? `code ${code}`})${this.tailNote()}`),
        ),
      );
    });
    (this.child.stdio[3] as Writable).on('error', () => undefined);
  }

  send(command: Command): void {
    if (this.gone) throw this.gone;
    (this.child.stdio[3] as Writable).write(`${JSON.stringify(command)}\n`);
  }

  /** SIGKILL the whole process group: the runner and anything the app forked. */
  kill(): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      /* group already gone */
    }
  }

  async close(): Promise<void> {
    if (!this.gone) {
      try {
        this.send({ op: 'exit' });
      } catch {
        /* already gone */
      }
    }
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    const timer = setTimeout(() => this.kill(), 1000);
    await exited;
    clearTimeout(timer);
    this.kill(); // anything the app forked into our group goes too
  }
}
