/**
 * PEP 3333, Handling the Content-Length Header, from the application's side: the length it
 * states is the length it sends. The classic miss: `str(len(text))` counted before encoding
 * non-ASCII text, on the one route that serves such text.
 */
import type { EventOf } from '../../harness/protocol.js';
import type { CallTrace } from '../../harness/trace.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { defineCases } from '../case.js';

/** Header (name, value) pairs of a start_response call, when they are well-formed strs. */
function headerPairs(sr: EventOf<'start-response'>): Array<[string, string]> {
  const list = sr.args[1] ?? sr.kwargs.response_headers;
  return (list?.items ?? []).flatMap((pair) => {
    const [name, value] = pair.items ?? [];
    return name?.t === 'str' && value?.t === 'str' && name.v !== undefined && value.v !== undefined && !value.trunc
      ? [[name.v, value.v] as [string, string]]
      : [];
  });
}

/** HEAD answers, and 1xx, 204 and 304 responses, may state a length without sending it (RFC 9110 §8.6). */
function bodiless(call: CallTrace, status: string): boolean {
  return call.scenario === 'head' || call.scenario.startsWith('HEAD ') || /^(1\d\d|204|304)\b/.test(status);
}

export function contentLengthBreaches(call: CallTrace): Breach[] | null {
  const sr = call.startResponses.filter((e) => e.result === 'ok').at(-1);
  const end = call.first('iter-end');
  if (!call.completed || !sr || end?.reason !== 'exhausted' || call.raised) return null;
  const declared = headerPairs(sr)
    .filter(([n]) => n.toLowerCase() === 'content-length')
    .map(([, v]) => v.trim());
  const status = sr.args[0]?.v ?? '';
  if (!declared.length || new Set(declared).size > 1 || !/^\d+$/.test(declared[0] ?? '') || bodiless(call, status))
    return null;
  // Bytes the gateway counted; a str item or write() is judged by its own rule, not here.
  const writes = call.of('write');
  if (call.of('item').some((i) => i.value.t !== 'bytes') || writes.some((w) => w.data.t !== 'bytes')) return null;
  const sent = end.bytes + writes.reduce((n, w) => n + (w.data.n ?? 0), 0);
  const stated = Number(declared[0]);
  if (sent === stated) return [];
  const how = sent < stated ? `${stated - sent} byte(s) short` : `${sent - stated} byte(s) more`;
  return [
    {
      rule: 'body-app-content-length-accurate',
      message: `Content-Length: ${stated} but the application sent ${sent} body byte(s) (${how})`,
      expected: 'Content-Length equal to the number of body bytes (count the encoded bytes)',
    },
  ];
}

export const contentLengthCases = defineCases([
  {
    id: 'content-length-matches-body',
    rules: ['body-app-content-length-accurate'],
    description: 'A Content-Length the application supplies equals the number of body bytes it sends.',
    check: contentLengthBreaches,
  },
]);
