/**
 * Who may say "https": PEP 3333, environ Variables (`wsgi.url_scheme`, the SSL variables)
 * and URL Reconstruction, over plain HTTP and over TLS (--tls), and what a client's
 * forwarded headers may change (nothing, unless the server trusts the peer).
 */
import { type Exchange, header, type ProbeRequest } from '../../harness/server/exchange.js';
import type { ConnTarget } from '../../harness/server/tls.js';
import type { Breach } from '../../spec/schemas/issue.js';
import { describe } from '../../spec/schemas/values.js';
import { defineServerCases, breach, type Observed, type ServerCase } from './case.js';
import { parseEnviron, str, type EnvironObservation } from './environ-observation.js';

/** The reference request of the reconstruction case: a UTF-8 path and a query. */
const TARGET = '/caf%C3%A9/x?q=caf%C3%A9&a=1';
const ENVIRON: ProbeRequest = { scenario: 'environ', target: TARGET };

/** What the client used: the scheme of its connection and the Host it sent. */
interface Used {
  scheme: 'http' | 'https';
  host: string;
  port: number;
}

/** An observation made by one of these cases' runs: the exchange, and what the client used. */
type SchemeExchange = Exchange & { used?: Used; control?: Exchange };

const hostField = (t: ConnTarget) => `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;

/** The PEP's quote(s, encoding='latin-1'): '/' and unreserved characters stay. */
export function pepQuote(s: string): string {
  return [...Buffer.from(s, 'latin1')]
    .map((b) =>
      /[A-Za-z0-9_.\-~/]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** PEP 3333, URL Reconstruction: Ian Bicking's algorithm, ported line by line. */
export function reconstructUrl(env: Record<string, string | undefined>): string {
  const scheme = env['wsgi.url_scheme'] ?? '';
  let url = `${scheme}://`;
  if (env.HTTP_HOST) url += env.HTTP_HOST;
  else {
    url += env.SERVER_NAME ?? '';
    const port = env.SERVER_PORT ?? '';
    if (scheme === 'https' ? port !== '443' : port !== '80') url += `:${port}`;
  }
  url += pepQuote(env.SCRIPT_NAME ?? '');
  url += pepQuote(env.PATH_INFO ?? '');
  if (env.QUERY_STRING) url += `?${env.QUERY_STRING}`;
  return url;
}

/** The str values of environ (others are env-cgi-str's business). */
function strings(env: EnvironObservation): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(env.keys).map((k) => [k, str(env, k)]));
}

export type Send = Parameters<NonNullable<ServerCase['run']>>[0];

/**
 * A request the probe never saw was lost before the application (a restart, a queue on a
 * slow machine): sending it again once is safe and fair, as run-case.ts does.
 */
export async function sendSafely(send: Send, suffix: string, req: ProbeRequest): Promise<Observed> {
  const o = await send(suffix, req);
  return o.ex.error && !o.facts.some((f) => f.ev === 'call') ? send(`${suffix}-again`, req) : o;
}

/** Send `req` and remember what the client used (the run hatch knows the server's address). */
const withUsed =
  (req: ProbeRequest): NonNullable<ServerCase['run']> =>
  async (send, server) => {
    const o = await sendSafely(send, 'environ', req);
    const used: Used = { scheme: server.tls ? 'https' : 'http', host: hostField(server), port: server.port };
    return { ex: { ...o.ex, used } as SchemeExchange, facts: o.facts };
  };

const envOf = (ex: Exchange) => (ex.status === 200 ? parseEnviron(ex.json) : undefined);

/**
 * SSL variables by mod_ssl's names: HTTPS and SSL_*, except copies of the server process's
 * OS environment (wsgiref copies it whole, and OpenSSL reads SSL_CERT_FILE and SSL_CERT_DIR there).
 */
const sslKeys = (env: EnvironObservation) => {
  const os = new Set(env.osKeys);
  return Object.keys(env.keys).filter((k) => (k === 'HTTPS' || k.startsWith('SSL_')) && !os.has(k));
};
const HTTPS_ON = /^(on|1|yes)$/i;

