/**
 * A baseline round trip on real runs: record the known failures, re-run (exit 0),
 * break something else (exit 1, named), fix a known one (reported as passing now), and let
 * an entry expire (exit 1, named).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { cli, tempDir } from './test-support/run-cli.js';

const app = (status: string, body: string) => `def application(environ, start_response):
    start_response(${status}, [('Content-Type', 'text/plain')])
    return [${body}]
`;
const STR_BODY = app("'200 OK'", "'Hello'"); // breaks body-items-bytes
const INT_STATUS_TOO = app('200', "'Hello'"); // and status-native-str
const FIXED = app("'200 OK'", "b'Hello'");

describe.sequential('baseline round trip', () => {
  const dir = tempDir('baseline-run');
  const target = join(dir, 'app.py');
  const baseline = join(dir, 'wsgi-baseline.json');
  const run = (...more: string[]) => cli('app', target, '--baseline', baseline, ...more);

  it('records the failures with --update-baseline, atomically, in the documented format', () => {
    writeFileSync(target, STR_BODY);
    const r = run('--update-baseline');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/baseline .*wsgi-baseline\.json: \d+ added, 0 removed/);
    expect(r.err).toContain('+ body-items-are-bytes body-items-bytes: recorded ');
    const written = JSON.parse(readFileSync(baseline, 'utf8'));
    const validate = new Ajv2020({ strict: true })
      .addFormat('date', /^\d{4}-\d{2}-\d{2}$/)
      .compile(JSON.parse(readFileSync(fromRoot('schemas', 'baseline.schema.json'), 'utf8')));
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    expect(written.known.map((e: { rule: string }) => e.rule)).toContain('body-items-bytes');
  });

  it('re-runs with exit 0, showing the known failures as expected', () => {
    const r = run();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/EXPECTED FAIL body-items-bytes/);
    expect(r.out).toMatch(/0 failed \(MUST\)/);
  });

  it('exits 1 when something new breaks, naming it', () => {
    writeFileSync(target, INT_STATUS_TOO);
    const r = run();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ FAIL status-native-str \(MUST\)/);
    expect(r.out).toMatch(/EXPECTED FAIL body-items-bytes/);
  });

  it('reports entries that pass now, and exits 0', () => {
    writeFileSync(target, FIXED);
    const r = run();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/body-items-are-bytes body-items-bytes.* now pass(es)?: remove/);
  });

  it('exits 1 naming an entry past its expiry date', () => {
    writeFileSync(target, STR_BODY);
    const file = JSON.parse(readFileSync(baseline, 'utf8'));
    for (const e of file.known) e.expires = '2000-01-31';
    writeFileSync(baseline, JSON.stringify(file));
    const r = run('--reporter', 'json', '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the entry for body-items-are-bytes body-items-bytes expired on 2000-01-31/);
  });

  it('removes the entries that pass now with --update-baseline', () => {
    writeFileSync(target, FIXED);
    const r = run('--update-baseline');
    expect(r.err).toMatch(/0 added, \d+ removed, 0 entries now/);
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual({ known: [] });
  });
});
