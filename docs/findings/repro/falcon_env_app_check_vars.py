#!/usr/bin/env python3
"""Falcon, rule env-app-check-vars: a standalone reproduction.

Finding: docs/findings/falcon-env-app-check-vars.md
Rule:    env-app-check-vars (SHOULD), PEP 3333 "environ Variables": https://peps.python.org/pep-3333/#environ-variables
App:     Falcon 3.1.1 (Debian python3-falcon 3.1.1-1+b1), a hello-world resource.
Run:     /usr/bin/python3 docs/findings/repro/falcon_env_app_check_vars.py
Calls the application in-process with the environ PEP 3333 requires for a request to the
root of an application mounted at /app (PATH_INFO is empty, so it is omitted, as the PEP
allows), then with PATH_INFO = ''. The last line is DEVIATION: ... (exit 0) or
NOT REPRODUCED: ... (exit 1).
"""
import io
import sys

import falcon


class Hello(object):
    def on_get(self, req, resp):
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = 'Hello from Falcon!\n'


app = falcon.App()
app.add_route('/', Hello())


def call(environ):
    """(status, body), or the exception that escaped from the application."""
    seen = []
    environ.update({'wsgi.input': io.BytesIO(b''), 'wsgi.errors': io.StringIO()})
    try:
        body = b''.join(app(environ, lambda status, headers, exc_info=None: seen.append(status)))
    except Exception as e:
        return e
    return seen[-1], body


def minimal():
    """The keys PEP 3333 requires; empty SCRIPT_NAME/PATH_INFO/QUERY_STRING may be omitted."""
    return {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '/app', 'SERVER_NAME': 'localhost', 'SERVER_PORT': '80',
            'SERVER_PROTOCOL': 'HTTP/1.0', 'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http',
            'wsgi.multithread': False, 'wsgi.multiprocess': False, 'wsgi.run_once': False}


def control():
    """The control: with PATH_INFO = '/', the application answers its page; else ERROR, exit 2."""
    answer = call(dict(minimal(), PATH_INFO='/'))
    if isinstance(answer, Exception) or not answer[0].startswith('200') or answer[1] != b'Hello from Falcon!\n':
        print("ERROR: the control failed: with PATH_INFO = '/' Falcon answered %r" % (answer,))
        sys.exit(2)
    print("CONTROL ok: with PATH_INFO = '/' Falcon answered %r" % (answer,))


def main():
    control()
    first = call(minimal())
    print('GET /app, PATH_INFO omitted:  %r' % (first,))
    second = call(dict(minimal(), PATH_INFO=''))
    print("GET /app, PATH_INFO = '':     %r" % (second,))
    if isinstance(first, KeyError) and first.args == ('PATH_INFO',) and not isinstance(second, Exception):
        print("DEVIATION: Falcon reads env['PATH_INFO'] without a fallback: with PATH_INFO omitted "
              "(allowed when empty) the application raises KeyError: 'PATH_INFO' instead of answering.")
        return 0
    print('NOT REPRODUCED: Falcon answered without PATH_INFO.')
    return 1


if __name__ == '__main__':
    sys.exit(main())
