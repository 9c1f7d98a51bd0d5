"""The greeting that logs each request to wsgi.errors, as bytes.

What is wrong: wsgi.errors is a text stream, so write() must be given a str,
not bytes.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    log_line = 'greeting requested by %s\n' % environ.get('REMOTE_ADDR', 'someone')
    environ['wsgi.errors'].write(log_line.encode('utf-8'))
    data = 'Hello my friend!'.encode('utf-8')
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
    ]
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
