#!/usr/bin/env python3
"""Cheroot, rule input-eof-at-content-length: a standalone reproduction.

Finding: docs/findings/cheroot-input-eof-at-content-length.md
Rule:    input-eof-at-content-length (SHOULD), PEP 3333 "Input and Error Streams":
         https://peps.python.org/pep-3333/#input-and-error-streams
Server:  cheroot 9.0.0 (Debian python3-cheroot 9.0.0+ds1-2);
         cheroot.wsgi.Server with its defaults, in a child process.
Run:     /usr/bin/python3 docs/findings/repro/cheroot_input_eof_at_content_length.py
Prints what happened, then one last line: DEVIATION: ... (exit 0) when the server deviates,
NOT REPRODUCED: ... (exit 1) when it behaves, ERROR: ... (exit 2) when it could not be tested.
"""
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.splitext(os.path.basename(__file__))[0]

# -- the application ------------------------------------------------------------------------

def app(environ, start_response):
    """Runs the wsgi.input operations named in the X-Ops header and answers what they returned."""
    stream, results = environ['wsgi.input'], []
    for op in environ.get('HTTP_X_OPS', '').split(','):
        name, _, arg = op.partition(':')
        started = time.monotonic()
        value = list(stream) if name == 'iter' else getattr(stream, name)(*([int(arg)] if arg else []))
        note('%s returned after %d ms' % (op, (time.monotonic() - started) * 1000))
        results.append('%s -> %r' % (op, value))
    body = '\n'.join(results).encode() + b'\n'
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])
    return [body]


# -- the request and the verdict ------------------------------------------------------------

OPS = ['iter']


def calls(ops):
    """'read:100,read:10' -> 'read(100), read(10)'; 'iter' -> 'list(wsgi.input)'."""
    return ', '.join('list(wsgi.input)' if op == 'iter' else '%s(%s)' % (op.partition(':')[0], op.partition(':')[2])
                     for op in ops.split(','))


def complete(data):
    """A whole response with a Content-Length body has arrived."""
    head, sep, body = data.partition(b'\r\n\r\n')
    length = [int(l.split(b':')[1]) for l in head.split(b'\r\n') if l.lower().startswith(b'content-length:')]
    return bool(sep) and bool(length) and len(body) >= length[0]


def post(port, ops, body=b'line1\nline2\nline3\n', method=b'POST', timeout=1.5):
    """A keep-alive request (the client waits for the answer): what came back, or None."""
    request = (method + b' / HTTP/1.1\r\nHost: localhost\r\nX-Ops: ' + ops.encode() + b'\r\n'
               + (b'Content-Type: text/plain\r\nContent-Length: %d\r\n' % len(body) if body else b'')
               + b'\r\n' + body)
    raw = joined(exchange(port, request, timeout=timeout, until=complete))
    return split(raw)[1].decode('latin-1') if complete(raw) else None


def check(port, server):
    print('request: POST / with Content-Length: 18 and the body line1\\nline2\\nline3\\n, connection kept open')
    blocked = []
    for ops in OPS:
        answer = post(port, ops)
        print('  %-28s %s' % (calls(ops) + ':', answer.strip().replace('\n',
                                                                       '; ') if answer else 'no answer within 1.5 s'))
        if answer is None:
            blocked.append(calls(ops))
    print('app events: %s' % ', '.join(server.events()))
    if blocked:
        return ('DEVIATION: Cheroot does not simulate end-of-file at CONTENT_LENGTH: these calls blocked '
                'waiting for bytes the client never sends: %s.' % '; '.join(blocked))
    return 'NOT REPRODUCED: every read stopped at CONTENT_LENGTH.'


# -- the server: cheroot.wsgi.Server with its defaults ----

def serve(port):
    from cheroot import wsgi
    wsgi.Server(('127.0.0.1', port), app).safe_start()


def server_command(port, work):
    return [sys.executable, os.path.abspath(__file__), 'serve', str(port)]


# -- plumbing: a free port, the server process, raw HTTP, the application's event log ---------

def note(event):
    """The application's side channel: one line per event in $REPRO_LOG (read by the client)."""
    with open(os.environ['REPRO_LOG'], 'a') as f:
        f.write(event + '\n')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def exchange(port, request, timeout=3.0, until=None):
    """Send raw bytes; return [(seconds, bytes)] as they arrive, until the server closes the
    connection, `until(all bytes so far)` is true, or `timeout` seconds pass."""
    reads, start = [], time.monotonic()
    with socket.create_connection(('127.0.0.1', port)) as sock:
        sock.sendall(request)
        while time.monotonic() - start < timeout:
            sock.settimeout(timeout - (time.monotonic() - start))
            try:
                data = sock.recv(65536)
            except (socket.timeout, ConnectionError):
                break
            if not data:
                break
            reads.append((time.monotonic() - start, data))
            if until and until(b''.join(d for _, d in reads)):
                break
    return reads


def joined(reads):
    return b''.join(d for _, d in reads)


def split(raw):
    """(head as text, body bytes) of a raw response."""
    head, _, body = raw.partition(b'\r\n\r\n')
    return head.decode('latin-1'), body


class Server(object):
    def __init__(self, proc, out):
        self.proc, self.out = proc, out

    def events(self, wait_for=None, timeout=10.0):
        """The application's events so far; with `wait_for`, poll until it is true of them.

        The timeout is a bound for a busy machine, not a verdict: 2 s ran out under load."""
        deadline = time.monotonic() + timeout
        while True:
            with open(os.environ['REPRO_LOG']) as f:
                events = f.read().splitlines()
            if not wait_for or wait_for(events) or time.monotonic() > deadline:
                return events
            time.sleep(0.05)

    def output(self):
        self.out.seek(0)
        return self.out.read().decode('utf-8', 'replace')


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
        yield Server(proc, out)
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


def control(port):
    request = ('GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' % CONTROL_PATH).encode('ascii')
    try:
        raw = joined(exchange(port, request, timeout=10.0, until=lambda raw: CONTROL_BODY in raw))
    except OSError as e:
        control_failed(request, b'', 'no connection: %s' % e)
    control_answer(raw, request)


def main():
    work = tempfile.mkdtemp(prefix='repro-')
    try:
        # World-readable, and a world-writable log: mod_wsgi runs the application as nobody.
        os.chmod(work, 0o755)
        os.environ['REPRO_LOG'] = log = os.path.join(work, 'events.log')
        open(log, 'w').close()
        os.chmod(log, 0o666)
        port = free_port()
        with running(server_command(port, work), port) as server:
            control(port)
            verdict = check(port, server)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(verdict)
    return 0 if verdict.startswith('DEVIATION') else 1


if __name__ == '__main__':
    if sys.argv[1:2] == ['serve']:
        serve(int(sys.argv[2]))
    else:
        sys.exit(main())
