/** Timed cases read the client's clock: a run on a stalled event loop is run again. */
import type { ServerCase } from './case.js';

/**
 * Runs a timed case again while the client's own event loop stalled past `maxStallMs` during
 * it (a loaded machine), at most `attempts` times in all: read times from a stalled loop cannot
 * judge, and one stall should not decide whether the case judges at all.
 */
export function retryWhileStalled(
  run: NonNullable<ServerCase['run']>,
  maxStallMs: number,
  attempts = 3,
): NonNullable<ServerCase['run']> {
  return async (send, server) => {
    let o = await run(send, server);
    for (let n = 1; n < attempts && o.ex.loopStallMs > maxStallMs; n++) o = await run(send, server);
    return o;
  };
}
