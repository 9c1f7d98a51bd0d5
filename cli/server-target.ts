/** A server target as the `server` and `matrix` commands take it: checked, then certified through the session. */
import type { ServerTarget } from '../harness/server/launcher.js';
import { getPreset, presets } from '../harness/server/presets.js';
import { targetName, targetOption } from '../harness/server/target.js';
import { PLACEHOLDERS, placeholdersOf } from '../harness/server/template.js';
import { certifyServer, selectServerCases } from '../suites/server/certify.js';
import { fuzzPhase } from './fuzz-phase.js';
import type { RunOptions } from './options.js';
import type { RunSession } from './run-session.js';
import { type TlsChoice, tlsFlags } from './tls-options.js';
import { UsageError } from './usage.js';

/** Mistakes in the target itself are usage errors (exit 2), not an untestable target (3). */
export function checkTarget(target: ServerTarget): void {
  if (target.kind === 'preset' && !getPreset(target.name)) {
    throw new UsageError(
      `unknown server preset "${target.name}"; the presets are: ${presets.map((p) => p.name).join(', ')} (or ` +
        `all); or give your own command with --cmd`,
    );
  }
  if (target.kind === 'cmd') {
    let used: string[];
    try {
      used = placeholdersOf(target.template);
    } catch (e) {
      throw new UsageError(`--cmd: ${(e as Error).message}`);
    }
    const unknown = used.filter((name) => !Object.hasOwn(PLACEHOLDERS, name));
    if (unknown.length)
      throw new UsageError(
        `--cmd: unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; the placeholders are ${Object.keys(
          PLACEHOLDERS,
        )
          .map((k) => `{${k}}`)
          .join(' ')}`,
      );
  }
  if (target.kind === 'url' && !/^https?:\/\/[^/]/.test(target.url))
    throw new UsageError(`--url takes an http:// URL, got "${target.url}"`);
}

/** One server's certification through the session (its stream run, progress and baseline). */
export async function certifyServerTarget(
  session: RunSession,
  target: ServerTarget,
  options: RunOptions & { fuzzRuns?: number },
  tls?: TlsChoice,
): Promise<void> {
  const how = targetOption(target);
  const python = `${options.python ? ` --python ${options.python}` : ''}${tlsFlags(tls)}`;
  const cases = selectServerCases(options.only, options.shard).length;
  const observer = session.observe({ kind: 'server', name: targetName(target), cases, ...(tls ? { tls } : {}) });
  const certified = await certifyServer({
    target,
    timeoutMs: options.timeoutMs,
    ...(options.python ? { python: options.python } : {}),
    only: options.only,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    rerun: (id) => `npx wsgi-conformance server ${how}${python} --only ${id}`,
    ...(tls ? { tls } : {}),
    ...observer,
  });
  // The generative phase (--fuzz-runs N, on by default): its results join this target's
  // stream. Not with --only (a chosen subset of cases), and in one shard only (the first),
  // so that merged shards hold its results once.
  const phase =
    options.fuzzRuns && !certified.target.error && !options.only.length && (options.shard?.index ?? 1) === 1;
  const fuzzNotes = phase ? await fuzzPhase(target, options, options.fuzzRuns ?? 0, how, observer, tls) : [];
  const notes = [...(certified.notes ?? []), ...fuzzNotes];
  session.end({ ...certified, ...(notes.length ? { notes } : {}) });
}
