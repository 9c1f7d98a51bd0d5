"""Links a response offers, for --crawl: href, src and action in an HTML body, and the
Location of a redirect. The TypeScript side keeps those of the same application."""
from html.parser import HTMLParser

MAX_BODY = 1024 * 1024  # enough for any page worth crawling; the rest is not parsed
_ATTRS = ('href', 'src', 'action')


class _Links(HTMLParser):
    def __init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in _ATTRS and value:
                self.found.append(value.strip())

    handle_startendtag = handle_starttag


def _headers(gw_events):
    """The response headers of the last accepted start_response call, as (name, value) strs."""
    headers = []
    for event in gw_events:
        if event.get('type') == 'start-response' and event.get('result') == 'ok':
            items = (event['args'][1:2] or [event['kwargs'].get('response_headers', {})])[0].get('items', [])
            headers = [tuple(i.get('v', '') for i in pair.get('items', [])) for pair in items]
    return [h for h in headers if len(h) == 2]


class Collector(object):
    """Attached to one Gateway: keeps the body and the events needed to find its links."""

    def __init__(self, gw):
        self.body = bytearray()
        self.events = []
        emit = gw._emit

        def keep(event):
            if event.get('type') == 'start-response':
                self.events.append(event)
            emit(event)
        gw._emit = keep
        gw.body_sink = self.take

    def take(self, data):
        if isinstance(data, (bytes, bytearray)) and len(self.body) < MAX_BODY:
            self.body += data[:MAX_BODY - len(self.body)]

    def links(self):
        headers = _headers(self.events)
        found = [v for n, v in headers if n.lower() == 'location']
        ctype = ' '.join(v for n, v in headers if n.lower() == 'content-type').lower()
        if 'html' in ctype:
            charset = 'utf-8'
            if 'charset=' in ctype:
                charset = ctype.split('charset=', 1)[1].split(';')[0].strip() or charset
            try:
                text = bytes(self.body).decode(charset, 'replace')
            except LookupError:
                text = bytes(self.body).decode('utf-8', 'replace')
            parser = _Links()
            try:
                parser.feed(text)
                parser.close()
            except Exception:  # a broken page still gives the links found before the error
                pass
            found += parser.found
        return found[:500]
