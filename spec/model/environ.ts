/**
 * The reference model of environ (PEP 3333 "environ Variables", RFC 3875 §4.1): from the
 * exact bytes of one request, which keys must be present with which `str` value, which may
 * be absent, which must not exist. Every expectation names the rule that requires it; where
 * a rule leaves room, `accept` lists every allowed answer and `latitude` says why.
 *
 * Assumes the application is mounted at the server root (SCRIPT_NAME '' or absent), as the
 * probe is on every preset.
 */
import { REQUIRED_CGI, RFC3875_VARIABLES, WSGI_KEYS } from '../environ-keys.js';
import { fieldValues, percentDecode, splitTarget, type ModelRequest } from './request.js';

/** What one environ value must be; `null` in `accept` means "the key may be absent". */
export interface KeyExpectation {
  key: string;
  rule: string;
  accept: Array<string | null>;
  /** The MAY (or SHOULD-level omission) that lets more than one answer pass. */
  latitude?: string;
  /** Rule that judges a wrong value when it is not `rule` (e.g. several fields: env-http-repeated-joined). */
  valueRule?: string;
  /** The separate values of a repeated field (a value equal to one of them breaks `valueRule`). */
  parts?: string[];
}

export interface EnvironModel {
  expect: KeyExpectation[];
  /** Keys that must not exist, each with the rule that forbids it. */
  forbid: Array<{ key: string; rule: string; why: string }>;
  /** `HTTP_*` keys allowed to exist (present or absent) beyond `expect`: trailer fields. */
  mayHttp: Set<string>;
  /** Fields whose names imitate a CGI variable (`Script-Name`), with the key they imitate. */
  impostors: Array<{ key: string; value: string }>;
  /** The connection's scheme (PEP 3333: wsgi.url_scheme is "http" or "https" as the request came). */
  scheme: 'http' | 'https';
}

/** A Python value as the probe reports it: exact type name plus the str (or bytes as latin-1) value. */
export interface TypedValue {
  t: string;
  v?: string;
  n?: number;
  r?: string;
  trunc?: boolean;
  items?: TypedValue[];
}

export interface ObservedEnviron {
  keys: Record<string, TypedValue>;
  /** Keys whose values are copies of the server process's os.environ (allowed: env-os-vars-may). */
  osKeys?: string[];
}

export interface Violation {
  rule: string;
  key?: string;
  expected: string;
  actual: string;
}

/** RFC 3875 §4.1.18: the server MAY drop fields that relate to the transport, SHOULD drop credentials. */
const MAY_DROP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'proxy-connection',
  'authorization',
  'proxy-authorization',
  'http2-settings',
]);

/** CGI variables (RFC 3875 §4.1) and the conventional extras a server may add (env-extra-cgi-vars). */
const CGI_KEYS: ReadonlySet<string> = new Set([
  ...RFC3875_VARIABLES,
  'REMOTE_PORT',
  'REQUEST_URI',
  'RAW_URI',
  'SCRIPT_FILENAME',
  'DOCUMENT_ROOT',
  'HTTPS',
  'SERVER_ADDR',
]);

const REQUIRED: ReadonlySet<string> = new Set(REQUIRED_CGI);

/** The CGI meta-variable name of a field (RFC 3875 §4.1.18): upper-case, `-` to `_`, `HTTP_` prefix. */
export function cgiKey(fieldName: string): string {
  return `HTTP_${fieldName.toUpperCase().replace(/-/g, '_')}`;
}

/** Joined values accepted for a repeated field: `,` with or without a space (`; ` for Cookie). */
function joins(values: string[], name: string): string[] {
  if (values.length === 1) return values;
  const seps = name.toLowerCase() === 'cookie' ? ['; ', ', ', ','] : [', ', ','];
  // Joining empty values leaves whitespace at an end, which is not part of a value (RFC 9110 §5.5).
  // Only list fields may repeat (RFC 9110 §5.3), and a list's empty elements are ignored (RFC 9110
  // §5.6.1): a join that leaves out the empty values has the same semantics (`''` for two empty fields).
  const filled = values.filter((v) => v.trim() !== '');
  const lists = filled.length < values.length ? [values, filled] : [values];
  return [...new Set(lists.flatMap((vs) => seps.flatMap((s) => [vs.join(s), vs.join(s).trim()])))];
}

