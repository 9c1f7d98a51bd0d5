/** JUnit XML from real runs, validated against Jenkins' junit-10.xsd with libxml2's xmllint. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { appReport, HOSTILE, poisoned, serverReport } from '../test/real-reports.js';
import { renderJunit } from './junit.js';
import type { Report } from './result.js';
import { visible } from './text.js';
import { describeNeeds } from '../test/requires.js';

const XMLLINT = '/usr/bin/xmllint';
const XSD = fromRoot('schemas', 'junit-10.xsd');
const dir = mkdtempSync(join(tmpdir(), 'wsgi-conf-junit-'));
let n = 0;

function save(xml: string): string {
  const file = join(dir, `junit-${(n += 1)}.xml`);
  writeFileSync(file, xml);
  return file;
}

/** xmllint's verdict on the file: an empty string when it validates. */
function validate(file: string): string {
  try {
    execFileSync(XMLLINT, ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

/** xmllint prints the value and a newline. */
const xpath = (file: string, expr: string) =>
  execFileSync(XMLLINT, ['--xpath', expr, file], { encoding: 'utf8' }).replace(/\n$/, '');

describeNeeds(
  !existsSync(XMLLINT) && `no ${XMLLINT} (apt-get install libxml2-utils)`,
  'JUnit XML (xmllint from libxml2-utils)',
  () => {
    let must: Report, should: Report, known: Report, failedLoad: Report, server: Report;
    beforeAll(async () => {
      [must, should, known, failedLoad, server] = await Promise.all([
        appReport('broken/headers-value-no-ctl.py'),
        appReport('broken/write-discouraged.py'),
        appReport('broken/headers-value-no-ctl.py', ['headers-value-no-ctl']),
        appReport('hostile/import_error.py'),
        serverReport('broken/close-called.py', ['close-after-success', 'headers-names-latin1', 'environ-types']),
      ]);
    }, 60_000);

    it('validates against junit-10.xsd, with one testsuite per PEP section', () => {
      const file = save(renderJunit([must]));
      expect(validate(file)).toBe('');
      const sections = new Set(must.results.map((r) => r.section));
      expect(Number(xpath(file, 'count(/testsuites/testsuite)'))).toBe(sections.size);
      expect(xpath(file, 'string(//testsuite[testcase/failure]/@name)')).toBe('The start_response() Callable');
      expect(Number(xpath(file, 'count(//testcase)'))).toBe(must.results.length);
      expect(xpath(file, 'string(/testsuites/@tests)')).toBe(String(must.results.length));
    });

    it('names testcases `case [rule]` and marks a broken MUST rule as a MUST failure', () => {
      const file = save(renderJunit([must]));
      const failure = '//testcase[@name="response-headers [headers-value-no-ctl]"]/failure';
      expect(xpath(file, `string(${failure}/@type)`)).toBe('MUST');
      expect(xpath(file, `string(${failure}/@message)`)).toMatch(/^MUST: header 2 \(X-Note\) value .*U\+000A/);
      expect(xpath(file, `string(${failure})`)).toMatch(
        /expected: no control characters[\s\S]*fix: [\s\S]*re-run: npx wsgi-conformance app .* --only response-headers/,
      );
      expect(xpath(file, 'string(/testsuites/@failures)')).toBe('1');
      expect(xpath(file, 'string(//testcase[@name="response-headers [headers-value-no-ctl]"]/@classname)')).toBe(
        'fixtures/apps/broken/headers-value-no-ctl_py.The start_response() Callable',
      );
    });

    it('keeps SHOULD failures distinguishable: a warning (skipped type SHOULD), a failure only when strict', () => {
      const plain = save(renderJunit([should]));
      const c = '//testcase[@name="write-avoided [write-discouraged]"]';
      expect(xpath(plain, `string(${c}/skipped/@type)`)).toBe('SHOULD');
      expect(xpath(plain, `string(${c}/skipped/@message)`)).toMatch(
        /^warning \(SHOULD, not counted as a failure\): the application pushed its body through write\(\)/,
      );
      expect(xpath(plain, 'string(/testsuites/@failures)')).toBe('0');
      const strict = save(renderJunit([should], { strict: true }));
      expect(validate(strict)).toBe('');
      expect(xpath(strict, `string(${c}/failure/@type)`)).toBe('SHOULD');
      expect(xpath(strict, 'string(/testsuites/@failures)')).toBe('1');
    });

    it('renders expected failures, skips and errors with their own elements', () => {
      const file = save(renderJunit([known, failedLoad]));
      expect(validate(file)).toBe('');
      expect(xpath(file, 'string(//testcase[@name="response-headers [headers-value-no-ctl]"]/skipped/@type)')).toBe(
        'expected-failure',
      );
      expect(
        Number(xpath(file, 'count(//testcase/skipped[not(@type)][starts-with(@message, "not exercised: ")])')),
      ).toBe(known.summary.skip);
      expect(Number(xpath(file, 'count(//testcase/error[@type="load"])'))).toBe(failedLoad.results.length);
      expect(xpath(file, 'string(//testcase/error/@message)')).toMatch(
        /could not test: .*(ModuleNotFoundError|ImportError)/,
      );
    });

    it('gives one testsuite per (target, section) for several targets, with the HTTP exchange as evidence', () => {
      const reports = [must, should, server];
      const file = save(renderJunit(reports));
      expect(validate(file)).toBe('');
      const expected = reports.reduce((k, r) => k + new Set(r.results.map((x) => x.section)).size, 0);
      expect(Number(xpath(file, 'count(/testsuites/testsuite)'))).toBe(expected);
      expect(
        xpath(file, 'string(//testsuite[starts-with(@name, "fixtures/apps/broken/write-discouraged.py: ")][1]/@name)'),
      ).toMatch(/: \S/);
      expect(xpath(file, 'string(//testcase[@name="close-after-success [close-called]"]/failure)')).toMatch(
        /> GET \/ HTTP\/1\.1\n> Host: [^\n]+\n> X-Probe-Scenario: close[\s\S]*< HTTP\/1\.1 200/,
      );
      expect(xpath(file, 'string(//testsuite[1]/properties/property[@name="target"]/@value)')).toBe(must.target.name);
    });

    it('escapes whatever the implementation sent, control characters included', () => {
      const file = save(renderJunit([poisoned(server), poisoned(must)]));
      expect(validate(file)).toBe('');
      expect(xpath(file, 'string(//testsuite[1]/properties/property[@name="target"]/@value)')).toBe(
        visible(`evil ${HOSTILE}`),
      );
      expect(xpath(file, 'string(//testcase[@name="close-after-success [close-called]"]/failure)')).toContain(
        visible(`< X-Evil: ${HOSTILE}`),
      );
      expect(Number(xpath(file, 'count(//script | //img)'))).toBe(0);
    });
  },
);
