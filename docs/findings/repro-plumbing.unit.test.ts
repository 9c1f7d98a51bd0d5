import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plumbedScripts, sharedPlumbing, withSharedPlumbing } from '../../scripts/repro-plumbing.js';

describe('reproduction scripts share one plumbing block', () => {
  const scripts = plumbedScripts();

  it('finds the scripts that carry it', () => {
    expect(scripts.length).toBeGreaterThan(100);
  });

  it('each carries docs/findings/repro-plumbing.txt verbatim (change it there, then: npm run repro:sync)', () => {
    const drifted = scripts.filter((f) => {
      const source = readFileSync(f, 'utf8');
      return withSharedPlumbing(source) !== source;
    });
    expect(drifted.map((f) => f.replace(/.*\/docs\//, 'docs/'))).toEqual([]);
  });

  it('notices a script whose plumbing drifted', () => {
    const source = readFileSync(scripts[0] as string, 'utf8');
    const drifted = source.replace('def free_port():', 'def free_port():  # changed in one copy only');
    expect(withSharedPlumbing(drifted)).not.toBe(drifted);
    expect(withSharedPlumbing(drifted)).toBe(source);
    expect(sharedPlumbing()).toContain('def free_port():\n');
  });
});
