/**
 * The probe's side channel: JSON lines in <dir>/<request id>.jsonl, appended by whichever
 * server process handled the request. Facts that happen after the response is on the wire
 * (close() calls, late start_response errors) are waited for with a bounded grace period.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventFacts, parseFact, type Fact } from '../probe-protocol.js';

export type { Fact };

/** Where the probe writes when WSGI_CONFORMANCE_PROBE_DIR is not set (servers started by hand). */
export const DEFAULT_PROBE_DIR = join(tmpdir(), 'wsgi-conformance-probe');

export async function readFacts(dir: string, id: string): Promise<Fact[]> {
  let text: string;
  try {
    // Read synchronously: a fact file is a few hundred bytes in a local temp folder, read in
    // microseconds, while fs/promises' open, stat, read and close hops cost several times that
    // in CPU; the suite reads one or more per request, and polls some while it waits.
    text = readFileSync(join(dir, `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return []; // a line still being written
      }
      // Checked once, here: a fact of the wrong shape throws ProbeFactError (a bug in the probe or the suite).
      return [parseFact(json)];
    });
}

/** Polls until `done(facts)` holds or `graceMs` passes; returns the facts seen either way. */
export async function waitForFacts(
  dir: string,
  id: string,
  done: (facts: Fact[]) => boolean,
  graceMs: number,
): Promise<Fact[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const facts = await readFacts(dir, id);
    if (done(facts) || Date.now() >= deadline) return facts;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Watches request `id` for a wsgi.input operation that started and has not returned for
 * `stuckMs` (measured on our clock from when we first saw it pending): then aborts `abort`
 * with the reason. A conforming read of a body already sent returns in microseconds, so the
 * suite need not wait out a whole request timeout to know the server let it block. Returns a
 * function that stops the watch.
 */
export function watchForStuckInput(dir: string, id: string, stuckMs: number, abort: AbortController): () => void {
  let pendingSince: number | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    // A fact of the wrong shape ends the watch; the case's own reading reports it.
    const facts = await readFacts(dir, id).catch(() => undefined);
    if (!facts) return;
    const starts = eventFacts(facts, 'op-start');
    const pending =
      starts.length > facts.filter((f) => f.ev === 'op-done').length ? starts[starts.length - 1] : undefined;
    pendingSince = pending ? (pendingSince ?? Date.now()) : undefined;
    if (pending && pendingSince !== undefined && Date.now() - pendingSince >= stuckMs) {
      const call =
        pending.op === 'iter' ? 'iterating over wsgi.input' : `wsgi.input.${pending.op}(${pending.args.join(', ')})`;
      abort.abort(
        new Error(`the application was blocked in ${call} for over ${stuckMs} ms, so the suite closed the connection`),
      );
      return;
    }
    if (!stopped) timer = setTimeout(() => void tick(), 50);
  };
  let timer = setTimeout(() => void tick(), 50);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
