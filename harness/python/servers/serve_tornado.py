"""Serve MODULE:CALLABLE with tornado.wsgi.WSGIContainer: serve_tornado.py HOST PORT MODULE:CALLABLE.

The shape of Tornado's own WSGIContainer example: one HTTPServer on the asyncio loop.
"""
import asyncio

from tornado.httpserver import HTTPServer
from tornado.wsgi import WSGIContainer

from _wsgiconf_serve import load_args, tls_context

host, port, app = load_args()


async def main():
    # With --tls: ssl_options takes an ssl.SSLContext (Tornado's HTTPServer documentation).
    HTTPServer(WSGIContainer(app), ssl_options=tls_context()).listen(port, address=host)
    await asyncio.Event().wait()


asyncio.run(main())
