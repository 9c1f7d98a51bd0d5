/**
 * Servers that stop behaving after one case (fixtures/servers/wedged/): they stop answering,
 * stop trapping application errors, or hang every later request. Certified as a user does
 * (the CLI, console and JSON reports), each run must name exactly that case ("after case X,
 * the server no longer ..."; `# changes-after:` lists the cases that provoke the change, any
 * of which may run first), keep every other verdict that of the clean server (the failures
 * are the `# expect-fail:`/`# expect-warn:` lines, nothing else), and mark only results that
 * ran while the server was changed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRun, SERVER_PYTHON, tempDir } from '../../cli/test-support/run-cli.js';
import { fromRoot } from '../../harness/paths.js';
import type { Report } from '../../reports/result.js';

const DIR = fromRoot('fixtures', 'servers', 'wedged');
const header = (source: string, key: string) =>
  [...source.matchAll(new RegExp(`^# ${key}: (.+)$`, 'gm'))].map((m) => (m[1] as string).trim());

describe.concurrent('a server that changes after one case: the report names that case', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.py'))) {
    const source = readFileSync(join(DIR, file), 'utf8');
    const after = header(source, 'changes-after').flatMap((l) => l.split(/\s+/));
    const noLonger = header(source, 'no-longer')[0] ?? '';
    it(file, async () => {
      expect(after.length, 'the fixture declares the case it changes after').toBeGreaterThan(0);
      const out = tempDir('changed');
      const r = await cliRun(
        'server',
        '--cmd',
        `{python} ${join(DIR, file)} {host} {port} {app}`,
        '--python',
        SERVER_PYTHON,
        '--reporter',
        'console,json',
        '--out',
        out,
      );
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      const named = (report.notes ?? []).flatMap((n) => [
        ...n.matchAll(/^after case (\S+), the server no longer (.*)$/g),
      ]);
      expect(named.length, (report.notes ?? []).join('\n')).toBeGreaterThan(0);
      for (const m of named) {
        expect(after).toContain(m[1]);
        expect(m[2]?.startsWith(noLonger), m[2]).toBe(true);
      }
      // The console says it too.
      expect(r.out).toContain(`after case ${named[0]?.[1]}, the server no longer ${noLonger}`);
      const failing = (kind: string) => header(source, `expect-${kind}`).sort();
      const outcome = (o: string, level: string) =>
        [...new Set(report.results.filter((x) => x.outcome === o && x.level === level).map((x) => x.rule))].sort();
      expect(report.results.filter((x) => x.outcome === 'error').map((x) => `${x.case}: ${x.message}`)).toEqual([]);
      expect(outcome('fail', 'MUST')).toEqual(failing('fail'));
      expect(outcome('fail', 'SHOULD')).toEqual(failing('warn'));
      // Only cases that ran while the server was changed say so, and they name the case.
      const culprits = new Set(named.map((m) => m[1]));
      const affected = report.results.filter((x) => x.affected);
      for (const x of affected) expect([...culprits].some((c) => x.affected?.includes(`after case ${c},`))).toBe(true);
      expect(affected.filter((x) => culprits.has(x.case))).toEqual([]);
      expect(new Set(affected.map((x) => x.case)).size).toBeLessThan(10);
      expect(r.code).toBe(failing('fail').length ? 1 : 0);
    }, 240_000);
  }
});
