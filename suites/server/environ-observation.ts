/** Reading the probe's environ observation (PEP 3333, environ Variables). */
import { EnvironObservation } from '../../harness/probe-protocol.js';
import type { z } from 'zod';

/** The environ scenario's observation; its schema is part of the probe protocol. */
export { EnvironObservation };
// biome-ignore lint/suspicious/noRedeclare: the schema and its type share a name, as Zod schemas do here.
export type EnvironObservation = z.infer<typeof EnvironObservation>;

export function parseEnviron(json: unknown): EnvironObservation | undefined {
  const parsed = EnvironObservation.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The text of a variable: a str as it is, bytes read as latin-1. A CGI variable of the wrong
 * type is env-cgi-str's finding alone (one fault, one rule); the rules about its value
 * judge what it says.
 */
export function str(env: EnvironObservation, key: string): string | undefined {
  const v = env.keys[key];
  return v?.t === 'str' || v?.t === 'bytes' || v?.t === 'bytearray' ? v.v : undefined;
}
