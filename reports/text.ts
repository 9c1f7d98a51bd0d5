/**
 * Making implementation strings safe for every output. Servers send garbage: raw control
 * bytes would corrupt XML (XML 1.0 §2.2 forbids most of them), drive a terminal (ESC
 * sequences), or hide text (bidi overrides), so all of them are shown as visible escapes.
 */

/** C0 controls but tab and newline, DEL, C1 controls, bidi controls, non-characters, lone surrogates. */
const INVISIBLE = new RegExp(
  [
    String.raw`[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]`,
    String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])`, // a high surrogate with no low one after it
    String.raw`(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`, // a low surrogate with no high one before it
  ].join('|'),
  'g',
);

const NAMED: Readonly<Record<string, string>> = { '\r': '\\r', '\u001b': '\\e', '\u0000': '\\0' };

/** The string with every invisible or dangerous character replaced by a printable escape. */
export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or attribute content for HTML and XML (quotes escaped too, so any quoting works). */
export function escapeMarkup(s: string): string {
  return visible(s).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** An XML attribute value: also keeps newlines and tabs, which attribute normalisation would turn into spaces. */
export function escapeAttribute(s: string): string {
  return escapeMarkup(s).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** At most `max` characters, cut at a line end when one is near, with a note of what was left out. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf('\n', max);
  let end = cut > max * 0.8 ? cut : max;
  if (/[\uD800-\uDBFF]/.test(s.charAt(end - 1))) end -= 1; // never split a surrogate pair
  return `${s.slice(0, end)}\n… (${s.length - end} more characters)`;
}

/** A copy of JSON-like data with every string passed through {@link visible}. */
export function visibleDeep<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map((v) => visibleDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visibleDeep(v)])) as T;
  }
  return value;
}
