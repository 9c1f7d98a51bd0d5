"""Reading environ defensively, for the probe: a server may put any type under any key (bytes,
an int, None, an object whose __repr__ raises), leave a key out, or pass a mapping whose
get() raises. The probe must still answer with what it observed (the exact types are
reported by the environ scenario and judged there); it never crashes on what it reads."""


def get(environ, key, default=None):
    """environ[key] as it is, whatever its type; `default` when missing or unreadable."""
    try:
        return environ.get(key, default)
    except Exception:
        try:
            return environ[key]
        except Exception:
            return default


def text(value, default=''):
    """A value as text for the probe's own use: str as is, bytes as latin-1, else `default`."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode('latin-1')
    return default


def header(environ, key, default=''):
    """A request header the suite sent to steer the probe (X-Probe-*), as text."""
    return text(get(environ, key), default)
