/**
 * Every preset is pinned by exactly one group, and every group has its test file: a preset added
 * to harness/server/presets.ts without a group would otherwise never be compared with its pin.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../harness/paths.js';
import { presets } from '../../../harness/server/presets.js';
import { PRESET_GROUPS } from './preset-groups.js';

describe('preset groups', () => {
  const grouped = Object.values(PRESET_GROUPS).flat();
  it('name every preset exactly once', () => {
    expect([...grouped].sort()).toEqual(presets.map((p) => p.name).sort());
  });
  it.each(Object.keys(PRESET_GROUPS))('%s has its test file', (group) => {
    expect(existsSync(fromRoot('suites', 'server', 'presets', `${group}.real.test.ts`))).toBe(true);
  });
});