/** The headers a proxy sets, each claiming the other scheme, another host and another client. */
const SPOOFED_ADDR = '203.0.113.7';
const SPOOFED_HOST = 'spoofed.example';
const SPOOFED_PREFIX = '/spoofed';
function spoofHeaders(scheme: 'http' | 'https'): Array<[string, string]> {
  const other = scheme === 'https' ? 'http' : 'https';
  return [
    ['X-Forwarded-Proto', other],
    ['X-Forwarded-Host', SPOOFED_HOST],
    ['X-Forwarded-For', SPOOFED_ADDR],
    ['X-Forwarded-Port', other === 'https' ? '443' : '80'],
    ['X-Forwarded-Prefix', SPOOFED_PREFIX],
    ['X-Real-IP', SPOOFED_ADDR],
    ['Forwarded', `for=${SPOOFED_ADDR};proto=${other};host=${SPOOFED_HOST}`],
    ...(other === 'https'
      ? ([
          ['X-Forwarded-Ssl', 'on'],
          ['X-Forwarded-Protocol', 'ssl'],
          ['Front-End-Https', 'on'],
        ] as Array<[string, string]>)
      : []),
  ];
}

/**
 * Servers that document trusting a loopback peer's forwarded headers by default, by the
 * name their SERVER_SOFTWARE starts with (or, for servers that set none, their HTTP Server
 * field): what they take from it, and where they say so.
 * From that peer such a change is a note, not a failure; from any other it is a failure.
 */
export const DOCUMENTED_LOOPBACK_TRUST: ReadonlyArray<{
  software: RegExp;
  serverField?: RegExp;
  trusts: readonly string[];
  peers: readonly string[];
  docs: string;
}> = [
  // forwarded_allow_ips defaults to 127.0.0.1; secure_scheme_headers (X-Forwarded-Proto,
  // X-Forwarded-Protocol, X-Forwarded-Ssl) then set wsgi.url_scheme.
  {
    software: /^gunicorn\//i,
    trusts: ['wsgi.url_scheme'],
    peers: ['127.0.0.1'],
    docs: 'https://docs.gunicorn.org/en/stable/settings.html#forwarded-allow-ips',
  },
  // --proxy-headers is on and --forwarded-allow-ips defaults to 127.0.0.1: X-Forwarded-Proto
  // sets the scheme and X-Forwarded-For the client address (uvicorn's ProxyHeadersMiddleware).
  {
    software: /^uvicorn\b/i,
    serverField: /^uvicorn$/i,
    trusts: ['wsgi.url_scheme', 'REMOTE_ADDR'],
    peers: ['127.0.0.1'],
    docs: 'https://www.uvicorn.org/settings/#http',
  },
];

/** What a client's forwarded headers changed in environ, against a request without them. */
function changes(
  control: EnvironObservation,
  spoofed: EnvironObservation,
): Array<{ key: string; from: string; to: string }> {
  const c = strings(control);
  const s = strings(spoofed);
  const out: Array<{ key: string; from: string; to: string }> = [];
  for (const key of [
    'wsgi.url_scheme',
    'SERVER_NAME',
    'SERVER_PORT',
    'REMOTE_ADDR',
    'SCRIPT_NAME',
    'HTTP_HOST',
    'HTTPS',
  ]) {
    if ((c[key] ?? '') !== (s[key] ?? '')) out.push({ key, from: c[key] ?? '(absent)', to: s[key] ?? '(absent)' });
  }
  const rebuilt = [reconstructUrl(c), reconstructUrl(s)];
  if (rebuilt[0] !== rebuilt[1])
    out.push({ key: 'the reconstructed URL', from: rebuilt[0] as string, to: rebuilt[1] as string });
  return out;
}

