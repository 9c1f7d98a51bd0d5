/**
 * The HTML report in real headless Chromium (Debian's, driven by playwright-core): it
 * renders, logs no error (CSP violations included), fetches nothing, its filters work, and
 * hostile strings stay text. Screenshots are kept in test-artifacts/ for a human to look at.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { appReport, HOSTILE, poisoned, serverReport } from '../test/real-reports.js';
import { renderHtml } from './html.js';
import type { Report } from './result.js';
import { visible } from './text.js';
import { describeNeeds } from '../test/requires.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fromRoot('test-artifacts');
const absent = !existsSync(CHROMIUM);
if (absent)
  console.warn(
    `html-browser.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

describeNeeds(
  absent && `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  `HTML report in headless Chromium (${CHROMIUM})`,
  () => {
    let browser: Browser;
    let must: Report, should: Report, server: Report;
    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      [browser, must, should, server] = await Promise.all([
        chromium.launch({ executablePath: CHROMIUM }),
        appReport('broken/headers-value-no-ctl.py'),
        appReport('broken/write-discouraged.py'),
        serverReport('broken/close-called.py'),
      ]);
    }, 60_000);
    afterAll(async () => browser?.close());

    async function open(name: string, reports: readonly Report[]): Promise<Opened> {
      const file = `${ARTIFACTS}/${name}.html`;
      writeFileSync(file, renderHtml(reports));
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      expect(requests).toEqual([`file://${file}`]);
      return { page, problems, requests };
    }

    /** Full page, taken while the default filters hold: a page of every passing row takes Chromium ~25 s to shoot. */
    async function shoot(page: Page, name: string): Promise<void> {
      await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
      expect(statSync(`${ARTIFACTS}/${name}.png`).size).toBeGreaterThan(10_000);
    }

    async function finish({ page, problems, requests }: Opened): Promise<void> {
      expect(problems).toEqual([]);
      expect(requests).toHaveLength(1); // the page itself: nothing fetched after load
      await page.close();
    }

    const shown = (page: Page) => page.locator('.result:visible').count();

    it('renders one target, findings first, and every filter narrows or widens the rows', async () => {
      const opened = await open('html-report-app', [must]);
      const { page } = opened;
      await shoot(page, 'html-report-app');
      await expect(page.locator('h1').textContent()).resolves.toContain('headers-value-no-ctl.py');
      const findings = must.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error').length;
      expect(await shown(page)).toBe(findings);
      await page.locator('input[name=verdict][value=pass]').click();
      expect(await shown(page)).toBe(findings + must.summary.pass);
      await expect(page.locator('#shown').textContent()).resolves.toBe(String(findings + must.summary.pass));
      await page.locator('#f-level').selectOption('SHOULD');
      expect(await shown(page)).toBe(must.results.filter((r) => r.level === 'SHOULD' && r.outcome === 'pass').length);
      await page.locator('#f-level').selectOption('');
      await page.locator('#f-search').fill('U+000A');
      expect(await shown(page)).toBe(1);
      await page.locator('#f-search').fill('no such text anywhere');
      expect(await shown(page)).toBe(0);
      expect(await page.locator('#empty').isVisible()).toBe(true);
      await page.locator('#f-search').fill('');
      const section = must.results.find((r) => r.rule === 'headers-value-no-ctl')?.section ?? '';
      await page.locator('#f-section').selectOption({ label: section });
      expect(await shown(page)).toBe(must.results.filter((r) => r.section === section && r.outcome !== 'skip').length);
      const row = page.locator('.result[data-verdict=fail]');
      await row.locator('summary').click();
      expect(await row.locator('blockquote').textContent()).toContain('must not include any control characters');
      expect(await row.locator('pre').last().textContent()).toMatch(/--only response-headers$/);
      await finish(opened);
    });

    it('compares several targets in a matrix whose cells jump to the row, even a filtered one', async () => {
      const opened = await open('html-report-matrix', [must, should, server]);
      const { page } = opened;
      expect(await page.locator('#rule-matrix tr:visible').count()).toBeLessThan(
        await page.locator('#rule-matrix tr').count(),
      );
      await shoot(page, 'html-report-matrix');
      await page.locator('#f-target').selectOption('2');
      expect(await shown(page)).toBe(server.summary.fail);
      await expect(
        page.locator('.result:visible').first().locator('pre.evidence').first().textContent(),
      ).resolves.toMatch(/^> GET \/ HTTP\/1\.1/);
      await page.locator('#m-differ').uncheck();
      const passCell = page.locator('#rule-matrix tr', { hasText: 'env-call-repeatable' }).locator('a.jump').first();
      const target = (await passCell.getAttribute('href'))?.slice(1) ?? '';
      expect(await page.locator(`[id="${target}"]`).isVisible()).toBe(false);
      await passCell.click();
      expect(await page.locator(`[id="${target}"]`).isVisible()).toBe(true);
      expect(await page.locator(`[id="${target}"]`).getAttribute('open')).not.toBeNull();
      await finish(opened);
    });

    it('shows hostile strings as text and runs none of them', async () => {
      const opened = await open('html-report-hostile', [poisoned(server), poisoned(must)]);
      const { page } = opened;
      await page.locator('.result[data-verdict=fail]').first().locator('summary').click();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('img, main details details').count()).toBe(0);
      expect(await page.locator('.card h2').first().textContent()).toBe(`T1 evil ${visible(HOSTILE)}`);
      expect(
        await page.locator('.result[data-verdict=fail]').first().locator('pre.evidence').last().textContent(),
      ).toContain(`< X-Evil: ${visible(HOSTILE)}`);
      await shoot(page, 'html-report-hostile');
      await finish(opened);
    });
  },
);
