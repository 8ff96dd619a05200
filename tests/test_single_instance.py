"""One window per library, through the local socket the first window listens on: a socket file
left by a window that was killed never stops the next start, and a window that is alive keeps
its socket even when it is too busy to take a connection."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer

from desktop_app.ui.single_instance import SingleInstance, server_name

LISTEN_AND_WAIT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication
    from desktop_app.ui.single_instance import SingleInstance

    app = QCoreApplication([])
    instance = SingleInstance(sys.argv[1])
    print("listening" if instance.listen() else "refused", flush=True)
    sys.stdin.read()  # until killed
""")

FORWARD = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication
    from desktop_app.ui.single_instance import SingleInstance

    app = QCoreApplication([])
    print("handed over" if SingleInstance(sys.argv[1]).forward(sys.argv[2:]) else "no window")
""")


@pytest.fixture
def name(qapp: Any, isolated_home: Path) -> Iterator[str]:
    """This test's socket name; its file is gone after the test, whatever happened."""
    name = server_name(isolated_home)
    yield name
    QLocalServer.removeServer(name)


SOCKET_FILES = pytest.mark.skipif(os.name != "posix", reason="a socket file (Windows: a pipe)")


def socket_file(name: str) -> str:
    """Where Qt keeps a local server's socket on this system (a file in the temporary folder)."""
    return os.path.join(QDir.tempPath(), name)


def forward_from_another_start(qtbot: Any, name: str, *files: str) -> str:
    """What a later start says after handing ``files`` over (this process's window answers
    meanwhile)."""
    later = subprocess.Popen([sys.executable, "-c", FORWARD, name, *files],
                             stdout=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: later.poll() is not None, timeout=60_000)
    finally:
        if later.poll() is None:
            later.kill()
        out, _ = later.communicate()
    return out


@SOCKET_FILES
def test_a_socket_left_by_a_killed_window_does_not_stop_the_next_start(
        qtbot: Any, name: str) -> None:
    first = subprocess.Popen([sys.executable, "-c", LISTEN_AND_WAIT, name],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None and first.stdout.readline() == "listening\n"
    finally:
        first.send_signal(signal.SIGKILL)  # no chance to remove its socket
        first.communicate()
    stale = socket_file(name)
    assert os.path.exists(stale), "the killed window's socket is still there"

    second = SingleInstance(name)
    assert not second.forward(["a.jpg"]), "nobody answers on the dead socket"
    assert second.listen(), "the dead socket is removed and taken over"
    try:
        with qtbot.waitSignal(second.filesReceived, timeout=60_000) as got:
            said = forward_from_another_start(qtbot, name, "b.jpg")
        assert got.args == [["b.jpg"]] and said == "handed over\n"
    finally:
        second.close()
    assert not os.path.exists(stale), "a window that closes takes its socket with it"


@SOCKET_FILES
def test_a_window_too_busy_to_answer_keeps_its_socket(name: str) -> None:
    """A listening socket whose queue is full (its window does not take connections for now)
    belongs to a live window: the next start does not take it over."""
    path = socket_file(name)
    busy = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    waiting: list[socket.socket] = []
    try:
        busy.bind(path)
        busy.listen(0)
        while True:  # fill its queue: one more connection would wait
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            client.setblocking(False)
            waiting.append(client)
            try:
                client.connect(path)
            except BlockingIOError:
                break
        later = SingleInstance(name)
        assert not later.listen()
        later.close()
        assert os.path.exists(path), "the busy window's socket is left alone"
    finally:
        for client in waiting:
            client.close()
        busy.close()



def test_a_second_window_never_takes_the_socket_of_the_open_one(qtbot: Any, name: str) -> None:
    first = SingleInstance(name)
    assert first.listen()
    try:
        second = SingleInstance(name)
        assert not second.listen(), "the open window has the library"
        second.close()
        with qtbot.waitSignal(first.filesReceived, timeout=60_000) as got:
            said = forward_from_another_start(qtbot, name, "c.jpg")
        assert got.args == [["c.jpg"]] and said == "handed over\n", "still the first one's"
    finally:
        first.close()
