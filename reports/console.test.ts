/** The console report, rendered from real runs of broken fixtures. */
import { describe, expect, it } from 'vitest';
import { appReport, garbageServerReport, poisoned, serverReport } from '../test/real-reports.js';
import { renderConsole } from './console.js';
import { styleFor } from './style.js';

const plain = styleFor({ isTTY: false }, {});
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('console report', () => {
  it('groups by PEP section and gives a failure everything needed to act on it, summary last', async () => {
    const out = renderConsole(await appReport('broken/headers-value-no-ctl.py'), plain);
    expect(out).toMatch(/^The start_response\(\) Callable \(\d+\/\d+ passed\)$/m);
    expect(out).toMatch(/✗ FAIL headers-value-no-ctl \(MUST\) case response-headers/);
    expect(out).toMatch(/expected: no control characters/);
    expect(out).toMatch(/actual: {3}header 2 \(X-Note\) value .*U\+000A/);
    expect(out).toContain('"Each `header_value` must not include any control characters');
    expect(out).toContain('https://peps.python.org/pep-3333/#the-start-response-callable');
    expect(out).toMatch(/fix: Reject or strip CR, LF/);
    expect(out).toMatch(/re-run: npx wsgi-conformance app .*headers-value-no-ctl\.py --only response-headers/);
    expect(out.split('\n').at(-1)).toMatch(
      /^\d+ passed, 1 failed \(MUST\), 0 warnings \(SHOULD\), \d+ skipped, 0 errors$/,
    );
  });

  it('shows SHOULD failures as warnings and declared failures as expected', async () => {
    expect(renderConsole(await appReport('broken/write-discouraged.py'), plain)).toMatch(
      /⚠ WARN write-discouraged \(SHOULD\)/,
    );
    const known = renderConsole(await appReport('broken/headers-value-no-ctl.py', ['headers-value-no-ctl']), plain);
    expect(known).toMatch(/○ EXPECTED FAIL headers-value-no-ctl/);
    expect(known).toMatch(/0 failed \(MUST\), .*1 expected/);
  });

  it('shows the HTTP exchange behind a server finding', async () => {
    const out = renderConsole(await serverReport('broken/close-called.py', ['close-after-success']), plain);
    expect(out).toMatch(/FAIL close-called \(MUST\) case close-after-success/);
    expect(out).toMatch(/evidence:\n {8}> GET \/ HTTP\/1\.1\n {8}> Host: [^\n]+\n {8}> X-Probe-Scenario: close\n/);
    expect(out).toMatch(/^ {8}< HTTP\/1\.1 200 OK$/m);
  });

  it('says the setup is broken once instead of listing every failure', async () => {
    const report = await garbageServerReport();
    const out = renderConsole(report, plain);
    expect(out).toMatch(
      /! the setup is probably broken, not .*misbehave\.py.*: \d+ of \d+ checks could not be tested, none passed\./,
    );
    expect(out).toMatch(/\d+× .*stopped answering/);
    expect(out).toMatch(/never answered properly: run its command by hand/);
    expect(out.split('\n').length).toBeLessThan(25);
    expect(out).not.toMatch(/ERROR/);
    const verbose = renderConsole(report, plain, { verbose: true });
    expect(verbose.match(/ERROR/g)?.length).toBeGreaterThan(report.results.length / 2);
    expect(verbose).toMatch(/setup is probably broken/);
  }, 40_000);

  it('names the cause when the target did not load', async () => {
    const out = renderConsole(await appReport('hostile/import_error.py'), plain);
    expect(out).toMatch(/could not test .*import_error\.py:\n.*(ModuleNotFoundError|ImportError)/);
    expect(out).toMatch(/Check that the application imports/);
    expect(out.split('\n').at(-1)).toMatch(/0 passed, .* \d+ errors$/);
  });

  it('colours only a terminal, and never with NO_COLOR', async () => {
    const report = await appReport('broken/headers-value-no-ctl.py');
    expect(renderConsole(report, styleFor({ isTTY: true }, {}))).toContain('\u001b[31m');
    expect(renderConsole(report, styleFor({ isTTY: true }, { NO_COLOR: '1' }))).not.toContain('\u001b');
    expect(renderConsole(report, styleFor({ isTTY: false }, {}))).not.toContain('\u001b');
  });

  it('shows control characters from the implementation as escapes, never raw', async () => {
    const out = renderConsole(poisoned(await serverReport('broken/close-called.py', ['close-after-success'])), plain, {
      verbose: true,
    });
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('ESC[31m\\e[31mred\\e[0m NUL\\0 BEL\\x07');
    expect(out).toContain('bidi\\u202e');
  });
});
