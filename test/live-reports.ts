/** Real runs of the fixtures the renderer tests read: what test/record-reports.ts records. */
import { existsSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import type { Report } from '../reports/result.js';
import { certifyApp } from '../suites/app/certify.js';
import { certifyServer } from '../suites/server/certify.js';
import type { Recording } from './recordings.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export function liveReport(r: Recording): Promise<Report> {
  switch (r.kind) {
    case 'app':
      return certifyApp({
        target: `fixtures/apps/${r.fixture}`,
        cwd: fromRoot(),
        timeoutMs: 2000,
        expectBroken: new Set(r.known ?? []),
      });
    case 'server': {
      const path = fromRoot('fixtures', 'servers', r.script);
      const template = `{python} '${path}' {host} {port} {app}`;
      return certifyServer({
        target: { kind: 'cmd', template },
        python: PYTHON,
        timeoutMs: 3000,
        ...(r.only ? { only: r.only } : {}),
      });
    }
    case 'garbage-server': {
      const path = fromRoot('fixtures', 'hostile-servers', 'misbehave.py');
      return certifyServer({
        target: { kind: 'cmd', template: `{python} ${path} garbage {host} {port}` },
        timeoutMs: 2000,
        graceMs: 500,
      });
    }
  }
}
