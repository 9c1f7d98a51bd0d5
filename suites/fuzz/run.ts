/**
 * The generative phase: fast-check draws exchanges (deterministic for a seed), each is
 * judged against the model, and the first one that breaks a rule is shrunk while it keeps
 * breaking that same rule. Then the search goes on, with that rule set aside, until the run
 * count or the time budget is spent: one minimal counterexample per broken rule. Each
 * carries the seed and fast-check's path, so `--replay SEED:PATH` re-runs exactly it.
 */
import fc from 'fast-check';
import { conversationArb } from '../../harness/fuzz/request-gen.js';
import { responseArb } from '../../harness/fuzz/response-gen.js';
import type { Violation } from '../../spec/model/environ.js';
import { judgeExample, type FuzzExample, type Target, type Verdict } from './judge.js';

export const exampleArb: fc.Arbitrary<FuzzExample> = fc.oneof(
  { weight: 3, arbitrary: conversationArb.map((requests): FuzzExample => ({ kind: 'request', requests })) },
  { weight: 1, arbitrary: responseArb.map((exchange): FuzzExample => ({ kind: 'response', exchange })) },
);

export interface Counterexample {
  rule: string;
  violation: Violation;
  example: FuzzExample;
  verdict: Verdict;
  seed: number;
  path: string;
  /** Candidates fast-check tried while shrinking. */
  shrinks: number;
  /** The shrunk example broke the rule again when sent once more. */
  reproduced: boolean;
}

export interface FuzzRun {
  counterexamples: Counterexample[];
  exchanges: number;
  /** Per example kind, the rules some exchange could have broken. */
  exercised: Record<FuzzExample['kind'], Set<string>>;
  /** Why exchanges could not be judged, with counts. */
  unjudged: Map<string, number>;
  /** The first request line of one exchange per unjudged reason, to look into it. */
  unjudgedExample: Map<string, string>;
  /** Exchanges left unanswered when time ran out; the run stopped if `maxStalls` was reached. */
  stalls: number;
  stopped?: string;
  ms: number;
  /** Time spent sending and reading, without generating and judging. */
  wireMs: number;
}

export interface FuzzRunOptions extends Target {
  seed: number;
  runs: number;
  timeLimitMs: number;
  /**
   * At most this many shrinking candidates per counterexample (then the smallest failure so
   * far stands): a bound by count, so the same server gives the same minimal example however
   * loaded the machine is. Default 300.
   */
  maxShrinks?: number;
  /** Exchanges that timed out with no answer, sent once more with twice the time (default 3 per run). */
  retries?: number;
  /**
   * Stop after this many exchanges still unanswered when time ran out (default: never). A
   * server that never answers some requests (a read it cannot end) would spend the whole
   * timeout on each; the phase stops instead, at the same point on every run.
   */
  maxStalls?: number;
  /**
   * How long (ms) the probe waits on a wsgi.input call before reporting it blocked, when the
   * verdict does not rest on it (see `Target.quickBlockMs`). Default 50; `BLOCK_MS` (the
   * probe's full wait, which every verdict that rests on a blocked call gets) turns it off.
   */
  quickBlockMs?: number;
  /** Replay exactly one example: the seed and path of a counterexample. */
  replay?: { seed: number; path: string };
  onExchange?: (done: number) => void;
}

/** Shrinking may run past the time budget by half of it, no more. */
const SHRINK_GRACE = 1.5;
const DEFAULT_MAX_SHRINKS = 300;
const DEFAULT_RETRIES = 3;
const DEFAULT_QUICK_BLOCK_MS = 50;

/** Round seeds derive from the run's seed, so a run is the same sequence every time. */
const roundSeed = (seed: number, round: number) => (seed + round * 1_000_003) | 0;

