"""Strict wsgi.input / wsgi.errors / wsgi.file_wrapper for the in-process gateway.

They offer exactly the methods PEP 3333 lists ("Input and Error Streams") and record every
use; any other attribute, and close(), is reported as misuse (input-app-listed-methods-only,
input-app-no-close) instead of being silently allowed.
"""
import io


class _Strict(object):
    __slots__ = ('_gw', '_name')
    _allowed = ()

    def __getattr__(self, name):
        # Only reached for attributes the object does not define: the app used one
        # PEP 3333 does not list for this stream.
        self._gw.misuse(self._name, name)
        raise AttributeError('%s has no attribute %r (PEP 3333 lists only %s)'
                             % (self._name, name, ', '.join(self._allowed)))

    def close(self):
        self._gw.misuse(self._name, 'close')


class StrictInput(_Strict):
    __slots__ = ('_io', '_limit')
    _allowed = ('read', 'readline', 'readlines', '__iter__')

    def __init__(self, gw, body, content_length):
        self._gw = gw
        self._name = 'input'
        self._limit = content_length
        # Note 1: simulate EOF at CONTENT_LENGTH, never hand out more.
        self._io = io.BytesIO(body if content_length is None else body[:content_length])

    def _remaining(self):
        return None if self._limit is None else self._limit - self._io.tell()

    def _call(self, method, args):
        remaining = self._remaining()
        result = getattr(self._io, method)(*args)
        self._gw.emit_input(method, args, result, remaining)
        return result

    def read(self, *args):
        return self._call('read', args)

    def readline(self, *args):
        return self._call('readline', args)

    def readlines(self, *args):
        return self._call('readlines', args)

    def __iter__(self):
        return self

    def __next__(self):
        line = self._call('readline', ())
        if not line:
            raise StopIteration
        return line


class StrictErrors(_Strict):
    __slots__ = ()
    _allowed = ('write', 'writelines', 'flush')

    def __init__(self, gw):
        self._gw = gw
        self._name = 'errors'

    def write(self, *args):
        self._gw.emit_errors('write', args)

    def writelines(self, *args):
        if len(args) == 1:
            try:
                args = (list(args[0]),)
            except TypeError:
                pass
        self._gw.emit_errors('writelines', args)

    def flush(self, *args):
        self._gw.emit_errors('flush', args)


class FileWrapper(object):
    """wsgi.file_wrapper as PEP 3333 describes it (Optional Platform-Specific File Handling)."""

    def __init__(self, filelike, blksize=8192):
        self.filelike = filelike
        self.blksize = blksize
        if hasattr(filelike, 'close'):
            self.close = filelike.close

    def __iter__(self):
        return self

    def __next__(self):
        data = self.filelike.read(self.blksize)
        if data:
            return data
        raise StopIteration


def file_wrapper_factory(gw):
    def file_wrapper(*args):
        gw.emit_file_wrapper(args)
        return FileWrapper(*args)
    return file_wrapper
