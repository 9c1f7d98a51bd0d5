/**
 * Requests on the application's own routes, by running the real runner on real Python:
 * bugs that only a non-root route, a link or a header reaches are found there (and not by
 * the built-in scenarios alone), a Flask and a Django site are certified route by route by
 * --crawl, and every finding points at the offending line of the application.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { certifyApp } from './certify.js';
import { compare, parseExpectation } from './expectations.js';
import { parseRequestLine, type UserRequest } from './requests.js';

const DEBIAN_PYTHON = '/usr/bin/python3';
const python = existsSync(DEBIAN_PYTHON) ? DEBIAN_PYTHON : 'python3';
const imports = (module: string) => spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
const FRAMEWORK = (file: string) => /^(flask|django)_/.exec(basename(file))?.[1];

/** `# requests: GET /x`, `# header: Name: value` (for the request before it), `# crawl: N`, `# routes: A ; B`. */
function routeDeclarations(source: string): { requests: UserRequest[]; crawl: number; routes?: string[] } {
  const requests: UserRequest[] = [];
  let crawl = 0;
  let routes: string[] | undefined;
  for (const line of source.split('\n').slice(0, 12)) {
    const m = /^#\s*(requests|header|crawl|routes):\s*(.+)$/.exec(line);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'requests') requests.push({ ...parseRequestLine(value), headers: [] });
    else if (key === 'header') requests.at(-1)?.headers.push(value.split(/:\s*/, 2) as [string, string]);
    else if (key === 'crawl') crawl = Number(value);
    else routes = value.split(';').map((s) => s.trim());
  }
  return { requests, crawl, ...(routes ? { routes } : {}) };
}

const routesDir = fromRoot('fixtures', 'apps', 'routes');
const locationsDir = fromRoot('fixtures', 'apps', 'locations');
const pyFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort();

describe.concurrent('route fixtures: findings that only user requests and the crawl reach', () => {
  for (const file of pyFiles(routesDir)) {
    const framework = FRAMEWORK(file);
    const missing = framework !== undefined && !imports(framework);
    it.skipIf(missing)(
      `${file}${missing ? ` (skipped: python3-${framework} is not installed; .ci/run installs it)` : ''}`,
      async () => {
        const path = join(routesDir, file);
        const source = readFileSync(path, 'utf8');
        const declared = routeDeclarations(source);
        const expectation = parseExpectation(source);
        const report = await certifyApp({ target: path, cwd: routesDir, timeoutMs: 5000, python, ...declared });
        expect(compare(expectation, report)).toEqual([]);
        if (declared.routes) expect(new Set(report.target.routes)).toEqual(new Set(declared.routes));
        for (const r of report.results.filter((x) => x.outcome === 'fail')) {
          expect(r.routes?.length, `${r.rule} names the route where it was seen`).toBeGreaterThan(0);
          expect(r.location?.file).toBe(file);
        }
        if (expectation.fail.length) {
          // Without the routes, the built-in scenarios alone do not see the bug.
          const plain = await certifyApp({ target: path, cwd: routesDir, timeoutMs: 5000, python });
          expect(plain.results.filter((x) => x.outcome === 'fail').map((x) => x.rule)).toEqual([]);
        }
      },
      60_000,
    );
  }
});

describe.concurrent('findings point at the offending line of the application', () => {
  for (const file of pyFiles(locationsDir)) {
    const framework = FRAMEWORK(file);
    const missing = framework !== undefined && !imports(framework);
    it.skipIf(missing)(
      `${file}${missing ? ` (skipped: python3-${framework} is not installed)` : ''}`,
      async () => {
        const path = join(locationsDir, file);
        const lines = readFileSync(path, 'utf8').split('\n');
        const marked = lines.flatMap((l, i) => {
          const m = /# finding: (\S+)/.exec(l);
          return m ? [{ rule: m[1] as string, line: i + 1 }] : [];
        });
        expect(marked.length).toBeGreaterThan(0);
        const report = await certifyApp({ target: path, cwd: locationsDir, timeoutMs: 5000, python });
        expect(report.target.sourceRoot).toBe(locationsDir);
        for (const { rule, line } of marked) {
          const result = report.results.find((r) => r.rule === rule && r.outcome === 'fail');
          expect(result, `${rule} is found`).toBeDefined();
          expect(result?.location).toMatchObject({ file, line });
          expect(result?.location?.code).toContain(`# finding: ${rule}`);
        }
      },
      60_000,
    );
  }
});

describe('--source-root', () => {
  it('skips frames outside the source root: with the folder above as root, paths name the folder', async () => {
    const path = join(locationsDir, 'generator.py');
    const report = await certifyApp({
      target: path,
      cwd: locationsDir,
      timeoutMs: 5000,
      python,
      sourceRoot: fromRoot('fixtures', 'apps'),
    });
    expect(report.results.find((r) => r.rule === 'body-items-bytes')?.location).toMatchObject({
      file: 'locations/generator.py',
      line: 7,
    });
  });

  it("gives no location when the application's code is outside the source root", async () => {
    const path = join(locationsDir, 'generator.py');
    const report = await certifyApp({
      target: path,
      cwd: locationsDir,
      timeoutMs: 5000,
      python,
      sourceRoot: routesDir,
    });
    const result = report.results.find((r) => r.rule === 'body-items-bytes' && r.outcome === 'fail');
    expect(result).toBeDefined();
    expect(result?.location).toBeUndefined();
  });
});