/** A short label of an unjudged reason, so counts group ("refused with HTTP/1.1 400 ..."). */
const reasonKey = (s: string) =>
  s
    .replace(/^request \d+: /, '')
    .replace(/\(.*$/, '')
    .trim();

export async function fuzz(o: FuzzRunOptions): Promise<FuzzRun> {
  const started = performance.now();
  const run: FuzzRun = {
    counterexamples: [],
    exchanges: 0,
    exercised: { request: new Set(), response: new Set() },
    unjudged: new Map(),
    unjudgedExample: new Map(),
    stalls: 0,
    ms: 0,
    wireMs: 0,
  };
  const found = new Set<string>();
  let n = 0;
  let retries = o.retries ?? DEFAULT_RETRIES;
  // While a counterexample shrinks, only its rule counts, and the shrunk example is confirmed
  // (below): candidates get the quick wait alone. Otherwise a rule found already is settled.
  let shrinking = false;
  let target: string | undefined;
  const t: Target = {
    ...o,
    retry: () => retries-- > 0,
    quickBlockMs: o.quickBlockMs ?? DEFAULT_QUICK_BLOCK_MS,
    settled: (rule) => shrinking || found.has(rule),
    counts: (rule) => Boolean(o.replay) || (target === undefined ? !found.has(rule) : rule === target),
  };
  const judge = async (ex: FuzzExample) => {
    const t0 = performance.now();
    const v = await judgeExample(ex, t, `fz${o.seed}-${n++}`);
    run.wireMs += performance.now() - t0;
    run.exchanges++;
    o.onExchange?.(run.exchanges);
    if (v.stalled) run.stalls++;
    for (const r of v.exercised) run.exercised[ex.kind].add(r);
    for (const u of v.unjudged) {
      const key = reasonKey(u);
      run.unjudged.set(key, (run.unjudged.get(key) ?? 0) + 1);
      if (!run.unjudgedExample.has(key)) run.unjudgedExample.set(key, JSON.stringify(v.sent.slice(0, 300)));
    }
    return v;
  };
  let runsLeft = o.replay ? 1 : o.runs;
  for (let round = 0; runsLeft > 0; round++) {
    const left = o.timeLimitMs - (performance.now() - started);
    if (left <= 0) break;
    if (run.stalls >= (o.maxStalls ?? Number.POSITIVE_INFINITY)) {
      run.stopped = `stopped after ${run.stalls} exchanges the server left unanswered within the timeout`;
      break;
    }
    const seed = o.replay ? o.replay.seed : roundSeed(o.seed, round);
    target = undefined;
    let last: { ex: FuzzExample; v: Verdict; violation: Violation } | undefined;
    let first: FuzzExample | undefined;
    let shrinks = 0;
    const property = fc.asyncProperty(exampleArb, async (ex) => {
      // The time budget bounds shrinking too: past it, candidates pass without being sent,
      // so the shrinker settles on the smallest failure found so far.
      const spent = performance.now() - started;
      if (spent > o.timeLimitMs * (target ? SHRINK_GRACE : 1)) return true;
      if (target && shrinks >= (o.maxShrinks ?? DEFAULT_MAX_SHRINKS)) return true;
      if (run.stalls >= (o.maxStalls ?? Number.POSITIVE_INFINITY)) return true;
      const v = await judge(ex);
      if (target) shrinks++;
      const fresh = v.violations.filter((x) => !found.has(x.rule) && (target === undefined || x.rule === target));
      if (!fresh.length) return true;
      if (!target) {
        target = (fresh[0] as Violation).rule;
        first = ex;
        shrinking = true;
      }
      last = { ex, v, violation: fresh[0] as Violation };
      return false;
    });
    const params: fc.Parameters<[FuzzExample]> = o.replay
      ? { seed, path: o.replay.path, numRuns: 1, endOnFailure: true }
      : {
          seed,
          numRuns: runsLeft,
          interruptAfterTimeLimit: Math.max(1, Math.round(left)),
          markInterruptAsFailure: false,
        };
    const res = await fc.check(property, params);
    shrinking = false;
    runsLeft -= res.numRuns;
    if (!res.failed || !res.counterexample || !last || !target) break;
    let example = res.counterexample[0];
    let path = res.counterexamplePath ?? '';
    // Send the minimal example once more (with the full wait, if a blocked call decides it).
    let again = await judge(example);
    let still = again.violations.find((x) => x.rule === target);
    if (!still && first && first !== example) {
      // A candidate that only seemed to break the rule (a call slow on a loaded machine) led
      // the shrinker astray: the example the search found (judged in full) stands instead.
      const original = await judge(first);
      const kept = original.violations.find((x) => x.rule === target);
      if (kept) [example, path, again, still] = [first, path.split(':')[0] ?? '', original, kept];
    }
    found.add(target);
    run.counterexamples.push({
      rule: target,
      violation: still ?? last.violation,
      example,
      verdict: still ? again : last.v,
      seed,
      path,
      shrinks,
      reproduced: Boolean(still),
    });
    if (o.replay) {
      for (const x of again.violations) {
        if (found.has(x.rule)) continue;
        found.add(x.rule);
        run.counterexamples.push({
          rule: x.rule,
          violation: x,
          example,
          verdict: again,
          seed,
          path: o.replay.path,
          shrinks: 0,
          reproduced: true,
        });
      }
      break;
    }
    runsLeft -= 1;
  }
  run.ms = performance.now() - started;
  return run;
}
