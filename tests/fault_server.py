"""A threaded HTTP server on 127.0.0.1 with switchable faults and a log of every call.

The base of the IACrea stand-in (``iacrea_server``) and, as :class:`FileHost`, a plain file
server (think: third-party storage). Tests switch faults on with :meth:`FaultServer.add_fault`
(or the shortcuts ``fail_with``, ``rate_limit``, ``slow``, ``hold``, ``drop``, ``swallow``,
``truncate``, ``answer`` — any status and body —, ``html_page``, ``garble``, ``redirect_to``)
and read ``calls``. A fault names an API endpoint (``sky_interior/generate``) or a path prefix
(``/results``); without one it hits any API call.
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import socket
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote, urlsplit

import pytest

API_PREFIX = "/api/"
FAULT_KINDS = ("status", "delay", "hold", "drop_before_body", "drop_after_body", "swallow",
               "truncate")


# -- records ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Call:
    """One request the server received."""

    method: str
    path: str
    body: dict[str, Any] | None  # the JSON body (never holds the key: that is a header)
    status: int | None  # None: the connection was dropped without an answer
    had_key: bool  # an x-api-key header was sent
    headers: dict[str, str]  # lower-cased names
    fault: str | None = None
    client_port: int = 0  # the caller's TCP port: equal ports = one kept-alive connection

    @property
    def endpoint(self) -> str | None:
        """``sky_interior/generate`` etc. for API calls, None for files."""
        if self.path.startswith(API_PREFIX):
            return self.path[len(API_PREFIX):]
        return None


@dataclass
class Fault:
    kind: str
    path: str | None = None  # exact path or prefix; None = any API call
    times: int = 1
    status: int = 503
    retry_after: str | None = None
    body: bytes | None = None
    content_type: str = "application/json"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    reached: threading.Event = field(default_factory=threading.Event)  # a request is held
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        """Let the requests held by a ``hold`` fault go on (and answer normally)."""
        self.released.set()

    def matches(self, path: str) -> bool:
        if self.path is None:
            return path.startswith(API_PREFIX)
        wanted = self.path if self.path.startswith("/") else API_PREFIX + self.path
        return path == wanted or path.startswith(wanted.rstrip("/") + "/")


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(status: int, data: Any, **headers: str) -> Reply:
    return Reply(status, json.dumps(data).encode(), "application/json", dict(headers))


def error_reply(status: int, message: str) -> Reply:
    return json_reply(status, {"error": message})


# -- the HTTP plumbing -----------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server
    timeout = 10  # idle keep-alive connections are closed after this
    owner: FaultServer

    def do_GET(self) -> None:
        self.owner._handle(self)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _TrackingServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins every handler thread
    block_on_close = True

    def __init__(self, owner: FaultServer) -> None:
        handler = type("Handler", (_Handler,), {"owner": owner})
        super().__init__(("127.0.0.1", 0), handler)
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer (killed, timed out) is normal here: no noise."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def drop_all(self) -> None:
        with self.sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class FaultServer:
    """A threaded HTTP server on 127.0.0.1 that serves registered files, with faults and a log."""

    name = "file-host"

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self._files: dict[str, tuple[bytes, str]] = {}
        self._redirects: dict[str, tuple[int, str]] = {}
        self._stopping = threading.Event()
        self._holds: list[Fault] = []
        self._httpd: _TrackingServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> Self:
        self._httpd = _TrackingServer(self)
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name=f"{self.name}-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._let_go()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.drop_all()
            self._httpd.server_close()  # joins the handler threads
        if self._thread is not None:
            self._thread.join(5)
        self._httpd = None
        self._thread = None

    def _let_go(self) -> None:
        """Stopping: every held request goes on, and delays end at once."""
        self._stopping.set()
        with self.lock:
            for fault in self._holds:
                fault.release()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- content ------------------------------------------------------------------------------
    def serve_bytes(self, data: bytes, name: str, content_type: str | None = None) -> str:
        """Serve ``data`` at ``/static/<token>/<name>``; return its URL."""
        path = f"/static/{uuid.uuid4().hex[:12]}/{quote(name)}"
        return self._put(path, data, content_type or mimetypes.guess_type(name)[0]
                         or "application/octet-stream")

    def serve_file(self, path: Path | str, name: str | None = None) -> str:
        path = Path(path)
        return self.serve_bytes(path.read_bytes(), name or path.name)

    def redirect(self, location: str, status: int = 302, path: str | None = None) -> str:
        """A URL on this server (at ``path``, or a fresh one) that redirects to ``location``."""
        path = path or f"/redirect/{uuid.uuid4().hex[:12]}"
        with self.lock:
            self._redirects[path] = (status, location)
        return self.url + path

    def _put(self, path: str, data: bytes, content_type: str) -> str:
        with self.lock:
            self._files[path] = (data, content_type)
        return self.url + path

    # -- faults -------------------------------------------------------------------------------
    def add_fault(self, kind: str, *, path: str | None = None, times: int = 1,
                  status: int = 503, retry_after: float | str | None = None,
                  body: bytes | str | dict[str, Any] | None = None,
                  content_type: str | None = None, delay: float = 0.0,
                  headers: dict[str, str] | None = None) -> Fault:
        """Make the next ``times`` matching requests misbehave.

        kinds: ``status`` (answer ``status`` with ``body``/``Retry-After`` and do nothing),
        ``delay`` (wait ``delay`` seconds, then answer normally), ``hold`` (wait until the
        test calls ``fault.release()``, then answer normally), ``drop_before_body`` (close the
        socket before reading the request), ``drop_after_body`` (read it, then close without doing
        anything), ``swallow`` (do the work — and charge — then close without answering),
        ``truncate`` (send half the answer, then close). ``path``: an endpoint such as
        ``sky_interior/generate``, or a path prefix such as ``/results``; None = any API call.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}")
        raw: bytes | None
        if isinstance(body, dict):
            raw, ctype = json.dumps(body).encode(), content_type or "application/json"
        elif isinstance(body, str):
            raw, ctype = body.encode(), content_type or "text/plain; charset=utf-8"
        else:
            raw, ctype = body, content_type or "application/json"
        fault = Fault(kind=kind, path=path, times=times, status=status,
                      retry_after=None if retry_after is None else str(retry_after),
                      body=raw, content_type=ctype, delay=delay, headers=dict(headers or {}))
        with self.lock:
            self.faults.append(fault)
            if kind == "hold":
                self._holds.append(fault)
        return fault

    def fail_with(self, status: int, *, times: int = 1, path: str | None = None,
                  message: str | None = None, body: bytes | str | dict[str, Any] | None = None,
                  retry_after: float | str | None = None) -> Fault:
        if body is None:
            body = {"error": message or f"Simulated error {status}"}
        return self.add_fault("status", status=status, times=times, path=path, body=body,
                              retry_after=retry_after)

    def rate_limit(self, retry_after: float | str, *, times: int = 1,
                   path: str | None = None) -> Fault:
        return self.fail_with(429, times=times, path=path, message="Too many requests",
                              retry_after=retry_after)

    def slow(self, seconds: float, *, times: int = 1, path: str | None = None) -> Fault:
        return self.add_fault("delay", delay=seconds, times=times, path=path)

    def hold(self, *, times: int = 1, path: str | None = None) -> Fault:
        """Hold matching requests until ``release()`` (``reached`` is set once one is held)."""
        return self.add_fault("hold", times=times, path=path)

    def drop(self, *, after_body: bool = True, times: int = 1, path: str | None = None) -> Fault:
        kind = "drop_after_body" if after_body else "drop_before_body"
        return self.add_fault(kind, times=times, path=path)

    def swallow(self, *, times: int = 1, path: str | None = None) -> Fault:
        return self.add_fault("swallow", times=times, path=path)

    def truncate(self, *, times: int = 1, path: str | None = None) -> Fault:
        return self.add_fault("truncate", times=times, path=path)

    def answer(self, body: bytes | str | dict[str, Any], *, status: int = 200, times: int = 1,
               path: str | None = None, content_type: str | None = None,
               headers: dict[str, str] | None = None) -> Fault:
        """Answer the next ``times`` matching requests with exactly this (and do nothing)."""
        return self.add_fault("status", status=status, times=times, path=path, body=body,
                              content_type=content_type, headers=headers)

    def html_page(self, *, times: int = 1, path: str | None = None) -> Fault:
        """A 200 that is an HTML page, as a captive portal or a maintenance proxy sends."""
        return self.answer("<html><head><title>Down for maintenance</title></head><body>"
                           "<h1>Back soon</h1></body></html>", times=times, path=path,
                           content_type="text/html; charset=utf-8")

    def garble(self, *, times: int = 1, path: str | None = None) -> Fault:
        """A 200 whose JSON is cut off mid-way."""
        return self.answer(b'{"status": "SUCC', times=times, path=path)

    def redirect_to(self, location: str, *, status: int = 302, times: int = 1,
                    path: str | None = None) -> Fault:
        """A redirect instead of the answer (a moved endpoint, a login page...)."""
        return self.answer(b"", status=status, times=times, path=path,
                           content_type="text/plain", headers={"Location": location})

    def _take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and fault.matches(path):
                    fault.times -= 1
                    if fault.times == 0:
                        self.faults.remove(fault)
                    return fault
        return None

    # -- log ----------------------------------------------------------------------------------
    def calls_to(self, endpoint: str) -> list[Call]:
        """Calls to one API endpoint (``sky_interior/generate``) or path prefix (``/results``)."""
        with self.lock:
            calls = list(self.calls)
        if endpoint.startswith("/"):
            return [c for c in calls if c.path == endpoint or c.path.startswith(endpoint)]
        return [c for c in calls if c.endpoint == endpoint]

    def _record(self, handler: BaseHTTPRequestHandler, path: str, body: bytes | None,
                status: int | None, fault: str | None = None) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        parsed: dict[str, Any] | None = None
        if body:
            try:
                value = json.loads(body)
                if isinstance(value, dict):
                    parsed = {k: v for k, v in value.items()
                              if k.lower() not in ("x-api-key", "api_key", "apikey")}
            except ValueError:
                parsed = None
        with self.lock:
            self.calls.append(Call(handler.command, path, parsed, status,
                                   "x-api-key" in headers, headers, fault,
                                   int(handler.client_address[1])))

    # -- request handling ---------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = urlsplit(h.path).path
        fault = self._take_fault(path)
        if fault and fault.kind == "drop_before_body":
            self._record(h, path, None, None, fault.kind)
            h.close_connection = True
            return
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length > 0 else b""
        if fault and fault.kind == "drop_after_body":
            self._record(h, path, body, None, fault.kind)
            h.close_connection = True
            return
        if fault and fault.kind == "hold":
            fault.reached.set()
            fault.released.wait()
        if fault and (self._stopping.is_set() if fault.kind == "hold" else
                      fault.kind == "delay" and self._stopping.wait(fault.delay)):
            self._record(h, path, body, None, "stopped")
            h.close_connection = True
            return
        if fault and fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            headers.update(fault.headers)
            reply = Reply(fault.status, fault.body or b"", fault.content_type, headers)
            self._record(h, path, body, reply.status, fault.kind)
            self._send(h, reply)
            return
        try:
            reply = self._route(h.command, path, body, h.headers)
        except Exception as exc:  # a bug in the server must show up as a 500, not a hang
            reply = error_reply(500, f"internal error: {type(exc).__name__}: {exc}")
        if fault and fault.kind == "swallow":
            self._record(h, path, body, None, fault.kind)
            h.close_connection = True
            return
        self._record(h, path, body, reply.status, fault.kind if fault else None)
        self._send(h, reply, truncate=bool(fault and fault.kind == "truncate"))

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, reply: Reply, truncate: bool = False) -> None:
        h.send_response(reply.status)
        h.send_header("Content-Type", reply.content_type)
        h.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            h.send_header(name, value)
        if truncate:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(reply.body[: len(reply.body) // 2] if truncate else reply.body)

    def _route(self, method: str, path: str, body: bytes, headers: Any) -> Reply:
        return self._serve_static(method, path)

    def _serve_static(self, method: str, path: str) -> Reply:
        with self.lock:
            redirect = self._redirects.get(path)
            found = self._files.get(path)
        if redirect is not None:
            return Reply(redirect[0], b"", "text/plain", {"Location": redirect[1]})
        if found is None:
            return Reply(404, b"Not Found", "text/plain")
        if method not in ("GET", "HEAD"):
            return Reply(405, b"Method Not Allowed", "text/plain", {"Allow": "GET, HEAD"})
        return Reply(200, found[0], found[1])


class FileHost(FaultServer):
    """A plain file server (think: third-party storage), recording every request's headers."""

    name = "file-host"


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening (for connection-refused tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- fixtures --------------------------------------------------------------------------------
@pytest.fixture
def file_host() -> Iterator[FileHost]:
    """A second HTTP server (another origin), e.g. third-party storage for result files."""
    with FileHost() as host:
        yield host
