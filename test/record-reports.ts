/**
 * Re-records the real runs the renderer tests read (test/recorded/): run it after a change to
 * the suite changes what those fixtures produce (reports/smoke.test.ts says when).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import { liveReport } from './live-reports.js';
import { toRecorded } from './real-reports.js';
import { RECORDINGS, recordingFile } from './recordings.js';

mkdirSync(fromRoot('test', 'recorded'), { recursive: true });
for (const r of RECORDINGS) {
  const file = recordingFile(r);
  writeFileSync(fromRoot('test', 'recorded', file), toRecorded(await liveReport(r)));
  console.log(`recorded test/recorded/${file}`);
}
