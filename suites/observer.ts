/** Hooks through which a certification reports as it goes (the CLI's stream and progress). */
import type { Report, Result } from '../reports/result.js';

export interface RunObserver {
  /** The target is known (loaded, started, or failed to): its details for the stream header. */
  onStart?(target: Report['target']): void;
  /** Results as they are judged: each exactly once, all before certify returns. */
  onResults?(results: readonly Result[]): void;
  /** `done` of `total` steps finished; `label` names the last one. */
  onProgress?(done: number, total: number, label: string): void;
}
