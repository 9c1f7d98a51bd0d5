"""Probe scenario for generative testing: echo environ and wsgi.input exactly.

`fuzz-echo` answers 200 with JSON: every environ key with its exact Python type and full
value (str as text, bytes as latin-1), which keys copy os.environ, and the result of each
wsgi.input operation listed in X-Probe-Ops (`read:3,readline,readline:2,readlines,iter,read`).
The model in spec/model/ judges it; the probe only observes, defensively: any key or value
type, a value whose repr raises, an operation that raises or blocks, still gives an answer.

An operation that reads to the end of the body blocks forever on a server that does not
simulate EOF there; each runs in a worker thread and is reported as blocked after
X-Probe-Block-Ms (default 1000) so the request still gets its answer.
"""
import json
import os
import threading

from _wsgiconf_values import describe, error_info, safe_repr, type_name

CAP = 1 << 20


def _describe(value):
    try:
        return describe(value, cap=CAP)
    except BaseException as e:  # a hostile value must not cost the observation
        return {'t': 'unknown', 'r': '<describe raised %s>' % type(e).__name__}


def _describe_result(value):
    # describe() caps lists at 50 items of 200 chars; readlines() needs every line whole.
    if type(value) is list:
        return {'t': 'list', 'n': len(value), 'items': [_describe(i) for i in value]}
    return _describe(value)


def _os_key(key, value):
    try:
        return os.environ.get(key) == value
    except BaseException:
        return False


def observe_keys(environ):
    keys, os_keys, odd = {}, [], []
    try:
        items = list(environ.items())
    except BaseException as e:
        return {'keys': {}, 'osKeys': [], 'oddKeys': [], 'itemsError': error_info(e)}
    for key, value in items:
        if type(key) is not str:
            odd.append(safe_repr(key))
            continue
        keys[key] = _describe(value)
        if _os_key(key, value):
            os_keys.append(key)
    return {'keys': keys, 'osKeys': sorted(os_keys), 'oddKeys': odd}


def _parse_ops(text):
    for op in filter(None, (text or '').split(',')):
        name, _, arg = op.partition(':')
        yield name, ((int(arg),) if arg else ())


def _call(stream, name, args):
    if name == 'iter':
        return list(iter(stream))
    if name not in ('read', 'readline', 'readlines'):
        raise ValueError('unknown input operation %r' % name)
    return getattr(stream, name)(*args)


class Abandoned(BaseException):
    """Raised in a worker the probe gave up on, so it does not run on after the answer."""


def _abandon(worker):
    # A stream that spins once its connection is gone (cheroot's chunked reader at EOF) would
    # keep a thread busy for good, and each blocked exchange would slow the server further:
    # the abandoned worker gets an exception as soon as it runs Python code again (CPython).
    try:
        import ctypes
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(Abandoned))
    except Exception:
        pass


def run_ops(environ, text, block_ms):
    """Runs the operations one after another in a worker thread; stops at one that blocks."""
    ops = list(_parse_ops(text))
    results = []
    if not ops:
        return results
    try:
        stream = environ['wsgi.input']
    except BaseException as e:
        return [{'op': ops[0][0], 'error': error_info(e)}]
    for name, args in ops:
        box = {}
        done = threading.Event()

        def work(name=name, args=args, box=box, done=done):
            try:
                box['value'] = _describe_result(_call(stream, name, args))
            except BaseException as e:
                box['error'] = error_info(e)
            finally:
                done.set()

        worker = threading.Thread(target=work)
        worker.daemon = True
        worker.start()
        if not done.wait(block_ms / 1000.0):
            results.append({'op': name, 'blocked': True})
            _abandon(worker)
            break
        results.append(dict(op=name, **box))
        if 'error' in box:
            break
    return results


def fuzz_echo_scenario(environ, start_response, rec):
    obs = observe_keys(environ)
    try:
        block_ms = int(environ.get('HTTP_X_PROBE_BLOCK_MS') or 1000)
    except (TypeError, ValueError):
        block_ms = 1000
    ops = environ.get('HTTP_X_PROBE_OPS')
    obs['ops'] = run_ops(environ, ops if isinstance(ops, str) else '', block_ms)
    obs['environType'] = type_name(environ)
    body = json.dumps(obs, ensure_ascii=True, default=safe_repr).encode('ascii')
    rec.emit('fuzz-echo', ops=len(obs['ops']))
    start_response('200 OK', [('Content-Type', 'application/json'), ('Content-Length', str(len(body)))])
    return [body]


SCENARIOS = {
    'fuzz-echo': fuzz_echo_scenario,
}
