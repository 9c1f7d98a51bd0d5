/**
 * The one renderer test on a fresh run: the other renderer tests read recorded runs
 * (test/recorded/), so this checks that the suite still produces what was recorded and that
 * every reporter renders a live report. When it fails after an intended change to the suite,
 * re-record with `npm run record-reports`.
 */
import { describe, expect, it } from 'vitest';
import { liveReport } from '../test/live-reports.js';
import { loadRecorded } from '../test/real-reports.js';
import type { Recording } from '../test/recordings.js';
import { reporters } from './registry.js';
import type { Report } from './result.js';
import { styleFor } from './style.js';

const verdicts = (r: Report) => r.results.map((x) => `${x.case} ${x.rule} ${x.level} ${x.outcome}`).sort();

describe('renderers on a real run', () => {
  it('a fresh run of a broken fixture has the recorded verdicts, and every reporter renders it', async () => {
    const recording: Recording = { kind: 'app', fixture: 'broken/headers-value-no-ctl.py' };
    const live = await liveReport(recording);
    const recorded = loadRecorded(recording);
    expect(recorded, 'test/recorded/ has this run: npm run record-reports').toBeDefined();
    expect(verdicts(live)).toEqual(verdicts(recorded as Report));
    const context = { style: styleFor({ isTTY: false }, {}), verbose: true, strict: false };
    for (const reporter of reporters) expect(reporter.render([live], context).length, reporter.name).toBeGreaterThan(0);
  });
});
