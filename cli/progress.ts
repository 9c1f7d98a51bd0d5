/**
 * "[37/112] close-after-success", updated in place on stderr while a run goes. Only when both
 * stderr and stdout are terminals (never in CI logs or piped output); with stdout redirected
 * and stderr a terminal, one final line instead. No colour, no escape codes: a carriage
 * return and padding work on any terminal, NO_COLOR and TERM=dumb included.
 */
export interface ProgressStreams {
  stderr: { isTTY?: boolean; columns?: number; write(text: string): boolean };
  stdout: { isTTY?: boolean };
}

export class Progress {
  private shown = 0;
  private readonly started = Date.now();
  readonly live: boolean;
  private readonly finalLine: boolean;

  constructor(
    private readonly io: ProgressStreams = process,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const terminal = Boolean(io.stderr.isTTY) && !env.CI && env.TERM !== 'dumb';
    this.live = terminal && Boolean(io.stdout.isTTY);
    this.finalLine = terminal && !io.stdout.isTTY;
  }

  /** `prefix` names the target in a matrix run ("gunicorn "). */
  update(done: number, total: number, label: string, prefix = ''): void {
    if (!this.live) return;
    const width = Math.max(20, (this.io.stderr.columns || 80) - 1); // 0 when the size is unknown
    const text = `[${prefix}${done}/${total}] ${label}`.slice(0, width);
    this.io.stderr.write(`\r${text.padEnd(this.shown)}`);
    this.shown = text.length;
  }

  /** Removes the line, before anything else is printed. */
  clear(): void {
    if (!this.shown) return;
    this.io.stderr.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }

  /** The end of the run: clear the line, or print the one final line. */
  finish(what: string): void {
    this.clear();
    if (this.finalLine)
      this.io.stderr.write(`wsgi-conformance: ${what} in ${((Date.now() - this.started) / 1000).toFixed(1)} s\n`);
  }
}
