/**
 * Certifying one application: picks an interpreter that can import it, keeps one runner
 * for the whole run, and restarts it (reloading the app) when a call killed it.
 */
import type { EventOf, RunnerEvent, ScenarioSpec } from './protocol.js';
import { PYODIDE, RunnerGone, type Runner } from './runner.js';
import { startRunner } from './runner-select.js';

export type Hello = EventOf<'hello'>;
export type Loaded = EventOf<'loaded'>;
export type LoadError = EventOf<'load-error'>;

/** Interpreters tried in order when --python is not given (deduplicated by sys.executable). */
export const DEFAULT_PYTHONS = ['python3', '/usr/bin/python3', 'python'];

/**
 * The executable each interpreter name turned out to be (its sys.executable), per folder: a
 * version manager's shim (pyenv's `python3` is a bash script that runs a dozen more) costs more
 * to start than Python itself, so a restart or the next application starts the same interpreter directly.
 */
const resolvedPythons = new Map<string, string>();
const resolvedKey = (python: string, cwd: string) => `${cwd}\0${python}`;
/**
 * Interpreter names being resolved right now: a second session opening at the same moment (the
 * gallery's two workers) waits for the first one's hello instead of starting the shim a second time.
 */
const resolving = new Map<string, Promise<void>>();
// No node:path here: the playground's browser bundle certifies through this module too.

/** Why a call could not be judged: the app hung, killed Python, streamed forever, or the runner misbehaved. */
export type CallErrorCode = 'timeout' | 'runner-died' | 'protocol' | 'spawn' | 'endless-body';

export interface CallRecord {
  scenario: string;
  /** Set for calls on the application's own routes (user requests, crawl): "GET /api/items". */
  route?: string;
  events: RunnerEvent[];
  /** Set when the call did not complete: it hung, killed the interpreter, or broke the protocol. */
  error?: { code: CallErrorCode; message: string };
}

/** One call of a batch: its id on the protocol and the scenario. */
export interface BatchCall {
  id: string;
  scenario: ScenarioSpec;
}

export interface SessionOptions {
  target: string;
  cwd: string;
  /** Explicit interpreter (--python); otherwise DEFAULT_PYTHONS are tried. */
  python?: string;
  timeoutMs: number;
  /** Load TARGET as a middleware factory called as `factory(inner_app, **middlewareArgs)`. */
  middlewareArgs?: Record<string, unknown>;
  /** Folder of the application's own code, for event locations (default: the target's folder). */
  sourceRoot?: string;
  /** Keeps runners warm between sessions (the gallery): a session takes one and gives it back on close. */
  runners?: WarmRunners;
}

/**
 * Runners that outlive a session, so certifying many applications in a row starts Python
 * once per worker instead of once per application. A runner that failed a call is never
 * given back (the session closes it), so a hung or crashed application cannot leak into the next.
 */
export class WarmRunners {
  private readonly idle: Array<{ runner: Runner; python: string; hello: Hello; cwd: string }> = [];

  take(python: string, cwd: string): { runner: Runner; hello: Hello } | undefined {
    const i = this.idle.findIndex((w) => w.python === python && w.cwd === cwd);
    return i < 0 ? undefined : this.idle.splice(i, 1)[0];
  }

  give(runner: Runner, python: string, hello: Hello, cwd: string): void {
    this.idle.push({ runner, python, hello, cwd });
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.runner.close()));
  }
}

export type OpenResult =
  | { ok: true; hello: Hello; loaded: Loaded }
  | { ok: false; hello?: Hello; error: LoadError | { type: 'spawn'; message: string } };

export class AppSession {
  private runner: Runner | undefined;
  private python = '';
  hello: Hello | undefined;

  constructor(readonly options: SessionOptions) {}

  /** Starts a runner and loads the target, trying each candidate interpreter in turn. */
  async open(): Promise<OpenResult> {
    const candidates = this.options.python ? [this.options.python] : DEFAULT_PYTHONS;
    const seen = new Set<string>();
    let first: OpenResult | undefined;
    for (const python of candidates) {
      const attempt = await this.tryOpen(python);
      if (attempt.ok) return attempt;
      const exe = attempt.hello?.python.executable;
      if (exe && seen.has(exe)) continue;
      if (exe) seen.add(exe);
      first ??= attempt;
      // Only a missing dependency is worth another interpreter; anything else is the app's.
      const missing = attempt.error.type === 'load-error' && attempt.error.missingModule !== undefined;
      if (attempt.error.type !== 'spawn' && !missing) break;
    }
    return first ?? { ok: false, error: { type: 'spawn', message: 'no Python interpreter found' } };
  }

