/** --shard i/n: round-robin over the sorted case ids, every case in exactly one shard. */
import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from './shard.js';

const cases = ['d', 'a', 'e', 'c', 'b'].map((id) => ({ id }));
const ids = (xs: Array<{ id: string }>) => xs.map((c) => c.id);

describe('shards', () => {
  it('without a shard, every case in the given order', () => {
    expect(ids(inShard(cases, undefined))).toEqual(['d', 'a', 'e', 'c', 'b']);
  });

  it('deals the sorted ids round-robin and keeps the given order within a shard', () => {
    expect(ids(inShard(cases, { index: 1, count: 2 }))).toEqual(['a', 'e', 'c']);
    expect(ids(inShard(cases, { index: 2, count: 2 }))).toEqual(['d', 'b']);
    expect(ids(inShard(cases, { index: 3, count: 3 }))).toEqual(['c']);
    expect(ids(inShard(cases, { index: 1, count: 1 }))).toEqual(['d', 'a', 'e', 'c', 'b']);
  });

  it('puts every case in exactly one of n shards', () => {
    for (const count of [1, 2, 3, 4, 5, 7]) {
      const all = Array.from({ length: count }, (_, i) => ids(inShard(cases, { index: i + 1, count }))).flat();
      expect(all.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    }
  });

  it.each([
    ['2/4', { index: 2, count: 4 }],
    [' 1/1 ', { index: 1, count: 1 }],
    ['4/4', { index: 4, count: 4 }],
    ['10/12', { index: 10, count: 12 }],
  ] as const)('parses %s', (text, shard) => expect(parseShard(text)).toEqual(shard));

  it.each(['0/4', '5/4', '1/0', '0/0', '1', '1/2/3', 'a/b', '-1/2', '1/ 2', ''])(
    'refuses "%s", saying the form',
    (text) => {
      expect(parseShard(text)).toBe(`--shard takes i/n with 1 <= i <= n (e.g. 2/4), got "${text}"`);
    },
  );
});
