"""Putting prepared photos and masks online, because the IACrea service only takes URLs.

Two kinds of host:

* ``PutHost``: an HTTP server that accepts ``PUT <prefix><name>`` (WebDAV, nginx's dav module, a
  small upload service of one's own...). The URL the service fetches is the ``url`` of a JSON
  answer, else the ``Location`` header, else the URL that was PUT.
* ``S3Host``: any S3-compatible bucket (AWS S3, Cloudflare R2, Backblaze B2, MinIO); the file
  stays private and the service gets a presigned GET URL that expires.

Uploaded names are random and say nothing about the photo. ``put`` also says where the file
went, so that ``delete`` can take a test upload away again (see ``host_check``). No Qt here.
"""

from __future__ import annotations

import json
import mimetypes
import os
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urljoin, urlsplit

import requests

from desktop_app.core.errors import ConfigError, HostingError, InputError
from desktop_app.core.messages import Message, Msg
from desktop_app.core.net import is_insecure_address, parse_retry_after
from desktop_app.core.settings import HostKind, HostSettings

UPLOAD_URL_ENV = "DESKTOP_APP_UPLOAD_URL"
#: Presigned S3 URLs (signature version 4) cannot live longer than a week.
MAX_S3_EXPIRY = 7 * 24 * 3600
#: Placeholder for the file name inside a PUT prefix, for servers that want a query string
#: after it (``https://example.com/up/{name}?token=…``).
NAME_PLACEHOLDER = "{name}"


@dataclass(frozen=True)
class Uploaded:
    url: str  # what the service is given to fetch the file
    target: str  # where it was put: the PUT URL, or the S3 key


@runtime_checkable
class Host(Protocol):
    def upload(self, path: Path, content_type: str | None = None) -> str:
        """Put the file online; the public URL the service can fetch it from."""
        ...

    def put(self, path: Path, content_type: str | None = None) -> Uploaded:
        """Like ``upload``, and says where the file went."""
        ...

    def delete(self, uploaded: Uploaded) -> None:
        """Take an uploaded file away again (HostingError when the host refuses)."""
        ...

    def describe(self) -> str:
        """A short description for the settings and status line (never a secret)."""
        ...


def _random_name(path: Path) -> str:
    """An unguessable, non-identifying name that keeps the file's extension."""
    suffix = path.suffix.lower()
    if not suffix or len(suffix) > 6 or not suffix[1:].isalnum():
        suffix = ".bin"
    if suffix == ".jpeg":
        suffix = ".jpg"
    return f"{secrets.token_urlsafe(18)}{suffix}"


def _content_type(path: Path, content_type: str | None) -> str:
    if content_type:
        return content_type
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _check_source(path: Path) -> int:
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError(Msg.HOST_SOURCE_GONE(path.name)) from None
    if not path.is_file():
        raise InputError(Msg.HOST_SOURCE_NOT_FILE(path.name))
    return size


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def _is_aws(endpoint: str) -> bool:
    host = (urlsplit(endpoint).hostname or "").lower()
    return host == "amazonaws.com" or host.endswith(".amazonaws.com")


# -- PUT ------------------------------------------------------------------------------------

def _client_error(status: int, reason: str, host: str) -> HostingError:
    label = f"HTTP {status} {reason}".strip()
    if status in (401, 403):
        text = Msg.PUT_DENIED(host, label)
    elif status == 404:
        text = Msg.PUT_NOT_FOUND(host, label)
    elif status == 405:
        text = Msg.PUT_NOT_ALLOWED(host, label)
    elif status == 413:
        text = Msg.PUT_TOO_LARGE(host, label)
    else:
        text = Msg.PUT_REJECTED(host, label)
    reason = {401: "denied", 403: "denied", 404: "address", 405: "address"}.get(status, "server")
    return HostingError(text, reason=reason, transient=False)


