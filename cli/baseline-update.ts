/**
 * --update-baseline: rewrite the baseline from what this run observed. A failure without an
 * entry is added; an entry is removed only when every result it covers passed in this run,
 * so entries for cases that did not run (--only, --shard), errored or were skipped stay.
 * Existing reasons and expiry dates are kept; the file is replaced atomically.
 */
import { basename, dirname } from 'node:path';
import { writeAtomic } from '../reports/json.js';
import type { Report } from '../reports/result.js';
import type { BaselineBook, Baseline, BaselineEntry } from './baseline.js';

export interface BaselineChange {
  next: Baseline;
  added: BaselineEntry[];
  removed: BaselineEntry[];
}

/** `scoped`: new entries name their target (a matrix); otherwise they apply to any target. */
export function updateBaseline(book: BaselineBook, reports: readonly Report[], scoped: boolean): BaselineChange {
  const added: BaselineEntry[] = [];
  const covered = new Map<BaselineEntry, { passed: number; other: number }>();
  for (const report of reports) {
    const target = report.target.name;
    for (const r of report.results) {
      const e =
        book.entryFor(target, r) ??
        added.find((a) => a.case === r.case && a.rule === r.rule && a.target === (scoped ? target : undefined));
      if (e) {
        const c = covered.get(e) ?? { passed: 0, other: 0 };
        if (r.outcome === 'pass') c.passed++;
        else c.other++;
        covered.set(e, c);
      } else if (r.outcome === 'fail') {
        added.push({
          case: r.case,
          rule: r.rule,
          ...(scoped ? { target } : {}),
          reason: `recorded ${book.day}: ${r.message.split('\n')[0]?.slice(0, 160)}`,
        });
      }
    }
  }
  const removed = book.baseline.known.filter((e) => {
    const c = covered.get(e);
    return c !== undefined && c.passed > 0 && c.other === 0;
  });
  const kept = book.baseline.known.filter((e) => !removed.includes(e));
  const order = (a: BaselineEntry, b: BaselineEntry) =>
    `${a.target ?? ''}\0${a.case}\0${a.rule}`.localeCompare(`${b.target ?? ''}\0${b.case}\0${b.rule}`);
  const next: Baseline = {
    ...(book.baseline.$schema ? { $schema: book.baseline.$schema } : {}),
    known: [...kept, ...added].sort(order),
  };
  return { next, added: added.sort(order), removed };
}

export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  await writeAtomic(dirname(path), basename(path), `${JSON.stringify(baseline, null, 2)}\n`);
}

/** What changed, for the person who ran --update-baseline. */
export function describeChange(path: string, change: BaselineChange): string {
  const name = (e: BaselineEntry) => `${e.case} ${e.rule}${e.target ? ` (${e.target})` : ''}`;
  if (!change.added.length && !change.removed.length)
    return `baseline ${path}: unchanged (${change.next.known.length} entries)`;
  return [
    `baseline ${path}: ${change.added.length} added, ${change.removed.length} removed, ` +
      `${change.next.known.length} entries now`,
    ...change.added.map((e) => `  + ${name(e)}: ${e.reason}`),
    ...change.removed.map((e) => `  - ${name(e)} (passes now)`),
    ...(change.added.length ? ['  write a real reason for each new entry (and an "expires" date: YYYY-MM-DD)'] : []),
  ].join('\n');
}
