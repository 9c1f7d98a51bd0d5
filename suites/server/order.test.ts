/** --order random --seed N: a seeded shuffle, and the clean server's verdict whatever the order. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { certifyServer } from './certify.js';
import { serverCases } from './index.js';
import { shuffled } from './order.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

describe('shuffled', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  it('is a permutation, the same for the same seed, another for another seed', () => {
    expect([...shuffled(items, 7)].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled(items, 7)).toEqual(shuffled(items, 7));
    expect(shuffled(items, 7)).not.toEqual(shuffled(items, 8));
    expect(shuffled(items, 7)).not.toEqual(items);
  });
});

describe('the clean server passes every case in any order', () => {
  for (const seed of [1, 2]) {
    it(`--seed ${seed}`, async () => {
      const template = `{python} ${fromRoot('fixtures', 'servers', 'clean_server.py')} {host} {port} {app}`;
      const report = await certifyServer({ target: { kind: 'cmd', template }, python: PYTHON, timeoutMs: 3000, seed });
      // A timing case may decline to judge on a loaded machine (a skip); nothing fails or errors.
      const bad = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
      expect(bad.map((r) => `${r.outcome} ${r.rule} in ${r.case}: ${r.message}`)).toEqual([]);
      expect(report.results).toHaveLength(serverCases.reduce((n, c) => n + c.rules.length, 0));
      // The report keeps the usual case order, whatever order the cases ran in.
      expect([...new Set(report.results.map((r) => r.case))]).toEqual(serverCases.map((c) => c.id));
    }, 90_000);
  }
});
