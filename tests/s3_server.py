"""An S3-compatible server on 127.0.0.1 that checks signatures as AWS does (a pytest plugin).

moto's server stores objects faithfully but serves a presigned GET whatever its signature or
expiry. This one keeps objects in memory and verifies every request with botocore's own SigV4
signer: a PUT or DELETE must carry a valid ``Authorization`` header, a GET a valid presigned
query (``X-Amz-Signature``) that has not expired. Anything else gets S3's 403 answer. Its clock
can be moved (``advance``) so expiry is tested without waiting.

Path-style addressing only (``endpoint/bucket/key``), which is what SkyClear uses with an
endpoint.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AMZ_DATE = "%Y%m%dT%H%M%SZ"


@dataclass
class Request:
    method: str
    path: str
    status: int
    reason: str = ""


@dataclass
class SignedS3Server:
    access_key_id: str = "AKIATESTSIGNEDS3SRV0"
    secret_access_key: str = "test-secret-for-the-signed-s3-server"
    region: str = "eu-west-3"
    buckets: set[str] = field(default_factory=lambda: {"listing-photos"})
    objects: dict[tuple[str, str], tuple[bytes, str]] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    offset: float = 0.0  # seconds added to the real clock
    _httpd: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> SignedS3Server:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                owner._handle(self)

            do_PUT = do_DELETE = do_HEAD = do_GET

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = False
        self._httpd.block_on_close = True
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, name="signed-s3-serve")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(10)

    @property
    def endpoint_url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    def now(self) -> float:
        return time.time() + self.offset

    def credentials(self) -> Credentials:
        return Credentials(self.access_key_id, self.secret_access_key)

    # -- requests --------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        split = urlsplit(h.path)
        bucket, _, key = split.path.lstrip("/").partition("/")
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        if "X-Amz-Signature" in query:
            problem = self._check_presigned(h, split.path, query)
        else:
            problem = self._check_header_auth(h, split.path, split.query, body)
        if problem is not None:
            self._answer(h, 403, problem, _error_xml(problem))
            return
        if bucket not in self.buckets:
            self._answer(h, 404, "NoSuchBucket", _error_xml("NoSuchBucket"))
        elif h.command == "PUT" and key:
            self.objects[(bucket, key)] = (body, h.headers.get("Content-Type", ""))
            etag = hashlib.md5(body).hexdigest()
            self._answer(h, 200, "", b"", ETag=f'"{etag}"')
        elif h.command == "DELETE" and key:
            self.objects.pop((bucket, key), None)
            self._answer(h, 204, "", b"")
        elif h.command in ("GET", "HEAD") and (bucket, key) in self.objects:
            data, ctype = self.objects[(bucket, key)]
            self._answer(h, 200, "", data if h.command == "GET" else b"",
                         **{"Content-Type": ctype or "application/octet-stream"})
        else:
            self._answer(h, 404, "NoSuchKey", _error_xml("NoSuchKey"))

    def _answer(self, h: BaseHTTPRequestHandler, status: int, reason: str, body: bytes,
                **headers: str) -> None:
        self.log.append(Request(h.command, h.path, status, reason))
        h.send_response(status)
        for name, value in headers.items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("Connection", "close")  # no idle keep-alive thread outlives a test
        h.close_connection = True
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(body)

    def _check_presigned(self, h: BaseHTTPRequestHandler, path: str,
                         query: dict[str, str]) -> str | None:
        if query.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256":
            return "AuthorizationQueryParametersError"
        access_key = query.get("X-Amz-Credential", "").split("/")[0]
        if access_key != self.access_key_id:
            return "InvalidAccessKeyId"
        try:
            signed_at = calendar.timegm(time.strptime(query["X-Amz-Date"], AMZ_DATE))
            expires = int(query["X-Amz-Expires"])
        except (KeyError, ValueError):
            return "AuthorizationQueryParametersError"
        unsigned = [(k, v) for k, v in parse_qsl(urlsplit(h.path).query, keep_blank_values=True)
                    if k != "X-Amz-Signature"]
        request = AWSRequest(method=h.command, url=f"http://{h.headers['Host']}{path}?"
                             f"{urlencode(unsigned)}", headers={"host": h.headers["Host"]})
        request.context["timestamp"] = query["X-Amz-Date"]
        auth = S3SigV4QueryAuth(self.credentials(), "s3", self.region, expires=expires)
        expected = auth.signature(auth.string_to_sign(request, auth.canonical_request(request)),
                                  request)
        if not hmac.compare_digest(expected, query["X-Amz-Signature"]):
            return "SignatureDoesNotMatch"
        if self.now() > signed_at + expires:
            return "Request has expired"
        return None

    def _check_header_auth(self, h: BaseHTTPRequestHandler, path: str, query: str,
                           body: bytes) -> str | None:
        header = h.headers.get("Authorization", "")
        if not header.startswith("AWS4-HMAC-SHA256 "):
            return "AccessDenied"
        parts = dict(item.strip().split("=", 1) for item in header[17:].split(","))
        if parts.get("Credential", "").split("/")[0] != self.access_key_id:
            return "InvalidAccessKeyId"
        signed = parts.get("SignedHeaders", "").split(";")
        payload_hash = h.headers.get("x-amz-content-sha256", "")
        if payload_hash not in ("UNSIGNED-PAYLOAD", "") and \
                payload_hash != hashlib.sha256(body).hexdigest():
            return "XAmzContentSHA256Mismatch"
        request = AWSRequest(method=h.command, url=f"http://{h.headers['Host']}{path}"
                             + (f"?{query}" if query else ""),
                             headers={name: h.headers.get(name, "") for name in signed},
                             data=body)
        request.context["timestamp"] = h.headers.get("x-amz-date", "")
        auth = S3SigV4Auth(self.credentials(), "s3", self.region)
        expected = auth.signature(auth.string_to_sign(request, auth.canonical_request(request)),
                                  request)
        if not hmac.compare_digest(expected, parts.get("Signature", "")):
            return "SignatureDoesNotMatch"
        return None


def _error_xml(code: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
            f"<Message>{code}</Message></Error>").encode()


@pytest.fixture
def signed_s3() -> Iterator[SignedS3Server]:
    server = SignedS3Server().start()
    yield server
    server.stop()
