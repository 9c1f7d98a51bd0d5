#!/usr/bin/env python3
"""Werkzeug, rule env-ssl-vars: a standalone reproduction.

Finding: docs/findings/werkzeug-env-ssl-vars.md
Rule:    env-ssl-vars (SHOULD), PEP 3333 "environ Variables": https://peps.python.org/pep-3333/#environ-variables
Server:  werkzeug 2.2.2 (Debian python3-werkzeug);
         `werkzeug.serving.run_simple(..., threaded=True, ssl_context=(cert, key))`, serving this file's `app`.
Run:     /usr/bin/python3 docs/findings/repro/werkzeug_env_ssl_vars.py
Prints what happened, then one last line: DEVIATION: ... (exit 0) when the server deviates,
NOT REPRODUCED: ... (exit 1) when it behaves, ERROR: ... (exit 2) when it could not be tested.
"""
import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.splitext(os.path.basename(__file__))[0]
TLS = True

# -- the application ------------------------------------------------------------------------

def app(environ, start_response):
    """Answers the scheme and the SSL-related variables it saw, as `key = type repr` lines."""
    keys = ['wsgi.url_scheme', 'HTTPS', 'HTTP_HOST', 'SERVER_NAME', 'REMOTE_ADDR', 'SCRIPT_NAME']
    keys += sorted(k for k in environ if k.startswith('SSL_'))
    lines = ['%s = %s %r' % (k, type(environ[k]).__name__, environ[k]) for k in keys if k in environ]
    body = ('\n'.join(lines) + '\n').encode('utf-8', 'backslashreplace')
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])
    return [body]


# -- the request and the verdict ------------------------------------------------------------

REQUEST = b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'


def check(port, work):
    env = seen(exchange(port, REQUEST, work))
    print('request over TLS (certificate verified): %r' % REQUEST)
    for k, v in sorted(env.items()):
        print('environ[%r] = %s' % (k, v))
    if env.get('wsgi.url_scheme') == "str 'https'" and 'HTTPS' not in env:
        ssl_keys = sorted(k for k in env if k.startswith('SSL_'))
        return ('DEVIATION: over TLS, wsgi.url_scheme is https but environ has no HTTPS variable (SSL '
                'variables: %s).') % (', '.join(ssl_keys) or 'none')
    return 'NOT REPRODUCED: HTTPS is %s, wsgi.url_scheme %s.' % (env.get('HTTPS', '(absent)'),
                                                                 env.get('wsgi.url_scheme', '(absent)'))


# -- the server: werkzeug.serving.run_simple with ssl_context=(cert, key) ----

def serve(port, work):
    from werkzeug.serving import run_simple
    run_simple('127.0.0.1', port, app, threaded=True,
               ssl_context=(os.path.join(work, 'cert.pem'), os.path.join(work, 'key.pem')))

def server_command(port, work):
    return [sys.executable, os.path.abspath(__file__), 'serve', str(port), work]


# -- plumbing: a free port, a throwaway certificate, the server process, raw HTTP(S) ----------

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def make_certificate(work):
    """A throwaway CA and a certificate it signs for 127.0.0.1 (Debian's openssl)."""
    def openssl(*args):
        subprocess.run(('openssl',) + args, check=True, capture_output=True, cwd=work)
    ec = ('-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes')
    with open(os.path.join(work, 'server.ext'), 'w') as f:
        f.write('subjectAltName=IP:127.0.0.1,DNS:localhost\n'
                'basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n')
    openssl('req', '-x509', *ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=repro CA',
            '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
    openssl('req', *ec, '-keyout', 'key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1')
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
            '-out', 'cert.pem', '-days', '2', '-extfile', 'server.ext')
    for name in ('cert.pem', 'key.pem'):
        os.chmod(os.path.join(work, name), 0o644)


def exchange(port, request, work, source='127.0.0.1', timeout=3.0):
    """Send raw bytes (over TLS verified against the throwaway CA when TLS) from `source`;
    return everything that came back until the server closed or `timeout` passed."""
    chunks, start = [], time.monotonic()
    with socket.create_connection(('127.0.0.1', port), timeout, source_address=(source, 0)) as raw:
        sock = raw
        if TLS:
            context = ssl.create_default_context(cafile=os.path.join(work, 'ca.pem'))
            sock = context.wrap_socket(raw, server_hostname='127.0.0.1')
        sock.sendall(request)
        while time.monotonic() - start < timeout:
            try:
                data = sock.recv(65536)
            except (socket.timeout, ConnectionError, ssl.SSLError):
                break
            if not data:
                break
            chunks.append(data)
    return b''.join(chunks)


def seen(raw):
    """The application's lines as {key: 'type repr'}."""
    body = raw.partition(b'\r\n\r\n')[2].decode('utf-8', 'replace')
    return dict(line.split(' = ', 1) for line in body.splitlines() if ' = ' in line)


@contextlib.contextmanager
def running(cmd, port, cwd=None):
    out = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(('127.0.0.1', port), 0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out.seek(0)
                    print(out.read().decode('utf-8', 'replace')[-3000:])
                    print('ERROR: the server did not start (see its output above)')
                    sys.exit(2)
                time.sleep(0.05)
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out.close()


# -- the control: before its check, the script asks for CONTROL_PATH, which this wrapper answers
# itself with a known 200, so no verdict comes from a server that answers nothing, or 400 to all.

CONTROL_PATH = '/repro-control'
CONTROL_BODY = b'control: the application answered\n'


def answering_control(inner):
    """The script's application, except that CONTROL_PATH gets a plain 200 without reaching it."""
    def controlled(environ, start_response):
        if environ.get('PATH_INFO', '').endswith(CONTROL_PATH):
            start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(CONTROL_BODY)))])
            return [CONTROL_BODY]
        return inner(environ, start_response)
    return controlled


app = answering_control(app)


def control_failed(request, raw, why):
    print('control request: %r' % request)
    print('control response: %r' % raw[:1000])
    print('ERROR: the control failed (%s): the server did not answer a plain GET %s with the '
          'application\'s 200, so nothing it does to the check below can be judged' % (why, CONTROL_PATH))
    sys.exit(2)


def control_answer(raw, request):
    """Exit 2 with ERROR unless `raw` is the application's 200 to the control; else say CONTROL ok."""
    status = raw.split(b'\r\n', 1)[0]
    if not raw:
        control_failed(request, raw, 'no answer')
    if status.split(b' ')[1:2] != [b'200']:
        control_failed(request, raw, 'status %r' % status)
    if CONTROL_BODY not in raw.partition(b'\r\n\r\n')[2]:
        control_failed(request, raw, 'not the control body')
    print('CONTROL ok: a plain GET %s was answered %s by the application' % (CONTROL_PATH, status.decode('latin-1')))


def control(port, work):
    request = ('GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' % CONTROL_PATH).encode('ascii')
    try:
        raw = exchange(port, request, work, timeout=10.0)
    except (OSError, ssl.SSLError) as e:
        control_failed(request, b'', 'no connection: %s' % e)
    control_answer(raw, request)


def main():
    work = tempfile.mkdtemp(prefix='repro-')
    try:
        os.chmod(work, 0o755)
        try:
            make_certificate(work)
        except (OSError, subprocess.CalledProcessError) as e:
            print('ERROR: could not make the throwaway certificate with openssl: %s' % e)
            return 2
        port = free_port()
        with running(server_command(port, work), port):
            control(port, work)
            verdict = check(port, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(verdict)
    return 0 if verdict.startswith('DEVIATION') else 1


if __name__ == '__main__':
    if sys.argv[1:2] == ['serve']:
        serve(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(main())
