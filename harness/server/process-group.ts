/**
 * Server processes in their own process groups, and the one process-wide net that kills
 * every group still running when we exit, are interrupted or crash. A server forks
 * (masters, workers, daemon processes), so "the server" is always its whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

const GRACE_MS = 2000;
const running = new Set<number>(); // process group ids we started and have not reaped
const scratch = new Set<string>(); // servers' work dirs (configs, logs), removed with them
let installed = false;

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody left in the group
  }
}

/**
 * Pids of the group's processes that still run, from /proc (Linux), or undefined where there
 * is no /proc. Zombies do not count: a dead worker orphaned to init stays listed until init
 * reaps it, which some container inits do only every few seconds.
 */
export function liveMembers(pgid: number): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const live: number[] = [];
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') live.push(Number(pid));
    } catch {
      /* exited while we looked */
    }
  }
  return live;
}

function killAllNow(): void {
  for (const pgid of running) signalGroup(pgid, 'SIGKILL');
  running.clear();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  scratch.clear();
}

/** Remove dir if we exit, crash or are interrupted first; call the result once it is removed. */
export function removeAtExit(dir: string): () => void {
  installCleanup();
  scratch.add(dir);
  return () => scratch.delete(dir);
}

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  // A listener replaces Node's default "die on this signal"; restore it unless someone
  // else (a CLI, the test runner) also listens and so decides what happens next.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

/** Registered once: 'exit' covers normal ends and crashes; signals bypass 'exit', so they need their own. */
function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllNow);
  // The monitor sees uncaught exceptions without swallowing them ('uncaughtException' would).
  process.on('uncaughtExceptionMonitor', killAllNow);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
}

export class ProcessGroup {
  readonly child: ChildProcess;
  readonly pgid: number | undefined;
  /** Set when the leader has exited: its code or signal, as text. */
  exited: string | undefined;
  spawnError: NodeJS.ErrnoException | undefined;
  private readonly exitWaiters: Array<() => void> = [];

  /** onOutput receives stdout and stderr as they come, interleaved. */
  constructor(
    argv: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv },
    onOutput: (text: string) => void,
  ) {
    installCleanup();
    const [file, ...args] = argv as [string, ...string[]];
    this.child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.pgid = this.child.pid; // detached: the leader's pid is the group id
    if (this.pgid !== undefined) running.add(this.pgid);
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', onOutput);
    }
    const done = (why: string) => {
      this.exited ??= why;
      for (const w of this.exitWaiters.splice(0)) w();
    };
    this.child.on('error', (e: NodeJS.ErrnoException) => {
      this.spawnError ??= e;
      done(`spawn error ${e.code ?? e.message}`);
    });
    this.child.on('exit', (code, signal) => {
      // Nothing left to kill at exit: forget the id, so the net never hits a reused one.
      if (this.pgid !== undefined && !this.groupExists()) running.delete(this.pgid);
      done(signal ? `signal ${signal}` : `code ${code}`);
    });
  }

  /** Does any process of the group still run (the leader or anything it forked)? */
  groupExists(): boolean {
    if (this.pgid === undefined || !signalGroup(this.pgid, 0)) return false;
    return (liveMembers(this.pgid)?.length ?? 1) > 0;
  }

  waitExit(timeoutMs: number): Promise<void> {
    if (this.exited !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * SIGTERM the group, give it GRACE_MS to go, then SIGKILL whatever is left. Resolves when
   * no process of the group exists any more (children reparented to init included).
   */
  async stop(graceMs = GRACE_MS): Promise<void> {
    const pgid = this.pgid;
    if (pgid === undefined) return;
    if (signalGroup(pgid, 'SIGTERM')) {
      const deadline = Date.now() + graceMs;
      while (this.groupExists() && Date.now() < deadline) await sleep(50);
    }
    signalGroup(pgid, 'SIGKILL'); // stragglers: workers that ignore SIGTERM, grandchildren
    await this.waitExit(graceMs);
    // SIGKILL is not instant: wait until the kernel has taken every process down.
    for (let i = 0; i < 100 && this.groupExists(); i++) await sleep(20);
    running.delete(pgid);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
