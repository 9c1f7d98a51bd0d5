/** The response_headers argument of start_response (PEP 3333, The start_response() Callable). */
import { TypedValue } from '../typed-value.js';
import { violate } from './issue.js';
import { charNames, controlChars, describe, nonLatin1, pyRepr } from './values.js';

/** RFC 9110 §5.6.2 token: what a field-name must be (RFC 2616 §4.2 in the PEP's words). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** RFC 2616 §13.5.1 hop-by-hop headers, which an application must not send. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
]);

export const HeadersSchema = TypedValue.superRefine((tv, ctx) => {
  if (tv.t !== 'list') {
    violate(
      ctx,
      'headers-list-type',
      `response_headers is ${tv.t === 'NoneType' ? 'None' : `a ${tv.t}`}`,
      'exactly a list (type(headers) is list)',
    );
  }
  if (!tv.items) return; // not a sequence at all: nothing more to inspect
  tv.items.forEach((item, i) => {
    const where = `header ${i}`;
    if (item.t !== 'tuple' || item.n !== 2) {
      violate(
        ctx,
        'headers-tuple-items',
        `${where} is ${describe(item)}, not a 2-tuple`,
        "a tuple (name, value) such as ('Content-Type', 'text/plain')",
      );
    }
    const [name, value] = item.items ?? [];
    if (!name || !value) return;
    for (const [role, part] of [
      ['name', name],
      ['value', value],
    ] as const) {
      if (part.t !== 'str' || part.v === undefined) {
        violate(ctx, 'headers-str-types', `${where} ${role} is ${describe(part)}`, 'native str names and values');
        continue;
      }
      const wide = nonLatin1(part.v);
      if (wide.length) {
        violate(
          ctx,
          'headers-latin1',
          `${where} ${role} ${pyRepr(part)} has characters outside ISO-8859-1 (${charNames(wide)})`,
          'only ISO-8859-1 characters (encode others, e.g. RFC 8187/2047)',
        );
      }
    }
    if (name.t === 'str' && name.v !== undefined) checkName(ctx, where, name.v);
    if (value.t === 'str' && value.v !== undefined) {
      // HTAB is allowed: RFC 9110 §5.5 permits it inside field values (docs/interpretations.md).
      const ctl = controlChars(value.v, true);
      if (ctl.length) {
        violate(
          ctx,
          'headers-value-no-ctl',
          `${where} (${name.v ?? '?'}) value ${pyRepr(value)} contains control characters (${charNames(ctl)})`,
          'no control characters, no CR or LF anywhere in the value',
        );
      }
    }
  });
});

function checkName(ctx: Parameters<typeof violate>[0], where: string, name: string): void {
  if (!TOKEN.test(name) && !nonLatin1(name).length) {
    violate(
      ctx,
      'headers-name-token',
      `${where} name ${JSON.stringify(name)} is not an HTTP token`,
      'a field name of token characters, without colon or spaces',
    );
  }
  const lower = name.toLowerCase();
  if (HOP_BY_HOP.has(lower)) {
    violate(
      ctx,
      'headers-no-hop-by-hop',
      `${where} is the hop-by-hop header ${name}`,
      'no hop-by-hop headers (Connection, Keep-Alive, Transfer-Encoding, ...): the server owns the connection',
    );
  }
  if (lower === 'transfer-encoding') {
    violate(
      ctx,
      'body-app-no-transfer-encoding',
      `the application sets ${name} itself`,
      'no Transfer-Encoding from the application: the server chooses the framing',
    );
  }
}
