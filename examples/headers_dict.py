"""The greeting with its headers written as a dict.

What is wrong: response headers must be a list of (name, value) tuples, not
a dict (a list keeps order and allows repeated names such as Set-Cookie).
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    headers = {
        'Content-Type': 'text/plain',
        'Content-Length': str(len(data)),
    }
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
