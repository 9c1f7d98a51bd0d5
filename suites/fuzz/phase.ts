/**
 * The generative phase of every certification (`server`, `matrix`; `--fuzz-runs 0` turns it
 * off): a fixed seed and a fixed count, so the same server gets the same requests every time.
 * Its verdicts must not depend on the machine's load: the count bounds it, not a clock (the
 * time limit is only a net against a server that answers nothing), shrinking is bounded by a
 * number of candidates, and an exchange that timed out is sent again (a few per run) before
 * it is left unjudged.
 * `npm run pin -- --fuzz` pins its verdicts (suites/server/pinned/<preset>.fuzz.json).
 */
import type { ServerTarget } from '../../harness/server/launcher.js';
import type { RunObserver } from '../observer.js';
import { fuzzServer } from './certify.js';

export const PHASE = {
  seed: 1,
  /** About a second or two on a threaded server. */
  runs: 100,
  /** Shrinking candidates per counterexample. */
  maxShrinks: 60,
  /** Exchanges left unanswered (after a retry) before the phase stops: a stuck server costs little. */
  maxStalls: 3,
  /** Only a net: a run that reaches it says so in its notes. */
  timeLimitMs: 180_000,
} as const;

export interface PhaseOptions extends RunObserver {
  python?: string;
  timeoutMs: number;
  runs?: number;
  tls?: { ca?: string };
  /** The `fuzz` command's options that name this target (`--preset gunicorn`, `--cmd '...'`). */
  how: string;
}

/** The phase for one target, as a report (its results, notes and target). */
export async function fuzzPhaseReport(target: ServerTarget, o: PhaseOptions) {
  const runs = o.runs ?? PHASE.runs;
  const tls = o.tls ? (o.tls.ca ? ` --tls-ca ${o.tls.ca}` : ' --tls') : '';
  const flags = `${o.python ? ` --python ${o.python}` : ''}${tls}`;
  const base = `npx wsgi-conformance fuzz ${o.how}${flags}`;
  const report = await fuzzServer({
    target,
    timeoutMs: o.timeoutMs,
    ...(o.python ? { python: o.python } : {}),
    ...(o.tls ? { tls: o.tls } : {}),
    seed: PHASE.seed,
    runs,
    maxShrinks: PHASE.maxShrinks,
    maxStalls: PHASE.maxStalls,
    timeLimitMs: PHASE.timeLimitMs,
    rerun: `${base} --seed ${PHASE.seed} --runs ${runs}`,
    replayCommand: (sp) => `${base} --replay ${sp}`,
    ...(o.onResults ? { onResults: o.onResults } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const cut = report.run && report.run.exchanges < runs && report.run.ms >= PHASE.timeLimitMs;
  const notes = [
    ...(report.notes ?? []),
    ...(cut ? [`generative phase: stopped at its ${PHASE.timeLimitMs / 1000} s net before ${runs} exchanges`] : []),
    ...(report.run?.stopped ? [`generative phase: ${report.run.stopped}; what it judged before stands`] : []),
  ];
  return { ...report, notes };
}
