"""What the app's HTTP clients (the IACrea API, the photo hosts) share: how long to wait before
trying again, which failures prove a request never left this computer, which addresses are not
safe to send a key or a photo to, and URLs fit for a log."""

from __future__ import annotations

import email.utils
import ipaddress
import random
import ssl
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

__all__ = [
    "backoff_delay",
    "is_insecure_address",
    "loggable_url",
    "nothing_sent",
    "origin",
    "parse_retry_after",
]


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN / inf
        return None
    return max(0.0, seconds)


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None,
                  retry_after: float | None = None) -> float:
    """Full-jitter exponential backoff: uniform(0, min(cap, base·2^attempt)); Retry-After wins."""
    ceiling = min(cap, base * (2 ** max(0, attempt)))
    delay = (rng or random).uniform(0, ceiling)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of ``url`` (the default port when none is written), lower-case."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def is_insecure_address(url: str) -> bool:
    """A plain ``http://`` address that is not this computer: what is sent there (the API key,
    photos) can be read on the way."""
    scheme, host, _ = origin(url.strip())
    if scheme != "http":
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return True


def loggable_url(url: str) -> str:
    """A URL without query string or fragment (pre-signed URLs carry secrets there)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"


def nothing_sent(exc: BaseException) -> bool:
    """True when the failure proves the request never left this machine (no connection made)."""
    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, requests.exceptions.ConnectTimeout
                      | urllib3.exceptions.ConnectTimeoutError | ssl.SSLCertVerificationError):
            # urllib3's NewConnectionError (refused) and NameResolutionError (DNS) derive from
            # ConnectTimeoutError; a refused certificate stops the handshake before any byte.
            return True
        todo.extend(item.args)
        todo.extend((getattr(item, "reason", None), item.__cause__, item.__context__))
    return False
