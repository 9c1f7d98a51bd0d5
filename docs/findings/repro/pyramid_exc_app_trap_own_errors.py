#!/usr/bin/env python3
"""Pyramid, rule exc-app-trap-own-errors: a standalone reproduction.

Finding: docs/findings/pyramid-exc-app-trap-own-errors.md
Rule:    exc-app-trap-own-errors (SHOULD), PEP 3333 "Error Handling": https://peps.python.org/pep-3333/#error-handling
App:     Pyramid 2.0 (Debian python3-pyramid 2.0+dfsg-2+deb12u1), a view that raises.
Run:     /usr/bin/python3 docs/findings/repro/pyramid_exc_app_trap_own_errors.py
Calls the application in-process for GET /. The last line is DEVIATION: ... (exit 0) or
NOT REPRODUCED: ... (exit 1).
"""
import io
import sys

from pyramid.config import Configurator


def broken(request):
    raise RuntimeError('deliberate failure in a view')


def plain(request):
    from pyramid.response import Response
    return Response(b'control: the application answered\n', content_type='text/plain')


with Configurator() as config:
    config.add_route('home', '/')
    config.add_view(broken, route_name='home')
    config.add_route('control', '/repro-control')
    config.add_view(plain, route_name='control')
    app = config.make_wsgi_app()


def control(app, name):
    """The control: `app` answers a plain GET with its 200 and body; else ERROR, exit 2."""
    environ = {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '', 'PATH_INFO': '/repro-control', 'SERVER_NAME': 'localhost',
               'SERVER_PORT': '80', 'SERVER_PROTOCOL': 'HTTP/1.1', 'HTTP_HOST': 'localhost',
               'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b''),
               'wsgi.errors': io.StringIO(), 'wsgi.multithread': False, 'wsgi.multiprocess': False,
               'wsgi.run_once': False}
    seen = []
    try:
        body = b''.join(app(environ, lambda status, headers, exc_info=None: seen.append(status)))
    except Exception as e:
        print('ERROR: the control failed: GET /repro-control raised %r out of %s' % (e, name))
        sys.exit(2)
    if seen[-1:] != ['200 OK'] or body != b'control: the application answered\n':
        print('ERROR: the control failed: %s answered GET /repro-control with %r %r' % (name, seen, body))
        sys.exit(2)
    print('CONTROL ok: %s answered a plain GET /repro-control with %s' % (name, seen[-1]))


def main():
    control(app, 'the Pyramid application')
    environ = {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '', 'PATH_INFO': '/', 'SERVER_NAME': 'localhost',
               'SERVER_PORT': '80', 'SERVER_PROTOCOL': 'HTTP/1.1', 'HTTP_HOST': 'localhost',
               'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b''),
               'wsgi.errors': io.StringIO(), 'wsgi.multithread': False, 'wsgi.multiprocess': False,
               'wsgi.run_once': False}
    seen = []
    try:
        body = b''.join(app(environ, lambda status, headers, exc_info=None: seen.append(status)))
    except RuntimeError as e:
        print('GET /: %s: %s escaped from the WSGI application (start_response calls: %r)' % (type(e).__name__, e,
                                                                                              seen))
        print('DEVIATION: Pyramid lets an exception of a view propagate out of the WSGI application '
              'instead of trapping it and answering with an error page.')
        return 0
    print('GET /: %s %r' % (seen, body[:80]))
    print('NOT REPRODUCED: Pyramid answered with an error page.')
    return 1


if __name__ == '__main__':
    sys.exit(main())
