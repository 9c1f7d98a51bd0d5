"""Serve MODULE:CALLABLE with Hypercorn: serve_hypercorn.py HOST PORT MODULE:CALLABLE.

Hypercorn is an ASGI server; its documented way to host a WSGI callable (before 0.14 gave the
CLI a WSGI mode) is hypercorn.middleware.AsyncioWSGIMiddleware, here on Hypercorn's asyncio
worker with its default configuration.
"""
import asyncio

from hypercorn.asyncio import serve
from hypercorn.config import Config
from hypercorn.middleware import AsyncioWSGIMiddleware

from _wsgiconf_serve import load_args

host, port, app = load_args()
config = Config()
config.bind = ['%s:%d' % (host, port)]
asyncio.run(serve(AsyncioWSGIMiddleware(app), config))
