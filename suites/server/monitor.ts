/**
 * Runs the cases with a control exchange (health.ts) before the first and after each one, so a
 * server that stops behaving after some case is caught there. Cases run several at a time, so a
 * changed control first names every case that ran since the last good one; then, on a server the
 * suite started, it restarts it and runs those cases again one at a time, each followed by the
 * control: the first one after which the control changes again is the case, named in the
 * report ("after case X, the server no longer ..."). Every case of that window is judged by its
 * second run, on a server in its first state, and says so; later cases run on the restarted
 * server. A change the second runs do not reproduce (a slow answer on a loaded machine) names no
 * case and changes no verdict. A --url server cannot be restarted: the report names the cases
 * of the window, and the later results say they were affected (a failure there becomes an error:
 * the server's change, not the rule, may be its cause).
 *
 * A result is handed on (emit) only once no later control can take it back, so each is emitted
 * exactly once.
 */
import type { Result } from '../../reports/result.js';
import type { ServerCase } from './case.js';
import {
  appErrorAnswer,
  changeNote,
  changes,
  CONTROL_APP_ERROR,
  CONTROL_PLAIN,
  plainAnswer,
  watchable,
  type ControlAnswer,
} from './health.js';
import type { ServerSession } from './session.js';

/** At most this many changes are chased with restarts; a server that keeps changing is then left alone. */
const MAX_CHANGES = 4;

interface Span {
  start: number;
  end?: number;
}

export interface MonitorHooks {
  /** Runs one case; `attempt` > 0 when it runs again after a change. */
  run: (c: ServerCase, attempt: number) => Promise<Result[]>;
  /** Final results of one case. */
  emit: (results: Result[]) => void;
  timeoutMs: number;
}

export class MonitoredRun {
  private tick = 0;
  private baseline: ControlAnswer | undefined;
  private lastGood = 0;
  private readonly spans = new Map<ServerCase, Span>();
  private readonly results = new Map<ServerCase, Result[]>();
  private readonly unsettled = new Set<ServerCase>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private pause: Promise<void> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private controls = 0;
  private chased = 0;
  private reruns = 0;
  private off = false;
  /** --url: a change was seen; every later result says so. */
  private affected: string | undefined;

  constructor(
    private readonly s: ServerSession,
    private readonly hooks: MonitorHooks,
  ) {}

  /** The first control: what this server gets right, to watch. */
  async start(): Promise<void> {
    const first = await this.control();
    this.baseline = first;
    this.off = !watchable(first) || Boolean(first.exited);
  }

