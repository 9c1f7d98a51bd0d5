/**
 * One interpreter running harness/python/runner.py, whatever carries its JSON lines: a child
 * process's pipes (CPython) or a worker's messages (Pyodide). AppSession sees only this.
 */
import { RunnerEvent, type Command, type EventOf } from './protocol.js';

/** The runner stopped answering or broke the protocol: our problem or the app's, never a rule. */
export class RunnerGone extends Error {
  constructor(
    readonly code: 'timeout' | 'runner-died' | 'protocol' | 'spawn',
    message: string,
  ) {
    super(message);
  }
}

export interface Runner {
  send(command: Command): void;
  /** Next event, or throws RunnerGone when the interpreter died or the deadline passed. */
  next(deadline: number): Promise<RunnerEvent>;
  expect<T extends RunnerEvent['type']>(types: readonly T[], deadline: number): Promise<EventOf<T>>;
  /** Stops the interpreter at once, whatever it is doing. */
  kill(): void;
  close(): Promise<void>;
  /** What the application printed lately (stdout and stderr interleaved). */
  readonly printed: string;
  /** Extra time the interpreter may take to start before it says hello (ms). */
  readonly startupMs: number;
}

/** The --python value that runs the application in Pyodide (CPython in WebAssembly). */
export const PYODIDE = 'pyodide';

/** Starts a runner for an interpreter name (--python) in a working directory. */
export type RunnerFactory = (python: string, cwd: string, target: string) => Runner;

const TAIL = 4000;

/** Validates event lines as they arrive and hands them out in order, with a deadline. */
export abstract class LineRunner implements Runner {
  private queue: RunnerEvent[] = [];
  private waiter: (() => void) | undefined;
  protected gone: RunnerGone | undefined;
  private output = '';
  readonly startupMs: number = 0;

  abstract send(command: Command): void;
  abstract kill(): void;
  abstract close(): Promise<void>;

  get printed(): string {
    return this.output;
  }

  protected print(text: string): void {
    this.output = (this.output + text).slice(-TAIL);
  }

  protected tailNote(): string {
    const tail = this.output.trim().split('\n').slice(-8).join('\n');
    return tail ? `; its last output:\n${tail}` : '';
  }

  protected accept(line: string): void {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return this.fail(new RunnerGone('protocol', `runner sent a line that is not JSON: ${line.slice(0, 200)}`));
    }
    const event = RunnerEvent.safeParse(parsed);
    if (!event.success) {
      return this.fail(
        new RunnerGone('protocol', `runner sent an invalid event: ${event.error.message.slice(0, 500)}`),
      );
    }
    this.queue.push(event.data);
    this.wake();
  }

  protected fail(gone: RunnerGone): void {
    this.gone ??= gone;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

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
}
