/** The bin answers --version itself (without loading the bundle): the same text as main() prints. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { TOOL } from '../spec/tool.js';
import { main } from './main.js';

describe('--version', () => {
  it('prints the same line from the bin as from main()', async () => {
    const bin = spawnSync(process.execPath, [fromRoot('bin', 'wsgi-conformance.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(bin.status).toBe(0);
    expect(bin.stdout).toBe(`${TOOL.version}\n`);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['--version'])).toBe(0);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toBe(bin.stdout);
    } finally {
      out.mockRestore();
    }
  });
});
