"""A server that is hard to stop: stubborn_server.py HOST PORT.

It ignores SIGTERM, forks two children that ignore it too and hold the listening socket,
then accepts and drops connections forever, so only SIGKILL to its whole process group
ends it. The children print their pids so a test can look for them afterwards.
"""
import os
import signal
import socket
import sys
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((sys.argv[1], int(sys.argv[2])))
listener.listen(16)
for _ in range(2):
    if os.fork() == 0:
        # One write(2) under PIPE_BUF is atomic; print() may split the line, and two
        # children's words then interleave on the shared pipe (the test saw 'childchild').
        os.write(1, b'child %d\n' % os.getpid())
        while True:
            time.sleep(1)
while True:
    connection, _ = listener.accept()
    connection.close()
