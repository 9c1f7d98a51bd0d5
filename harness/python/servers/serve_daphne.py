"""Serve MODULE:CALLABLE with Daphne through asgiref: serve_daphne.py HOST PORT MODULE:CALLABLE.

Daphne speaks only ASGI; asgiref.wsgi.WsgiToAsgi is the adapter the Django/Channels world uses to
put a WSGI callable behind it. Daphne's defaults otherwise (no proxy headers trusted).
"""
from asgiref.wsgi import WsgiToAsgi
from daphne.server import Server

from _wsgiconf_serve import load_args

host, port, app = load_args()
Server(application=WsgiToAsgi(app), endpoints=['tcp:port=%d:interface=%s' % (port, host)], verbosity=0).run()
