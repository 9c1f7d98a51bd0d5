/** The PEP's URL reconstruction, ported, and the forwarded-header judgement's documented exceptions. */
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_LOOPBACK_TRUST, pepQuote, reconstructUrl } from './scheme.js';

describe('URL reconstruction (PEP 3333)', () => {
  it('quotes as the PEP\'s quote(..., encoding=\'latin-1\') does, keeping /', () => {
    expect(pepQuote('/caf\u00c3\u00a9/x y')).toBe('/caf%C3%A9/x%20y');
  });
  it('uses HTTP_HOST when present, port and all', () => {
    expect(reconstructUrl({ 'wsgi.url_scheme': 'https', HTTP_HOST: '127.0.0.1:8443', SERVER_NAME: 'x', SERVER_PORT: '8443', SCRIPT_NAME: '/app', PATH_INFO: '/caf\u00c3\u00a9', QUERY_STRING: 'a=1' }))
      .toBe('https://127.0.0.1:8443/app/caf%C3%A9?a=1');
  });
  it('falls back to SERVER_NAME and a port that is not the scheme\'s default', () => {
    expect(reconstructUrl({ 'wsgi.url_scheme': 'https', SERVER_NAME: 'h', SERVER_PORT: '443', PATH_INFO: '/' })).toBe('https://h/');
    expect(reconstructUrl({ 'wsgi.url_scheme': 'http', SERVER_NAME: 'h', SERVER_PORT: '443', PATH_INFO: '/' })).toBe('http://h:443/');
    expect(reconstructUrl({ 'wsgi.url_scheme': 'http', SERVER_NAME: 'h', SERVER_PORT: '80', PATH_INFO: '' })).toBe('http://h');
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
