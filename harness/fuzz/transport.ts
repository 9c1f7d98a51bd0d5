/**
 * The fuzzer's only dependency on the socket client and the probe host: start a server
 * hosting the probe, and send exact bytes on one fresh connection, one request at a time
 * (each written once the answer to the previous one is in), reading every byte that comes
 * back, over plain TCP or TLS (the one socket driver either way).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../paths.js';
import { launch, type RunningServer, type ServerTarget } from '../server/launcher.js';
import { converse } from '../wire/driver.js';
import { parseResponses, type ParsedStream, type WireRequestMeta, type WireResponse } from '../wire/parse.js';
import type { TlsClient } from '../server/tls.js';

export type { RunningServer, ServerTarget } from '../server/launcher.js';
export type { TlsClient } from '../server/tls.js';
export { LaunchError } from '../server/launcher.js';

const PROBE_APP = {
  module: 'probe',
  callable: 'application',
  dir: fromRoot('harness', 'python'),
  file: fromRoot('harness', 'python', 'probe.py'),
};

export interface FuzzHost {
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * Starts (or attaches to) the server hosting the probe, with a private side-channel folder;
 * with `tls`, serving HTTPS with a throwaway certificate (or the URL's CA), as `server --tls` does.
 */
export async function startHost(target: ServerTarget, python?: string, tls?: { ca?: string }): Promise<FuzzHost> {
  const dir = target.kind === 'url' ? undefined : mkdtempSync(join(tmpdir(), 'wsgi-conf-fuzz-'));
  try {
    const server = await launch({
      target,
      app: PROBE_APP,
      ...(python ? { python } : {}),
      env: dir ? { WSGI_CONFORMANCE_PROBE_DIR: dir } : {},
      ...(tls ? { tls } : {}),
    });
    const close = async () => {
      await server.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    };
    return { server, close };
  } catch (e) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface ExchangeResult {
  sent: Buffer;
  received: Buffer;
  parsed: ParsedStream;
  /** Why the conversation ended: every answer in, the server closed, time ran out, or a socket error. */
  end: 'done' | 'closed' | 'timeout' | 'error';
  /** The server closed the connection (FIN or reset). */
  closed: boolean;
  /** The conversation ended early: an answer said the connection was no more use (see `leave`). */
  left?: boolean;
  error?: string;
}

/**
 * Sends `requests` (exact bytes each) on one connection, each after the previous answer,
 * and parses what came back as the answers to `metas`. `leave`: an answer after which the
 * connection is no use (the application left a read of it blocked, and that read would take
 * the next request's bytes): the conversation ends there (`left`), the rest unsent.
 */
export async function exchange(
  host: string,
  port: number,
  requests: readonly Buffer[],
  metas: readonly WireRequestMeta[],
  timeoutMs: number,
  tls?: TlsClient,
  leave?: (answer: WireResponse) => boolean,
): Promise<ExchangeResult> {
  const answered = (received: Buffer, n: number) => parseResponses(received, metas.slice(0, n), false).finals >= n;
  const finalsIn = (received: Buffer) =>
    parseResponses(received, metas, false).responses.filter((r) => !r.interim && r.complete);
  const leaving = (received: Buffer) => {
    if (!leave) return false;
    const finals = finalsIn(received);
    return finals.length < requests.length && finals.some(leave);
  };
  const record = await converse({
    host,
    port,
    ...(tls ? { tls } : {}),
    steps: requests.map((bytes, i) =>
      i === 0 ? { bytes } : { bytes, wait: { maxMs: timeoutMs, until: (r: Buffer) => answered(r, i) && !leaving(r) } },
    ),
    done: (received, closed) => closed || answered(received, requests.length) || leaving(received),
    settleMs: 0,
    timeoutMs,
  });
  const closed = record.closedByServer || record.end === 'closed';
  const parsed = parseResponses(record.received, metas, closed);
  const left = !closed && record.end === 'done' && leaving(record.received);
  return {
    sent: record.sent,
    received: record.received,
    parsed,
    end: record.end,
    closed,
    ...(left ? { left } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}
