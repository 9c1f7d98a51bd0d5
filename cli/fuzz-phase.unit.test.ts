import { describe, expect, it } from 'vitest';
import { PHASE } from '../suites/fuzz/phase.js';
import { takeFuzzRuns } from './fuzz-phase.js';
import { UsageError } from './usage.js';

describe('--fuzz-runs', () => {
  it('is on by default (about 100 exchanges), 0 turns it off, and it takes a whole number', () => {
    expect(takeFuzzRuns(['--preset', 'x'])).toEqual({ fuzzRuns: PHASE.runs, rest: ['--preset', 'x'] });
    expect(PHASE.runs).toBe(100);
    expect(takeFuzzRuns(['--fuzz-runs', '0', '--verbose'])).toEqual({ fuzzRuns: 0, rest: ['--verbose'] });
    expect(takeFuzzRuns(['--fuzz-runs=7']).fuzzRuns).toBe(7);
    for (const bad of [['--fuzz-runs', '-1'], ['--fuzz-runs', 'x'], ['--fuzz-runs=1.5']])
      expect(() => takeFuzzRuns(bad), bad.join(' ')).toThrow(UsageError);
  });
});
