"""A middleware that rewrites the body by collecting it inside __call__: the server waits for the
whole response before it gets the iterable, and streaming applications stop streaming.

Certify it: npx wsgi-conformance middleware examples/buffers_in_call.py:middleware
"""


def middleware(app):
    def wrapped(environ, start_response):
        body = app(environ, start_response)
        try:
            # The mistake: iterating the application's body before returning.
            text = b''.join(body)
        finally:
            if hasattr(body, 'close'):
                body.close()
        return [text.replace(b'inner', b'outer')]
    return wrapped
