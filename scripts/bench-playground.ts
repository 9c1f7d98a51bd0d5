/**
 * How fast the playground is in headless Chromium (Debian's, driven by playwright-core), with
 * every request that is not the page's own refused (the network is off): page ready, the
 * first check shown (Pyodide's start dominates), and later checks of the gallery's
 * applications. Targets: page ready and first check within 20 s, later checks under 1 s.
 * Run: npm run bench:playground   (CHROMIUM_PATH overrides /usr/bin/chromium; RUNS=3 pages)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { fromRoot } from '../harness/paths.js';
import { buildPlayground } from '../playground/build.js';
import { servePlayground } from '../playground/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.RUNS ?? 3);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function check(page: Page): Promise<number> {
  const before = Number((await page.locator('#report').getAttribute('data-checks')) ?? '0');
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator(`#report[data-checks="${before + 1}"]`).waitFor({ timeout: 300_000 });
  return performance.now() - t0;
}

const dir = mkdtempSync(join(tmpdir(), 'wsgi-conformance-playground-bench-'));
const built = await buildPlayground(dir);
const serving = await servePlayground(built.dir, built.files, 0);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
// The page's menu: the gallery's applications (its middleware examples need `middleware`).
const gallery = JSON.parse(readFileSync(fromRoot('examples', 'gallery.json'), 'utf8')) as {
  examples: { file: string; middleware?: string }[];
};
const examples = gallery.examples.filter((ex) => !ex.middleware).map((ex) => ex.file);
const ready: number[] = [];
const first: number[] = [];
const later: number[] = [];
let foreign = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(serving.url)) return route.continue();
      foreign++;
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(serving.url);
    await page.locator('body[data-ready=true]').waitFor({ timeout: 300_000 });
    ready.push(performance.now() - t0);
    await check(page);
    first.push(performance.now() - t0);
    for (const file of examples) {
      await page.locator('#example').selectOption(file);
      later.push(await check(page));
    }
    await context.close();
  }
} finally {
  await browser.close();
  await serving.close();
  rmSync(dir, { recursive: true, force: true });
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (${RUNS} fresh pages)`,
);
console.log(`page ready (from navigation):          median ${s(median(ready))}, max ${s(Math.max(...ready))}`);
console.log(`first check shown (from navigation):   median ${s(median(first))}, max ${s(Math.max(...first))}`);
console.log(`later checks (${later.length}, gallery apps): median ${s(median(later))}, max ${s(Math.max(...later))}`);
console.log(`requests refused (not the page's own):  ${foreign}`);
