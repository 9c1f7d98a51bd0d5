"""A timing middleware whose iterator wrapper forgets to pass close() on to the application's
iterable, so the application's cleanup (database sessions, open files) never runs.

Certify it: npx wsgi-conformance middleware examples/forgot_close.py:middleware
"""
import time


class Timed(object):
    def __init__(self, body, environ):
        self.body, self.environ = iter(body), environ
        self.started = time.monotonic()

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.body)

    # The mistake: no close() that calls the wrapped iterable's close().


def middleware(app):
    def wrapped(environ, start_response):
        return Timed(app(environ, start_response), environ)
    return wrapped
