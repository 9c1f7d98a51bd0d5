#!/usr/bin/env python3
"""paste.exceptions.errormiddleware 3.5.2, rule start-response-returns-write: a standalone reproduction.

Finding: docs/findings/paste-start-response-returns-write.md
Rule:    start-response-returns-write (MUST), PEP 3333 "Specification Details":
         https://peps.python.org/pep-3333/#specification-details
Middleware: paste.exceptions.errormiddleware 3.5.2 (Debian python3-paste 3.5.2+repack-1).
Run:     /usr/bin/python3 docs/findings/repro/paste_start_response_returns_write.py
Calls the middleware in-process around a small application. The last line is DEVIATION: ... (exit 0)
or NOT REPRODUCED: ... (exit 1).
"""
import io
import sys

ENVIRON = {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '', 'PATH_INFO': '/', 'QUERY_STRING': '',
           'SERVER_NAME': 'localhost', 'SERVER_PORT': '80', 'SERVER_PROTOCOL': 'HTTP/1.1',
           'HTTP_HOST': 'localhost', 'HTTP_ACCEPT_ENCODING': 'gzip', 'REMOTE_ADDR': '127.0.0.1',
           'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b''),
           'wsgi.errors': io.StringIO(), 'wsgi.multithread': False, 'wsgi.multiprocess': False,
           'wsgi.run_once': False}
LOG = []


class Gateway(object):
    """A strict gateway as PEP 3333 describes one: a second start_response needs exc_info,
    and exc_info re-raises once body bytes were sent."""

    def __init__(self):
        self.calls, self.sent = 0, False

    def start_response(self, status, headers, exc_info=None):
        if exc_info and self.sent:
            raise exc_info[1].with_traceback(exc_info[2])
        if self.calls and not exc_info:
            raise AssertionError('start_response() called twice without exc_info')
        self.calls += 1
        LOG.append('gateway start_response(%r)' % status)
        return lambda data: LOG.append('gateway write(%r)' % data)

    def run(self, app, stop_after=None):
        result = app(dict(ENVIRON), self.start_response)
        LOG.append('middleware returned its iterable')
        try:
            for i, chunk in enumerate(result):
                if stop_after is not None and i >= stop_after:
                    break
                LOG.append('gateway got %r' % chunk[:40])
                self.sent = self.sent or bool(chunk)
        finally:
            if hasattr(result, 'close'):
                result.close()


def report(deviated, what, fine):
    print('\n'.join(LOG))
    print(('DEVIATION: ' + what) if deviated else ('NOT REPRODUCED: ' + fine))
    return 0 if deviated else 1


CONTROL_BODY = b'control: the application answered\n'


def control(wrap):
    """The control: `wrap` around a plain application answers a plain GET with that application's
    200 and body, so the verdict below never comes from a middleware that answers nothing at all."""
    import gzip
    statuses, body = [], []

    def plain(environ, start_response):
        start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(CONTROL_BODY)))])
        return [CONTROL_BODY]

    def start_response(status, headers, exc_info=None):
        statuses.append(status)
        return body.append

    try:
        result = wrap(plain)(dict(ENVIRON, **{'wsgi.input': io.BytesIO(b''), 'wsgi.errors': io.StringIO()}),
                             start_response)
        try:
            body.extend(result)
        finally:
            if hasattr(result, 'close'):
                result.close()
    except Exception as e:
        print('ERROR: the control failed: the middleware around a plain application raised %r' % (e,))
        sys.exit(2)
    data = b''.join(body)
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    if statuses[-1:] != ['200 OK'] or data != CONTROL_BODY:
        print('ERROR: the control failed: the middleware around a plain application answered %r %r' % (statuses, data))
        sys.exit(2)
    print('CONTROL ok: the middleware around a plain application answered it 200 with its body')

from paste.exceptions.errormiddleware import ErrorMiddleware

RETURNED = []


def inner(environ, start_response):
    RETURNED.append(start_response('200 OK', [('Content-Type', 'text/plain')]))
    LOG.append('inner application: start_response returned %r' % (RETURNED[0],))
    return [b'hello']


def main():
    control(lambda app: ErrorMiddleware(app, debug=False))
    Gateway().run(ErrorMiddleware(inner, debug=False))
    return report(not callable(RETURNED[0]),
                  "paste's ErrorMiddleware gave the application a start_response that returns %r, "
                  "not write()." % (RETURNED[0],),
                  "paste's ErrorMiddleware passed write() through.")

if __name__ == '__main__':
    sys.exit(main())
