/** --tls and --tls-ca: parsing, and the mistakes that are refused before anything starts. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch, LaunchError } from '../harness/server/launcher.js';
import { PROBE_APP } from '../suites/server/certify.js';
import { takeTlsOptions, tlsFlags } from './tls-options.js';

describe('takeTlsOptions', () => {
  it('takes --tls and --tls-ca out of the arguments', () => {
    expect(takeTlsOptions(['--preset', 'gunicorn', '--tls', '--only', 'x'])).toEqual({
      tls: {},
      rest: ['--preset', 'gunicorn', '--only', 'x'],
    });
    expect(takeTlsOptions(['--url', 'https://h', '--tls-ca', 'ca.pem'])).toEqual({
      tls: { ca: 'ca.pem' },
      rest: ['--url', 'https://h'],
    });
    expect(takeTlsOptions(['--tls-ca=ca.pem'])).toEqual({ tls: { ca: 'ca.pem' }, rest: [] });
    expect(takeTlsOptions(['--preset', 'x'])).toEqual({ rest: ['--preset', 'x'] });
    expect(() => takeTlsOptions(['--tls-ca'])).toThrow(/PEM file/);
  });
  it('repeats them in re-run commands', () => {
    expect(tlsFlags(undefined)).toBe('');
    expect(tlsFlags({})).toBe(' --tls');
    expect(tlsFlags({ ca: 'ca.pem' })).toBe(' --tls-ca ca.pem');
  });
});

const notPem = join(mkdtempSync(join(tmpdir(), 'wsgi-conf-ca-')), 'ca.pem');
writeFileSync(notPem, 'not a certificate\n');

describe('TLS mistakes are refused with the cause', () => {
  const refused = async (options: Parameters<typeof launch>[0]) => {
    try {
      await launch(options);
    } catch (e) {
      return e as LaunchError;
    }
    throw new Error('launched');
  };
  it('{cert} without --tls', async () => {
    const e = await refused({ target: { kind: 'cmd', template: 'server {host} {port} {cert}' }, app: PROBE_APP });
    expect(e).toBeInstanceOf(LaunchError);
    expect(e.message).toMatch(/only with --tls/);
  });
  it('--tls with a command that does not load the certificate', async () => {
    const e = await refused({ target: { kind: 'cmd', template: 'server {host} {port}' }, app: PROBE_APP, tls: {} });
    expect(e.message).toMatch(/\{cert\} and \{key\}/);
  });
  it('a preset without TLS support says why', async () => {
    const e = await refused({ target: { kind: 'preset', name: 'waitress' }, app: PROBE_APP, tls: {} });
    expect(e.code).toBe('no-tls');
    expect(e.message).toMatch(/Waitress does not terminate TLS/);
  });
  it('an https URL without its CA, or a CA file that is not one', async () => {
    expect((await refused({ target: { kind: 'url', url: 'https://127.0.0.1:1' }, app: PROBE_APP })).message).toMatch(
      /--tls-ca/,
    );
    expect(
      (await refused({ target: { kind: 'url', url: 'https://127.0.0.1:1' }, app: PROBE_APP, tls: { ca: notPem } }))
        .message,
    ).toMatch(/not a PEM certificate/);
  });
});
