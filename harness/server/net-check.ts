/** TCP-level facts about a host: a port nobody uses, and whether something accepts connections. */
import { createConnection, createServer } from 'node:net';

/** Ports this process has handed out: the kernel may offer a just-closed one again. */
const handedOut = new Set<number>();

/**
 * A port that was free a moment ago: bind port 0, read the number, close. Another process
 * could take it before the server binds; the server then fails to start and says so. Within
 * this process a port is never handed out twice, or two servers launched at once could get
 * the same one and the second's readiness check would succeed against the first.
 */
export async function freePort(host: string): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = await ephemeralPort(host);
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`could not pick a free port on ${host} that this process has not used yet`);
}

function ephemeralPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error(`could not pick a free port on ${host}`))));
    });
  });
}

/** Does a TCP connect to host:port succeed within timeoutMs? The connection is closed at once. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** `http://host:port`, with brackets around an IPv6 literal. */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
