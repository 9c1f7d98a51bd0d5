/**
 * The playground in real headless Chromium (Debian's, driven by playwright-core): every
 * gallery example shows the rules it declares, the tutorial's greeting without .encode shows
 * body-items-bytes, a hanging app is stopped and the next check works, nothing is fetched
 * from anywhere but the page's own server, and nothing is logged as an error. Screenshots
 * and timings are kept in test-artifacts/ for a human to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGallery as loadAll } from '../cli/gallery-command.js';

/** The page's menu: the gallery's applications (its middleware examples need `middleware`). */
const loadGallery = () => loadAll().filter((ex) => !ex.middleware);
import { fromRoot } from '../harness/paths.js';
import { withImplied } from '../spec/implied.js';
import { buildPlayground } from './build.js';
import { servePlayground, type Serving } from './serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fromRoot('test-artifacts');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Generous: Pyodide's start on a loaded two-core machine; the bench measures speed, not this. */
const CHECK_MS = 120_000;

const GREETING_STR = `def application(environ, start_response):
    status = '200 OK'
    headers = [('Content-Type', 'text/plain')]
    start_response(status, headers)
    return ['Hello my friend!']
`;
const HANGS = `def application(environ, start_response):
    while True:
        pass
`;

describe(`playground in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let serving: Serving;
  const problems: string[] = [];
  const foreign: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // A missing browser fails this test, as any missing dependency does in CI.
    expect(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install chromium`).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    const built = await buildPlayground(mkdtempSync(join(tmpdir(), 'wsgi-conformance-playground-test-')));
    serving = await servePlayground(built.dir, built.files, 0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    // The network is off: anything but the page's own server is refused (and recorded).
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(serving.url)) return route.continue();
      foreign.push(url);
      return route.abort('internetdisconnected');
    });
    context.on('request', (r) => {
      if (!r.url().startsWith(serving.url)) foreign.push(r.url());
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const t0 = Date.now();
    await page.goto(serving.url);
    await page.locator('body[data-ready=true]').waitFor();
    timings.pageReadyMs = Date.now() - t0;
    timings.firstCheckMs = await checkNow();
    timings.firstCheckFromLoadMs = Date.now() - t0;
  }, 3 * CHECK_MS);

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'playground-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    await browser?.close();
    await serving?.close();
  });

  /** Presses Check and waits until this check's report is shown; returns how long it took. */
  async function checkNow(): Promise<number> {
    const before = Number((await page.locator('#report').getAttribute('data-checks')) ?? '0');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator(`#report[data-checks="${before + 1}"]`).waitFor({ timeout: CHECK_MS });
    return Date.now() - t0;
  }

  async function findingRules(): Promise<{ rules: string[]; errors: number }> {
    const rows = page.locator('#report > .result');
    const verdicts = await rows.evaluateAll((els) =>
      els.map((e) => [(e as HTMLElement).dataset.verdict, e.querySelector('summary code')?.textContent ?? '']),
    );
    return {
      rules: [...new Set(verdicts.filter(([v]) => v !== 'error').map(([, r]) => r as string))].sort(),
      errors: verdicts.filter(([v]) => v === 'error').length,
    };
  }

  it('labels its controls and starts on an example, with the Python version it runs', async () => {
    await expect(page.getByLabel('Code').inputValue()).resolves.toContain('def application');
    expect(await page.locator('#example option').count()).toBe(loadGallery().length + 1);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(
      /pyodide \d+\.\d+\.\d+ \(Python 3\.\d+\.\d+\)/,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'playground-first-check.png'), fullPage: true });
  });

  it(
    'shows the rules each gallery example declares, and no more',
    async () => {
      const laterChecks: number[] = [];
      for (const ex of loadGallery()) {
        await page.locator('#example').selectOption(ex.file);
        laterChecks.push(await checkNow());
        const seen = await findingRules();
        expect({ file: ex.file, ...seen }).toEqual({
          file: ex.file,
          rules: [...withImplied([...ex.expectFail, ...ex.expectWarn])].sort(),
          errors: 0,
        });
        // Declared breaks are shown as expected, as the gallery command shows them.
        expect(await page.locator('#report > .result[data-verdict=fail]').count()).toBe(0);
      }
      timings.laterCheckMedianMs = laterChecks.sort((a, b) => a - b)[Math.floor(laterChecks.length / 2)] ?? 0;
      timings.laterCheckMaxMs = Math.max(...laterChecks);
    },
    25 * CHECK_MS,
  );

  it(
    'finds body-items-bytes in the tutorial greeting without .encode, and keeps the code in the link',
    async () => {
      await page.getByLabel('Code').fill(GREETING_STR);
      await checkNow();
      const row = page.locator('#report > .result[data-verdict=fail]', { hasText: 'body-items-bytes' });
      await expect(row.count()).resolves.toBe(1);
      await row.locator('summary').click();
      await expect(row.locator('blockquote').textContent()).resolves.toContain(
        'must be of type `bytes`'.replace(/`/g, ''),
      );
      await expect(page.locator('details.explain', { hasText: 'body-items-bytes' }).count()).resolves.toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'playground-greeting-str.png'), fullPage: true });
      // The fragment carries the code: a fresh page opened on the same link checks the same code.
      const link = page.url();
      const other = await context.newPage();
      await other.goto(link);
      await expect(other.getByLabel('Code').inputValue()).resolves.toBe(GREETING_STR);
      await other.close();
    },
    3 * CHECK_MS,
  );

  it(
    'stops an application that hangs, reports it as the CLI does, and the next check works',
    async () => {
      await page.getByLabel('Code').fill(HANGS);
      await checkNow();
      await expect(page.locator('#report > .result[data-verdict=error]').first().textContent()).resolves.toContain(
        'did not finish',
      );
      await expect(page.locator('#status').textContent()).resolves.toContain('could not be judged');
      await page.screenshot({ path: join(ARTIFACTS, 'playground-hang.png'), fullPage: true });
      await page.locator('#example').selectOption('greeting.py');
      await checkNow();
      expect(await findingRules()).toEqual({ rules: [], errors: 0 });
    },
    3 * CHECK_MS,
  );

  it(
    'is keyboard usable and readable on a phone',
    async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByLabel('Code').fill(GREETING_STR);
      await page.getByLabel('Code').press('Control+Enter');
      await page
        .locator('#report > .result[data-verdict=fail]', { hasText: 'body-items-bytes' })
        .waitFor({ timeout: CHECK_MS });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(ARTIFACTS, 'playground-phone.png'), fullPage: true });
      await page.setViewportSize({ width: 1100, height: 900 });
    },
    2 * CHECK_MS,
  );

  it('logged no error and fetched nothing from elsewhere', () => {
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
