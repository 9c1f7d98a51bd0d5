/** The launcher's contract, apart from launch() itself (launcher.ts re-exports all of it). */
import type { TlsClient, TlsMaterial } from './tls.js';

/** e.g. {module:'probe', callable:'application', dir:'<abs>/harness/python', file:'<abs>/harness/python/probe.py'} */
export interface AppSpec {
  module: string;
  callable: string;
  dir: string;
  file: string;
}

export type ServerTarget =
  | { kind: 'preset'; name: string }
  | { kind: 'cmd'; template: string }
  | { kind: 'url'; url: string };

export interface LaunchOptions {
  target: ServerTarget;
  app: AppSpec;
  python?: string;
  env?: Record<string, string>;
  /** default 15000 */
  startTimeoutMs?: number;
  /** default 127.0.0.1 */
  host?: string;
  /**
   * Serve over TLS: a preset or --cmd gets a throwaway certificate ({cert} {key} {ca});
   * a URL target is verified against `ca` (a PEM file, --tls-ca).
   */
  tls?: { ca?: string };
}

export interface RunningServer {
  /** preset name, 'cmd', or 'url' */
  readonly name: string;
  /** http(s)://host:port (for a url target, the URL given, without a trailing slash) */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Set when the server speaks TLS: what a client verifies it with. */
  readonly tls?: TlsClient;
  /** e.g. 'gunicorn 20.1.0' for presets */
  readonly version?: string;
  /** interpreter used for {python} */
  readonly python?: string;
  /** the exact command line started (for reports) */
  readonly command?: string;
  /** pid of the process we started, which is also its process group id (new on restart) */
  readonly pid?: number;
  /** still accepting TCP connections (and the process is running, if we started it) */
  alive(): Promise<boolean>;
  /** stop everything, start again on the same port, wait until ready */
  restart(reason: string): Promise<void>;
  /** SIGTERM the process group, SIGKILL after 2 s; never leaves a process behind */
  stop(): Promise<void>;
  /** tail (last ~8 KB) of the server's stdout+stderr, and of its log files */
  output(): string;
}

export type LaunchErrorCode = 'not-installed' | 'exited' | 'timeout' | 'bad-template' | 'unreachable' | 'no-tls';

/** The server could not be started or reached; the message names the cause and what to do. */
export class LaunchError extends Error {
  override name = 'LaunchError';
  constructor(
    readonly code: LaunchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** "; its last output:\n..." for an error message, or '' when the server printed nothing. */
export function outputNote(output: string, lines = 15): string {
  const tail = output.trim().split('\n').slice(-lines).join('\n');
  return tail ? `\nits last output:\n${tail}` : '\nit printed nothing';
}

/** What a preset's setup() gets: where the server will listen and a folder for its files. */
export interface PresetContext {
  host: string;
  port: number;
  app: AppSpec;
  /** A private, empty directory for this server's files; removed on stop(). */
  workDir: string;
  env: Readonly<Record<string, string>>;
  /** With --tls: the certificate and key the server loads, and the CA that signed them. */
  tls?: TlsMaterial;
}

export interface PresetSetup {
  /** Extra placeholders for the preset's own template, e.g. {config}. */
  vars: Record<string, string>;
  /** Files the server logs to instead of stderr; their tails are part of output(). */
  logFiles: string[];
}
