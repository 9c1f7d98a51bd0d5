/**
 * One CLI run of one or more targets: every result goes into the stream as it is judged
 * (marked by the baseline), progress goes to the terminal, and at the end every report is
 * rendered from the stream. Ctrl-C (or SIGTERM) closes the stream as interrupted, renders
 * what ran, and exits 130; a second Ctrl-C exits at once.
 */
import { join } from 'node:path';
import type { Report, TargetKind } from '../reports/result.js';
import { STREAM_REPORTER } from '../reports/registry.js';
import { parseStream, STREAM_FORMAT } from '../reports/stream.js';
import { StreamWriter } from '../reports/stream-writer.js';
import { TOOL } from '../spec/tool.js';
import type { RunObserver } from '../suites/observer.js';
import { BaselineBook, loadBaseline } from './baseline.js';
import { knownPair } from './case-order.js';
import { emitRuns } from './emit.js';
import type { RunOptions } from './options.js';
import { Progress } from './progress.js';

export const INTERRUPTED_EXIT = 130;

export interface Planned {
  kind: TargetKind;
  name: string;
  /** Cases this run (shard) judges. */
  cases: number;
  /** --tls: over TLS, the certificate verified against `ca` (absent: a throwaway CA). */
  tls?: { ca?: string };
  /** The route options of `app` as given. */
  routes?: string[];
}

export class RunSession {
  readonly writer: StreamWriter;
  readonly book: BaselineBook | undefined;
  readonly progress = new Progress();
  private judged = 0;
  private streamed = 0;
  private interruptedOnce = false;

  constructor(
    readonly options: RunOptions,
    private readonly multi = false,
  ) {
    const stream = options.reporters.includes(STREAM_REPORTER.name);
    const path = stream && options.out ? join(options.out, STREAM_REPORTER.file) : undefined;
    this.writer = new StreamWriter(path, stream && !options.out ? (line) => process.stdout.write(line) : undefined);
    if (options.baseline) {
      this.book = new BaselineBook(options.baseline, loadBaseline(options.baseline, options.updateBaseline));
    }
  }

  /** Warns about baseline entries no case of this suite matches (typos, or stale after an upgrade). */
  checkBaseline(kind: TargetKind | undefined): void {
    for (const e of this.book?.unknown((e) => knownPair(kind, e)) ?? []) {
      process.stderr.write(
        `wsgi-conformance: baseline ${this.book?.file}: no ${kind ?? ''} case ${e.case} checks rule ${e.rule}; ` +
          `the entry matches nothing (see: wsgi-conformance rules)\n`,
      );
    }
  }

  /** Begins one target's run in the stream; the hooks feed it and the progress line. */
  observe(plan: Planned): RunObserver {
    if (this.interruptedOnce) throw new Error('interrupted: no further target is started');
    const o = this.options;
    this.writer.begin({
      type: 'header',
      format: STREAM_FORMAT,
      tool: TOOL,
      target: { kind: plan.kind, name: plan.name },
      options: {
        only: o.only,
        strict: o.strict,
        timeoutMs: o.timeoutMs,
        ...(o.python ? { python: o.python } : {}),
        ...(o.baseline ? { baseline: o.baseline } : {}),
        ...(plan.tls ? { tls: plan.tls.ca === undefined ? {} : { ca: plan.tls.ca } } : {}),
        ...(plan.routes?.length ? { routes: plan.routes } : {}),
      },
      ...(o.shard ? { shard: o.shard } : {}),
      cases: plan.cases,
      startedAt: new Date().toISOString(),
    });
    const prefix = this.multi ? `${plan.name} ` : '';
    return {
      // After an interrupt the stream is closed; the certification still in flight is ignored.
      onStart: (target) => this.interruptedOnce || this.writer.start(target),
      onResults: (results) => {
        if (this.interruptedOnce) return;
        for (const r of results) this.writer.result(this.book ? this.book.mark(plan.name, r) : r);
        this.streamed += results.length;
      },
      onProgress: (done, total, label) => this.interruptedOnce || this.progress.update(done, total, label, prefix),
    };
  }

  /** Closes one target's run: its notes and the baseline's verdict go into the footer. */
  end(report: Report): void {
    if (this.interruptedOnce) return;
    const results = this.writer.current;
    this.judged += new Set(results.map((r) => r.case)).size;
    this.writer.end({
      ...(report.notes ? { notes: report.notes } : {}),
      ...(this.book ? { baseline: this.book.verdict(report.target.name, results) } : {}),
    });
  }

  /** Runs `work` (which calls observe/end per target), then renders; returns the exit code. */
  async run(work: () => Promise<void>): Promise<number> {
    let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
    const interrupted = new Promise<NodeJS.Signals>((resolve) => {
      onSignal = (signal) => {
        if (this.interruptedOnce) process.exit(INTERRUPTED_EXIT);
        this.interruptedOnce = true;
        this.writer.interrupt();
        resolve(signal);
      };
    });
    const signals = ['SIGINT', 'SIGTERM'] as const;
    for (const s of signals) process.on(s, onSignal as NodeJS.SignalsListener);
    try {
      const signal = await Promise.race([work().then(() => undefined), interrupted]);
      this.progress.finish(`${this.judged} cases judged`);
      if (signal) {
        process.stderr.write(
          `\nwsgi-conformance: interrupted (${signal}); reporting the ${this.streamed} results so far\n`,
        );
        if (this.writer.contents()) await this.emit();
        process.exit(INTERRUPTED_EXIT); // the certification still in flight is abandoned, its servers already killed
      }
      return (await this.emit()).code;
    } finally {
      for (const s of signals) process.removeListener(s, onSignal as NodeJS.SignalsListener);
      this.writer.dispose();
    }
  }

  private emit() {
    const runs = parseStream(this.writer.contents(), this.writer.path ?? 'the result stream');
    return emitRuns(runs, this.options, this.book);
  }
}
