"""Send the first 30 lines of a text file that sits next to this script.

Shows that a list of bytes lines is already a valid WSGI body, how to find a
data file relative to __file__ (not the current directory), and how to add
up a Content-Length from several chunks.
"""
import os
from wsgiref.simple_server import make_server

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT_FILE = os.path.join(HERE, 'lines.txt')
MAX_LINES = 30


def application(environ, start_response):
    with open(TEXT_FILE, 'rb') as f:
        lines = f.readlines()[:MAX_LINES]
    headers = [
        ('Content-Type', 'text/plain; charset=utf-8'),
        ('Content-Length', str(sum(len(line) for line in lines))),
    ]
    start_response('200 OK', headers)
    return lines


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