/** The same request twice from `from`: without forwarded headers, then with them. */
const spoofRun =
  (from: string): NonNullable<ServerCase['run']> =>
  async (send, server) => {
    const scheme = server.tls ? 'https' : 'http';
    const control = await sendSafely(send, 'control', { scenario: 'environ', from });
    const spoofed = await sendSafely(send, 'spoofed', { scenario: 'environ', from, headers: spoofHeaders(scheme) });
    const ex: SchemeExchange = {
      ...spoofed.ex,
      control: control.ex,
      transcript: `${control.ex.transcript}\n\n${spoofed.ex.transcript}`,
    };
    if (control.ex.error && !spoofed.ex.error) ex.error = control.ex.error;
    return { ex, facts: spoofed.facts };
  };

function judgeSpoof(o: Observed, from: string): Breach[] | null | { skip: string } {
  const ex = o.ex as SchemeExchange;
  const control = ex.control && envOf(ex.control);
  const spoofed = envOf(ex);
  if (!control || !spoofed) return null;
  // The peer must be the one we meant (a proxy in between, or a failed bind, would not be).
  const peer = str(control, 'REMOTE_ADDR');
  if (peer !== undefined && peer !== from)
    return {
      skip:
        `the request without forwarded headers arrived from ${JSON.stringify(peer)}, not from ${from}: the server ` +
        `does not see this client's own address`,
    };
  const changed = changes(control, spoofed);
  if (!changed.length) return [];
  const said = changed.map((c) => `${c.key} ${JSON.stringify(c.from)} became ${JSON.stringify(c.to)}`).join('; ');
  const field = header(ex, 'server')[0] ?? '';
  const software = str(spoofed, 'SERVER_SOFTWARE') ?? field;
  const trust = DOCUMENTED_LOOPBACK_TRUST.find(
    (t) => (t.software.test(software) || Boolean(t.serverField?.test(field))) && t.peers.includes(from),
  );
  const beyond = changed.filter(
    (c) =>
      !trust?.trusts.includes(c.key) &&
      c.key !== 'the reconstructed URL' &&
      !(c.key === 'HTTPS' && trust?.trusts.includes('wsgi.url_scheme')),
  );
  if (trust && !beyond.length)
    return {
      skip: `${software} trusts forwarded headers from ${from} by default, as documented (${trust.docs}): ${said}`,
    };
  return [
    breach(
      'env-forwarded-untrusted',
      `a client at ${from} sending forwarded headers (${spoofHeaders('http')
        .slice(0, 3)
        .map(([n]) => n)
        .join(', ')}, Forwarded...) changed the environ: ${said}`,
      'the scheme, host, server name, client address and mount point of the connection itself, whatever an ' +
        'untrusted client claims',
    ),
  ];
}

