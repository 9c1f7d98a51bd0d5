/**
 * A Runner whose interpreter is Pyodide in a worker (Node worker_threads or a Web Worker).
 * An application that hangs, exits the interpreter or crashes it cannot be interrupted from
 * inside, so the worker is terminated; a spare worker, booted ahead, takes the next session.
 */
import type { Command } from '../protocol.js';
import { LineRunner, RunnerGone } from '../runner.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** The host's side of one worker, whichever kind. */
export interface WorkerHandle {
  post(message: ToWorker): void;
  /** Called with every message; `error` when the worker itself failed or stopped. */
  listen(onMessage: (m: FromWorker) => void, onError: (message: string) => void): void;
  terminate(): void;
}

/** Pyodide's start is slow (seconds; much more on a busy machine): never the app's time. */
const STARTUP_MS = 120_000;

/** A worker booting ahead of use: what it says is kept until a runner takes it. */
class Booting {
  ready = false;
  taken = false;
  private buffered: FromWorker[] = [];
  private failure: string | undefined;
  private onMessage: ((m: FromWorker) => void) | undefined;
  private onError: ((why: string) => void) | undefined;

  constructor(
    readonly handle: WorkerHandle,
    whenReady: (b: Booting) => void,
  ) {
    handle.listen(
      (m) => {
        if (m.kind === 'ready') {
          this.ready = true;
          whenReady(this);
        }
        if (this.onMessage) this.onMessage(m);
        else this.buffered.push(m);
      },
      (why) => {
        this.failure ??= why;
        this.onError?.(why);
      },
    );
  }

  detach(): void {
    this.onMessage = undefined;
    this.onError = undefined;
    this.buffered = [];
  }

  attach(onMessage: (m: FromWorker) => void, onError: (why: string) => void): void {
    this.onMessage = onMessage;
    this.onError = onError;
    for (const m of this.buffered.splice(0)) onMessage(m);
    if (this.failure) onError(this.failure);
  }
}

/**
 * Keeps one booted worker in reserve. A worker serves one session only: each application
 * gets a fresh interpreter, as it gets a fresh process under CPython. The spare starts once
 * the worker in use is ready, so the two do not compete for the CPU while booting.
 */
export class WorkerPool {
  private spare: Booting | undefined;
  private recycled: Booting | undefined;

  /** `recycle`: a worker whose session ended cleanly serves the next one (the page does this). */
  constructor(
    private readonly spawn: () => WorkerHandle,
    private readonly files: Record<string, string>,
    readonly recycle = false,
  ) {}

  take(): Booting {
    const recycled = this.recycled;
    this.recycled = undefined;
    if (recycled) return recycled;
    const worker = this.spare ?? this.boot();
    this.spare = undefined;
    worker.taken = true;
    if (worker.ready) this.spare = this.boot();
    return worker;
  }

  /** Starts the spare now (a page does this on load, before the first check). */
  warm(): void {
    this.spare ??= this.boot();
  }

  /** Takes back a worker whose session ended cleanly (its runner was told to exit). */
  release(worker: Booting): void {
    worker.detach();
    this.recycled?.handle.terminate();
    this.recycled = worker;
  }

  /** Terminates the idle workers (at the end of a run, so nothing is left running). */
  dispose(): void {
    for (const w of [this.spare, this.recycled]) w?.handle.terminate();
    this.spare = this.recycled = undefined;
  }

  private boot(): Booting {
    const worker = new Booting(this.spawn(), (w) => {
      if (w.taken && !this.spare) this.spare = this.boot();
    });
    worker.handle.post({ kind: 'boot', files: this.files });
    return worker;
  }
}

export class PyodideRunner extends LineRunner {
  override readonly startupMs = STARTUP_MS;
  private readonly worker: WorkerHandle;
  private readonly taken: Booting;
  private stopped = false;

  /** `setup` places the application's files (mount or write) before the runner says hello. */
  constructor(
    private readonly pool: WorkerPool,
    setup: ToWorker,
  ) {
    super();
    const taken = pool.take();
    this.taken = taken;
    this.worker = taken.handle;
    taken.attach(
      (m) => {
        if (m.kind === 'event') this.accept(m.line);
        else if (m.kind === 'output') this.print(m.text);
        else if (m.kind === 'fatal') {
          this.fail(new RunnerGone('runner-died', `${m.message}${this.tailNote()}`));
          this.kill();
        }
      },
      (why) => this.fail(new RunnerGone(this.stopped ? 'runner-died' : 'spawn', why)),
    );
    this.worker.post(setup);
    this.worker.post({ kind: 'start' });
  }

  send(command: Command): void {
    if (this.gone) throw this.gone;
    this.worker.post({ kind: 'command', line: JSON.stringify(command) });
  }

  kill(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.terminate();
    this.fail(new RunnerGone('runner-died', 'the Pyodide worker was stopped'));
  }

  async close(): Promise<void> {
    if (this.pool.recycle && !this.gone && !this.stopped) {
      this.send({ op: 'exit' });
      this.stopped = true;
      this.pool.release(this.taken);
      return;
    }
    this.kill();
  }
}
