"""Describing Python values with their exact types, for the runner's and the probe's traces."""
import traceback

TEXT_CAP = 2000


def type_name(x):
    t = type(x)
    mod = getattr(t, '__module__', 'builtins')
    name = getattr(t, '__qualname__', t.__name__)
    return name if mod == 'builtins' else mod + '.' + name


def safe_repr(x):
    try:
        r = repr(x)
    except BaseException as e:  # a hostile __repr__ must not kill the runner
        r = '<repr raised %s>' % type(e).__name__
    return r[:TEXT_CAP]


def describe(x, depth=0, cap=TEXT_CAP):
    """A TypedValue: exact type plus enough content to explain a finding."""
    d = {'t': type_name(x)}
    if isinstance(x, str):
        d['v'] = x[:cap]
        d['n'] = len(x)
        if len(x) > cap:
            d['trunc'] = True
    elif isinstance(x, (bytes, bytearray, memoryview)):
        b = bytes(x[:cap])
        d['v'] = b.decode('latin-1')
        d['n'] = len(x)
        if len(x) > cap:
            d['trunc'] = True
    elif isinstance(x, (tuple, list)) and depth < 3:
        d['n'] = len(x)
        d['items'] = [describe(i, depth + 1, 200) for i in list(x)[:50]]
        if len(x) > 50:
            d['trunc'] = True
    else:
        if isinstance(x, dict):
            d['n'] = len(x)
        if isinstance(x, BaseException):
            d['exc'] = True
        d['r'] = safe_repr(x)
    return d


def error_info(e):
    return {
        'type': type_name(e),
        'message': str_or_repr(e),
        'traceback': ''.join(traceback.format_exception(type(e), e, e.__traceback__))[-6000:],
    }


def str_or_repr(e):
    try:
        return str(e)[:TEXT_CAP]
    except BaseException:
        return safe_repr(e)
