"""A TCP proxy on 127.0.0.1 in front of PostgreSQL that can cut connections mid-stream."""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class CuttingProxy:
    """Forwards TCP connections to a unix socket or a TCP address.

    While `cut_after` is set, a connection is dropped (both sides closed) once that many bytes
    have gone from the client to the server through it.
    """

    def __init__(self, target: str | tuple[str, int]) -> None:
        self.target = target
        self.cut_after: int | None = None
        # while set, connections hang (open, silent) once `bytes_up` has reached it
        self.stall_after: int | None = None
        self.stalls = 0
        self.cuts = 0
        self.bytes_up = 0  # client-to-server bytes forwarded, all connections
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _connect(self) -> socket.socket:
        if isinstance(self.target, str):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(self.target)
            return s
        return socket.create_connection(self.target)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = self._connect()
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open |= {client, server}
            sent = [0]
            threading.Thread(
                target=self._pump, args=(client, server, sent, True), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(server, client, sent, False), daemon=True
            ).start()

    def _pump(
        self, src: socket.socket, dst: socket.socket, sent: list[int], upstream: bool
    ) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if upstream and self.stall_after is not None and self.bytes_up >= self.stall_after:
                    self.stalls += 1
                    # the connection stays open, nothing goes through, until the network
                    # returns (stall_after back to None: this connection is then closed)
                    while not self._closed and self.stall_after is not None:
                        time.sleep(0.05)
                    break
                if upstream and self.cut_after is not None:
                    room = self.cut_after - sent[0]
                    if len(data) > room:
                        dst.sendall(data[: max(room, 0)])
                        self.cuts += 1
                        break
                    sent[0] += len(data)
                if upstream:
                    self.bytes_up += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            self._close_pair(src, dst)

    def _close_pair(self, *socks: socket.socket) -> None:
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()
            with self._lock:
                self._open.discard(s)

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() on Linux
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            socks = list(self._open)
        self._close_pair(*socks)
