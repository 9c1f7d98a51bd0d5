"""A gzip middleware that compresses the body but passes the application's Content-Length on.

Certify it: npx wsgi-conformance middleware examples/gzip_keeps_content_length.py:middleware
"""
import zlib


def middleware(app):
    def wrapped(environ, start_response):
        if 'gzip' not in environ.get('HTTP_ACCEPT_ENCODING', ''):
            return app(environ, start_response)

        def gzip_start_response(status, headers, exc_info=None):
            # The mistake: the Content-Length header still counts the uncompressed body.
            return start_response(status, headers + [('Content-Encoding', 'gzip')], exc_info)

        return compressed(app(environ, gzip_start_response))
    return wrapped


def compressed(body):
    gz = zlib.compressobj(6, zlib.DEFLATED, 31)
    try:
        for chunk in body:
            yield gz.compress(chunk)
        yield gz.flush()
    finally:
        if hasattr(body, 'close'):
            body.close()
