"""The greeting returned as one bare bytes object.

What is wrong: the application must return an iterable of bytes strings;
iterating over bare bytes gives ints, so wrap it in a list: [data].
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = b'Hello'
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
    ]
    start_response('200 OK', headers)
    return data


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
