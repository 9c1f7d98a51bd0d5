"""An application that catches its own error and answers 500.

Shows the PEP's error-handling pattern: the bug is trapped in the
application, start_response() is called from the except block with
sys.exc_info(), and whatever start_response() raises (it re-raises the error
if the headers were already sent) is left to propagate to the server.
"""
import sys
from wsgiref.simple_server import make_server

RATINGS = []  # nobody has voted yet


def average_rating():
    return sum(RATINGS) / len(RATINGS)  # ZeroDivisionError while RATINGS is empty


def application(environ, start_response):
    try:
        data = ('Average rating: %.1f\n' % average_rating()).encode('utf-8')
        status = '200 OK'
    except Exception:
        data = b'Sorry, the ratings cannot be shown right now.\n'
        headers = [
            ('Content-Type', 'text/plain'),
            ('Content-Length', str(len(data))),
        ]
        start_response('500 Internal Server Error', headers, sys.exc_info())
        return [data]
    headers = [
        ('Content-Type', 'text/plain'),
        ('Content-Length', str(len(data))),
    ]
    start_response(status, headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
