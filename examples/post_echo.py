"""A form that posts to itself and shows what was sent.

Shows how to read a request body safely: CONTENT_LENGTH may be missing or
empty, and exactly that many bytes are read from wsgi.input, never more. The
fields are parsed with urllib.parse and every value is HTML-escaped before it
goes into the page.
"""
import html
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

FORM = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Echo</title></head>
<body>
<form method="post">
  <p>Name: <input type="text" name="name"></p>
  <p>Language: <input type="text" name="lang"></p>
  <p><input type="submit" value="Send"></p>
</form>
{result}
</body>
</html>
"""


def read_body(environ):
    try:
        length = int(environ.get('CONTENT_LENGTH') or 0)
    except ValueError:
        length = 0
    if length <= 0:
        return b''
    return environ['wsgi.input'].read(length)


def application(environ, start_response):
    result = ''
    if environ['REQUEST_METHOD'] == 'POST':
        fields = parse_qs(read_body(environ).decode('latin-1'), encoding='utf-8')
        items = ''.join(
            '<li>%s: %s</li>' % (html.escape(name), html.escape(', '.join(values)))
            for name, values in sorted(fields.items()))
        result = '<p>You sent:</p><ul>%s</ul>' % (items or '<li>nothing</li>')
    data = FORM.format(result=result).encode('utf-8')
    headers = [
        ('Content-Type', 'text/html; charset=utf-8'),
        ('Content-Length', str(len(data))),
    ]
    start_response('200 OK', headers)
    return [data]


httpd = make_server('localhost', 8051, application)
httpd.serve_forever()
