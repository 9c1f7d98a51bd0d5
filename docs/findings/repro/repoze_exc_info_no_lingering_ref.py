#!/usr/bin/env python3
"""repoze.who 2.2, rule exc-info-no-lingering-ref: a standalone reproduction.

Finding: docs/findings/repoze-exc-info-no-lingering-ref.md
Rule:    exc-info-no-lingering-ref (SHOULD), PEP 3333 "The start_response() Callable":
         https://peps.python.org/pep-3333/#the-start-response-callable
Middleware: repoze.who 2.2 (Debian python3-repoze.who 2.2-4).
Run:     /usr/bin/python3 docs/findings/repro/repoze_exc_info_no_lingering_ref.py
Calls the middleware in-process around a small application. The last line is DEVIATION: ... (exit 0)
or NOT REPRODUCED: ... (exit 1).
"""
import gc
import io
import sys
import weakref

ENVIRON = {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '', 'PATH_INFO': '/', 'QUERY_STRING': '',
           'SERVER_NAME': 'localhost', 'SERVER_PORT': '80', 'SERVER_PROTOCOL': 'HTTP/1.1',
           'HTTP_HOST': 'localhost', 'REMOTE_ADDR': '127.0.0.1',
           'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b''),
           'wsgi.errors': io.StringIO(), 'wsgi.multithread': False, 'wsgi.multiprocess': False,
           'wsgi.run_once': False}
LOG = []


class AppError(Exception):
    """Instances take weak references."""


def gateway_start_response(status, headers, exc_info=None):
    LOG.append('gateway start_response(%r)' % status)
    return lambda data: None


def replace_with_exc_info(start_response):
    """start_response(..., exc_info) before anything was sent; a weak reference to the exception."""
    try:
        raise AppError('application failed before its first chunk')
    except AppError as e:
        ref = weakref.ref(e)
        start_response('500 Internal Server Error', [('Content-Type', 'text/plain')], sys.exc_info())
    return ref


def inner(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    gc.disable()  # a collection could hide a reference cycle through the traceback
    try:
        ref = replace_with_exc_info(start_response)
        alive = ref() is not None
    finally:
        gc.enable()
    LOG.append('start_response(..., exc_info) returned; the application dropped the exception')
    LOG.append('exception still alive: %s' % alive)
    if alive:
        LOG.append('held by: %s' % ', '.join(type(r).__name__ for r in gc.get_referrers(ref())))
    ALIVE.append(alive)
    return [b'error page']


ALIVE = []

from repoze.who.classifiers import default_challenge_decider, default_request_classifier  # noqa: E402
from repoze.who.middleware import PluggableAuthenticationMiddleware  # noqa: E402
from repoze.who.plugins.basicauth import BasicAuthPlugin  # noqa: E402


def who(app):
    basic = BasicAuthPlugin('repro')
    return PluggableAuthenticationMiddleware(
        app, identifiers=[('basic', basic)], authenticators=[], challengers=[('basic', basic)],
        mdproviders=[], request_classifier=default_request_classifier,
        challenge_decider=default_challenge_decider)


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


def main():
    control(who)
    result = who(inner)(dict(ENVIRON), gateway_start_response)
    for chunk in result:
        LOG.append('gateway got %r' % chunk)
    if hasattr(result, 'close'):
        result.close()
    print('\n'.join(LOG))
    if ALIVE and ALIVE[0]:
        print("DEVIATION: repoze.who's start_response kept exc_info after it returned: the exception stayed alive.")
        return 0
    print("NOT REPRODUCED: repoze.who's start_response dropped exc_info when it returned.")
    return 1


if __name__ == '__main__':
    sys.exit(main())
