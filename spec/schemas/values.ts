/** Reading TypedValues (exact Python types recorded by the runner) for messages and checks. */
import type { TypedValue } from '../typed-value.js';

export type { TypedValue };

const BYTES_TYPES = new Set(['bytes', 'bytearray', 'memoryview']);

export const isBytesLike = (tv: TypedValue): boolean => BYTES_TYPES.has(tv.t);

/** Python-style repr of a recorded value: `'text'`, `b'bytes'`, `200`, `[...]`. */
export function pyRepr(tv: TypedValue, max = 60): string {
  let out: string;
  if (tv.t === 'str' && tv.v !== undefined) out = quote(tv.v, '');
  else if (isBytesLike(tv) && tv.v !== undefined) {
    const inner = quote(tv.v, 'b');
    out = tv.t === 'bytes' ? inner : `${tv.t}(${inner})`;
  } else if (tv.items) {
    const [open, close] = tv.t === 'tuple' ? ['(', tv.items.length === 1 ? ',)' : ')'] : ['[', ']'];
    out = `${open}${tv.items.map((i) => pyRepr(i, max)).join(', ')}${tv.trunc ? ', ...' : ''}${close}`;
  } else out = tv.r ?? `<${tv.t}>`;
  return out.length > max ? `${out.slice(0, max - 3)}...` : out;
}

/** `str 'Hello'`, `int 200`, `list [...]`: the type first, as learners need to see it. */
export function describe(tv: TypedValue, max = 60): string {
  if (tv.t === 'NoneType') return 'None';
  return `${tv.t} ${pyRepr(tv, max)}`;
}

function quote(text: string, prefix: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') body += '\\\\';
    else if (ch === q) body += `\\${q}`;
    else if (ch === '\n') body += '\\n';
    else if (ch === '\r') body += '\\r';
    else if (ch === '\t') body += '\\t';
    else if (c < 0x20 || c === 0x7f || (prefix === 'b' && c > 0x7e)) body += `\\x${c.toString(16).padStart(2, '0')}`;
    else body += ch;
  }
  return `${prefix}${q}${body}${q}`;
}

/** Code points above U+00FF: not translatable to bytes via latin-1 (PEP 3333, Unicode Issues). */
export function nonLatin1(text: string): string[] {
  return [...text].filter((ch) => (ch.codePointAt(0) ?? 0) > 0xff);
}

/** Control characters (C0 and DEL); HTAB is reported separately where it is allowed. */
export function controlChars(text: string, allowTab = false): string[] {
  return [...text].filter((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return (c < 0x20 || c === 0x7f) && !(allowTab && c === 0x09);
  });
}

export const charNames = (chars: string[]): string =>
  [...new Set(chars)]
    .map((ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
    .join(', ');
