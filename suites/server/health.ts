/**
 * The control exchange: two requests whose right answer is known whatever the server, sent
 * before the first case and after each one, so that a server which stops behaving after
 * some case is noticed at that case and the report can name it, instead of later, unrelated
 * rules failing. A plain request must get the probe's observation; an application that raises
 * before any output must get an error response (PEP 3333, Error Handling: the server traps it).
 * Only what the first control got right is watched: a server that never traps errors is
 * judged by its cases, not by a change.
 */
import type { Exchange } from '../../harness/server/exchange.js';
import type { ProbeRequest } from '../../harness/server/exchange.js';

export const CONTROL_PLAIN: ProbeRequest = { scenario: 'environ' };
export const CONTROL_APP_ERROR: ProbeRequest = { scenario: 'raise' };

/** What each control request got: undefined when it was the known answer, else what came instead. */
export interface ControlAnswer {
  plain: string | undefined;
  appError: string | undefined;
  /** The server's process had exited (or a --url target stopped accepting connections). */
  exited?: boolean;
}

export function plainAnswer(ex: Exchange): string | undefined {
  if (ex.status === undefined) return `no answer: ${ex.error ?? 'nothing came back'}`;
  if (ex.error) return `an incomplete answer: ${ex.error}`;
  if (ex.status !== 200 || ex.json === undefined) return `status ${ex.status} without the probe's observation`;
  return undefined;
}

export function appErrorAnswer(ex: Exchange): string | undefined {
  if (ex.status === undefined) return `no answer: ${ex.error ?? 'nothing came back'}`;
  if (ex.status < 500) return `status ${ex.status}`;
  return undefined;
}

/** Whether the first control gives anything to watch. */
export function watchable(baseline: ControlAnswer): boolean {
  return baseline.plain === undefined || baseline.appError === undefined;
}

/**
 * What the server no longer does, compared with the first control, as phrases completing
 * "the server no longer ..."; empty when nothing it did right has changed.
 */
export function changes(baseline: ControlAnswer, now: ControlAnswer): string[] {
  if (now.exited) return ['runs (its process exited, or it stopped accepting connections)'];
  if (baseline.plain === undefined && now.plain !== undefined) return [`answers a plain request (${now.plain})`];
  // (a server that answers nothing does not answer application errors either: said once, above)
  if (baseline.appError === undefined && now.appError !== undefined)
    return [`answers an application error with an error response (${now.appError})`];
  return [];
}

/** "after case X, the server no longer A and no longer B" */
export function changeNote(after: string, what: readonly string[]): string {
  return `after ${after}, the server no longer ${what.join(' and no longer ')}`;
}
