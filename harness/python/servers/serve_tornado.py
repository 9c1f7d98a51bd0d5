"""Serve MODULE:CALLABLE with tornado.wsgi.WSGIContainer: serve_tornado.py HOST PORT MODULE:CALLABLE.

The shape of Tornado's own WSGIContainer example: one HTTPServer on the asyncio loop.
"""
import asyncio

from tornado.httpserver import HTTPServer
from tornado.wsgi import WSGIContainer

from _wsgiconf_serve import load_args

host, port, app = load_args()


async def main():
    HTTPServer(WSGIContainer(app)).listen(port, address=host)
    await asyncio.Event().wait()


asyncio.run(main())
