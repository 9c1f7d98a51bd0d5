"""Serve MODULE:CALLABLE with Werkzeug's development server: serve_werkzeug.py HOST PORT MODULE:CALLABLE.

threaded=True is what `flask run` uses; reloader and debugger stay off (their defaults).
"""
from werkzeug.serving import run_simple

from _wsgiconf_serve import load_args, tls_files

host, port, app = load_args()
# With --tls: ssl_context=(cert, key), as the documentation of run_simple shows.
run_simple(host, port, app, threaded=True, ssl_context=tls_files())