  /** Runs `cases`, at most `limit` at a time; returns each case's results. */
  async runAll(cases: readonly ServerCase[], limit: number): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        while (this.pause) await this.pause;
        const c = cases[next++] as ServerCase;
        const span: Span = { start: ++this.tick };
        this.spans.set(c, span);
        const work = this.hooks.run(c, 0);
        this.inFlight.add(work);
        const results = await work.finally(() => this.inFlight.delete(work));
        span.end = ++this.tick;
        this.results.set(c, this.mark(results));
        this.unsettled.add(c);
        await this.check();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, cases.length)) }, worker));
  }

  /** Emits whatever is left (call once, after the last runAll). */
  finish(): Map<ServerCase, Result[]> {
    this.settle(Number.POSITIVE_INFINITY);
    return this.results;
  }

  /** One control after the cases that just ended (one queued control serves all of them). */
  private check(): Promise<void> {
    if (this.queued) return this.queued;
    const q = this.chain.then(() => {
      this.queued = undefined;
      return this.afterCase();
    });
    this.queued = q;
    this.chain = q.catch(() => undefined);
    return q;
  }

  private async afterCase(): Promise<void> {
    const at = ++this.tick;
    if (this.off || !this.baseline || this.s.unresponsive) return this.settle(at);
    const what = changes(this.baseline, await this.control());
    if (!what.length) {
      this.lastGood = at;
      return this.settle(at);
    }
    let resume: () => void = () => undefined;
    this.pause = new Promise((r) => (resume = r));
    try {
      await Promise.allSettled([...this.inFlight]);
      // Every case that had not ended when the last good control began ran on a changed server;
      // those that began before this control are the ones that may have changed it.
      const touched = [...this.spans]
        .filter(([, sp]) => (sp.end ?? Number.POSITIVE_INFINITY) > this.lastGood)
        .sort((a, b) => (a[1].end ?? 0) - (b[1].end ?? 0));
      const suspects = touched.filter(([, sp]) => sp.start < at).map(([c]) => c);
      const cases = touched.map(([c]) => c);
      if (this.s.canRestart && this.chased < MAX_CHANGES) await this.chase(cases, suspects, what);
      else this.record(cases, suspects, what);
      this.lastGood = ++this.tick;
      this.settle(this.tick);
    } finally {
      this.pause = undefined;
      resume();
    }
  }

  /** Restart, then run the window's cases again one at a time, each followed by the control. */
  private async chase(cases: ServerCase[], suspects: ServerCase[], what: string[]): Promise<void> {
    this.chased++;
    const ids = suspects.map((c) => c.id).join(', ');
    if (!(await this.restart(`a control request changed after case ${ids}`))) return;
    let culprit: string | undefined;
    let changed: string[] = what;
    const again = new Map<ServerCase, Result[]>();
    for (const c of cases) {
      const results = await this.hooks.run(c, ++this.reruns);
      const now = this.baseline ? changes(this.baseline, await this.control()) : [];
      if (!now.length) {
        if (c.id !== culprit) again.set(c, results);
        continue;
      }
      // Each case after which it changes again is named; the first one is the window's cause.
      this.results.set(c, results);
      if (!culprit) [culprit, changed] = [c.id, now];
      const note = changeNote(`case ${c.id}`, now);
      this.s.notes.push(`${note}; it was restarted, and the cases that ran meanwhile ran again`);
      if (!(await this.restart(`after case ${c.id} it no longer ${now.join(', ')}`))) break;
    }
    const firstRun = culprit
      ? changeNote(`case ${culprit}`, changed)
      : `a control request showed the server no longer ${changed.join(' and no longer ')}`;
    const why = `judged by a second run on a restarted server; its first run may have been affected: ${firstRun}`;
    for (const [c, results] of again)
      this.results.set(
        c,
        results.map((r) => ({ ...r, affected: why })),
      );
    if (!culprit)
      this.s.notes.push(
        `${changeNote(`case ${ids}`, what)}, but running the cases again one at a time on a restarted server ` +
          'did not reproduce it (a slow answer?): their results come from that second run',
      );
  }

  /** A server the suite cannot restart: name the suspects, and mark every later result. */
  private record(cases: ServerCase[], suspects: ServerCase[], what: string[]): void {
    this.off = true;
    const one = suspects.length === 1 ? suspects[0] : undefined;
    const after = one
      ? `case ${one.id}`
      : `one of the cases ${suspects.map((c) => c.id).join(', ')} (they ran at the same time)`;
    const note = changeNote(after, what);
    this.s.notes.push(note);
    this.affected = note;
    for (const c of cases) if (c !== one) this.results.set(c, this.mark(this.results.get(c) ?? []));
  }

  private async restart(reason: string): Promise<boolean> {
    const error = await this.s.restart(reason);
    const now = error ? undefined : await this.control();
    const still = now && this.baseline ? changes(this.baseline, now) : ['runs'];
    if (!error && !still.length) return true;
    this.off = true;
    const still2 = error ?? `does not behave: it no longer ${still.join(', ')}`;
    this.s.unresponsive ??= `the server was restarted (${reason}) and still ${still2}`;
    this.s.notes.push(this.s.unresponsive);
    return false;
  }

  /** --url after a change: the result says so, and a failure becomes an error (its cause is unsure). */
  private mark(results: Result[]): Result[] {
    const note = this.affected;
    if (!note) return results;
    return results.map((r): Result => {
      if (r.outcome !== 'fail') return { ...r, affected: note };
      const { expected: _e, actual: _a, ...rest } = r;
      return {
        ...rest,
        outcome: 'error',
        code: 'server-changed',
        message: `${r.message} (not counted: ${note})`,
        affected: note,
      };
    });
  }

  private settle(before: number): void {
    for (const c of [...this.unsettled]) {
      const end = this.spans.get(c)?.end ?? 0;
      if (end >= before) continue;
      this.unsettled.delete(c);
      this.hooks.emit(this.results.get(c) ?? []);
    }
  }

  private async control(): Promise<ControlAnswer> {
    const n = ++this.controls;
    const opts = { timeoutMs: this.hooks.timeoutMs };
    const plain = await this.s.send(`control-${n}-${this.s.runTag}`, CONTROL_PLAIN, opts);
    const error = await this.s.send(`control-${n}e-${this.s.runTag}`, CONTROL_APP_ERROR, opts);
    const answer = { plain: plainAnswer(plain), appError: appErrorAnswer(error) };
    if (answer.plain === undefined || answer.appError === undefined) return answer;
    return (await this.s.server.alive()) ? answer : { ...answer, exited: true };
  }
}
