"""A POST handler that reads a fixed 64 KiB from the request body.

What is wrong: an application should not try to read more than CONTENT_LENGTH
bytes from wsgi.input (some servers would block, waiting for data that never
comes); read exactly int(CONTENT_LENGTH) bytes.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    if environ['REQUEST_METHOD'] == 'POST':
        received = environ['wsgi.input'].read(65536)
        data = b'You sent: ' + received + b'\n'
    else:
        data = b'Send me a POST request.\n'
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
    ]
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
