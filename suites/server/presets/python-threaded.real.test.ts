/**
 * Real servers keep their pinned verdicts: the presets of group `python-threaded`
 * (suites/server/test-support/preset-groups.ts).
 */
import { describePresetPins } from '../test-support/preset-pins.js';

await describePresetPins('python-threaded');
