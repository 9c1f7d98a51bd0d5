/** A probe answer as a case's check sees it, for unit tests of checks that need no server. */
import type { Exchange } from '../../../harness/server/exchange.js';

/** A 200 answer carrying `json` as the probe's body, read in 5 ms with nothing unusual on the wire. */
export function answered(json: unknown): Exchange {
  return {
    id: 'x',
    status: 200,
    headers: [],
    body: Buffer.from(JSON.stringify(json)),
    json,
    notes: [],
    ms: 5,
    transcript: '',
    raw: Buffer.alloc(0),
    reads: [],
    loopStallMs: 0,
  } as unknown as Exchange;
}