/** RFC 3986 §5.2.4 dot-segment removal, on a decoded path. */
export function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segs = path.split('/');
  segs.forEach((seg, i) => {
    if (seg === '.') {
      if (i === segs.length - 1) out.push('');
    } else if (seg === '..') {
      if (out.length > 1) out.pop();
      if (i === segs.length - 1) out.push('');
    } else out.push(seg);
  });
  return out.join('/') || '/';
}

/** PATH_INFO answers a root-mounted server may give: the decoded path, or a normalised form of it. */
export function pathInfoAnswers(target: string): string[] {
  const raw = splitTarget(target).path;
  const decoded = percentDecode(raw);
  const merged = decoded.replace(/\/{2,}/g, '/');
  const forms = [
    decoded,
    removeDotSegments(decoded),
    merged,
    removeDotSegments(merged),
    percentDecode(removeDotSegments(raw)),
    decoded.replace(/^\/{2,}/, '/'),
  ];
  return [...new Set(forms)];
}

export function environModel(req: ModelRequest, scheme: 'http' | 'https' = 'http'): EnvironModel {
  const { query } = splitTarget(req.target);
  const expect: KeyExpectation[] = [
    { key: 'REQUEST_METHOD', rule: 'env-request-method', accept: [req.method] },
    {
      key: 'SCRIPT_NAME',
      rule: 'env-script-name',
      accept: ['', null],
      latitude: 'the application is at the server root: SCRIPT_NAME may be empty or absent',
    },
    {
      key: 'PATH_INFO',
      rule: 'env-path-info',
      accept: pathInfoAnswers(req.target),
      latitude:
        'RFC 3875 §4.1.5 leaves the mapping to the server: dot segments may be resolved (before or after ' +
        'decoding) and repeated slashes merged',
    },
    {
      key: 'QUERY_STRING',
      rule: 'env-query-string',
      accept: query ? [query] : ['', null],
      ...(query ? {} : { latitude: 'an empty query string may be empty or absent' }),
    },
    { key: 'SERVER_PROTOCOL', rule: 'env-server-protocol', accept: [req.protocol] },
  ];
  const ct = fieldValues(req.fields, 'content-type');
  expect.push({
    key: 'CONTENT_TYPE',
    rule: 'env-content-type',
    accept: ct.length ? joins(ct, 'content-type') : ['', null],
    ...(ct.length ? {} : { latitude: 'no Content-Type field: empty or absent' }),
  });
  const cl = fieldValues(req.fields, 'content-length');
  if (cl.length) expect.push({ key: 'CONTENT_LENGTH', rule: 'env-content-length', accept: [cl[0] as string] });
  else if (req.framing === 'chunked')
    expect.push({
      key: 'CONTENT_LENGTH',
      rule: 'env-content-length',
      accept: ['', null, String(req.body.length)],
      latitude: 'a chunked body has no Content-Length: empty, absent, or the decoded length',
    });
  else
    expect.push({
      key: 'CONTENT_LENGTH',
      rule: 'env-content-length',
      accept: ['', null],
      latitude: 'no Content-Length field: empty or absent',
    });

  const groups = new Map<string, Array<{ name: string; value: string }>>();
  for (const f of req.fields) {
    const lower = f.name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-length') continue;
    const key = cgiKey(f.name);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [key, fields] of groups) {
    const dashed = fields.filter((f) => !f.name.includes('_'));
    const underscored = fields.filter((f) => f.name.includes('_'));
    // RFC 3875 §4.1.18: a server need not make a variable of every field; names with other
    // characters than letters, digits and `-` do not map cleanly, and Apache drops them.
    const mayDrop = fields.every((f) => MAY_DROP.has(f.name.toLowerCase()) || /[^A-Za-z0-9_-]/.test(f.name));
    if (dashed.length) {
      const values = joins(
        dashed.map((f) => f.value),
        dashed[0]?.name ?? '',
      );
      const mixed = underscored.length > 0;
      expect.push({
        key,
        rule: mixed ? 'env-http-underscore' : 'env-http-vars',
        accept: mayDrop ? [...values, null] : values,
        ...(mayDrop ? { latitude: 'RFC 3875 §4.1.18: a server may leave out transport and credential fields' } : {}),
        ...(dashed.length > 1 ? { valueRule: 'env-http-repeated-joined', parts: dashed.map((f) => f.value) } : {}),
      });
    } else {
      expect.push({
        key,
        rule: 'env-http-vars',
        accept: [
          ...joins(
            underscored.map((f) => f.value),
            underscored[0]?.name ?? '',
          ),
          null,
        ],
        latitude: 'a field name with `_` may be dropped (env-http-underscore: nginx and gunicorn do)',
        // Kept, a repeated field's value is still the joined one: only the first or only the last is a repeat fault.
        ...(underscored.length > 1
          ? { valueRule: 'env-http-repeated-joined', parts: underscored.map((f) => f.value) }
          : {}),
      });
    }
  }
  const forbid = [
    {
      key: 'HTTP_CONTENT_TYPE',
      rule: 'env-no-http-content-dup',
      why: 'Content-Type is CONTENT_TYPE, never HTTP_CONTENT_TYPE',
    },
    {
      key: 'HTTP_CONTENT_LENGTH',
      rule: 'env-no-http-content-dup',
      why: 'Content-Length is CONTENT_LENGTH, never HTTP_CONTENT_LENGTH',
    },
  ];
  const mayHttp = new Set(req.trailers.map((t) => cgiKey(t.name)));
  const impostors = req.fields
    .map((f) => ({ key: f.name.toUpperCase().replace(/-/g, '_'), value: f.value }))
    .filter((f) => CGI_KEYS.has(f.key));
  return { expect, forbid, mayHttp, impostors, scheme };
}

