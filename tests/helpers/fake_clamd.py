"""A tiny clamd for the tests: a thread speaking INSTREAM on 127.0.0.1 (or a unix socket),
answering « stream: Eicar-Test-Signature FOUND » when the stream holds MARKER, « stream: OK »
otherwise; it keeps what it received."""
import os
import socket
import struct
import threading

MARKER = b"SIGNATURE-DE-TEST-ANTIVIRUS"


class FakeClamd:
    def __init__(self, unix_path: str | None = None):
        if unix_path:
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(unix_path)
            self.address = unix_path
        else:
            self.server = socket.socket()
            self.server.bind(("127.0.0.1", 0))
            self.address = "127.0.0.1:%d" % self.server.getsockname()[1]
        self.server.listen(8)
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, connection, size: int) -> bytes:
        data = b""
        while len(data) < size:
            part = connection.recv(size - len(data))
            if not part:
                raise ConnectionError("closed")
            data += part
        return data

    def _serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                try:
                    assert self._read(connection, 10) == b"zINSTREAM\0"
                    stream = b""
                    while True:
                        (length,) = struct.unpack("!L", self._read(connection, 4))
                        if length == 0:
                            break
                        stream += self._read(connection, length)
                except (AssertionError, ConnectionError):
                    continue
                self.received.append(stream)
                found = MARKER in stream
                connection.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found
                                   else b"stream: OK\0")

    def close(self):
        self.server.close()
        if not self.address[0].isdigit() and os.path.exists(self.address):
            os.remove(self.address)
