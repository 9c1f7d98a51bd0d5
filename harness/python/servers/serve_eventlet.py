"""Serve MODULE:CALLABLE with eventlet.wsgi: serve_eventlet.py HOST PORT MODULE:CALLABLE.

Monkey-patching first, as eventlet documents, so the application runs the way eventlet
deployments run it.
"""
import eventlet

eventlet.monkey_patch()

import eventlet.wsgi  # noqa: E402

from _wsgiconf_serve import load_args  # noqa: E402

host, port, app = load_args()
eventlet.wsgi.server(eventlet.listen((host, port)), app)
