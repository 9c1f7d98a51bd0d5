/** Real servers keep their pinned verdicts: the presets of group `workers-and-loops` (groups.ts). */
import { describePresetPins } from './pins.js';

await describePresetPins('workers-and-loops');
