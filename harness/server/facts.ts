/**
 * The probe's side channel: JSON lines in <dir>/<request id>.jsonl, appended by whichever
 * server process handled the request. Facts that happen after the response is on the wire
 * (close() calls, late start_response errors) are waited for with a bounded grace period.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Fact {
  ev: string;
  pid: number;
  thread: number;
  t: number;
  [key: string]: unknown;
}

/** Where the probe writes when WSGI_CONFORMANCE_PROBE_DIR is not set (servers started by hand). */
export const DEFAULT_PROBE_DIR = join(tmpdir(), 'wsgi-conformance-probe');

export async function readFacts(dir: string, id: string): Promise<Fact[]> {
  let text: string;
  try {
    text = await readFile(join(dir, `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.jsonl`), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).flatMap((line) => {
    try {
      return [JSON.parse(line) as Fact];
    } catch {
      return []; // a line still being written
    }
  });
}

/** Polls until `done(facts)` holds or `graceMs` passes; returns the facts seen either way. */
export async function waitForFacts(dir: string, id: string, done: (facts: Fact[]) => boolean, graceMs: number): Promise<Fact[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const facts = await readFacts(dir, id);
    if (done(facts) || Date.now() >= deadline) return facts;
    await new Promise((r) => setTimeout(r, 25));
  }
}
