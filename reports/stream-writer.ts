/**
 * Writes the result stream as the run goes: to a file (synchronously, so a signal handler
 * can still close the run with its footer), to stdout, and always to memory, which is what
 * the reports are rendered from.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { summarize, type Report, type Result } from './result.js';
import { renderLine, type StreamFooter, type StreamHeader, type StreamLine } from './stream.js';

type Pending = { header: StreamHeader; written: boolean; results: Result[] };

export class StreamWriter {
  private text = '';
  private fd: number | undefined;
  private run: Pending | undefined;

  /** `path`: the stream file (created, truncated); `echo`: also sends each line there (stdout). */
  constructor(
    readonly path?: string,
    private readonly echo?: (line: string) => void,
  ) {
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'w');
    }
  }

  /** A run begins; its header is written with the first result or start(), whichever comes first. */
  begin(header: StreamHeader): void {
    if (this.run) throw new Error('StreamWriter.begin: the previous run has no footer');
    this.run = { header, written: false, results: [] };
  }

  /** The target is known now (server version, Python): the header says so. */
  start(target: Report['target']): void {
    const run = this.open('start');
    if (!run.written) run.header = { ...run.header, target };
  }

  result(result: Result): void {
    const run = this.open('result');
    this.flushHeader(run);
    run.results.push(result);
    this.write({ type: 'result', result });
  }

  /** Closes the run; interrupted runs close through interrupt(). */
  end(more: Pick<StreamFooter, 'notes' | 'baseline'> = {}): void {
    this.close(false, more);
  }

  /** Closes the open run, if any, as interrupted (from a signal handler: all synchronous). */
  interrupt(): void {
    if (this.run) this.close(true, {});
  }

  get runOpen(): boolean {
    return this.run !== undefined;
  }

  /** The results of the open run so far. */
  get current(): readonly Result[] {
    return this.run?.results ?? [];
  }

  contents(): string {
    return this.text;
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private close(interrupted: boolean, more: Pick<StreamFooter, 'notes' | 'baseline'>): void {
    const run = this.open('end');
    this.flushHeader(run);
    const notes = more.notes?.length ? { notes: more.notes } : {};
    const baseline = more.baseline ? { baseline: more.baseline } : {};
    this.write({
      type: 'footer',
      summary: summarize(run.results),
      interrupted,
      finishedAt: new Date().toISOString(),
      ...notes,
      ...baseline,
    });
    this.run = undefined;
  }

  private open(what: string): Pending {
    if (!this.run) throw new Error(`StreamWriter.${what}: no run begun`);
    return this.run;
  }

  private flushHeader(run: Pending): void {
    if (run.written) return;
    run.written = true;
    this.write(run.header);
  }

  private write(line: StreamLine): void {
    const text = renderLine(line);
    this.text += text;
    if (this.fd !== undefined) writeSync(this.fd, text);
    this.echo?.(text);
  }
}
