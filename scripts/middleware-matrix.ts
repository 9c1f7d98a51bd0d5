/**
 * Certifies every real middleware of fixtures/middleware/real/ (Debian 12 packages, with
 * /usr/bin/python3) and prints the Markdown section of docs/compatibility.md (kept in
 * docs/compatibility-sections/2-middleware.mdpart): one row per
 * middleware, failures and warnings per side, each linked to its finding.
 * Run: npx tsx scripts/middleware-matrix.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../harness/paths.js';
import { certifyMiddleware, TOWARDS_APPLICATION, TOWARDS_SERVER } from '../suites/middleware/certify.js';

const dir = fromRoot('fixtures', 'middleware', 'real');
const rows: string[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort()) {
  const source = readFileSync(join(dir, file), 'utf8');
  const about =
    /^"""(.*?)(?:\(Debian|""")/ms
      .exec(source.replace(/^#.*\n/gm, ''))?.[1]
      ?.replace(/\s+/g, ' ')
      .trim() ?? file;
  const report = await certifyMiddleware({
    target: `${join(dir, file)}:middleware`,
    cwd: dir,
    python: '/usr/bin/python3',
    timeoutMs: 5000,
  });
  const cell = (side: string) => {
    const bad = report.results.filter((r) => r.outcome === 'fail' && r.section.startsWith(side));
    if (report.results.some((r) => r.outcome === 'error')) return 'error';
    if (!bad.length) return '✓';
    return bad
      .map((r) => {
        const finding = new RegExp(`docs/findings/([a-z]+-${r.rule}\\.md)`).exec(source)?.[1];
        const mark = `${r.level === 'MUST' ? '✗' : '⚠'} \`${r.rule}\``;
        return finding ? `[${mark}](findings/${finding})` : mark;
      })
      .join('<br>');
  };
  rows.push(
    `| \`${file.replace(/\.py$/, '')}\` | ${about.replace(/\|/g, '\\|')} | ${cell(TOWARDS_APPLICATION)} | ` +
      `${cell(TOWARDS_SERVER)} |`,
  );
}
process.stdout.write(
  `| Fixture | Middleware | Towards the application | Towards the server |\n|---|---|---|---|\n${rows.join('\n')}\n`,
);
