/** Real servers keep their pinned verdicts: the presets of group `asgi-adapters` (groups.ts). */
import { describePresetPins } from './pins.js';

await describePresetPins('asgi-adapters');
