/** The TLS section of the compatibility matrix says what the `.tls` pins say, and nothing by hand. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { presets } from '../harness/server/presets.js';
import type { Pinned } from '../suites/server/pinned.js';
import { renderTlsSection } from './compatibility-tls.js';

const section = renderTlsSection();
const rowOf = (name: string) => section.split('\n').find((l) => l.startsWith(`| ${name} |`));

describe('the TLS section', () => {
  for (const preset of presets.filter((p) => p.tls)) {
    const tls = preset.tls as NonNullable<typeof preset.tls>;
    const file = fromRoot('suites', 'server', 'pinned', `${preset.name}.tls.json`);
    it(`${preset.name}: its row follows its preset and its TLS pin`, () => {
      const row = rowOf(preset.name) ?? '';
      if ('unsupported' in tls) return expect(row).toContain(`no TLS: ${tls.unsupported}`);
      if (!existsSync(file)) return expect(row).toContain('not pinned over TLS yet');
      const pinned = JSON.parse(readFileSync(file, 'utf8')) as Pinned;
      expect(row).toContain(`| ${pinned.version} |`);
      const scheme = pinned.verdict.some((v) => v.startsWith('environ-wsgi-keys env-url-scheme '));
      expect(row.split(' | ')[2]).toBe(scheme ? expect.stringMatching(/env-url-scheme/) : '✓');
      for (const line of pinned.verdict.filter((v) => v.startsWith('environ-ssl-variables ') && v.endsWith(' fail')))
        expect(row).toContain(line.split(' ')[1] as string);
    });
  }

  it('lists no preset that knows nothing of TLS', () => {
    for (const p of presets.filter((x) => !x.tls)) expect(rowOf(p.name)).toBeUndefined();
  });
});
