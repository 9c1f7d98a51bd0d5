"""Probe scenarios about the returned iterable, concurrency flags and start_response details."""
import os
import sys
import threading
import time

from _wsgiconf_probe_scenarios import answer, headers
from _wsgiconf_probe_read import get, header
from _wsgiconf_values import error_info


def sleep_scenario(environ, start_response, rec):
    """Sleeps so overlapping requests show how the server runs them (env-multithread/-process/-run_once)."""
    started = time.time()
    try:
        time.sleep(float(header(environ, 'HTTP_X_PROBE_SLEEP', '0.4')))
    except ValueError:
        time.sleep(0.4)
    obs = {'pid': os.getpid(), 'thread': threading.get_ident(), 'start': started, 'end': time.time(),
           'multithread': get(environ, 'wsgi.multithread'), 'multiprocess': get(environ, 'wsgi.multiprocess'),
           'runOnce': get(environ, 'wsgi.run_once')}
    rec.emit('slept', **obs)
    return answer(start_response, obs)


class GetItemOnly(object):
    """Iterable through __getitem__ only, like the PEP's own FileWrapper example (body-getitem-iterable)."""

    def __init__(self, chunks):
        self.chunks = chunks

    def __getitem__(self, i):
        return self.chunks[i]  # IndexError ends iteration


def getitem_scenario(environ, start_response, rec):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return GetItemOnly([b'get', b'item'])


class Watched(object):
    """Records every attribute the server looks up beyond iteration, close and len."""

    def __init__(self, rec):
        self._rec = rec

    def __iter__(self):
        return iter([b'watched'])

    def __len__(self):
        return 1

    def close(self):
        pass

    def __getattr__(self, name):
        self._rec.emit('attribute', name=name)
        raise AttributeError(name)


def attributes_scenario(environ, start_response, rec):
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '7')])
    return Watched(rec)


class Counted(object):
    """Records each item pulled and close(); the declared Content-Length ends before the items do."""

    def __init__(self, rec, chunks):
        self.rec, self.chunks, self.closed = rec, chunks, 0

    def __iter__(self):
        for i, chunk in enumerate(self.chunks):
            self.rec.emit('item-pulled', index=i, afterClose=self.closed > 0)
            yield chunk

    def close(self):
        self.closed += 1
        self.rec.emit('close', count=self.closed)


def content_length_scenario(environ, start_response, rec):
    """Content-Length 5, items b'12345', b'EXTRA', b'MORE': the server should stop after the first."""
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '5')])
    return Counted(rec, [b'12345', b'EXTRA', b'MORE'])


def write_excess_scenario(environ, start_response, rec):
    """write() past the declared Content-Length should raise (write-cl-excess-error). The
    excess comes while the client still waits for declared bytes (5 of 10 sent), so it cannot
    have left yet and a broken pipe cannot pass for the server's check."""
    write = start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', '10')])
    if not callable(write):  # start-response-returns-write reports it; nothing to judge here
        rec.emit('excess-write', outcome='no-write-callable', returned=type(write).__name__)
        return [b'no-write']
    write(b'12345')
    try:
        write(b'67890EXTRA')
        rec.emit('excess-write', outcome='returned')
    except Exception as e:
        rec.emit('excess-write', outcome='raised', error=error_info(e))
    return []


def store_then_check_scenario(environ, start_response, rec):
    """After a start_response call that raised, a call without exc_info must fail too."""
    obs = {}
    try:
        start_response('200 OK', headers(('Connection', 'close')))
        obs['first'] = 'returned'
    except Exception:
        obs['first'] = 'raised'
        try:
            start_response('200 OK', headers())
            obs['second'] = 'returned'
        except Exception as e:
            obs['second'] = 'raised'
            obs['secondError'] = error_info(e)
            start_response('200 OK', headers(), sys.exc_info())
    rec.emit('store-then-check', **obs)
    return [b'{}']


def raise_scenario(environ, start_response, rec):
    """The application raises before any output: the server should answer 500 and go on serving."""
    raise RuntimeError('probe: application error before any output (expected by the test)')


SCENARIOS = {
    'sleep': sleep_scenario,
    'getitem': getitem_scenario,
    'attributes': attributes_scenario,
    'content-length': content_length_scenario,
    'write-excess': write_excess_scenario,
    'store-then-check': store_then_check_scenario,
    'raise': raise_scenario,
}
