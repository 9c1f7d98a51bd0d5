/**
 * --baseline FILE: known failures, keyed by case and rule, each with a reason and an optional
 * expiry date. JSON, like every other file the suite reads and writes (no YAML parser to
 * depend on; schemas/baseline.schema.json describes it for editors). A known failure is
 * shown but not counted; an entry that now passes is reported (remove it); an entry past
 * its expiry date fails the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { BaselineSchema, type Baseline, type BaselineEntry } from '../reports/baseline-schema.js';
import type { Result } from '../reports/result.js';
import type { BaselineVerdict } from '../reports/stream.js';
import { UsageError } from './usage.js';

export type { Baseline, BaselineEntry };

/** Today as YYYY-MM-DD (UTC): an entry is valid through its expiry day. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** Reads a baseline; a missing file is an empty one only when it is about to be written. */
export function loadBaseline(path: string, mayBeMissing: boolean): Baseline {
  if (!existsSync(path)) {
    if (mayBeMissing) return { known: [] };
    throw new UsageError(`--baseline ${path}: no such file; record one with --update-baseline`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--baseline ${path}: not JSON (${(e as Error).message})`);
  }
  const parsed = BaselineSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UsageError(
      `--baseline ${path}: ${first?.path.join('.') || 'the file'}: ${first?.message}; expected {"known": ` +
        `[{"case", "rule", "reason", "expires"?: "YYYY-MM-DD", "target"?}]}`,
    );
  }
  const seen = new Set<string>();
  for (const e of parsed.data.known) {
    const key = keyOf(e.target, e);
    if (seen.has(key))
      throw new UsageError(
        `--baseline ${path}: ${e.case} ${e.rule}${e.target ? ` (${e.target})` : ''} is listed twice`,
      );
    seen.add(key);
  }
  return parsed.data;
}

const keyOf = (target: string | undefined, k: { case: string; rule: string }) =>
  `${target ?? '*'}\0${k.case}\0${k.rule}`;

/** A loaded baseline applied to runs. */
export class BaselineBook {
  private readonly byKey: Map<string, BaselineEntry>;

  constructor(
    readonly file: string,
    readonly baseline: Baseline,
    readonly day = today(),
  ) {
    this.byKey = new Map(baseline.known.map((e) => [keyOf(e.target, e), e]));
  }

  /** The entry for a result of `target`: one naming the target wins over one for any target. */
  entryFor(target: string, r: { case: string; rule: string }): BaselineEntry | undefined {
    return this.byKey.get(keyOf(target, r)) ?? this.byKey.get(keyOf(undefined, r));
  }

  expired(e: BaselineEntry): boolean {
    return e.expires !== undefined && e.expires < this.day;
  }

  /** Marks a failure the baseline knows (and that has not expired) as known. */
  mark(target: string, r: Result): Result {
    const e = r.outcome === 'fail' ? this.entryFor(target, r) : undefined;
    return e && !this.expired(e) ? { ...r, known: true } : r;
  }

  /** Entries that now pass, and expired entries whose result did not pass, in this run. */
  verdict(target: string, results: readonly Result[]): BaselineVerdict {
    const verdict: BaselineVerdict = { file: this.file, unexpectedPasses: [], expired: [] };
    for (const r of results) {
      const e = this.entryFor(target, r);
      if (!e) continue;
      if (r.outcome === 'pass') verdict.unexpectedPasses.push({ case: r.case, rule: r.rule });
      else if (this.expired(e))
        verdict.expired.push({ case: r.case, rule: r.rule, expires: e.expires ?? '', reason: e.reason });
    }
    return verdict;
  }

  /** Entries naming cases or rules this suite does not have (stale after an upgrade, or typos). */
  unknown(isKnown: (e: BaselineEntry) => boolean): BaselineEntry[] {
    return this.baseline.known.filter((e) => !isKnown(e));
  }
}
