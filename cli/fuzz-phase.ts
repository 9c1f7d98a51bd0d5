/**
 * `--fuzz-runs N` on `server` and `matrix`: a short deterministic generative phase (seed 1,
 * at most N exchanges or 10 s) after the certification, its results in the same target's
 * stream. Off by default (0) until every preset's counterexamples are triaged
 * (docs/fuzz-triage.md); then the default can become about 100.
 */
import { fuzzServer } from '../suites/fuzz/certify.js';
import type { RunObserver } from '../suites/observer.js';
import type { ServerTarget } from '../harness/server/launcher.js';
import type { RunOptions } from './options.js';
import { UsageError } from './usage.js';

export const DEFAULT_FUZZ_RUNS = 0;
const PHASE_SEED = 1;
const PHASE_LIMIT_MS = 10_000;

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
): Promise<string[]> {
  const base = `npx wsgi-conformance fuzz ${how}${options.python ? ` --python ${options.python}` : ''}`;
  const report = await fuzzServer({
    target,
    timeoutMs: options.timeoutMs,
    ...(options.python ? { python: options.python } : {}),
    seed: PHASE_SEED,
    runs,
    timeLimitMs: PHASE_LIMIT_MS,
    rerun: `${base} --seed ${PHASE_SEED} --runs ${runs}`,
    replayCommand: (sp) => `${base} --replay ${sp}`,
    ...(observer.onResults ? { onResults: observer.onResults } : {}),
  });
  return [
    ...(report.notes ?? []),
    ...(report.target.error ? [`generative phase: could not start the server again: ${report.target.error}`] : []),
  ];
}
