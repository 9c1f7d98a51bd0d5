"""Serve MODULE:CALLABLE with aiohttp-wsgi: serve_aiohttp_wsgi.py HOST PORT MODULE:CALLABLE.

aiohttp_wsgi.serve() is what its `aiohttp-wsgi-serve` command calls (Debian ships the module
without that script): the WSGI callable on aiohttp's server, with aiohttp-wsgi's defaults.
"""
import logging

from aiohttp_wsgi import serve

from _wsgiconf_serve import load_args

host, port, app = load_args()
logging.basicConfig(level=logging.ERROR)
serve(app, host=host, port=port)
