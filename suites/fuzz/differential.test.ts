import { describe, expect, it } from 'vitest';
import { disagreementTable } from './differential.js';

describe('differential table', () => {
  it('lists only the exchanges the servers disagree on, with the rules the model blames', () => {
    const text = disagreementTable({
      servers: ['a', 'b|c'],
      seed: 3,
      total: 10,
      rows: [{ index: 4, label: '"GET /%80 HTTP/1.1"', cells: ['ok', 'env-path-info'] }],
    });
    expect(text).toContain('10 generated exchanges (seed 3), 1 with disagreement');
    expect(text).toContain('| 4 | "GET /%80 HTTP/1.1" | ok | env-path-info |');
    expect(text).toContain('| a | b\\|c |');
    expect(disagreementTable({ servers: ['a', 'b'], seed: 1, total: 5, rows: [] })).not.toContain('|');
  });
});
