/**
 * npm run pin [-- [--tls | --fuzz] PRESET...]: run each installed preset 3 times; pin its verdict if
 * stable. With --tls, over TLS, into pinned/<preset>.tls.json (presets that serve TLS only).
 * With --fuzz, the generative phase every certification ends with, into pinned/<preset>.fuzz.json
 * (files of their own, so that re-pinning the certification and the phase do not collide).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import { checkPreset, presets } from '../harness/server/presets.js';
import { fuzzPhaseReport } from '../suites/fuzz/phase.js';
import { certifyServer } from '../suites/server/certify.js';
import { describePinChange, PIN_PYTHON, verdict, type Pinned } from '../suites/server/pinned.js';

const tls = process.argv.includes('--tls');
const fuzz = process.argv.includes('--fuzz');
const wanted = process.argv.slice(2).filter((a) => a !== '--tls' && a !== '--fuzz');
if (tls && fuzz) throw new Error('pin --tls or --fuzz, not both: the phase is pinned over plain HTTP');
let unstable = 0;
for (const preset of presets.filter((p) => !wanted.length || wanted.includes(p.name))) {
  if (tls && !(preset.tls && 'docs' in preset.tls)) {
    console.log(`${preset.name}: no TLS support, not pinned over TLS`);
    continue;
  }
  if (!(await checkPreset(preset, PIN_PYTHON)).installed) {
    console.log(`${preset.name}: not installed, not pinned`);
    continue;
  }
  const runs = [];
  const target = { kind: 'preset' as const, name: preset.name };
  const python = PIN_PYTHON ? { python: PIN_PYTHON } : {};
  for (let i = 0; i < 3; i++)
    runs.push(
      fuzz
        ? await fuzzPhaseReport(target, { how: `--preset ${preset.name}`, timeoutMs: 3000, ...python })
        : await certifyServer({ target, ...python, timeoutMs: 3000, ...(tls ? { tls: {} } : {}) }),
    );
  const verdicts = runs.map((r) => JSON.stringify(verdict(r)));
  if (new Set(verdicts).size > 1) {
    unstable++;
    console.log(`${preset.name}: UNSTABLE, not pinned:\n${verdicts.join('\n')}`);
    continue;
  }
  const first = runs[0] as (typeof runs)[number];
  const pinned: Pinned = {
    preset: preset.name,
    ...(first.target.version ? { version: first.target.version } : {}),
    verdict: verdict(first),
  };
  const file = fromRoot('suites', 'server', 'pinned', `${preset.name}${tls ? '.tls' : fuzz ? '.fuzz' : ''}.json`);
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Pinned) : undefined;
  const change = describePinChange(before, pinned);
  writeFileSync(file, `${JSON.stringify(pinned, null, 2)}\n`);
  const over = tls ? ' over TLS' : fuzz ? ' (generative phase)' : '';
  const summary = `pinned ${pinned.verdict.length} non-passing results (${pinned.version})`;
  console.log(`${preset.name}${over}: ${summary}${change.length ? ':' : ', unchanged'}`);
  for (const line of change) console.log(`  ${line}`);
}
process.exitCode = unstable ? 1 : 0;
