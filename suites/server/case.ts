/**
 * A server case: the request it sends to the probe (scenario + HTTP details), the side-channel
 * facts it waits for, and a check over what came back. `null` from a check means the server's
 * answer did not let the case judge (e.g. the probe was never called).
 */
import type { Exchange, ProbeRequest, SendOptions } from '../../harness/server/exchange.js';
import type { Fact } from '../../harness/server/facts.js';
import { parseObservation, type ObservationOf, type ObservingScenario } from '../../harness/probe-protocol.js';
import type { ConnTarget } from '../../harness/server/tls.js';
import type { Breach } from '../../spec/schemas/issue.js';

export interface Observed {
  ex: Exchange;
  facts: Fact[];
}

export interface ServerCase {
  readonly id: string;
  readonly rules: readonly string[];
  readonly description: string;
  /** A name `--only` accepts for a whole family of cases, e.g. `wire`. */
  readonly group?: string;
  readonly request: ProbeRequest;
  /**
   * Send with `Connection: close`, as this protocol (HTTP/1.0), or with a pre-framed body
   * such as a chunked one. Without it, an HTTP/1.1 request as a keep-alive client sends it.
   */
  readonly raw?: { protocol: 'HTTP/1.0' | 'HTTP/1.1'; framed?: SendOptions['framed'] };
  /** After the response, wait (bounded) until these facts are in. */
  readonly awaitFacts?: (facts: Fact[]) => boolean;
  /**
   * A non-conforming server may never answer this request (it blocks, or drops the
   * connection): then that is a finding for this rule, not an error. Such cases run one at
   * a time after the others, so a stalled single-threaded server cannot starve them.
   */
  readonly noAnswerIsBreach?: string;
  /**
   * The scenario makes a conforming server abort the response after the headers went out
   * (an error during iteration): a truncated exchange is expected and the facts decide.
   */
  readonly abortExpected?: boolean;
  /**
   * Breaches; null (or { skip: reason }) when the server's answer does not let the case judge.
   * `again`: the skip came from the moment (a stalled client clock, a gap too close to call, a
   * timeout on a busy machine), so the case is run again (run-case.ts, at most five runs in all).
   */
  readonly check: (o: Observed) => Breach[] | null | Skip;
  /**
   * Escape hatch for what one request cannot show (overlapping requests): sends what it
   * needs through `send` and returns what the check reads. `request` is then its template.
   * `server` says how to reach the server directly (its TLS, when it speaks TLS).
   */
  readonly run?: (
    send: (suffix: string, req: ProbeRequest) => Promise<Observed>,
    server: ConnTarget,
  ) => Promise<Observed>;
}

export interface Skip {
  skip: string;
  again?: boolean;
}

export function defineServerCases(cases: readonly ServerCase[]): readonly ServerCase[] {
  return cases;
}

/**
 * The probe's observation for `scenario` (its 200 answer's JSON body), validated against the
 * scenario's schema; undefined when the server's answer is not the probe's JSON. An answer that
 * does not match the schema throws ProbeProtocolError, which the judge reports as an error.
 */
export function observation<S extends ObservingScenario>(o: Observed, scenario: S): ObservationOf<S> | undefined {
  return o.ex.status === 200 && o.ex.json !== undefined ? parseObservation(scenario, o.ex.json) : undefined;
}

export const breach = (rule: string, message: string, expected: string): Breach => ({ rule, message, expected });

/** Why a write() case skips on a server whose start_response gives out no write(): the probe does not call it. */
export const NO_WRITE_SKIP =
  'start_response returned no write() callable, so there is no write() to judge ' +
  '(reported under start-response-returns-write)';
