/**
 * A raw-socket conversation (`node:net`, or `node:tls` with the certificate verified, through
 * harness/server/tls.ts): exact bytes out (malformed and pipelined requests included), every
 * byte in, each read stamped with the time since the first write. Steps can wait for what
 * came back (a `100 Continue`) before writing more, as a client that honours
 * `Expect: 100-continue` does. Nothing here throws: connection errors are part of the record.
 *
 * The client's own event loop is watched: `loopStallMs` says how late a read stamp may be, so
 * timing verdicts can refuse to judge on a loaded machine.
 */
import { openConnection, type TlsClient } from '../server/tls.js';

export interface WireStep {
  bytes: Buffer;
  /** Before writing: wait until `until(received)` holds, at most `maxMs` (then write anyway). */
  wait?: { maxMs: number; until?: (received: Buffer) => boolean };
  /** After the wait, before writing: await this (e.g. an exchange on another connection). */
  barrier?: () => Promise<unknown>;
}

export interface WirePlan {
  host: string;
  port: number;
  /** Speak TLS, verifying the server's certificate (timings count from after the handshake). */
  tls?: TlsClient;
  /** Bind the client socket to this address first (127.0.0.2: a loopback peer no allow-list trusts). */
  localAddress?: string;
  steps: WireStep[];
  /** The conversation is over when this holds for what was received (checked on each read). */
  done: (received: Buffer, closed: boolean) => boolean;
  /** After `done`, keep listening this long for bytes nobody asked for. */
  settleMs: number;
  timeoutMs: number;
  /** Ends the conversation early (end `error`, the signal's reason as the error). */
  signal?: AbortSignal;
}

export interface WireRead {
  ms: number;
  /** Bytes received so far, this read included. */
  total: number;
}

export type WireEnd = 'done' | 'closed' | 'timeout' | 'error';

export interface WireRecord {
  sent: Buffer;
  writes: Array<{ ms: number; bytes: number }>;
  received: Buffer;
  reads: WireRead[];
  /** Why the conversation ended: the plan was done, the server closed, the time ran out, or a socket error. */
  end: WireEnd;
  endMs: number;
  /** The server closed (FIN or reset) before the client let go. */
  closedByServer: boolean;
  error?: string;
  loopStallMs: number;
}

const TICK_MS = 10;

export function converse(plan: WirePlan): Promise<WireRecord> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const reads: WireRead[] = [];
    const writes: WireRecord['writes'] = [];
    let received = Buffer.alloc(0);
    let start = 0;
    let finished = false;
    let closedByServer = false;
    let error: string | undefined;
    let settleTimer: NodeJS.Timeout | undefined;
    let wake: (() => void) | undefined;
    let stall = 0;
    let lastTick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - lastTick - TICK_MS);
      lastTick = now;
    }, TICK_MS);
    const since = () => Math.round((performance.now() - start) * 10) / 10;
    const { host, port, tls, localAddress } = plan;
    const local = localAddress ? { localAddress } : {};
    const { socket, ready } = openConnection({ host, port, ...(tls ? { tls } : {}), ...local });
    socket.setNoDelay(true);
    const finish = (end: WireEnd) => {
      if (finished) return;
      finished = true;
      plan.signal?.removeEventListener('abort', abort);
      clearTimeout(timer);
      clearTimeout(settleTimer);
      clearInterval(ticker);
      stall = Math.max(stall, performance.now() - lastTick - TICK_MS);
      socket.destroy();
      wake?.();
      const sent = Buffer.concat(plan.steps.slice(0, writes.length).map((s) => s.bytes));
      resolve({
        sent,
        writes,
        received,
        reads,
        end,
        endMs: start ? since() : 0,
        closedByServer,
        ...(error ? { error } : {}),
        loopStallMs: Math.max(0, Math.round(stall)),
      });
    };
    const timer = setTimeout(() => finish('timeout'), plan.timeoutMs);
    const abort = () => {
      error = String((plan.signal?.reason as Error | undefined)?.message ?? plan.signal?.reason);
      finish('error');
    };
    if (plan.signal?.aborted) queueMicrotask(abort);
    else plan.signal?.addEventListener('abort', abort, { once: true });
    const check = () => {
      wake?.();
      if (!settleTimer && plan.done(received, closedByServer))
        settleTimer = setTimeout(() => finish('done'), plan.settleMs);
    };
    socket.on(ready, async () => {
      start = performance.now();
      for (const step of plan.steps) {
        if (step.wait) {
          const deadline = performance.now() + step.wait.maxMs;
          while (!finished && performance.now() < deadline && !step.wait.until?.(received)) {
            await new Promise<void>((r) => {
              wake = r;
              setTimeout(r, Math.max(1, deadline - performance.now()));
            });
          }
        }
        if (step.barrier && !finished) await step.barrier();
        if (finished || socket.destroyed) return;
        writes.push({ ms: since(), bytes: step.bytes.length });
        socket.write(step.bytes);
      }
    });
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      received = Buffer.concat(chunks);
      reads.push({ ms: since(), total: received.length });
      check();
    });
    socket.on('end', () => {
      closedByServer = true;
      check();
      finish(settleTimer ? 'done' : 'closed');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') closedByServer = true;
      error = `${e.code ?? 'socket error'}: ${e.message}`;
      finish(received.length || closedByServer ? 'closed' : 'error');
    });
  });
}

/** When (ms since the first write) the client had received the first `bytes` bytes. */
export function receivedBy(record: WireRecord, bytes: number): number | undefined {
  return record.reads.find((r) => r.total >= bytes)?.ms;
}
