"""Echo the requested path and query, read with environ['PATH_INFO'].

What is wrong: PATH_INFO and QUERY_STRING may be left out of environ when they
are empty, so indexing them raises KeyError; use environ.get('PATH_INFO', '').
"""
from wsgiref.simple_server import make_server


def application(environ, start_response):
    path = environ['PATH_INFO']
    query = environ['QUERY_STRING']
    # PATH_INFO holds the raw URL bytes as latin-1 characters: undo that,
    # then decode them as UTF-8.
    text = path.encode('latin-1').decode('utf-8', 'replace')
    if query:
        text += '?' + query
    data = ('You asked for %s\n' % text).encode('utf-8')
    headers = [
        ('Content-Type', 'text/plain; charset=utf-8'),
        ('Content-Length', str(len(data))),
    ]
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
