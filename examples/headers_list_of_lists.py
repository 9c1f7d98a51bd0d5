"""The greeting with each header written as a two-item list.

What is wrong: each header must be a (name, value) tuple, not a [name, value]
list.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    headers = [
        ['Content-Type', 'text/plain'],
        ['Content-Length', str(len(data))],
    ]
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
