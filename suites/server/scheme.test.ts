/** The PEP's URL reconstruction, ported, and the forwarded-header judgement's documented exceptions. */
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_LOOPBACK_TRUST, pepQuote, reconstructUrl, schemeServerCases } from './scheme.js';

describe('URL reconstruction (PEP 3333)', () => {
  it("quotes as the PEP's quote(..., encoding='latin-1') does, keeping /", () => {
    expect(pepQuote('/caf\u00c3\u00a9/x y')).toBe('/caf%C3%A9/x%20y');
  });
  it('uses HTTP_HOST when present, port and all', () => {
    expect(
      reconstructUrl({
        'wsgi.url_scheme': 'https',
        HTTP_HOST: '127.0.0.1:8443',
        SERVER_NAME: 'x',
        SERVER_PORT: '8443',
        SCRIPT_NAME: '/app',
        PATH_INFO: '/caf\u00c3\u00a9',
        QUERY_STRING: 'a=1',
      }),
    ).toBe('https://127.0.0.1:8443/app/caf%C3%A9?a=1');
  });
  it("falls back to SERVER_NAME and a port that is not the scheme's default", () => {
    expect(reconstructUrl({ 'wsgi.url_scheme': 'https', SERVER_NAME: 'h', SERVER_PORT: '443', PATH_INFO: '/' })).toBe(
      'https://h/',
    );
    expect(reconstructUrl({ 'wsgi.url_scheme': 'http', SERVER_NAME: 'h', SERVER_PORT: '443', PATH_INFO: '/' })).toBe(
      'http://h:443/',
    );
    expect(reconstructUrl({ 'wsgi.url_scheme': 'http', SERVER_NAME: 'h', SERVER_PORT: '80', PATH_INFO: '' })).toBe(
      'http://h',
    );
  });
});

describe('documented loopback trust', () => {
  it('names only loopback peers and links its documentation', () => {
    for (const t of DOCUMENTED_LOOPBACK_TRUST) {
      expect(t.peers.every((p) => p.startsWith('127.0.0.1'))).toBe(true);
      expect(t.docs).toMatch(/^https:\/\//);
    }
  });
});

describe('forwarded headers: what a change means depends on who sent them', () => {
  const env = (vars: Record<string, string>) => ({
    environType: 'dict',
    isDict: true,
    nonStrKeys: [],
    osKeys: [],
    keys: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, { t: 'str', v }])),
  });
  const answer = (id: string, json: unknown) => ({
    id,
    status: 200,
    headers: [],
    body: Buffer.alloc(0),
    notes: [],
    ms: 1,
    transcript: '',
    raw: Buffer.alloc(0),
    reads: [],
    loopStallMs: 0,
    json,
  });
  const exchange = (json: unknown, control?: unknown) => ({
    ...answer('x', json),
    ...(control ? { control: answer('c', control) } : {}),
  });
  const judge = (id: string, control: Record<string, string>, spoofed: Record<string, string>) => {
    const c = schemeServerCases.find((x) => x.id === id);
    return c?.check({ ex: exchange(env(spoofed), env(control)), facts: [] });
  };
  const base = {
    'wsgi.url_scheme': 'http',
    SERVER_SOFTWARE: 'gunicorn/20.1.0',
    HTTP_HOST: '127.0.0.1:8000',
    SERVER_NAME: '127.0.0.1',
    SERVER_PORT: '8000',
    PATH_INFO: '/',
  };

  it('gunicorn taking the scheme from 127.0.0.1 is its documented default: a note', () => {
    const out = judge(
      'forwarded-headers-loopback',
      { ...base, REMOTE_ADDR: '127.0.0.1' },
      { ...base, REMOTE_ADDR: '127.0.0.1', 'wsgi.url_scheme': 'https' },
    );
    expect(out).toMatchObject({ skip: expect.stringContaining('forwarded-allow-ips') });
  });
  it('the same from 127.0.0.2 is a failure', () => {
    const out = judge(
      'forwarded-headers-untrusted-peer',
      { ...base, REMOTE_ADDR: '127.0.0.2' },
      { ...base, REMOTE_ADDR: '127.0.0.2', 'wsgi.url_scheme': 'https' },
    );
    expect(out).toEqual([expect.objectContaining({ rule: 'env-forwarded-untrusted' })]);
  });
  it('beyond what the documentation names (REMOTE_ADDR), even loopback is a failure', () => {
    const out = judge(
      'forwarded-headers-loopback',
      { ...base, REMOTE_ADDR: '127.0.0.1' },
      { ...base, REMOTE_ADDR: '203.0.113.7' },
    );
    expect(out).toEqual([expect.objectContaining({ rule: 'env-forwarded-untrusted' })]);
  });
  it('a server that changes nothing passes; one that does not see the peer cannot be judged', () => {
    expect(
      judge(
        'forwarded-headers-untrusted-peer',
        { ...base, REMOTE_ADDR: '127.0.0.2' },
        { ...base, REMOTE_ADDR: '127.0.0.2' },
      ),
    ).toEqual([]);
    expect(
      judge(
        'forwarded-headers-untrusted-peer',
        { ...base, REMOTE_ADDR: '10.0.0.1' },
        { ...base, REMOTE_ADDR: '10.0.0.1' },
      ),
    ).toMatchObject({ skip: expect.any(String) });
  });
});
