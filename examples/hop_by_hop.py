"""The greeting that asks for the connection to be closed.

What is wrong: Connection is a hop-by-hop header, and only the server may
manage the connection, so an application must not send it.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
        ('Connection', 'close'),
    ]
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
