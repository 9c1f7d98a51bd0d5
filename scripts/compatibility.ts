/**
 * npm run compat [-- --runs N]: certify every installed preset over HTTP and every framework
 * view in fixtures/apps/frameworks in-process, N times (default 1), with Debian's
 * interpreter; refuse to publish when any verdict differs between runs (a verdict
 * that changes is a suite bug); else write docs/compatibility.md and docs/compatibility.html,
 * and keep the first run's reports in docs/compatibility-run.json, so that
 * `npm run compat -- --render` can re-link newly written findings without certifying again;
 * `npm run compat -- --only NAME[,NAME]` re-certifies those presets alone into the saved run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import { checkPreset, presets } from '../harness/server/presets.js';
import type { Implementation } from '../reports/compatibility.js';
import { writeAtomic } from '../reports/json.js';
import { certifyApp } from '../suites/app/certify.js';
import { certifyServer } from '../suites/server/certify.js';
import { PIN_PYTHON, verdict } from '../suites/server/pinned.js';
import { renderSaved, SAVED_RUN, slim, withFindings, type SavedRun } from './compatibility-render.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] ?? 1) || 1;
const python = PIN_PYTHON ?? 'python3';
const FRAMEWORKS: Record<string, string> = {
  flask: 'Flask',
  django: 'Django',
  bottle: 'bottle',
  falcon: 'falcon',
  pyramid: 'pyramid',
  webob: 'WebOb',
};
const appDir = fromRoot('fixtures', 'apps', 'frameworks');

function distVersion(dist: string): string | undefined {
  const out = spawnSync(python, ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(dist)}))`], {
    encoding: 'utf8',
  });
  return out.status === 0 ? out.stdout.trim() : undefined;
}

/** `--only a,b`: re-certify these presets alone and replace them in the saved run (see below). */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]?.split(',') : undefined;

async function matrix(): Promise<Implementation[]> {
  const impls: Implementation[] = [];
  for (const preset of presets) {
    if (only && !only.includes(preset.name)) continue;
    if (!(await checkPreset(preset, python)).installed) continue;
    process.stderr.write(`  ${preset.name}\n`);
    const report = await certifyServer({ target: { kind: 'preset', name: preset.name }, python, timeoutMs: 5000 });
    impls.push(
      withFindings({
        name: preset.name,
        kind: 'server',
        version: report.target.version ?? preset.name,
        reports: [report],
      }),
    );
  }
  for (const [framework, dist] of Object.entries(FRAMEWORKS)) {
    if (only) break;
    const version = distVersion(dist);
    if (!version) continue;
    process.stderr.write(`  ${framework}\n`);
    const files = readdirSync(appDir)
      .filter((f) => f.startsWith(`${framework}_`) && f.endsWith('.py'))
      .sort();
    const reports = await Promise.all(
      files.map((f) => certifyApp({ target: f, cwd: appDir, python, timeoutMs: 5000 })),
    );
    impls.push(withFindings({ name: framework, kind: 'framework', version: `${dist} ${version}`, reports }));
  }
  return impls;
}

const verdicts = (impls: Implementation[]) =>
  impls.map((i) => ({
    name: i.name,
    lines: i.reports.flatMap((r) => verdict(r).map((l) => `${r.target.name.split('/').pop()}: ${l}`)),
  }));

async function publish(saved: SavedRun): Promise<void> {
  const { md, html } = renderSaved(saved);
  await writeAtomic(fromRoot('docs'), 'compatibility.md', md);
  await writeAtomic(fromRoot('docs'), 'compatibility.html', html);
}

if (process.argv.includes('--render')) {
  await publish(JSON.parse(readFileSync(SAVED_RUN, 'utf8')) as SavedRun);
  console.log('docs/compatibility.md and docs/compatibility.html re-rendered from docs/compatibility-run.json');
} else {
  let first: Implementation[] | undefined;
  let unstable = 0;
  for (let n = 1; n <= runs; n++) {
    process.stderr.write(`run ${n} of ${runs}\n`);
    const impls = await matrix();
    if (!first) first = impls;
    else unstable += compareRuns(first, impls, n);
  }
  if (unstable || !first) {
    console.log(`${unstable} verdict change(s) between runs: nothing published`);
    process.exitCode = 1;
  } else {
    const fresh = first.map(({ findingOf: _, reports, ...rest }) => ({ ...rest, reports: reports.map(slim) }));
    // With --only, the other implementations keep their saved reports (one server re-run after a change to it).
    const kept = only ? (JSON.parse(readFileSync(SAVED_RUN, 'utf8')) as SavedRun).impls : [];
    const saved: SavedRun = {
      date: new Date().toISOString().slice(0, 10),
      runs,
      impls: only ? kept.map((i) => fresh.find((f) => f.name === i.name) ?? i) : fresh,
    };
    await writeAtomic(fromRoot('docs'), 'compatibility-run.json', `${JSON.stringify(saved)}\n`);
    await publish(saved);
    console.log(`${runs} run(s), identical verdicts: docs/compatibility.md and docs/compatibility.html written`);
  }
}

function compareRuns(first: Implementation[], impls: Implementation[], n: number): number {
  const [a, b] = [verdicts(first), verdicts(impls)];
  let changed = 0;
  for (const [i, x] of a.entries()) {
    const y = b[i];
    const gone = x.lines.filter((l) => !y?.lines.includes(l));
    const added = (y?.lines ?? []).filter((l) => !x.lines.includes(l));
    if (!gone.length && !added.length) continue;
    changed++;
    console.log(
      `UNSTABLE ${x.name} (run 1 vs run ` +
        `${n}):${gone.map((l) => `\n  - ${l}`).join('')}${added.map((l) => `\n  + ${l}`).join('')}`,
    );
  }
  return changed;
}
