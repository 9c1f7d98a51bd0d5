/** Real servers keep their pinned verdicts: the presets of group `python-threaded` (groups.ts). */
import { describePresetPins } from './pins.js';

await describePresetPins('python-threaded');
