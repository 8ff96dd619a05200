"""Real HTTP servers on 127.0.0.1 for the hosting tests (a pytest plugin).

``put_server``: accepts ``PUT /upload/<name>`` and serves the files back with ``GET``. It can
answer like an upload service (JSON ``{"url": ...}``), like a server that sends ``Location``,
or like WebDAV / nginx-dav (plain 201 or 204), and can be told to fail: N answers of 500 (or
any status), or connections dropped without an answer. ``DELETE`` removes a file (or answers
``delete_status``); ``get_status`` makes every GET answer that status, like a folder that
needs a password to be read.

``s3_server``: moto's ThreadedMotoServer, once per test session (its threads are declared to
the leak check as living for the session); tests use their own bucket names.
``bucket``: a new bucket on it; ``enforced_auth(s3_server)``: while inside, it checks keys.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

import leaks
import pytest

from desktop_app.engines.hosting import S3Host

Mode = Literal["json", "location", "created", "no-content"]


@dataclass
class Fault:
    status: int | None  # None: drop the connection without answering
    times: int
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    size: int


class PutServer:
    """A small upload server; see the module docstring."""

    def __init__(self, mode: Mode = "json") -> None:
        self.mode: Mode = mode
        self.files: dict[str, tuple[bytes, str]] = {}  # name → (bytes, content type)
        self.received: list[Received] = []
        self.get_status: int | None = None  # answer every GET with this status
        self.delete_status: int | None = None  # answer every DELETE with this status
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control ----------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "start the server first"
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def upload_prefix(self) -> str:
        return f"{self.base_url}/upload/"

    def fail(self, status: int, times: int = 1, headers: dict[str, str] | None = None) -> None:
        """Answer the next ``times`` PUTs with ``status`` (500, 503, 403...)."""
        with self._lock:
            self._faults.append(Fault(status, times, dict(headers or {})))

    def drop(self, times: int = 1) -> None:
        """Close the next ``times`` PUT connections without answering."""
        with self._lock:
            self._faults.append(Fault(None, times))

    def puts(self) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.method == "PUT"]

    def start(self) -> PutServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = False
        self._httpd.block_on_close = True  # server_close() waits for every request thread
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, name="put-server")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> PutServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- used by the handler ----------------------------------------------------------------
    def _next_fault(self) -> Fault | None:
        with self._lock:
            while self._faults and self._faults[0].times <= 0:
                self._faults.pop(0)
            if not self._faults:
                return None
            fault = self._faults[0]
            fault.times -= 1
            return Fault(fault.status, 1, fault.headers)


class _Handler(BaseHTTPRequestHandler):
    owner: PutServer
    protocol_version = "HTTP/1.0"  # one request per connection: no thread waits on keep-alive
    server_version = "PutTestServer/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _name(self) -> str | None:
        path = self.path.split("?", 1)[0]
        for folder in ("/upload/", "/files/"):
            name = path[len(folder):]
            if path.startswith(folder) and name and "/" not in name:
                return name
        return None

    def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
                content_type: str | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_PUT(self) -> None:
        owner = self.owner
        body = self._read_body()
        with owner._lock:
            owner.received.append(Received("PUT", self.path, dict(self.headers.items()), len(body)))
        fault = owner._next_fault()
        if fault is not None:
            if fault.status is None:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._answer(fault.status, b"failing on purpose", fault.headers, "text/plain")
            return
        name = self._name()
        if name is None or not self.path.startswith("/upload/"):
            self._answer(404, b"no such folder", content_type="text/plain")
            return
        with owner._lock:
            owner.files[name] = (body, self.headers.get("Content-Type", "application/octet-stream"))
        public = f"{owner.base_url}/files/{name}"
        if owner.mode == "json":
            self._answer(201, json.dumps({"url": public}).encode(), content_type="application/json")
        elif owner.mode == "location":
            self._answer(201, headers={"Location": f"/files/{name}"})
        elif owner.mode == "created":
            self._answer(201)
        else:
            self._answer(204)

    def do_GET(self) -> None:
        owner = self.owner
        with owner._lock:
            owner.received.append(Received(self.command, self.path, dict(self.headers.items()),
                                           0))
            stored = owner.files.get(self._name() or "")
        if owner.get_status is not None:
            self._answer(owner.get_status, b"<html>Sign in</html>", content_type="text/html")
            return
        if stored is None:
            self._answer(404, b"not found", content_type="text/plain")
            return
        self._answer(200, stored[0], content_type=stored[1])

    do_HEAD = do_GET

    def do_DELETE(self) -> None:
        owner = self.owner
        with owner._lock:
            owner.received.append(Received("DELETE", self.path, dict(self.headers.items()), 0))
            if owner.delete_status is None:
                found = owner.files.pop(self._name() or "", None) is not None
        if owner.delete_status is not None:
            self._answer(owner.delete_status, b"no", content_type="text/plain")
        else:
            self._answer(204 if found else 404)


@pytest.fixture
def put_server() -> Iterator[PutServer]:
    server = PutServer().start()
    try:
        yield server
    finally:
        server.stop()


# -- S3 (moto) ------------------------------------------------------------------------------

@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    region: str = "us-east-1"
    access_key_id: str = "testing-key-id"
    secret_access_key: str = "testing-secret"

    def client(self, service: str = "s3"):  # type: ignore[no-untyped-def]
        """A boto3 client on this server (close it when done: its connections keep threads)."""
        import boto3

        return boto3.session.Session().client(
            service, endpoint_url=self.endpoint_url, region_name=self.region,
            aws_access_key_id=self.access_key_id, aws_secret_access_key=self.secret_access_key)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    from moto.server import ThreadedMotoServer

    before = set(threading.enumerate())
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    leaks.lives_for_session(set(threading.enumerate()) - before)
    host, port = server.get_host_and_port()
    try:
        yield S3Server(endpoint_url=f"http://{host}:{port}")
    finally:
        server.stop()



@pytest.fixture
def bucket(s3_server: S3Server) -> str:
    """A new, empty bucket on the test S3 server."""
    import uuid

    name = f"skyclear-{uuid.uuid4().hex[:12]}"
    client = s3_server.client()
    try:
        client.create_bucket(Bucket=name)
    finally:
        client.close()
    return name


def s3_host(s3_server: S3Server, bucket: str, **kwargs: object) -> S3Host:
    """An S3 host on the test server with its keys; ``kwargs`` override any option."""
    options: dict = {
        "endpoint_url": s3_server.endpoint_url,
        "region": s3_server.region,
        "access_key_id": s3_server.access_key_id,
        "secret_access_key": s3_server.secret_access_key,
        "max_attempts": 1,
    }
    options.update(kwargs)
    return S3Host(bucket, **options)  # type: ignore[arg-type]


@contextlib.contextmanager
def enforced_auth(s3_server: S3Server) -> Iterator[None]:
    """Make the S3 server check keys and permissions (moto's own switch, over HTTP)."""
    import requests

    reset = f"{s3_server.endpoint_url}/moto-api/reset-auth"
    with requests.Session() as session:
        assert session.post(reset, data=b"0", timeout=10).status_code == 200
        try:
            yield
        finally:
            session.post(reset, data=b"inf", timeout=10)
