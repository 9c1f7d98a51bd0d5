"""The greeting sent through the write() callable that start_response returns.

Shows the old push style, used correctly: write() takes bytes, is called
before the application returns, and the application still returns an
iterable (an empty list). It works, but new code should return the body.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
    ]
    write = start_response('200 OK', headers)
    write(data)
    return []


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
