"""The greeting with the Content-Length value left as a number.

What is wrong: header values must be str, so the length needs str(len(data)).
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', len(data)),
    ]
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
