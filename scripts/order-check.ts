/**
 * npx tsx scripts/order-check.ts [--seeds 1,2,3,4,5] [PRESET...]: certifies each installed
 * preset (default: all) once per seed with the cases in a shuffled order (--order random
 * --seed N) and compares each verdict with the pinned one (suites/server/pinned/). Prints
 * every difference with the seed that produced it; exits 1 on any. Results: docs/order-check.md.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fromRoot } from '../harness/paths.js';
import { checkPreset, presets } from '../harness/server/presets.js';
import { certifyServer } from '../suites/server/certify.js';
import { PIN_PYTHON, verdict, type Pinned } from '../suites/server/pinned.js';

const args = process.argv.slice(2);
const at = args.indexOf('--seeds');
const seeds = at >= 0 ? (args.splice(at, 2)[1] ?? '').split(',').map(Number) : [1, 2, 3, 4, 5];
let differences = 0;
for (const preset of presets.filter((p) => !args.length || args.includes(p.name))) {
  if (!(await checkPreset(preset, PIN_PYTHON)).installed) {
    console.log(`${preset.name}: not installed`);
    continue;
  }
  const pinned = JSON.parse(
    readFileSync(fromRoot('suites', 'server', 'pinned', `${preset.name}.json`), 'utf8'),
  ) as Pinned;
  for (const seed of seeds) {
    const target = { kind: 'preset' as const, name: preset.name };
    const started = Date.now();
    const report = await certifyServer({
      target,
      ...(PIN_PYTHON ? { python: PIN_PYTHON } : {}),
      timeoutMs: 3000,
      seed,
    });
    const got = verdict(report);
    // Wall time and the 1-minute load average: a skip that depends on timing shows up under load.
    const took = `(${Math.round((Date.now() - started) / 1000)} s, load ${loadavg()[0]?.toFixed(1)})`;
    const extra = got.filter((v) => !pinned.verdict.includes(v));
    const missing = pinned.verdict.filter((v) => !got.includes(v));
    if (!extra.length && !missing.length) {
      console.log(`${preset.name} --seed ${seed}: the pinned verdict ${took}`);
      continue;
    }
    differences++;
    console.log(
      `${preset.name} --seed ${seed}: DIFFERS ` +
        `${took}\n${[...extra.map((v) => `  + ${v}`), ...missing.map((v) => `  - ${v}`)].join('\n')}`,
    );
  }
}
process.exitCode = differences ? 1 : 0;