class PutHost:
    """Uploads with ``PUT <prefix><random name>``; retries the same name, so it is idempotent."""

    def __init__(
        self,
        prefix: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5, 60),
        headers: dict[str, str] | None = None,
        attempts: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        prefix = prefix.strip()
        parts = urlsplit(prefix.replace(NAME_PLACEHOLDER, "name"))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(Msg.HOST_PUT_ADDRESS())
        self.prefix = prefix
        self.timeout = timeout
        self.headers = dict(headers or {})
        self.attempts = max(1, int(attempts))
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._own_session = session is None
        self.session = session if session is not None else requests.Session()

    def target_url(self, name: str) -> str:
        if NAME_PLACEHOLDER in self.prefix:
            return self.prefix.replace(NAME_PLACEHOLDER, name)
        return self.prefix + name

    def describe(self) -> str:
        parts = urlsplit(self.prefix.replace(NAME_PLACEHOLDER, ""))
        return f"Upload server {parts.hostname or parts.netloc} (HTTP PUT)"

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        wait = min(self.max_backoff, self.backoff * (2 ** attempt))
        wait *= random.uniform(0.5, 1.0)  # spread retries from many clients apart
        if response is not None:
            asked = parse_retry_after(response.headers.get("Retry-After"))
            if asked is not None:
                wait = min(self.max_backoff, max(wait, asked))
        return wait

    def upload(self, path: Path, content_type: str | None = None) -> str:
        return self.put(path, content_type).url

    def put(self, path: Path, content_type: str | None = None) -> Uploaded:
        path = Path(path)
        size = _check_source(path)
        url = self.target_url(_random_name(path))
        headers = {**self.headers, "Content-Type": _content_type(path, content_type),
                   "Content-Length": str(size)}
        host = _host_of(url)
        last_error: HostingError | None = None
        for attempt in range(self.attempts):
            response: requests.Response | None = None
            try:
                with path.open("rb") as body:
                    response = self.session.put(url, data=body, headers=headers,
                                                timeout=self.timeout, allow_redirects=False)
            except OSError as exc:
                if not isinstance(exc, requests.RequestException):
                    raise InputError(
                        Msg.HOST_SOURCE_UNREADABLE(path.name, str(exc.strerror or exc))) from None
                last_error = self._network_error(exc, host)
            else:
                status = response.status_code
                if 200 <= status < 300:
                    return Uploaded(self._public_url(response, url), url)
                reason = response.reason or ""
                response.close()
                if status in (408, 425, 429) or status >= 500:
                    last_error = HostingError(
                        Msg.PUT_TROUBLE(host, f"HTTP {status} {reason}".rstrip()),
                        reason="server")
                elif 300 <= status < 400:
                    raise HostingError(Msg.PUT_REDIRECTED(host, f"HTTP {status}"),
                                       reason="address", transient=False)
                else:
                    raise _client_error(status, reason, host)
            if attempt + 1 < self.attempts:
                self._sleep(self._delay(attempt, response))
        assert last_error is not None
        raise last_error

    @staticmethod
    def _network_error(exc: requests.RequestException, host: str) -> HostingError:
        if isinstance(exc, requests.Timeout):
            return HostingError(Msg.PUT_TIMEOUT(host), reason="network")
        if isinstance(exc, requests.exceptions.SSLError):
            return HostingError(Msg.PUT_SECURE_FAILED(host), reason="address")
        return HostingError(Msg.PUT_UNREACHABLE(host), reason="network")

    def delete(self, uploaded: Uploaded) -> None:
        host = _host_of(uploaded.target)
        try:
            response = self.session.delete(uploaded.target, headers=self.headers,
                                           timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as exc:
            raise self._network_error(exc, host) from None
        with response:
            if not (200 <= response.status_code < 300 or response.status_code == 404):
                raise _client_error(response.status_code, response.reason or "", host)

    @staticmethod
    def _public_url(response: requests.Response, put_url: str) -> str:
        try:
            body = response.content
        finally:
            response.close()
        if body:
            try:
                answer: Any = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                answer = None
            if isinstance(answer, dict):
                value = answer.get("url")
                if isinstance(value, str) and value.strip():
                    resolved = urljoin(put_url, value.strip())
                    if urlsplit(resolved).scheme in ("http", "https"):
                        return resolved
        location = response.headers.get("Location")
        if location:
            resolved = urljoin(put_url, location.strip())
            if urlsplit(resolved).scheme in ("http", "https"):
                return resolved
        return put_url

    def close(self) -> None:
        if self._own_session:
            self.session.close()

    def __enter__(self) -> PutHost:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- S3 -------------------------------------------------------------------------------------

class S3Host:
    """Uploads to an S3-compatible bucket and hands out presigned GET URLs."""

    def __init__(
        self,
        bucket: str,
        *,
        prefix: str = "skyclear/",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        expires: int = MAX_S3_EXPIRY,
        path_style: bool | None = None,
        max_attempts: int = 3,
        timeout: tuple[float, float] = (5, 60),
    ) -> None:
        import boto3
        from botocore.config import Config

        bucket = bucket.strip()
        if not bucket:
            raise ConfigError(Msg.HOST_BUCKET_MISSING())
        if bool(access_key_id) != bool(secret_access_key):
            raise ConfigError(Msg.HOST_SECRET_MISSING() if access_key_id else
                              Msg.HOST_KEY_ID_MISSING())
        if not 1 <= int(expires) <= MAX_S3_EXPIRY:
            raise ConfigError(Msg.HOST_LIFETIME(MAX_S3_EXPIRY))
        endpoint_url = (endpoint_url or "").strip() or None
        if endpoint_url is not None:
            parts = urlsplit(endpoint_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigError(Msg.HOST_ENDPOINT_ADDRESS())
        self.bucket = bucket
        self.prefix = prefix.lstrip("/")
        self.endpoint_url = endpoint_url
        self.expires = int(expires)
        # Path-style addressing (endpoint/bucket/key) by default with an endpoint: MinIO and
        # local servers rarely have a DNS name per bucket. ``path_style=False`` forces
        # virtual-hosted addressing (bucket.endpoint/key).
        if path_style is None:
            own_server = endpoint_url is not None and not _is_aws(endpoint_url)
            style = "path" if own_server else "auto"
        else:
            style = "path" if path_style else "virtual"
        region = (region or "").strip() or ("us-east-1" if endpoint_url else None)
        config = Config(
            signature_version="s3v4",
            s3={"addressing_style": style},
            retries={"max_attempts": max(1, int(max_attempts)), "mode": "standard"},
            connect_timeout=timeout[0],
            read_timeout=timeout[1],
        )
        session = boto3.session.Session()
        self._client = session.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key_id or None,
            aws_secret_access_key=secret_access_key or None,
            config=config,
        )

    def describe(self) -> str:
        where = _host_of(self.endpoint_url) if self.endpoint_url else "Amazon S3"
        return f"S3 bucket {self.bucket} on {where}"

    def upload(self, path: Path, content_type: str | None = None) -> str:
        return self.put(path, content_type).url

    def put(self, path: Path, content_type: str | None = None) -> Uploaded:
        path = Path(path)
        _check_source(path)
        key = f"{self.prefix}{_random_name(path)}"
        try:
            with path.open("rb") as body:
                self._client.put_object(Bucket=self.bucket, Key=key, Body=body,
                                        ContentType=_content_type(path, content_type))
            url: str = self._client.generate_presigned_url(
                "get_object", Params={"Bucket": self.bucket, "Key": key},
                ExpiresIn=self.expires)
        except HostingError:
            raise
        except Exception as exc:
            mapped = self._map_error(exc)
            if mapped is None:
                raise
            raise mapped from None
        return Uploaded(url, key)

    def delete(self, uploaded: Uploaded) -> None:
        try:
            self._client.delete_object(Bucket=self.bucket, Key=uploaded.target)
        except Exception as exc:
            mapped = self._map_error(exc)
            if mapped is None:
                raise
            raise mapped from None

    def _map_error(self, exc: Exception) -> HostingError | None:
        from botocore import exceptions as bx

        where = _host_of(self.endpoint_url) if self.endpoint_url else "Amazon S3"

        def fixed(text: Message, reason: str) -> HostingError:
            return HostingError(text, reason=reason, transient=False)

        if isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError):
            return fixed(Msg.S3_NO_KEYS(), "keys")
        if isinstance(exc, bx.EndpointConnectionError | bx.ConnectTimeoutError
                      | bx.ConnectionClosedError):
            return HostingError(Msg.S3_UNREACHABLE(where), reason="network")
        if isinstance(exc, bx.ReadTimeoutError):
            return HostingError(Msg.S3_TIMEOUT(where), reason="network")
        if isinstance(exc, bx.ParamValidationError):
            return fixed(Msg.S3_SETTINGS_INVALID(self.bucket), "bucket")
        if isinstance(exc, bx.ClientError):
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
            if code in ("NoSuchBucket",) or (status == 404 and not code):
                return fixed(Msg.S3_NO_BUCKET(self.bucket, where), "bucket")
            if code in ("RequestTimeTooSkewed", "RequestExpired"):
                return fixed(Msg.S3_CLOCK(where), "clock")
            if code in ("PermanentRedirect", "IllegalLocationConstraintException",
                        "AuthorizationHeaderMalformed", "AuthorizationQueryParametersError",
                        "InvalidRegion") or status == 301:
                return fixed(Msg.S3_REGION(self.bucket), "region")
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken",
                        "ExpiredToken", "InvalidSecurity"):
                return fixed(Msg.S3_KEYS_REFUSED(where), "keys")
            if code in ("AccessDenied", "AllAccessDisabled", "AccountProblem") or status == 403:
                return fixed(Msg.S3_DENIED(self.bucket), "denied")
            if status >= 500 or code in ("SlowDown", "ServiceUnavailable", "InternalError"):
                return HostingError(Msg.S3_TROUBLE(where, str(code or status)),
                                    reason="server")
            return fixed(Msg.S3_REFUSED(where, str(code or status)), "server")
        if isinstance(exc, bx.BotoCoreError):
            return HostingError(Msg.S3_FAILED(where, type(exc).__name__), reason="server")
        return None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> S3Host:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- settings -------------------------------------------------------------------------------