const show = (v: string | null) => (v === null ? '(absent)' : JSON.stringify(v));

/** Every way `observed` departs from `model`; empty when the environ conforms. */
export function checkEnviron(model: EnvironModel, observed: ObservedEnviron): Violation[] {
  const out: Violation[] = [];
  const keys = observed.keys;
  const os = new Set(observed.osKeys ?? []);
  const wide = new Set<string>();
  for (const [key, tv] of Object.entries(keys)) {
    if (key.includes('.') || key !== key.toUpperCase() || os.has(key)) continue;
    if (tv.t !== 'str' && (RFC3875_VARIABLES.has(key) || key.startsWith('HTTP_')))
      out.push({
        rule: 'env-cgi-str',
        key,
        expected: `${key} as a str`,
        actual: `${tv.t} ${tv.r ?? JSON.stringify(tv.v ?? '')}`,
      });
    else if (/[^\x00-\xff]/.test(tv.v ?? '')) {
      wide.add(key);
      out.push({
        rule: 'unicode-server-latin1-only',
        key,
        expected: `${key} as latin-1 text (request bytes tunnelled one char per byte)`,
        actual: JSON.stringify(tv.v),
      });
    }
  }
  for (const e of model.expect) {
    const tv = keys[e.key];
    if (wide.has(e.key) || (tv && tv.t !== 'str')) continue;
    const actual = tv ? (tv.v ?? '') : null;
    if (e.accept.includes(actual)) continue;
    const impostor = model.impostors.find((i) => i.key === e.key && i.value === actual);
    const missing = actual === null;
    // Only the first or only the last of several fields is the repeat rule's fault; any
    // other wrong value is judged as a wrong value.
    const partial = !missing && e.valueRule && (e.parts ?? []).includes(actual);
    const required = missing && REQUIRED.has(e.key) && !e.accept.includes(null);
    const rule = impostor
      ? 'env-cgi-not-from-headers'
      : required
        ? 'env-cgi-present-unless-empty'
        : partial
          ? (e.valueRule as string)
          : missing && e.rule === 'env-http-underscore'
            ? 'env-http-vars'
            : e.rule;
    out.push({
      rule,
      key: e.key,
      expected: e.accept.map(show).join(' or '),
      actual: show(actual) + (impostor ? ` (the value of the request's ${e.key} look-alike field)` : ''),
    });
  }
  for (const f of model.forbid)
    if (keys[f.key])
      out.push({ rule: f.rule, key: f.key, expected: `no ${f.key} (${f.why})`, actual: show(keys[f.key]?.v ?? '') });
  const expected = new Set(model.expect.map((e) => e.key));
  for (const key of Object.keys(keys)) {
    if (
      !key.startsWith('HTTP_') ||
      expected.has(key) ||
      model.mayHttp.has(key) ||
      os.has(key) ||
      model.forbid.some((f) => f.key === key)
    )
      continue;
    out.push({
      rule: 'env-http-vars',
      key,
      expected: `no ${key}: the request has no such field`,
      actual: show(keys[key]?.v ?? keys[key]?.r ?? ''),
    });
  }
  for (const i of model.impostors) {
    if (expected.has(i.key)) continue;
    const tv = keys[i.key];
    if (tv && tv.v === i.value && !os.has(i.key))
      out.push({
        rule: 'env-cgi-not-from-headers',
        key: i.key,
        expected: `${i.key} not taken from a request field`,
        actual: `${show(tv.v)}, the value of the request's look-alike field`,
      });
  }
  for (const key of ['SERVER_NAME', 'SERVER_PORT']) {
    const tv = keys[key];
    if (!tv)
      out.push({ rule: 'env-cgi-present-unless-empty', key, expected: `${key}, never empty`, actual: '(absent)' });
    else if (tv.t === 'str' && !(key === 'SERVER_PORT' ? /^[0-9]+$/ : /./).test(tv.v ?? ''))
      out.push({
        rule: 'env-server-name-port',
        key,
        expected: key === 'SERVER_PORT' ? 'a port number' : 'a host name',
        actual: show(tv.v ?? ''),
      });
  }
  out.push(...checkWsgiKeys(keys, model.scheme));
  return out;
}

