"""How runner.py talks to the harness: JSON lines over two file descriptors (CPython in a
child process), or one command at a time through a callback (Pyodide in a worker, where
there are no pipes). Both carry the same protocol; only the framing differs.
"""
import json
import os


def encode(event):
    return json.dumps(event, ensure_ascii=True, separators=(',', ':'))


class PipeChannel(object):
    """Commands read from in_fd, events written to out_fd, one JSON object a line."""

    def __init__(self, in_fd, out_fd):
        for fd in (in_fd, out_fd):
            try:
                os.set_inheritable(fd, False)  # children of the app must not hold our pipe
            except OSError:
                pass
        self.inp = os.fdopen(in_fd, 'rb', 0)
        self.out = os.fdopen(out_fd, 'wb', 65536)

    def emit(self, event):
        self.out.write(encode(event).encode('ascii') + b'\n')

    def flush(self):
        self.out.flush()

    def commands(self):
        buf = b''
        while True:
            chunk = self.inp.read(65536)
            if not chunk:
                return
            buf += chunk
            while b'\n' in buf:
                line, buf = buf.split(b'\n', 1)
                if line.strip():
                    yield json.loads(line.decode('utf-8'))


class CallbackChannel(object):
    """Each event goes out at once as one JSON line through `send` (a JavaScript function
    under Pyodide): nothing is buffered, so a call that never returns has already
    announced itself."""

    def __init__(self, send):
        self.send = send

    def emit(self, event):
        self.send(encode(event))

    def flush(self):
        pass
