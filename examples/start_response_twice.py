"""The greeting that adds a header by calling start_response a second time.

What is wrong: start_response() may be called only once per request (unless
it is being given exc_info from an error handler); build the full header list
first and call it once.
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    data = 'Hello my friend!'.encode('utf-8')
    headers = [('Content-Type', 'text/plain')]
    start_response('200 OK', headers)
    # Oops, the length was forgotten: "send" the headers again with it.
    start_response('200 OK', headers + [('Content-Length', str(len(data)))])
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
