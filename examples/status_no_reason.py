"""The greeting with a status code but no reason phrase.

What is wrong: the status should be the code, one space and a reason phrase
('200 OK'), not the bare code '200'.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
    ]
    start_response('200', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
