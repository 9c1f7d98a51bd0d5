"""The greeting without a call to start_response.

What is wrong: the body is returned without ever calling start_response(), so
the server has no status and no headers to send before it.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
