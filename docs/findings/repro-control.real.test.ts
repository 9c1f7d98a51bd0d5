/**
 * A reproduction proves its deviation only if its control held first. Scratch copies of three
 * reproductions, each with its control broken (a port with nothing behind it, a server that
 * answers every request 400, one that closes without a word, a middleware answering 400), must
 * end with ERROR and exit 2, never DEVIATION.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { itNeeds } from '../../test/requires.js';

const PYTHON = '/usr/bin/python3';
const scratch = mkdtempSync(join(tmpdir(), 'repro-control-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stdlib server on argv[1]: `answer` to every connection, then close. */
const fakeServer = (answer: string) => `
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', int(sys.argv[1])))
s.listen(8)
while True:
    c, _ = s.accept()
    c.recv(65536)
    c.sendall(${answer})
    c.close()
`;
const ANSWERS_400 = fakeServer(
  String.raw`b'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'`,
);
const SILENT = fakeServer("b''");

/** `script` with `edit` applied, written to the scratch folder; its run's last line and exit code. */
function runBroken(
  script: string,
  edit: (source: string) => string,
): { last: string; code: number | null; out: string } {
  const source = readFileSync(fromRoot('docs', 'findings', 'repro', script), 'utf8');
  const broken = edit(source);
  expect(broken, 'the edit changed the script').not.toBe(source);
  const file = join(scratch, script);
  writeFileSync(file, broken);
  const run = spawnSync(PYTHON, [file], { encoding: 'utf8', timeout: 60_000 });
  const out = `${run.stdout}${run.stderr}`;
  return { last: out.trim().split('\n').at(-1) ?? '', code: run.status, out };
}

/** The script serving through `fake` (a stdlib program given the port) instead of its own server. */
const servedBy = (fake: string) => (source: string) =>
  source.replace(
    '\n# -- plumbing',
    `\nFAKE = ${JSON.stringify(fake)}\n\n\ndef server_command(port, work):\n    return [sys.executable, '-c', ` +
      `FAKE, str(port)]\n\n\n# -- plumbing`,
  );
/** The control sent to a fresh port where nothing listens. */
const deadPort = (source: string) => source.replace('            control(port', '            control(free_port()');

const missing = existsSync(PYTHON) ? '' : `${PYTHON} is missing (.ci/run installs Debian's python3)`;
const missingPaste =
  missing ||
  (spawnSync(PYTHON, ['-c', 'import paste.gzipper'], { stdio: 'ignore' }).status === 0
    ? ''
    : 'python3-paste is not installed; .ci/run installs it');
const expectError = ({ last, code, out }: { last: string; code: number | null; out: string }) => {
  expect(last, out).toMatch(/^ERROR: the control failed/);
  expect(out, out).not.toMatch(/^DEVIATION/m);
  expect(out).not.toMatch(/^CONTROL ok/m);
  expect(code, out).toBe(2);
};

describe('a reproduction whose control fails reports ERROR and exits 2', () => {
  const plain = 'wsgiref_body_cl_no_excess.py';
  itNeeds(
    missing,
    `${plain}: control sent to a port with nothing`,
    () => expectError(runBroken(plain, deadPort)),
    60_000,
  );
  itNeeds(
    missing,
    `${plain}: a server answering 400`,
    () => expectError(runBroken(plain, servedBy(ANSWERS_400))),
    60_000,
  );
  itNeeds(
    missing,
    `${plain}: a server closing without an answer`,
    () => expectError(runBroken(plain, servedBy(SILENT))),
    60_000,
  );

  // Over TLS: openssl makes the certificate, the server is the stdlib's wsgiref behind ssl.
  const tls = 'uwsgi_env_forwarded_untrusted.py';
  itNeeds(
    missing,
    `${tls} (TLS plumbing): a server answering 400`,
    () => expectError(runBroken(tls, servedBy(ANSWERS_400))),
    60_000,
  );

  const middleware = 'paste_middleware_return_promptly.py';
  itNeeds(
    missingPaste,
    `${middleware} (in-process): the middleware answers 400`,
    () =>
      expectError(
        runBroken(middleware, (s) =>
          s.replace(
            'control(lambda app: gzipper(app))',
            "control(lambda app: lambda e, sr: sr('400 Bad Request', []) or [])",
          ),
        ),
      ),
    60_000,
  );
});
