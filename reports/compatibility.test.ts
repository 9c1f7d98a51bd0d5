import { describe, expect, it } from 'vitest';
import { appReport } from '../test/real-reports.js';
import { renderCompatibility, type Implementation } from './compatibility.js';

describe('renderCompatibility', () => {
  it('counts MUST failures and SHOULD warnings per section, links details and findings', async () => {
    const [bad, clean] = await Promise.all([appReport('broken/body-items-bytes.py'), appReport('clean/plain_list.py')]);
    const impl = (name: string, report: typeof bad): Implementation => ({
      name,
      kind: 'framework',
      version: `${name} 1.0`,
      reports: [report],
      findingOf: (r) => (r.outcome === 'fail' ? `findings/${name}-${r.rule}.md` : undefined),
    });
    const md = renderCompatibility([impl('mod_wsgi', bad), impl('clean', clean)], {
      date: '2026-11-24',
      tool: 'wsgi-conformance 0.1.0',
      runs: 5,
    });
    const row = md.split('\n').find((l) => l.startsWith('| Unicode Issues |'));
    expect(row).toMatch(/^\| Unicode Issues \| \[✗1[^\]]*\]\(#mod_wsgi\) \| ✓ \|$/);
    expect(md).toContain('### mod_wsgi');
    expect(md).toMatch(
      /- \*\*MUST\*\* `body-items-bytes` \(case `[^`]+`\): .* \[finding\]\(findings\/mod_wsgi-body-items-bytes\.md\)/,
    );
    expect(md).toContain('from 5 identical runs');
    expect(md).toContain('### clean');
  });
});
