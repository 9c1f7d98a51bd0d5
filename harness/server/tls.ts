/**
 * The TLS layer, kept apart from the client that uses it: a throwaway CA and a server
 * certificate for the loopback host (Debian's `openssl`), and the one function that opens
 * every connection of the suite (plain TCP, or TLS with the certificate verified against
 * that CA), which the raw-socket driver (harness/wire/driver.ts) calls.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';

/** What a client needs to verify the server: the CA's PEM (and a name when the host is not one). */
export interface TlsClient {
  ca: string;
  /** The name the certificate must carry, when it is not the host connected to. */
  servername?: string;
}

/** Where a client connects: plain TCP without `tls`. */
export interface ConnTarget {
  host: string;
  port: number;
  tls?: TlsClient;
  /** Bind the client socket to this address first (e.g. 127.0.0.2, a peer no allow-list trusts). */
  localAddress?: string;
}

/** A connection, and the event that says it can carry a request (after the handshake, for TLS). */
export interface Connection {
  socket: Socket;
  ready: 'connect' | 'secureConnect';
}

export function openConnection(t: ConnTarget): Connection {
  const local = t.localAddress ? { localAddress: t.localAddress } : {};
  if (!t.tls) return { socket: netConnect({ host: t.host, port: t.port, ...local }), ready: 'connect' };
  // SNI carries names only (RFC 6066 §3); an IP host is verified against the IP SANs.
  const name = t.tls.servername ?? (isIP(t.host) ? undefined : t.host);
  const sni = name ? { servername: name } : {};
  const socket = tlsConnect({ host: t.host, port: t.port, ca: t.tls.ca, ...sni, ...local });
  return { socket, ready: 'secureConnect' };
}

/** Files for a TLS server: its certificate and key, and the CA that signed it. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** The CA certificate's path. */
  ca: string;
  /** The CA certificate itself, for the clients. */
  caPem: string;
}

export class TlsSetupError extends Error {
  override name = 'TlsSetupError';
}

/**
 * A throwaway CA and a certificate it signs for `host` (plus localhost and 127.0.0.1),
 * valid two days, ECDSA P-256: every TLS server of the matrix loads it.
 */
export function makeTlsMaterial(dir: string, host: string): TlsMaterial {
  mkdirSync(dir, { recursive: true });
  const p = (f: string) => join(dir, f);
  const sans = [...new Set([host, '127.0.0.1', 'localhost'])].map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`));
  const extensions = [
    `subjectAltName=${sans.join(',')}`,
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
  ];
  writeFileSync(p('server.ext'), `${extensions.join('\n')}\n`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=wsgi-conformance throwaway CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(['req', ...ec, '-keyout', p('key.pem'), '-out', p('server.csr'), '-subj', `/CN=${host}`]);
  openssl([
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('cert.pem'),
    '-days',
    '2',
    '-extfile',
    p('server.ext'),
  ]);
  return { cert: p('cert.pem'), key: p('key.pem'), ca: p('ca.pem'), caPem: readFileSync(p('ca.pem'), 'utf8') };
}

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) {
    throw new TlsSetupError(
      `--tls needs the openssl command to make a throwaway certificate (${r.error.message}); apt-get install openssl`,
    );
  }
  if (r.status !== 0) {
    const why = r.stderr.trim().split('\n').slice(-3).join('; ');
    throw new TlsSetupError(`openssl ${args[0]} failed making the throwaway certificate: ${why}`);
  }
}

/** The CA of `--tls-ca FILE`, read once; a clear error when it is not a PEM certificate. */
export function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TlsSetupError(`--tls-ca ${file}: cannot read it (${(e as Error).message})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new TlsSetupError(`--tls-ca ${file}: not a PEM certificate (no BEGIN CERTIFICATE line)`);
  }
  return pem;
}