export const schemeServerCases = defineServerCases([
  {
    id: 'environ-ssl-variables',
    rules: ['env-ssl-vars', 'env-cgi-str'],
    description:
      "Over TLS the server sets HTTPS (on, 1 or yes) and SSL variables by mod_ssl's names, all str; over plain " +
      'HTTP it sets no HTTPS=on and no SSL_* variable.',
    request: ENVIRON,
    run: withUsed(ENVIRON),
    check: (o) => {
      const env = envOf(o.ex);
      const used = (o.ex as SchemeExchange).used;
      if (!env || !used) return null;
      const out: Breach[] = [];
      const keys = sslKeys(env);
      const notStr = keys.filter((k) => env.keys[k]?.t !== 'str');
      if (notStr.length)
        out.push(
          breach(
            'env-cgi-str',
            notStr
              .slice(0, 3)
              .map((k) => `${k} is ${describe(env.keys[k] as NonNullable<EnvironObservation['keys'][string]>)}`)
              .join('; '),
            "str, like every CGI-style variable (e.g. HTTPS='on', SSL_PROTOCOL='TLSv1.3')",
          ),
        );
      const https = keys.includes('HTTPS') ? str(env, 'HTTPS') : undefined;
      if (used.scheme === 'https') {
        if (!keys.includes('HTTPS'))
          out.push(
            breach(
              'env-ssl-vars',
              `over TLS, environ has no HTTPS variable (SSL variables: ${keys.join(', ') || 'none'})`,
              "HTTPS='on' and the Apache SSL variables that apply, such as SSL_PROTOCOL",
            ),
          );
        else if (https !== undefined && !HTTPS_ON.test(https))
          out.push(
            breach(
              'env-ssl-vars',
              `over TLS, HTTPS is ${JSON.stringify(https)}`,
              "'on' (mod_ssl's value; '1' and 'yes' are read the same way by wsgiref.util.guess_scheme)",
            ),
          );
      } else {
        const claims = [
          ...(https !== undefined && HTTPS_ON.test(https) ? [`HTTPS=${JSON.stringify(https)}`] : []),
          ...keys.filter((k) => k.startsWith('SSL_')),
        ];
        if (claims.length)
          out.push(
            breach(
              'env-ssl-vars',
              `over plain HTTP, environ has ${claims.join(', ')}`,
              'no HTTPS=on and no SSL_* variable on a connection without TLS',
            ),
          );
      }
      return out;
    },
  },
  {
    id: 'url-reconstruction',
    rules: ['env-url-scheme', 'env-http-vars', 'env-server-name-port'],
    description:
      "PEP 3333's URL reconstruction gives the URL the client used, scheme and port included, from HTTP_HOST, and " +
      'from SERVER_NAME and SERVER_PORT without it.',
    request: ENVIRON,
    run: withUsed(ENVIRON),
    check: (o) => {
      const env = envOf(o.ex);
      const used = (o.ex as SchemeExchange).used;
      if (!env || !used) return null;
      const s = strings(env);
      const out: Breach[] = [];
      const want = `${used.scheme}://${used.host}${TARGET}`;
      const rebuilt = reconstructUrl(s);
      const scheme = s['wsgi.url_scheme'];
      // Types are other cases' business: only str values are compared.
      if (scheme !== undefined && scheme !== used.scheme)
        out.push(
          breach(
            'env-url-scheme',
            `the reconstructed URL is ${rebuilt}: wsgi.url_scheme is ${JSON.stringify(scheme)}`,
            `${want}: '${used.scheme}', the scheme of the connection`,
          ),
        );
      if (s.HTTP_HOST !== undefined && s.HTTP_HOST !== used.host)
        out.push(
          breach(
            'env-http-vars',
            `the reconstructed URL is ${rebuilt}: HTTP_HOST is ${JSON.stringify(s.HTTP_HOST)} for "Host: ${used.host}"`,
            `${want}: HTTP_HOST as the client sent it`,
          ),
        );
      const port = s.SERVER_PORT;
      if (port !== undefined && port !== String(used.port)) {
        const fallback = reconstructUrl({ ...s, HTTP_HOST: undefined });
        out.push(
          breach(
            'env-server-name-port',
            `without HTTP_HOST the reconstructed URL is ${fallback}: SERVER_PORT is ${JSON.stringify(port)} for a ` +
              `connection to port ${used.port}`,
            `SERVER_PORT '${used.port}', the port the client connected to`,
          ),
        );
      }
      return out;
    },
  },
  {
    id: 'forwarded-headers-loopback',
    rules: ['env-forwarded-untrusted'],
    description:
      'From 127.0.0.1, X-Forwarded-Proto/Host/For/Prefix and Forwarded (claiming the other scheme) change neither ' +
      'wsgi.url_scheme nor the host, SERVER_NAME, REMOTE_ADDR or SCRIPT_NAME, unless the server documents ' +
      'trusting loopback by default (then a note).',
    request: { scenario: 'environ' },
    run: spoofRun('127.0.0.1'),
    check: (o) => judgeSpoof(o, '127.0.0.1'),
  },
  {
    id: 'forwarded-headers-untrusted-peer',
    rules: ['env-forwarded-untrusted'],
    description:
      'From 127.0.0.2, a peer no default allow-list trusts, forwarded headers claiming the other scheme, another ' +
      'host, client or mount point change nothing in environ.',
    request: { scenario: 'environ' },
    run: spoofRun('127.0.0.2'),
    check: (o) => judgeSpoof(o, '127.0.0.2'),
  },
]);
