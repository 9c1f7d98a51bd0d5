"""Serve MODULE:CALLABLE with paste.httpserver: serve_paste.py HOST PORT MODULE:CALLABLE."""
from paste import httpserver

from _wsgiconf_serve import load_args

host, port, app = load_args()
httpserver.serve(app, host=host, port=str(port))