  private async tryOpen(python: string): Promise<OpenResult> {
    await this.close();
    const warm = this.options.runners?.take(python, this.options.cwd);
    const key = resolvedKey(python, this.options.cwd);
    let resolved: (() => void) | undefined;
    if (!warm && python !== PYODIDE && !resolvedPythons.has(key)) {
      const pending = resolving.get(key);
      if (pending) await pending;
      else resolving.set(key, new Promise<void>((r) => (resolved = r)));
    }
    const done = () => {
      if (!resolved) return;
      resolving.delete(key);
      resolved();
      resolved = undefined;
    };
    let runner: Runner;
    try {
      runner = warm?.runner ?? startRunner(resolvedPythons.get(key) ?? python, this.options.cwd, this.options.target);
    } catch (e) {
      done();
      throw e;
    }
    const budget = Math.max(this.options.timeoutMs, 10_000);
    let deadline = Date.now() + budget + runner.startupMs;
    try {
      const hello = warm?.hello ?? (await runner.expect(['hello'], deadline));
      const exe = hello.python.executable;
      if (python !== PYODIDE && /^(\/|[A-Za-z]:[\\/])/.test(exe)) resolvedPythons.set(key, exe);
      done();
      // Booting a WebAssembly interpreter is not the app's time: loading it gets the usual budget.
      if (runner.startupMs) deadline = Date.now() + budget;
      const { target, cwd, middlewareArgs: args, sourceRoot: root } = this.options;
      runner.send(
        args
          ? { op: 'load-middleware', target, cwd, args, ...(root ? { sourceRoot: root } : {}) }
          : { op: 'load', target, cwd, ...(root ? { sourceRoot: root } : {}) },
      );
      const loaded = await runner.expect(['loaded', 'load-error'], deadline);
      if (loaded.type === 'load-error') {
        await runner.close();
        return { ok: false, hello, error: loaded };
      }
      this.runner = runner;
      this.python = python;
      this.hello = hello;
      return { ok: true, hello, loaded };
    } catch (e) {
      done();
      await runner.close();
      const message = e instanceof RunnerGone ? describeGone(e, 'loading the target') : String(e);
      return { ok: false, error: { type: 'spawn', message: `${python}: ${message}` } };
    }
  }

  /** Runs one scenario; never throws: a call that did not complete carries `error`. */
  async call(id: string, scenario: ScenarioSpec): Promise<CallRecord> {
    const [record] = await this.callBatch([{ id, scenario }]);
    return record as CallRecord;
  }

  /**
   * Runs scenarios in order, their commands sent to the runner at once: it starts the next call
   * as soon as one ends instead of waiting a round trip for the harness (one wake-up of each
   * process per call is what a loaded machine makes slow). Each call still gets its own deadline,
   * counted from the end of the one before, as if sent alone. A call that did not complete
   * (it hung, or killed the interpreter) ends the batch: the runner is gone and the calls after it
   * were never made; the records returned stop there, with `error` on the last. Never throws.
   */
  async callBatch(calls: readonly BatchCall[], onRecord?: (record: CallRecord) => void): Promise<CallRecord[]> {
    const records: CallRecord[] = [];
    const first = calls[0];
    if (!first) return records;
    if (!this.runner) {
      const reopened = await this.tryOpen(this.python);
      if (!reopened.ok) {
        const message = `could not restart the runner: ${'message' in reopened.error ? reopened.error.message : ''}`;
        const record: CallRecord = {
          scenario: first.scenario.name,
          events: [],
          error: { code: 'runner-died', message },
        };
        onRecord?.(record);
        return [record];
      }
    }
    const runner = this.runner as Runner;
    try {
      // The gateway's own cap comes well before the deadline, so an endless body reads as one on a starved machine.
      const capMs = Math.max(1, Math.floor(this.options.timeoutMs * 0.7));
      for (const { id, scenario } of calls) runner.send({ op: 'call', id, scenario, capMs });
    } catch (e) {
      if (!(e instanceof RunnerGone)) throw e; // the first receive() reports it
    }
    for (const { scenario } of calls) {
      const record = await this.receive(runner, scenario);
      records.push(record);
      onRecord?.(record);
      if (!this.runner) break;
    }
    return records;
  }

  /** The events of the call in progress, up to its call-end; drops the runner when it is gone. */
  private async receive(runner: Runner, scenario: ScenarioSpec): Promise<CallRecord> {
    const events: RunnerEvent[] = [];
    const deadline = Date.now() + this.options.timeoutMs;
    try {
      for (;;) {
        const event = await runner.next(deadline);
        events.push(event);
        if (event.type === 'call-end') return endless(scenario.name, events) ?? { scenario: scenario.name, events };
      }
    } catch (e) {
      if (!(e instanceof RunnerGone)) throw e;
      this.runner = undefined;
      await runner.close();
      return {
        scenario: scenario.name,
        events,
        error: { code: e.code, message: describeGone(e, `scenario ${scenario.name}`, this.options.timeoutMs) },
      };
    }
  }

  async close(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    // A Pyodide worker is never reused: an app that patched the stdlib would leak into the next one.
    if (runner && this.hello && this.options.runners && this.python !== PYODIDE) {
      this.options.runners.give(runner, this.python, this.hello, this.options.cwd);
    } else await runner?.close();
  }
}

/** A body the gateway had to cut off (runner.py MAX_ITEMS / MAX_BYTES) cannot be judged. */
function endless(scenario: string, events: RunnerEvent[]): CallRecord | undefined {
  const end = events.find((e) => e.type === 'iter-end' && e.reason === 'capped');
  if (end?.type !== 'iter-end') return undefined;
  const message =
    `the body did not end: the gateway gave up after ${end.items} items (${end.bytes} bytes) ` +
    `in scenario ${scenario}`;
  return { scenario, events, error: { code: 'endless-body', message } };
}

function describeGone(e: RunnerGone, during: string, timeoutMs?: number): string {
  switch (e.code) {
    case 'timeout':
      return (
        `the application did not finish ${during} within ${timeoutMs ?? ''} ms (it hangs, or needs a longer ` +
        `--timeout)`
      );
    case 'runner-died':
      return `the Python interpreter died during ${during}: ${e.message}`;
    default:
      return `${during}: ${e.message}`;
  }
}
