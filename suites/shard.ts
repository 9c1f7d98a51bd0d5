/**
 * --shard i/n: which cases one shard runs. Round-robin over the selected cases sorted by id:
 * case k of the sorted list (0-based) belongs to shard (k mod n) + 1. Deterministic for a
 * given suite version and --only (merge insists both agree), and balanced to within one
 * case; every case is in exactly one shard.
 */
import type { Shard } from '../reports/stream.js';

export function inShard<T extends { readonly id: string }>(cases: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...cases];
  const sorted = cases.map((c) => c.id).sort();
  const mine = new Set(sorted.filter((_, k) => k % shard.count === shard.index - 1));
  return cases.filter((c) => mine.has(c.id));
}

/** Parses "i/n" (1 <= i <= n), or says why not. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    return `--shard takes i/n with 1 <= i <= n (e.g. 2/4), got "${text}"`;
  return { index, count };
}
