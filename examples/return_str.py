"""The greeting returned as one bare str.

What is wrong: the application must return an iterable of bytes strings, not
a str (iterating a str gives single characters): return [body.encode()].
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    body = 'Hello my friend!'
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(body.encode('utf-8')))),
    ]
    start_response('200 OK', headers)
    return body


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
