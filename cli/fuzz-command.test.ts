import { describe, expect, it } from 'vitest';
import { parseFuzzArgs } from './fuzz-command.js';
import { UsageError } from './usage.js';

describe('fuzz options', () => {
  it('parses targets, counts and SEED:PATH, and refuses what does not fit', () => {
    const a = parseFuzzArgs([
      '--preset',
      'gunicorn,waitress',
      '--runs',
      '50',
      '--seed',
      '7',
      '--differential',
      '--reporter',
      'json',
      '--out',
      'x',
    ]);
    expect(a).toMatchObject({ runs: 50, seed: 7, differential: true, rest: ['--reporter', 'json', '--out', 'x'] });
    expect(a.targets).toEqual([
      { kind: 'preset', name: 'gunicorn' },
      { kind: 'preset', name: 'waitress' },
    ]);
    expect(parseFuzzArgs(['--preset', 'gunicorn', '--replay', '42:7:0:1']).replay).toEqual({ seed: 42, path: '7:0:1' });
    for (const bad of [
      [],
      ['--preset', 'nope'],
      ['--preset', 'gunicorn', '--replay', 'x'],
      ['--preset', 'gunicorn', '--differential'],
      ['--preset', 'gunicorn', '--runs', '0'],
    ]) {
      expect(() => parseFuzzArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
  });
});
