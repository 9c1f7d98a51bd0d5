/**
 * One persistent Python runner process: spawn, handshake, send commands on its fd 3,
 * read validated events from its fd 4. Applications own stdout/stderr; we keep a tail
 * of both for error messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fromRoot } from './paths.js';
import { RunnerEvent, type Command, type EventOf } from './protocol.js';

export const RUNNER_PATH = fromRoot('harness', 'python', 'runner.py');

/** The runner stopped answering or broke the protocol: our problem or the app's, never a rule. */
export class RunnerGone extends Error {
  constructor(
    readonly code: 'timeout' | 'runner-died' | 'protocol' | 'spawn',
    message: string,
  ) {
    super(message);
  }
}

const TAIL = 4000;

export class RunnerProcess {
  private child: ChildProcess;
  private queue: RunnerEvent[] = [];
  private waiter: (() => void) | undefined;
  private gone: RunnerGone | undefined;
  private output = '';

  constructor(readonly python: string, cwd: string) {
    this.child = spawn(python, ['-u', '-B', RUNNER_PATH], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      detached: true, // own process group, so a kill reaches whatever the app forked
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (s: string) => (this.output = (this.output + s).slice(-TAIL)));
    }
    const events = this.child.stdio[4] as Readable;
    createInterface({ input: events, crlfDelay: Infinity }).on('line', (line) => this.accept(line));
    this.child.on('error', (e: NodeJS.ErrnoException) =>
      this.fail(new RunnerGone('spawn', e.code === 'ENOENT' ? `python interpreter not found: ${python}` : e.message)),
    );
    this.child.on('exit', (code, signal) => {
      // Let the last buffered events arrive before declaring the process gone.
      setImmediate(() =>
        this.fail(new RunnerGone('runner-died', `the Python process exited (${signal ?? `code ${code}`})${this.tailNote()}`)),
      );
    });
    (this.child.stdio[3] as Writable).on('error', () => undefined);
  }

  /** What the application printed lately (stdout and stderr interleaved). */
  get printed(): string {
    return this.output;
  }

  private tailNote(): string {
    const tail = this.output.trim().split('\n').slice(-8).join('\n');
    return tail ? `; its last output:\n${tail}` : '';
  }

  private accept(line: string): void {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return this.fail(new RunnerGone('protocol', `runner sent a line that is not JSON: ${line.slice(0, 200)}`));
    }
    const event = RunnerEvent.safeParse(parsed);
    if (!event.success) {
      return this.fail(new RunnerGone('protocol', `runner sent an invalid event: ${event.error.message.slice(0, 500)}`));
    }
    this.queue.push(event.data);
    this.wake();
  }

  private fail(gone: RunnerGone): void {
    this.gone ??= gone;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  send(command: Command): void {
    if (this.gone) throw this.gone;
    (this.child.stdio[3] as Writable).write(`${JSON.stringify(command)}\n`);
  }

  /** Next event, or throws RunnerGone when the process died or the deadline passed. */
  async next(deadline: number): Promise<RunnerEvent> {
    for (;;) {
      const event = this.queue.shift();
      if (event) return event;
      if (this.gone) throw this.gone;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.kill();
        throw new RunnerGone('timeout', 'timed out');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async expect<T extends RunnerEvent['type']>(types: readonly T[], deadline: number): Promise<EventOf<T>> {
    const event = await this.next(deadline);
    if (!(types as readonly string[]).includes(event.type)) {
      this.kill();
      throw new RunnerGone('protocol', `runner sent ${event.type} where ${types.join(' or ')} was expected`);
    }
    return event as EventOf<T>;
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
