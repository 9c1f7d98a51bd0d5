/** The teaching gallery breaks exactly what it declares (what npm start shows a newcomer). */
import { describe, expect, it } from 'vitest';
import { certifyExample, loadGallery, mismatches } from './gallery-command.js';

describe.concurrent('teaching gallery', () => {
  for (const ex of loadGallery()) {
    const declared = [...ex.expectFail, ...ex.expectWarn];
    it(`${ex.file}: ${declared.length ? `breaks ${declared.join(', ')}` : 'clean'}`, async () => {
      const report = await certifyExample(ex, { timeoutMs: 3000 });
      expect(mismatches(ex, report)).toEqual([]);
      // Every finding points at the example's own line (a middleware's included).
      for (const r of report.results.filter((x) => x.outcome === 'fail'))
        expect(r.location?.file, r.rule).toBe(ex.file);
    });
  }
});