function checkWsgiKeys(keys: Record<string, TypedValue>, want: 'http' | 'https'): Violation[] {
  const out: Violation[] = [];
  const missing = WSGI_KEYS.filter((k) => !keys[k]);
  if (missing.length)
    out.push({
      rule: 'env-wsgi-keys-present',
      expected: `every wsgi.* key: ${WSGI_KEYS.join(', ')}`,
      actual: `missing ${missing.join(', ')}`,
    });
  const version = keys['wsgi.version'];
  const items = version?.items?.map((i) => `${i.t} ${i.r}`).join(', ');
  if (version && (version.t !== 'tuple' || items !== 'int 1, int 0')) {
    out.push({
      rule: 'env-wsgi-version',
      key: 'wsgi.version',
      expected: 'the tuple (1, 0) of ints',
      actual: `${version.t} (${items ?? version.r})`,
    });
  }
  const scheme = keys['wsgi.url_scheme'];
  if (scheme && (scheme.t !== 'str' || scheme.v !== want))
    out.push({
      rule: 'env-url-scheme',
      key: 'wsgi.url_scheme',
      expected: `'${want}' (a str)`,
      actual: `${scheme.t} ${scheme.r ?? JSON.stringify(scheme.v)}`,
    });
  // PEP 3333 asks only that these values "evaluate true" or false: hg serve's `wsgi.run_once = 0` is a false one.
  for (const k of ['wsgi.multithread', 'wsgi.multiprocess', 'wsgi.run_once']) {
    const v = keys[k];
    if (v && v.t !== 'bool' && v.t !== 'int')
      out.push({
        rule: 'env-wsgi-keys-present',
        key: k,
        expected: `${k} as a bool (or an int)`,
        actual: `${v.t} ${v.r ?? ''}`,
      });
  }
  return out;
}
