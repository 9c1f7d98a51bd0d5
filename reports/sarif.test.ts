/**
 * The SARIF reporter's output validates against the OASIS SARIF 2.1.0 JSON Schema
 * (schemas/sarif-schema-2.1.0.json), for a real run with findings on routes and lines.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { certifyApp } from '../suites/app/certify.js';
import type { Report } from './result.js';
import { renderSarif } from './sarif.js';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(fromRoot('schemas', 'sarif-schema-2.1.0.json'), 'utf8')));

async function certify(file: string, crawl = 0): Promise<Report> {
  const dir = fromRoot('fixtures', 'apps', 'routes');
  return certifyApp({ target: `${dir}/${file}`, cwd: dir, timeoutMs: 3000, crawl });
}

describe('SARIF 2.1.0 reporter', () => {
  it('validates against the SARIF 2.1.0 schema and points each finding at its line', async () => {
    const report = await certify('behind_link.py', 10);
    const log = JSON.parse(renderSarif([report], { cwd: fromRoot() }));
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    const results = log.runs[0].results;
    const bytes = results.find((r: { ruleId: string }) => r.ruleId === 'body-items-bytes');
    expect(bytes.level).toBe('error');
    expect(bytes.locations[0].physicalLocation.artifactLocation.uri).toBe('fixtures/apps/routes/behind_link.py');
    expect(bytes.locations[0].physicalLocation.region.startLine).toBe(12);
    expect(bytes.message.text).toContain('GET /about');
    const rule = log.runs[0].tool.driver.rules[bytes.ruleIndex];
    expect(rule.id).toBe('body-items-bytes');
    expect(rule.helpUri).toBe('https://peps.python.org/pep-3333/#unicode-issues');
    expect(rule.help.text).toContain('must be of type `bytes`');
  });

  it('validates for a target that could not be loaded (no results, a failed invocation)', async () => {
    const report = await certifyApp({
      target: fromRoot('fixtures', 'apps', 'routes', 'missing.py'),
      cwd: fromRoot(),
      timeoutMs: 3000,
    });
    const log = JSON.parse(renderSarif([report], { cwd: fromRoot() }));
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].results).toEqual([]);
  });

  it('makes SHOULD findings warnings and declared failures suppressed', () => {
    const none: string[] = [];
    const base = {
      case: 'c',
      description: 'd',
      section: 's',
      url: 'u',
      quote: 'q',
      hint: 'h',
      scenarios: none,
      evidence: none,
      rerun: 'r',
      message: 'm',
      outcome: 'fail' as const,
      expected: 'e',
      actual: 'a',
    };
    const report: Report = {
      tool: { name: 'wsgi-conformance', version: '0' },
      target: { kind: 'server', name: 'srv' },
      summary: { total: 2, pass: 0, fail: 2, skip: 0, error: 0, mustFailures: 0, warnings: 1 },
      results: [
        { ...base, rule: 'env-app-check-vars', level: 'SHOULD' },
        { ...base, rule: 'body-items-bytes', level: 'MUST', known: true },
      ],
    };
    const log = JSON.parse(renderSarif([report]));
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.runs[0].results.map((r: { level: string }) => r.level)).toEqual(['warning', 'error']);
    expect(log.runs[0].results[1].suppressions).toHaveLength(1);
  });

  it('the schema check can fail: a level SARIF does not know is refused', () => {
    const log = JSON.parse(renderSarif([]));
    expect(validate(log)).toBe(true);
    log.runs = [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 't' }, level: 'fatal' }] }];
    expect(validate(log)).toBe(false);
  });
});
