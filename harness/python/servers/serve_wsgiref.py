"""Serve MODULE:CALLABLE with the stdlib reference server: serve_wsgiref.py HOST PORT MODULE:CALLABLE."""
from wsgiref.simple_server import make_server

from _wsgiconf_serve import load_args

host, port, app = load_args()
make_server(host, port, app).serve_forever()
