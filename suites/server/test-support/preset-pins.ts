/**
 * The suite against real servers, one group of presets per test file: each preset runs to
 * completion with a complete report, and its verdict equals the pinned one, so CI notices when the
 * suite's verdict on a real server changes (re-pin deliberately with `npm run pin`).
 *
 * Why groups of files: a certification mostly waits on its server (63 s of CPU in 712 s for the 29
 * plain and TLS certifications one after another), so the groups run side by side, each file in a
 * process of its own. In one process, side by side, the timed cases of tornado, hypercorn, daphne,
 * uwsgi and eventlet skipped at load 24: the four runs shared the client's event loop, which stalled
 * past 150 ms in every attempt. Within a group, certifications still run one after another.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../harness/paths.js';
import { checkPreset, getPreset, type Preset } from '../../../harness/server/presets.js';
import { inCi, itNeeds } from '../../../test/requires.js';
import { fuzzPhaseReport } from '../../fuzz/phase.js';
import { certifyServer } from '../certify.js';
import { serverCases } from '../index.js';
import { describePinChange, PIN_PYTHON, type Pinned, verdict } from '../pinned.js';
import { PRESET_GROUPS, type PresetGroup } from './preset-groups.js';

const python = PIN_PYTHON ? { python: PIN_PYTHON } : {};
const resultCount = () => serverCases.reduce((n, c) => n + c.rules.length, 0);

/** The three pinned runs (plain, generative phase, TLS) of every preset in `group`. */
export async function describePresetPins(group: PresetGroup): Promise<void> {
  const members = PRESET_GROUPS[group].map((name) => {
    const preset = getPreset(name);
    if (!preset) throw new Error(`preset group ${group} names ${name}, which is not a preset`);
    return preset;
  });
  // One import check after another: 19 interpreters importing Twisted, gevent and the like at
  // once ran past the check's timeout on a loaded machine and skipped installed presets.
  const installed: Array<{ preset: Preset; check: Awaited<ReturnType<typeof checkPreset>> }> = [];
  for (const p of members) installed.push({ preset: p, check: await checkPreset(p, PIN_PYTHON) });

  describe.sequential('real servers keep their pinned verdicts', () => {
    for (const { preset, check } of installed) pinPlain(preset, check);
  });
  describe.sequential('real servers keep their pinned verdicts in the generative phase', () => {
    for (const { preset, check } of installed) pinFuzz(preset, check);
  });
  describe.sequential('real servers keep their pinned verdicts over TLS (--tls)', () => {
    for (const { preset, check } of installed) pinTls(preset, check);
  });
}

type Check = Awaited<ReturnType<typeof checkPreset>>;
const pinFile = (preset: Preset, kind: '' | '.fuzz' | '.tls') =>
  fromRoot('suites', 'server', 'pinned', `${preset.name}${kind}.json`);
const readPin = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Pinned;

function pinPlain(preset: Preset, check: Check): void {
  const file = pinFile(preset, '');
  const why = !check.installed
    ? `not installed (${check.reason}; apt-get install ${preset.install})`
    : !existsSync(file)
      ? `no pinned verdict yet: npm run pin -- ${preset.name}`
      : '';
  itNeeds(
    why,
    preset.name,
    async (ctx) => {
      const pinned = readPin(file);
      const report = await certifyServer({ target: { kind: 'preset', name: preset.name }, ...python, timeoutMs: 5000 });
      expect(report.target.error).toBeUndefined();
      expect(report.results).toHaveLength(resultCount());
      if (report.target.version !== pinned.version) {
        // Another version: the pin cannot judge it. Locally a skip; in CI a failure showing what
        // re-pinning would write.
        const change = describePinChange(pinned, {
          ...pinned,
          version: report.target.version,
          verdict: verdict(report),
        });
        const why =
          `pinned for ${pinned.version}, this machine has ${report.target.version}; re-pin with: npm run pin -- ` +
          `${preset.name}\n${change.join('\n')}`;
        if (inCi()) throw new Error(why);
        ctx.skip(why);
        return;
      }
      expect(verdict(report)).toEqual(pinned.verdict);
    },
    // A bound, not a verdict: daphne took 160 s at load 50, one certification after another.
    400_000,
  );
}

function pinFuzz(preset: Preset, check: Check): void {
  const file = pinFile(preset, '.fuzz');
  // A preset not pinned yet is said so (like the TLS pins), not failed: pinning takes three quiet runs.
  if (!existsSync(file)) {
    it.skip(`${preset.name} (generative phase): no pin yet: npm run pin -- --fuzz ${preset.name}`, () => {});
    return;
  }
  const why = !check.installed ? `not installed (${check.reason}; apt-get install ${preset.install})` : '';
  itNeeds(
    why,
    `${preset.name} (generative phase)`,
    async (ctx) => {
      const pinned = readPin(file);
      const report = await fuzzPhaseReport(
        { kind: 'preset', name: preset.name },
        { how: `--preset ${preset.name}`, timeoutMs: 5000, ...python },
      );
      expect(report.target.error).toBeUndefined();
      if (report.target.version !== pinned.version) {
        const why =
          `pinned for ${pinned.version}, this machine has ${report.target.version}: re-pin with npm run pin -- ` +
          `--fuzz ${preset.name}`;
        if (inCi()) throw new Error(why);
        ctx.skip(why);
        return;
      }
      expect(verdict(report)).toEqual(pinned.verdict);
    },
    150_000,
  );
}

function pinTls(preset: Preset, check: Check): void {
  const file = pinFile(preset, '.tls');
  const unsupported = preset.tls && 'unsupported' in preset.tls ? preset.tls.unsupported : undefined;
  if (unsupported) {
    it(`${preset.name}: every case skips, with the reason`, async () => {
      const report = await certifyServer({
        target: { kind: 'preset', name: preset.name },
        ...python,
        timeoutMs: 5000,
        tls: {},
        only: ['environ-wsgi-keys'],
      });
      expect(report.results.map((r) => r.outcome)).toEqual(['skip', 'skip', 'skip']);
      expect(report.results[0]?.message).toContain(unsupported);
    });
    return;
  }
  const why = !check.installed
    ? `not installed (${check.reason}); .ci/run installs it`
    : !existsSync(file)
      ? 'no pinned TLS verdict yet: npm run pin -- --tls'
      : '';
  it.skipIf(Boolean(why))(
    `${preset.name} over TLS${why ? ` (skipped: ${why})` : ''}`,
    async (ctx) => {
      const pinned = readPin(file);
      const report = await certifyServer({
        target: { kind: 'preset', name: preset.name },
        ...python,
        timeoutMs: 5000,
        tls: {},
      });
      expect(report.target.error).toBeUndefined();
      expect(report.results).toHaveLength(resultCount());
      if (report.target.version !== pinned.version) {
        const change = describePinChange(pinned, {
          ...pinned,
          version: report.target.version,
          verdict: verdict(report),
        });
        const why =
          `pinned for ${pinned.version}, this machine has ${report.target.version}: re-pin with npm run pin -- ` +
          `--tls ${preset.name}\n${change.join('\n')}`;
        if (inCi()) throw new Error(why);
        ctx.skip(why);
        return;
      }
      expect(verdict(report)).toEqual(pinned.verdict);
    },
    180_000,
  );
}
