"""A greeting in French, its Content-Length counted before encoding.

What is wrong: len(text) counts characters, but the body is bytes: 'é' is two bytes in
UTF-8, so the stated length is one byte short and the client waits for the rest (or the
server cuts the response). Count the encoded bytes: str(len(body)).
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    text = 'Bonjour, ça va ?\n'
    start_response('200 OK', [
        ('Content-Type', 'text/plain; charset=utf-8'),
        ('Content-Length', str(len(text))),
    ])
    return [text.encode('utf-8')]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
