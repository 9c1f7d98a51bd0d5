/**
 * The suite against every real server: each preset runs to completion with
 * a complete report, and its verdict equals the pinned one, so CI notices when the suite's
 * verdict on a real server changes (re-pin deliberately with `npm run pin`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { checkPreset, presets } from '../../harness/server/presets.js';
import { fuzzPhaseReport } from '../fuzz/phase.js';
import { certifyServer } from './certify.js';
import { serverCases } from './index.js';
import { describePinChange, PIN_PYTHON, verdict, type Pinned } from './pinned.js';
import { inCi, itNeeds } from '../../test/requires.js';

// One import check after another: 19 interpreters importing Twisted, gevent and the like at
// once ran past the check's timeout on a loaded machine and skipped installed presets.
const installed: Array<{ preset: (typeof presets)[number]; check: Awaited<ReturnType<typeof checkPreset>> }> = [];
for (const p of presets) installed.push({ preset: p, check: await checkPreset(p, PIN_PYTHON) });

/**
 * One certification after another, in one process. Side by side (describe.concurrent, four at a
 * time) the timed cases of tornado, hypercorn, daphne, uwsgi and eventlet skipped at load 24:
 * the client's own event loop, shared by the four runs, stalled past 150 ms in every attempt.
 * Running them concurrently needs one process per certification.
 */
describe.sequential('real servers keep their pinned verdicts', () => {
  for (const { preset, check } of installed) {
    const file = fromRoot('suites', 'server', 'pinned', `${preset.name}.json`);
    const why = !check.installed
      ? `not installed (${check.reason}; apt-get install ${preset.install})`
      : !existsSync(file)
        ? `no pinned verdict yet: npm run pin -- ${preset.name}`
        : '';
    itNeeds(
      why,
      preset.name,
      async (ctx) => {
        const pinned = JSON.parse(readFileSync(file, 'utf8')) as Pinned;
        const report = await certifyServer({
          target: { kind: 'preset', name: preset.name },
          ...(PIN_PYTHON ? { python: PIN_PYTHON } : {}),
          timeoutMs: 5000,
        });
        expect(report.target.error).toBeUndefined();
        expect(report.results).toHaveLength(serverCases.reduce((n, c) => n + c.rules.length, 0));
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
});

describe.sequential('real servers keep their pinned verdicts in the generative phase', () => {
  for (const { preset, check } of installed) {
    const file = fromRoot('suites', 'server', 'pinned', `${preset.name}.fuzz.json`);
    // A preset not pinned yet is said so (like the TLS pins), not failed: pinning takes three quiet runs.
    if (!existsSync(file)) {
      it.skip(`${preset.name} (generative phase): no pin yet: npm run pin -- --fuzz ${preset.name}`, () => {});
      continue;
    }
    const why = !check.installed ? `not installed (${check.reason}; apt-get install ${preset.install})` : '';
    itNeeds(
      why,
      `${preset.name} (generative phase)`,
      async (ctx) => {
        const pinned = JSON.parse(readFileSync(file, 'utf8')) as Pinned;
        const report = await fuzzPhaseReport(
          { kind: 'preset', name: preset.name },
          { how: `--preset ${preset.name}`, timeoutMs: 5000, ...(PIN_PYTHON ? { python: PIN_PYTHON } : {}) },
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
});

describe.sequential('real servers keep their pinned verdicts over TLS (--tls)', () => {
  for (const { preset, check } of installed) {
    const file = fromRoot('suites', 'server', 'pinned', `${preset.name}.tls.json`);
    const unsupported = preset.tls && 'unsupported' in preset.tls ? preset.tls.unsupported : undefined;
    if (unsupported) {
      it(`${preset.name}: every case skips, with the reason`, async () => {
        const report = await certifyServer({
          target: { kind: 'preset', name: preset.name },
          ...(PIN_PYTHON ? { python: PIN_PYTHON } : {}),
          timeoutMs: 5000,
          tls: {},
          only: ['environ-wsgi-keys'],
        });
        expect(report.results.map((r) => r.outcome)).toEqual(['skip', 'skip', 'skip']);
        expect(report.results[0]?.message).toContain(unsupported);
      });
      continue;
    }
    const why = !check.installed
      ? `not installed (${check.reason}); .ci/run installs it`
      : !existsSync(file)
        ? 'no pinned TLS verdict yet: npm run pin -- --tls'
        : '';
    it.skipIf(Boolean(why))(
      `${preset.name} over TLS${why ? ` (skipped: ${why})` : ''}`,
      async (ctx) => {
        const pinned = JSON.parse(readFileSync(file, 'utf8')) as Pinned;
        const report = await certifyServer({
          target: { kind: 'preset', name: preset.name },
          ...(PIN_PYTHON ? { python: PIN_PYTHON } : {}),
          timeoutMs: 5000,
          tls: {},
        });
        expect(report.target.error).toBeUndefined();
        expect(report.results).toHaveLength(serverCases.reduce((n, c) => n + c.rules.length, 0));
        if (report.target.version !== pinned.version) {
          ctx.skip(
            `pinned for ${pinned.version}, this machine has ${report.target.version}: re-pin with npm run pin -- --tls`,
          );
          return;
        }
        expect(verdict(report)).toEqual(pinned.verdict);
      },
      180_000,
    );
  }
});
