/**
 * A generative run as results, in the same stream and reports as a certification: one
 * result per (case, rule) the exchanges exercised, a failure carrying the shrunk example
 * as exact bytes, a shell reproduction and the replay command. The cases are the two
 * kinds of exchange: `fuzz-request` (the model of environ and wsgi.input) and
 * `fuzz-response` (the model of the wire).
 */
import type { Result } from '../../reports/result.js';
import { failed, passed, resultBase } from '../result-base.js';
import type { FuzzExample } from './judge.js';
import type { Counterexample, FuzzRun } from './run.js';

export const FUZZ_CASES: Record<FuzzExample['kind'], { id: string; description: string }> = {
  request: {
    id: 'fuzz-request',
    description:
      'Generated requests: environ and wsgi.input hold exactly what the reference model derives from the request ' +
      'bytes.',
  },
  response: {
    id: 'fuzz-response',
    description:
      "Generated responses: the application's status, headers and body reach the wire exactly as the reference " +
      'model says.',
  },
};

/** Shell `printf` text for a byte string: printable ASCII as is, everything else as octal escapes. */
export function printfText(bytes: string): string {
  return bytes.replace(/[^\x20-\x7e]|[\\'%]/g, (c) => {
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    if (c === '%') return '%%';
    if (c === "'") return "'\\''";
    if (c === '\\') return '\\\\';
    return `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
  });
}

export function reproduction(c: Counterexample, host: string, port: number): string {
  return `printf '${printfText(c.verdict.sent)}' | nc ${host} ${port}`;
}

const show = (bytes: string, max = 1500) => {
  const cut = bytes.length > max ? `… (${bytes.length - max} more bytes)` : '';
  return (
    bytes
      .slice(0, max)
      .replace(/\r\n/g, '\\r\\n\n')
      .replace(/[^\x20-\x7e\n]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`) + cut
  );
};

export interface FuzzResultOptions {
  host: string;
  port: number;
  /** The command that runs the generative phase again. */
  rerun: string;
  /** The command that replays a counterexample, given `SEED:PATH`. */
  replay: (seedPath: string) => string;
}

export function fuzzResults(run: FuzzRun, o: FuzzResultOptions): Result[] {
  const out: Result[] = [];
  for (const kind of ['request', 'response'] as const) {
    const c = FUZZ_CASES[kind];
    const rules = new Set([
      ...run.exercised[kind],
      ...run.counterexamples.filter((x) => x.example.kind === kind).map((x) => x.rule),
    ]);
    for (const rule of [...rules].sort()) {
      const ce = run.counterexamples.find((x) => x.rule === rule && x.example.kind === kind);
      const seedPath = ce ? `${ce.seed}:${ce.path}` : '';
      const base = resultBase(c.id, c.description, rule, ce ? o.replay(seedPath) : o.rerun);
      if (!ce) {
        if (!run.counterexamples.some((x) => x.rule === rule)) out.push(passed(base));
        continue;
      }
      const v = ce.violation;
      out.push(
        failed(
          base,
          { rule, message: `${v.key ? `${v.key}: ` : ''}${v.actual}`, expected: v.expected },
          [`generated ${kind} (seed ${ce.seed}, path ${ce.path}, shrunk in ${ce.shrinks} steps)`],
          [
            `minimal ${kind === 'request' ? 'request' : 'exchange'} (${ce.verdict.sent.length} bytes ` +
              `sent):\n${show(ce.verdict.sent)}`,
            `the server answered (${ce.verdict.received.length} bytes):\n${show(ce.verdict.received, 800)}`,
            `reproduce: ${reproduction(ce, o.host, o.port)}`,
            `replay: ${o.replay(seedPath)}`,
            ...(ce.reproduced
              ? []
              : [
                  'the minimal example did not break the rule again when sent once more: the fault may depend on ' +
                    'timing',
                ]),
          ],
        ),
      );
    }
  }
  return out;
}

/** Notes for the report: how much ran, how fast, and what could not be judged. */
export function fuzzNotes(run: FuzzRun, seed: number): string[] {
  const perSec = (n: number, ms: number) => (ms > 0 ? Math.round((n * 1000) / ms) : 0);
  const notes = [
    `generative phase: ${run.exchanges} exchanges in ${(run.ms / 1000).toFixed(1)} s with seed ${seed} ` +
      `(${perSec(run.exchanges, run.ms)}/s overall, ${perSec(run.exchanges, run.wireMs)}/s on the wire), ` +
      `${run.counterexamples.length} counterexample${run.counterexamples.length === 1 ? '' : 's'}`,
  ];
  const unjudged = [...run.unjudged].sort((a, b) => b[1] - a[1]);
  if (unjudged.length)
    notes.push(
      `not judged (the application was not reached, so the model has nothing to compare): ${unjudged
        .slice(0, 6)
        .map(([r, n]) => `${n}× ${r}, e.g. ${run.unjudgedExample.get(r) ?? ''}`)
        .join('; ')}`,
    );
  return notes;
}
