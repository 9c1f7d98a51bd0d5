"""Serve MODULE:CALLABLE with the HTTP server of Mercurial's `hg serve`: serve_hg.py HOST PORT MODULE:CALLABLE.

`hg serve` hosts hgweb on mercurial.hgweb.server, a WSGI gateway of its own over http.server;
create_server() is the call `hg serve` makes, given any WSGI callable in place of hgweb.
"""
from mercurial import ui as uimod
from mercurial.hgweb import server

from _wsgiconf_serve import load_args

host, port, app = load_args()
ui = uimod.ui.load()
ui.setconfig(b'web', b'address', host.encode('ascii'), b'wsgi-conformance')
ui.setconfig(b'web', b'port', str(port).encode('ascii'), b'wsgi-conformance')
server.create_server(ui, app).serve_forever()
