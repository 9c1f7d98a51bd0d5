import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import type { Pinned } from '../suites/server/pinned.js';
import { fuzzSection } from './compatibility-fuzz.js';

describe("the generative phase's section of the matrix", () => {
  it('shows each pinned counterexample of each preset', () => {
    const md = fuzzSection();
    const dir = fromRoot('suites', 'server', 'pinned');
    const pins = readdirSync(dir).filter((f) => f.endsWith('.fuzz.json'));
    for (const f of pins) {
      const pin = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Pinned;
      const row = md.split('\n').find((l) => l.startsWith(`| ${pin.preset} |`)) ?? '';
      expect(row, pin.preset).toContain(pin.version ?? '?');
      for (const line of pin.verdict.filter((v) => !v.endsWith(' skip')))
        expect(row, `${pin.preset}: ${line}`).toContain(line.split(' ')[1] as string);
    }
  });
});
