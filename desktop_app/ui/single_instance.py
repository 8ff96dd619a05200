"""One window per library: a second start hands its photos to the window already open and exits.

A file manager's "Open with SkyClear" starts a new process for every use. Two windows on one
library would show the same jobs twice and compete for them, so the first window listens on a
local socket named after the data folder (``QLocalServer``, readable by this user only); a later
start connects to it (``QLocalSocket``), sends the photos it was given as one JSON line, waits
for the answer, and quits. A socket file left behind by a window that crashed or was killed
refuses connections: it is removed before the next window listens.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = ["SingleInstance", "server_name"]

log = logging.getLogger(__name__)

_ACK = b"ok\n"
_MAX_MESSAGE = 4 * 1024 * 1024


def server_name(data_dir: Path) -> str:
    """The socket name for one library: one per user and data folder."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:20]
    return f"skyclear-{digest}"


class SingleInstance(QObject):
    """The first window listens; later starts forward their photos to it."""

    filesReceived = Signal(list)  # list[str]: photos (or folders) another start was given

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}

    # -- a later start ---------------------------------------------------------------------
    def forward(self, files: list[str], timeout_ms: int = 3000) -> bool:
        """Hand ``files`` to the window already open; False when there is none (or it does
        not answer), so this start opens its own window."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        try:
            socket.write(json.dumps({"files": files}).encode() + b"\n")
            if not socket.waitForBytesWritten(timeout_ms):
                return False
            answer = b""
            while _ACK not in answer and socket.waitForReadyRead(timeout_ms):
                answer += bytes(socket.readAll().data())
            return _ACK in answer
        finally:
            socket.abort()

    # -- the first window ------------------------------------------------------------------
    def listen(self) -> bool:
        """Start taking photos from later starts; False when another window has the name (or
        it cannot be used)."""
        # Listening only for this user, Qt puts its socket file in place by renaming, over any
        # file of that name, a live window's too: so look first
        if self._in_use(self.name):
            log.info("another SkyClear window listens on this library")
            return False
        QLocalServer.removeServer(self.name)  # a file left by a window that crashed, if any
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if not server.listen(self.name):
            log.warning("cannot listen for other SkyClear starts: %s", server.errorString())
            return False
        self._server = server
        return True

    @staticmethod
    def _in_use(name: str) -> bool:
        """Whether a window listens on ``name``: it takes a connection, or keeps it waiting
        while it is busy. A socket file nobody listens on any more (its window crashed or was
        killed) refuses at once; no file, no window."""
        probe = QLocalSocket()
        probe.connectToServer(name)
        connected = probe.waitForConnected(500)
        error = probe.error()
        probe.abort()
        return connected or error not in (QLocalSocket.LocalSocketError.ConnectionRefusedError,
                                          QLocalSocket.LocalSocketError.ServerNotFoundError)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for socket in list(self._buffers):
            socket.abort()
        self._buffers.clear()

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if len(buffer) > _MAX_MESSAGE:
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            message = json.loads(line)
            files = [str(f) for f in message.get("files", []) if isinstance(f, str)]
        except (ValueError, AttributeError):
            log.warning("ignored an unreadable message from another SkyClear start")
            socket.abort()
            return
        socket.write(_ACK)
        socket.flush()
        self.filesReceived.emit(files)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
