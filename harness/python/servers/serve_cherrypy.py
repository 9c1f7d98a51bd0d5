"""Serve MODULE:CALLABLE with CherryPy: serve_cherrypy.py HOST PORT MODULE:CALLABLE.

cherrypy.tree.graft() mounts a foreign WSGI callable on CherryPy's engine and server (cheroot
underneath, driven by CherryPy's own configuration). The 'production' environment is what
CherryPy documents for deployment: no autoreloader watching files, no request logging to screen.
"""
import cherrypy

from _wsgiconf_serve import load_args

host, port, app = load_args()
cherrypy.config.update({'environment': 'production', 'server.socket_host': host, 'server.socket_port': port})
cherrypy.tree.graft(app, '')
cherrypy.engine.signals.subscribe()
cherrypy.engine.start()
cherrypy.engine.block()
