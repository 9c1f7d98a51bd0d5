/**
 * The probe never crashes on what a server puts in environ: every scenario, fed every wrong
 * type (bytes, int, None, a dict subclass, a missing key, an object whose __repr__ raises)
 * for every key it reads, still answers with its observations (checks/probe_robustness.py).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';

describe('the probe on environs of every wrong type', () => {
  it('answers every scenario without crashing', () => {
    const script = fromRoot('harness', 'python', 'checks', 'probe_robustness.py');
    let out: string;
    try {
      out = execFileSync('python3', [script], { encoding: 'utf8', timeout: 60_000 });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.pop();
    expect(lines).toEqual([]);
    expect(summary).toMatchObject({ crashes: 0 });
    expect(Number(summary?.scenarios)).toBeGreaterThan(20);
  }, 90_000);
});
