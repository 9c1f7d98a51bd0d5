/**
 * A running server under certification: how to reach it, where its probe writes facts, and
 * what happened to it along the run (restarts, silence, notes for the report). The cases
 * run through `runCase` (run-case.ts); this object is the state they share, kept in one place
 * so that a case's verdict can only depend on it through these methods.
 */
import { sendProbe, type Exchange, type ProbeRequest, type SendOptions } from '../../harness/server/exchange.js';
import { readFacts, type Fact } from '../../harness/server/facts.js';
import type { RunningServer } from '../../harness/server/launcher.js';
import type { ConnTarget } from '../../harness/server/tls.js';
import type { CaseRun } from './judge.js';

/** After this many requests in a row without any answer, the server is declared unresponsive. */
const UNRESPONSIVE_AFTER = 3;

export class ServerSession {
  readonly notes: string[] = [];
  /** Set once the server stopped answering: every later case is an error with this message. */
  unresponsive: string | undefined;
  /** The last case the server answered, to name when it stops behaving after it. */
  private lastAnswered: string | undefined;
  private silent = 0;
  private restarting: Promise<NonNullable<CaseRun['error']>> | undefined;
  /** A path prefix of a --url target, put before every request target. */
  private readonly prefix: string;

  constructor(
    readonly server: RunningServer,
    readonly probeDir: string,
    /** A unique tag of this run, so request ids (and fact files) never collide across runs. */
    readonly runTag: string,
  ) {
    this.prefix = new URL(server.url).pathname.replace(/\/+$/, '');
  }

  /** How to reach the server directly: its address, and its CA when it speaks TLS (--tls). */
  get where(): ConnTarget {
    const { host, port, tls } = this.server;
    return { host, port, ...(tls ? { tls } : {}) };
  }

  /** One request on a fresh connection (isolation: no case inherits another's connection). */
  send(id: string, req: ProbeRequest, opts: SendOptions): Promise<Exchange> {
    const target = `${this.prefix}${req.target ?? '/'}`;
    return sendProbe(this.where, id, { ...req, target }, opts);
  }

  facts(id: string): Promise<Fact[]> {
    return readFacts(this.probeDir, id);
  }

  /**
   * Counts requests that got no status line at all (a response cut short still is an
   * answer); after UNRESPONSIVE_AFTER in a row the server is declared unresponsive, naming
   * the last case it answered.
   */
  answered(caseId: string, ex: Exchange, silenceExpected: boolean): void {
    if (ex.status !== undefined) {
      this.silent = 0;
      this.lastAnswered = caseId;
      return;
    }
    if (silenceExpected) {
      this.silent = 0;
      return;
    }
    this.silent++;
    if (this.silent >= UNRESPONSIVE_AFTER && !this.unresponsive) {
      const after = this.lastAnswered ? `after case ${this.lastAnswered}, ` : '';
      this.unresponsive =
        `${after}the server stopped answering ` +
        `(${this.silent} requests in a row got no response, last: ${ex.error})`;
      this.notes.push(this.unresponsive);
    }
  }

  /** Whether the suite started the server (and so can restart it): not a --url target. */
  get canRestart(): boolean {
    return this.server.command !== undefined;
  }

  /** Restarts the server for `reason` (one restart at a time); the error in words when that failed. */
  async restart(reason: string): Promise<string | undefined> {
    const work = (this.restarting ??= this.server
      .restart(reason)
      .then(
        () => ({ code: 'restarted', message: '' }),
        (e: unknown) => ({ code: 'server-died', message: `could not be restarted: ${(e as Error).message}` }),
      )
      .finally(() => (this.restarting = undefined)));
    const outcome = await work;
    // A revive() under way shares this restart; its message says whether it failed.
    return outcome.message.includes('could not be restarted') ? outcome.message : undefined;
  }

  /** The server died during case `caseId`: restart it (one restart at a time) and say which case killed it. */
  revive(caseId: string, ex: Exchange): Promise<NonNullable<CaseRun['error']>> {
    this.restarting ??= this.restartFor(caseId, ex).finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  private async restartFor(caseId: string, ex: Exchange): Promise<NonNullable<CaseRun['error']>> {
    const tail = this.server.output().trim().split('\n').slice(-5).join('\n');
    let error: NonNullable<CaseRun['error']>;
    try {
      await this.server.restart(`it died during case ${caseId}`);
      const said = tail ? `; its last output:\n${tail}` : '';
      error = {
        code: 'server-died',
        message: `the server died during case ${caseId} (${ex.error}) and was restarted${said}`,
      };
    } catch (e) {
      const why = (e as Error).message;
      error = {
        code: 'server-died',
        message: `the server died during case ${caseId} and could not be restarted: ${why}`,
      };
    }
    this.notes.push(error.message);
    return error;
  }
}
