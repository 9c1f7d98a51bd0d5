/**
 * A real application on its own routes: httpbin (Debian's python3-httpbin), crawled from its
 * home page and given the requests of fixtures/apps/routes/httpbin.http (bodies, other
 * methods, HEAD, 204). Every route it offers is certified; it has no finding today, so any
 * new one is either a real deviation (to triage into docs/findings/) or a suite bug.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { certifyApp } from './certify.js';
import { parseHttpFile } from './requests.js';

const python = '/usr/bin/python3';
const installed = spawnSync(python, ['-c', 'import httpbin'], { stdio: 'ignore' }).status === 0;

describe('httpbin:app --crawl 100 --requests httpbin.http', () => {
  it.skipIf(!installed)(
    `certifies every route${installed ? '' : ' (skipped: python3-httpbin is not installed; .ci/run installs it)'}`,
    async () => {
      const file = fromRoot('fixtures', 'apps', 'routes', 'httpbin.http');
      const requests = parseHttpFile(readFileSync(file, 'utf8'), file);
      // /delay/3 and /drip take their seconds by design: the timeout leaves room for them.
      const report = await certifyApp({
        target: 'httpbin:app',
        cwd: fromRoot(),
        timeoutMs: 15_000,
        python,
        crawl: 100,
        requests,
      });
      const routes = report.target.routes ?? [];
      expect(routes.length).toBeGreaterThan(60);
      for (const route of [
        'GET /',
        'GET /html',
        'GET /links/10/9',
        'GET /absolute-redirect/1',
        'POST /post',
        'HEAD /bytes/64',
      ])
        expect(routes).toContain(route);
      expect(report.target.sourceRoot).toMatch(/httpbin$/);
      expect(report.results.filter((r) => r.outcome === 'error' || r.outcome === 'fail')).toEqual([]);
    },
    240_000,
  );
});
