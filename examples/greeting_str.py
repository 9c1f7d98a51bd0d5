"""The greeting again, but the body is returned as text.

What is wrong: the list holds a str, and under Python 3 every body item must
be bytes (encode it first: body.encode('utf-8')).
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    body = 'Hello my friend!'
    status = '200 OK'
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(body))),
    ]
    start_response(status, headers)
    return [body]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
