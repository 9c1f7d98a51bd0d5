/**
 * Servers broken as a whole (fixtures/servers/situations/): bytes in every environ value,
 * bare-LF heads, a short body on every response, unread request bytes left on a kept
 * connection. Each is certified as a user would (the CLI, JSON report) and must end with
 * exactly the declared verdict: exit 1 with the declared rules failing (`# expect-fail:`),
 * or exit 0 (`# expect-clean:`), a complete report, and no error result.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRun, SERVER_PYTHON, tempDir } from '../../cli/test-support/run-cli.js';
import { fromRoot } from '../../harness/paths.js';
import type { Report } from '../../reports/result.js';
import { serverCases } from './index.js';

const DIR = fromRoot('fixtures', 'servers', 'situations');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.py'))
  .sort();
const total = serverCases.reduce((n, c) => n + c.rules.length, 0);

describe.concurrent('servers broken as a whole get exactly their verdict', () => {
  for (const file of files) {
    it(file, async () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const declared = [...source.matchAll(/^# expect-fail: (\S+)/gm)].map((m) => m[1] as string).sort();
      expect(declared.length || /^# expect-clean:/m.test(source), 'a fixture declares its verdict').toBeTruthy();
      const out = tempDir('situation');
      const r = await cliRun(
        'server',
        '--cmd',
        `{python} ${join(DIR, file)} {host} {port} {app}`,
        '--python',
        SERVER_PYTHON,
        '--fuzz-runs',
        '0',
        '--reporter',
        'json',
        '--out',
        out,
      );
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      expect(report.target.error).toBeUndefined();
      expect(report.results).toHaveLength(total);
      expect(report.results.filter((x) => x.outcome === 'error').map((x) => `${x.case}: ${x.message}`)).toEqual([]);
      const failed = [...new Set(report.results.filter((x) => x.outcome === 'fail').map((x) => x.rule))].sort();
      expect(failed).toEqual(declared);
      expect(r.code).toBe(declared.length ? 1 : 0);
    }, 120_000);
  }
});
