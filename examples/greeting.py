"""The first WSGI application: a plain-text greeting.

Shows the whole contract in a few lines: call start_response() with a status
string and a list of (name, value) header tuples, then return an iterable
(here a one-item list) of bytes, with a Content-Length that counts bytes.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    body = 'Hello my friend!'
    data = body.encode('utf-8')
    status = '200 OK'
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
    ]
    start_response(status, headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
