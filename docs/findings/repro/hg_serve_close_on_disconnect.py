#!/usr/bin/env python3
"""hg serve, rule close-on-disconnect: a standalone reproduction.

Finding: docs/findings/hg-serve-close-on-disconnect.md
Rule:    close-on-disconnect (MUST), PEP 3333 "Specification Details":
         https://peps.python.org/pep-3333/#specification-details
Server:  Mercurial 6.3.2 (Debian mercurial 6.3.2-1+deb12u1);
         mercurial.hgweb.server.create_server(ui, app), the call `hg serve` makes, in a child process.
Run:     /usr/bin/python3 docs/findings/repro/hg_serve_close_on_disconnect.py
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

class Body(object):
    """300 items of 100 bytes, 10 ms apart; reports each 50th item pulled and close()."""

    def __iter__(self):
        for i in range(300):
            if i % 50 == 0:
                note('item %d pulled' % i)
            time.sleep(0.01)
            yield (b'item-%03d ' % i).ljust(99, b'.') + b'\n'

    def close(self):
        note('close() called')


def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '30000')])
    return Body()


# -- the request and the verdict ------------------------------------------------------------

REQUEST = b'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'


def check(port, server):
    with socket.create_connection(('127.0.0.1', port)) as sock:
        sock.sendall(REQUEST)
        sock.settimeout(3)
        first = sock.recv(200)
    print('request: %r' % REQUEST)
    print('the client read %d bytes (%r...) and closed the connection' % (len(first), first[:30]))
    events = server.events(wait_for=lambda ev: 'close() called' in ev, timeout=4.0)
    print('application events: %s' % events)
    if 'close() called' not in events:
        return 'DEVIATION: hg serve never called close() of the iterable after the client left during the response.'
    return 'NOT REPRODUCED: close() was called after the client left.'


# -- the server: mercurial.hgweb.server, as `hg serve` creates it ----

def serve(port):
    from mercurial import ui as uimod
    from mercurial.hgweb import server
    ui = uimod.ui.load()
    ui.setconfig(b'web', b'address', b'127.0.0.1', b'repro')
    ui.setconfig(b'web', b'port', str(port).encode('ascii'), b'repro')
    server.create_server(ui, app).serve_forever()


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