def _secure(url: str, settings: HostSettings) -> str:
    """``url`` unless it is a plain-http address off this computer and that is not allowed."""
    if url and not settings.allow_insecure and is_insecure_address(url):
        raise ConfigError(Msg.HOST_INSECURE())
    return url


def build_host(settings: HostSettings, s3_secret: str | None = None) -> Host | None:
    """The host the settings describe, or None when none is configured.

    With kind "none", the ``DESKTOP_APP_UPLOAD_URL`` environment variable still gives a PutHost.
    Raises ConfigError with a sentence when the settings are incomplete.
    """
    kind = (settings.kind or "none").strip().lower()
    if kind == "none":
        env = os.environ.get(UPLOAD_URL_ENV, "").strip()
        return PutHost(_secure(env, settings)) if env else None
    if kind == "put":
        url = settings.put_url.strip()
        if not url:
            raise ConfigError(Msg.HOST_PUT_MISSING())
        return PutHost(_secure(url, settings))
    if kind == "s3":
        if not settings.s3_bucket.strip():
            raise ConfigError(Msg.HOST_BUCKET_MISSING())
        key_id = settings.s3_access_key_id.strip() or None
        secret = (s3_secret or "").strip() or None
        if key_id and not secret:
            raise ConfigError(Msg.HOST_SECRET_MISSING())
        if secret and not key_id:
            raise ConfigError(Msg.HOST_KEY_ID_MISSING())
        return S3Host(
            settings.s3_bucket,
            prefix=settings.s3_prefix,
            endpoint_url=_secure(settings.s3_endpoint.strip(), settings) or None,
            region=settings.s3_region.strip() or None,
            access_key_id=key_id,
            secret_access_key=secret,
            expires=int(settings.s3_expiry_seconds),
        )
    raise ConfigError(Msg.HOST_KIND_UNKNOWN(str(settings.kind)))


__all__ = [
    "MAX_S3_EXPIRY",
    "UPLOAD_URL_ENV",
    "Host",
    "HostKind",
    "HostSettings",
    "PutHost",
    "S3Host",
    "Uploaded",
    "build_host",
]
