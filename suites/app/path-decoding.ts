/**
 * RFC 3875 §4.1.5 (PATH_INFO is not URL-encoded), from the application's side: a route
 * requested with one letter written as %25XX (so PATH_INFO holds the text "%XX") must not be
 * answered as the route itself, unless the application answers any such path the same way
 * (the control, %XX for another letter, tells).
 */
import type { CallTrace } from '../../harness/trace.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { defineCases } from '../case.js';
import { PATH_CONTROL, PATH_PROBE, statusOf } from './routes.js';

/** What a response looked like: status, body size and the start of the body. */
function answer(call: CallTrace | undefined): string | undefined {
  if (!call?.completed || call.raised) return undefined;
  const status = statusOf(call);
  const end = call.first('iter-end');
  if (!status || end?.reason !== 'exhausted') return undefined;
  const first = call
    .of('item')
    .map((i) => i.value.v ?? '')
    .join('')
    .slice(0, 200);
  return `${status.slice(0, 3)} ${end.bytes} ${first}`;
}

export function decodedTwice(calls: ReadonlyMap<string, CallTrace>): Breach[] | null {
  const breaches: Breach[] = [];
  let judged = false;
  for (const [name, call] of calls) {
    const probe = calls.get(`${name}${PATH_PROBE}`);
    const control = calls.get(`${name}${PATH_CONTROL}`);
    const original = answer(call);
    const [p, c] = [answer(probe), answer(control)];
    if (!original || !p || !c || !probe || !control) continue;
    // Only when the control shows that the route's name matters (a catch-all answers all alike).
    if (c.slice(0, 3) === original.slice(0, 3)) continue;
    judged = true;
    if (p !== original) continue;
    const target = call.route ?? `the ${name} scenario's path`;
    breaches.push({
      rule: 'env-app-path-info-decoded-once',
      message:
        `a request whose PATH_INFO holds a literal "%XX" was answered as ${target} itself ` +
        `(${original.slice(0, 3)}), while the control answered ${c.slice(0, 3)}: the application percent-decodes ` +
        `PATH_INFO a second time`,
      expected: 'PATH_INFO used as it is: the server already decoded it',
    });
  }
  return judged ? breaches.slice(0, 3) : null;
}

export const pathDecodingCases = defineCases([
  {
    id: 'path-info-decoded-once',
    rules: ['env-app-path-info-decoded-once'],
    description:
      'The application does not percent-decode PATH_INFO again: a route requested with %2541 for A is not that route.',
    across: decodedTwice,
  },
]);
