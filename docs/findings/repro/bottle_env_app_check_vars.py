#!/usr/bin/env python3
"""Bottle, rule env-app-check-vars: a standalone reproduction.

Finding: docs/findings/bottle-env-app-check-vars.md
Rule:    env-app-check-vars (SHOULD), PEP 3333 "environ Variables": https://peps.python.org/pep-3333/#environ-variables
App:     Bottle 0.12.23 (Debian python3-bottle 0.12.23-1.1), a hello-world route on its own Bottle().
Run:     /usr/bin/python3 docs/findings/repro/bottle_env_app_check_vars.py
Calls the application in-process with the environ PEP 3333 requires for a request to the
root of an application mounted at /app (PATH_INFO is empty, so it is omitted, as the PEP
allows), then with PATH_INFO = ''. The last line is DEVIATION: ... (exit 0) or
NOT REPRODUCED: ... (exit 1).
"""
import io
import sys

import bottle

app = bottle.Bottle()


@app.route('/')
def hello():
    return 'Hello from Bottle!\n'


def call(environ):
    """(status, body, what the application wrote to wsgi.errors)."""
    errors, seen = io.StringIO(), []
    environ.update({'wsgi.input': io.BytesIO(b''), 'wsgi.errors': errors})
    body = b''.join(app(environ, lambda status, headers, exc_info=None: seen.append(status)))
    return seen[-1], body, errors.getvalue()


def minimal():
    """The keys PEP 3333 requires; empty SCRIPT_NAME/PATH_INFO/QUERY_STRING may be omitted."""
    return {'REQUEST_METHOD': 'GET', 'SCRIPT_NAME': '/app', 'SERVER_NAME': 'localhost', 'SERVER_PORT': '80',
            'SERVER_PROTOCOL': 'HTTP/1.0', 'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http',
            'wsgi.multithread': False, 'wsgi.multiprocess': False, 'wsgi.run_once': False}


def control():
    """The control: with PATH_INFO = '/', the application answers its page; else ERROR, exit 2."""
    status, body, errors = call(dict(minimal(), PATH_INFO='/'))
    if not status.startswith('200') or body != b'Hello from Bottle!\n':
        print("ERROR: the control failed: with PATH_INFO = '/' Bottle answered %s %r %s" % (status, body, errors))
        sys.exit(2)
    print("CONTROL ok: with PATH_INFO = '/' Bottle answered %s %r" % (status, body))


def main():
    control()
    status, body, errors = call(minimal())
    print('GET /app, PATH_INFO omitted:  %s' % status)
    print('  wsgi.errors: %s' % (errors.strip().splitlines() or ['(nothing)'])[-1])
    status2, body2, _ = call(dict(minimal(), PATH_INFO=''))
    print("GET /app, PATH_INFO = '':     %s %r" % (status2, body2))
    if status.startswith('500') and "KeyError: 'PATH_INFO'" in errors and status2.startswith('200'):
        print("DEVIATION: Bottle reads environ['PATH_INFO'] without a fallback: with PATH_INFO omitted "
              "(allowed when empty) the root of the application answers 500 instead of its page.")
        return 0
    print('NOT REPRODUCED: Bottle answered %s without PATH_INFO.' % status)
    return 1


if __name__ == '__main__':
    sys.exit(main())
