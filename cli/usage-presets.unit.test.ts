/**
 * The help texts name every preset: `--help` is how a user learns which servers `--preset`
 * takes, and six presets added later were missing from both texts.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../harness/server/presets.js';
import { commandHelp } from './command-help.js';
import { USAGE } from './usage.js';

/** The names listed after `--preset NAME`, up to "or all". */
function listed(text: string): string[] {
  const option = '  --preset NAME         ';
  const start = text.indexOf(option);
  const end = text.indexOf('or all', start);
  return text
    .slice(start + option.length, end)
    .split(/[\s,]+/)
    .filter(Boolean);
}

describe('--preset in the help texts', () => {
  const names = presets.map((p) => p.name).sort();
  it('wsgi-conformance --help lists every preset', () => {
    expect(listed(USAGE).sort()).toEqual(names);
  });
  it('wsgi-conformance server --help lists every preset', () => {
    expect(listed(commandHelp('server') ?? '').sort()).toEqual(names);
  });
});
