/**
 * `--fuzz-runs N` on `server` and `matrix`: the short deterministic generative phase
 * (suites/fuzz/phase.ts: seed 1, N exchanges, 100 by default) after the certification, its
 * results in the same target's stream. `--fuzz-runs 0` turns it off.
 */
import type { ServerTarget } from '../harness/server/launcher.js';
import { fuzzPhaseReport, PHASE } from '../suites/fuzz/phase.js';
import type { RunObserver } from '../suites/observer.js';
import type { RunOptions } from './options.js';
import type { TlsChoice } from './tls-options.js';
import { UsageError } from './usage.js';

export const DEFAULT_FUZZ_RUNS: number = PHASE.runs;

/** Takes `--fuzz-runs N` (or `--fuzz-runs=N`) out of argv. */
export function takeFuzzRuns(argv: string[]): { fuzzRuns: number; rest: string[] } {
  let value: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--fuzz-runs') value = argv[++i] ?? '';
    else if (a.startsWith('--fuzz-runs=')) value = a.slice('--fuzz-runs='.length);
    else rest.push(a);
  }
  const fuzzRuns = value === undefined ? DEFAULT_FUZZ_RUNS : Number(value);
  if (!Number.isInteger(fuzzRuns) || fuzzRuns < 0)
    throw new UsageError(`--fuzz-runs takes a whole number (0 turns the generative phase off), got "${value}"`);
  return { fuzzRuns, rest };
}

/** Runs the phase for one certified target; returns its notes for the target's footer. */
export async function fuzzPhase(
  target: ServerTarget,
  options: RunOptions,
  runs: number,
  how: string,
  observer: RunObserver,
  tls?: TlsChoice,
): Promise<string[]> {
  const report = await fuzzPhaseReport(target, {
    how,
    runs,
    timeoutMs: options.timeoutMs,
    ...(options.python ? { python: options.python } : {}),
    ...(tls ? { tls } : {}),
    ...(observer.onResults ? { onResults: observer.onResults } : {}),
  });
  return [
    ...(report.notes ?? []),
    ...(report.target.error ? [`generative phase: could not start the server again: ${report.target.error}`] : []),
  ];
}
