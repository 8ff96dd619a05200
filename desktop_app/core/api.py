"""The IACrea HTTP client: one typed method per endpoint, errors a person can act on.

Rules this module keeps:

* Every call is a ``POST`` with a JSON body carrying ``user_id`` and the ``x-api-key`` header, with
  explicit (connect, read) timeouts.
* Reads (``get``, ``credits``, ``download``) are retried on 429, 5xx, timeouts and dropped
  connections, with capped exponential backoff and full jitter, honouring ``Retry-After``.
* Paid requests (``generate``, ``generate_variation``) are never sent twice once they may have
  reached the service. Only a failure that proves nothing was sent (refused connection, unknown
  host, connect timeout) is retried; a connection lost after sending raises
  :class:`UncertainSubmitError`.
* The API key goes only to the origin of ``base_url``: never into logs, messages, ``repr()``, or a
  request to another host (result files may live on third-party storage).
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin

import requests
from PIL import Image, UnidentifiedImageError

from desktop_app import __version__ as _app_version
from desktop_app.core import atomic
from desktop_app.core.errors import (
    ApiError,
    AuthError,
    BadRequestError,
    ConfigError,
    CreditsError,
    InputError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ServiceUnavailableError,
    UncertainSubmitError,
)
from desktop_app.core.messages import Msg
from desktop_app.core.models import Credits, PollResult, Service, Status
from desktop_app.core.net import (
    backoff_delay,
    is_insecure_address,
    loggable_url,
    nothing_sent,
    origin,
    parse_retry_after,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "GenerateResult",
    "GetResult",
    "IACreaClient",
]

DEFAULT_BASE_URL = "https://iacrea.com"
#: A Retry-After longer than this is not slept through inside one call: the error is raised with
#: ``retry_after`` set, so the caller (the poll loop) can wait without holding the call open.
MAX_RETRY_AFTER = 60.0
#: A result file larger than this is refused rather than filling the disk.
MAX_DOWNLOAD_BYTES = 300 * 1024 * 1024
MAX_REDIRECTS = 5
_DETAIL_LIMIT = 300
_CHUNK = 256 * 1024

log = logging.getLogger("desktop_app.api")

_STATUSES = {
    "STARTING": Status.STARTING,
    "PROCESSING": Status.PROCESSING,
    "SUCCEEDED": Status.SUCCEEDED,
    "FAILED": Status.FAILED,
}


# -- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class GenerateResult:
    """The answer to ``generate`` / ``generate-variation``."""

    generation_id: str
    remaining_photos: int | None = None  # the credit balance after this generation
    project_id: str | None = None  # only ``generate`` creates a project


@dataclass(frozen=True)
class GetResult:
    """One look at a generation."""

    status: Status  # STARTING, PROCESSING, SUCCEEDED or FAILED
    urls: tuple[str, ...] = ()
    variation_number: int | None = None
    message: str | None = None  # the service's own words, when a FAILED answer carries any
    unknown_status: str | None = None  # the service's status word when it is not documented

    def as_poll_result(self) -> PollResult:
        return PollResult(status=self.status, results=self.urls,
                          variation_number=self.variation_number, message=self.message,
                          unknown_status=self.unknown_status)


# -- reading answers (pure) -------------------------------------------------------------------
def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, requests.exceptions.Timeout)


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _html_text(text: str) -> str:
    title = _TITLE.search(text)
    return title.group(1) if title else _TAG.sub(" ", text)


# -- the client --------------------------------------------------------------------------------
class _NotSentError(NetworkError):
    """No connection was made, so the request certainly did not reach the service."""


class IACreaClient:
    """A small, typed client of the IACrea Interior Sky, Decluttering and Credits APIs.

    Not thread-safe by itself: give each thread its own client (or serialise the calls).
    """

    def __init__(self, api_key: str, user_id: str, base_url: str = DEFAULT_BASE_URL, *,
                 session: requests.Session | None = None,
                 timeout: tuple[float, float] = (5, 30),
                 max_retries: int = 4,
                 backoff_base: float = 0.5,
                 backoff_cap: float = 20,
                 max_retry_after: float = MAX_RETRY_AFTER,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None,
                 allow_insecure: bool = False) -> None:
        api_key = (api_key or "").strip()
        user_id = (user_id or "").strip()
        if not api_key:
            raise ConfigError(Msg.API_KEY_MISSING())
        if not user_id:
            raise ConfigError(Msg.USER_ID_MISSING())
        base = (base_url or DEFAULT_BASE_URL).strip().rstrip("/")
        scheme, host, _ = origin(base)
        if scheme not in ("http", "https") or not host:
            raise ConfigError(Msg.SERVICE_ADDRESS_INVALID())
        if not allow_insecure and is_insecure_address(base):
            raise ConfigError(Msg.SERVICE_INSECURE())
        self.__key = api_key
        self.user_id = user_id
        self.base_url = base
        self.timeout = timeout
        self.max_retries = max(0, int(max_retries))
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_retry_after = max_retry_after
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._owns_session = session is None
        self._session = session or requests.Session()
        if self._owns_session:
            self._session.headers["User-Agent"] = f"SkyClear/{_app_version}"

    # -- housekeeping --------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"IACreaClient(base_url={self.base_url!r}, user_id={self.user_id!r})"

    __str__ = __repr__

    def __getstate__(self) -> None:
        raise TypeError("IACreaClient cannot be pickled (it holds a secret).")

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- endpoints -------------------------------------------------------------------------------
    def generate(self, service: Service, image_url: str, *, auto: bool | None = None,
                 webhook: str | None = None) -> GenerateResult:
        """Start a generation (creates a project; costs one credit). Never re-sent once it may
        have reached the service."""
        service = Service(service)
        image_url = self._require_url(image_url)
        body: dict[str, Any] = {"image_url": image_url}
        if service is Service.DECLUTTER and auto is not None:
            body["auto"] = bool(auto)
        if webhook:
            body["webhook"] = self._require_url(webhook)
        data = self._post(f"/api/{service.api_path}/generate", body, paid=True)
        return self._generate_result(data)

    def generate_variation(self, service: Service, generation_id: str, *,
                           original_url: str | None = None,
                           mask_url: str | None = None) -> GenerateResult:
        """Ask for another result on the same project (declutter: with a new mask)."""
        service = Service(service)
        generation_id = self._require_id(generation_id)
        body: dict[str, Any] = {"generation_id": generation_id}
        if service is Service.DECLUTTER:
            if not (original_url and original_url.strip()) or not (mask_url and mask_url.strip()):
                raise InputError(Msg.VARIATION_NEEDS_ORIGINAL_AND_MASK())
            body["original_url"] = self._require_url(original_url)
            body["mask_url"] = self._require_url(mask_url)
        data = self._post(f"/api/{service.api_path}/generate-variation", body, paid=True)
        return self._generate_result(data)

    def get(self, service: Service, generation_id: str) -> GetResult:
        """The status of a generation and, once SUCCEEDED, its result URLs."""
        service = Service(service)
        body = {"generation_id": self._require_id(generation_id)}
        data = self._post(f"/api/{service.api_path}/get", body, paid=False)
        raw = data.get("status")
        status = _STATUSES.get(str(raw).strip().upper()) if raw is not None else None
        unknown: str | None = None
        if status is None:
            # e.g. CANCELED: not documented, so not final for us; the caller shows its name
            unknown = (_as_str(raw) or "(none)")[:40]
            log.warning("unknown generation status %r from the service; still polled", unknown)
            status = Status.PROCESSING
        urls_raw = data.get("urls") or ()
        if isinstance(urls_raw, str):
            urls_raw = (urls_raw,)
        urls = tuple(u.strip() for u in urls_raw if isinstance(u, str) and u.strip()) \
            if isinstance(urls_raw, list | tuple) else ()
        if status is Status.SUCCEEDED and not urls:
            log.warning("generation reported SUCCEEDED without result URLs")
        variation = _as_int(data.get("variationNumber", data.get("variation_number")))
        message = _as_str(data.get("error") or data.get("message"))
        return GetResult(status=status, urls=urls, variation_number=variation,
                         message=self._scrub(message), unknown_status=self._scrub(unknown))

    def credits(self) -> Credits:
        """The account's photo credits."""
        data = self._post("/api/account/credit", {}, paid=False)
        total = _as_int(data.get("total"))
        subscription = _as_int(data.get("subscription"))
        extra = _as_int(data.get("extra"))
        if total is None:
            if subscription is None and extra is None:
                raise ApiError(Msg.CREDITS_UNREADABLE(), status=200)
            total = (subscription or 0) + (extra or 0)
        return Credits(total=total, subscription=subscription or 0, extra=extra or 0)

    def download(self, url: str, dest: Path) -> Path:
        """Stream a result image to ``dest`` atomically (via ``dest.part``); return ``dest``.

        Retried like ``get``. Redirects are followed by hand so the key never reaches another
        host. The body must be an image, or nothing is written.
        """
        url = self._require_url(url)
        dest = Path(dest)
        attempt = 0
        while True:
            try:
                with atomic.atomic_path(dest) as part:
                    self._download_once(url, part)
                    self._check_image(part)
                return dest
            except ApiError as err:
                if not err.transient or not self._wait_before_retry(attempt, err):
                    raise
                attempt += 1

    # -- transport -------------------------------------------------------------------------------
    def _headers_for(self, url: str) -> dict[str, str]:
        if origin(url) == origin(self.base_url):
            return {"x-api-key": self.__key}
        return {}

    def _post(self, path: str, body: Mapping[str, Any], *, paid: bool) -> dict[str, Any]:
        url = self.base_url + path
        payload = {"user_id": self.user_id, **body}
        attempt = 0
        while True:
            if paid:
                self._drop_idle_connections(url)
            try:
                return self._post_once(url, path, payload, paid=paid)
            except ApiError as err:
                # A paid request is only sent again when it provably did not arrive, or when the
                # service turned it away before doing anything (429, 503: nothing charged).
                refused = isinstance(err, RateLimitError | ServiceUnavailableError)
                if paid and not isinstance(err, _NotSentError) and not refused:
                    raise
                if not err.transient or not self._wait_before_retry(attempt, err):
                    raise
                attempt += 1

    def _drop_idle_connections(self, url: str) -> None:
        """Send a paid request on a fresh connection.

        A kept-alive connection that the server closed while idle fails only once the request is
        written, which looks exactly like a request lost after sending: a paid call would then
        end uncertain for nothing. A new connection costs one handshake.
        """
        try:
            adapter = self._session.get_adapter(url)
        except requests.exceptions.InvalidSchema:
            return
        adapter.close()  # the adapter makes new pools on demand

    def _post_once(self, url: str, path: str, payload: Mapping[str, Any], *,
                   paid: bool) -> dict[str, Any]:
        started = time.monotonic()
        response = self._send("POST", url, path, paid=paid, json=payload)
        with response:
            log.info("POST %s -> %s in %.2f s", path, response.status_code,
                     time.monotonic() - started)
            if response.status_code >= 300:
                raise self._http_error(response, paid=paid)
            try:
                data = response.json()
            except ValueError:
                data = None
        if not isinstance(data, dict):
            if paid:
                raise UncertainSubmitError(Msg.PAID_ANSWER_UNREADABLE(),
                                           status=response.status_code)
            raise ApiError(Msg.ANSWER_UNREADABLE(), status=response.status_code)
        return data

    def _download_once(self, url: str, part: Path) -> None:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            started = time.monotonic()
            response = self._send("GET", current, loggable_url(current), paid=False, download=True,
                                  stream=True)
            with response:
                log.info("GET %s -> %s in %.2f s", loggable_url(current), response.status_code,
                         time.monotonic() - started)
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    current = urljoin(current, location)
                    if origin(current)[0] not in ("http", "https"):
                        raise ApiError(Msg.RESULT_REDIRECT_BAD(), status=response.status_code)
                    continue
                if response.status_code >= 300:
                    raise self._http_error(response, paid=False, download=True)
                length = _as_int(response.headers.get("Content-Length"))
                if length is not None and length > MAX_DOWNLOAD_BYTES:
                    raise ApiError(Msg.RESULT_TOO_LARGE(), status=response.status_code)
                written = 0
                failure: ApiError | None = None
                with os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                               "wb") as out:
                    try:
                        for chunk in response.iter_content(_CHUNK):
                            written += len(chunk)
                            if written > MAX_DOWNLOAD_BYTES:
                                break
                            out.write(chunk)
                    except requests.exceptions.RequestException as exc:
                        log.info("GET %s broke off after %d bytes: %s", loggable_url(current),
                                 written, type(exc).__name__)
                        failure = self._transport_error(exc, paid=False, download=True)
                if failure is not None:
                    raise failure  # outside the except block: no chained request (or key) in it
                if written > MAX_DOWNLOAD_BYTES:
                    raise ApiError(Msg.RESULT_TOO_LARGE(), status=response.status_code)
                return
        raise ApiError(Msg.RESULT_REDIRECT_LOOP())

    def _send(self, method: str, url: str, label: str, *, paid: bool, download: bool = False,
              **kwargs: Any) -> requests.Response:
        """One HTTP exchange, redirects not followed; transport failures become ApiErrors.

        The error is raised outside the ``except`` block so it carries no chained requests
        exception (whose prepared request holds the headers, key included).
        """
        started = time.monotonic()
        failure: ApiError
        try:
            return self._session.request(method, url, headers=self._headers_for(url),
                                         timeout=self.timeout, allow_redirects=False, **kwargs)
        except requests.exceptions.RequestException as exc:
            log.info("%s %s failed after %.2f s: %s", method, label, time.monotonic() - started,
                     type(exc).__name__)
            failure = self._transport_error(exc, paid=paid, download=download)
        raise failure

    @staticmethod
    def _check_image(part: Path) -> None:
        try:
            with Image.open(part) as img:
                img.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            log.info("downloaded body is not an image: %s", type(exc).__name__)
            raise ApiError(Msg.RESULT_NOT_IMAGE(), status=200) from None

    def _wait_before_retry(self, attempt: int, err: ApiError) -> bool:
        """Sleep before the next attempt; False when no attempt is left or the wait is too long."""
        if attempt >= self.max_retries:
            return False
        if err.retry_after is not None and err.retry_after > self.max_retry_after:
            return False
        delay = backoff_delay(attempt, self.backoff_base, self.backoff_cap, self._rng,
                              err.retry_after)
        log.info("retrying in %.2f s (%s)", delay, type(err).__name__)
        self._sleep(delay)
        return True

    # -- error mapping -----------------------------------------------------------------------------
    def _transport_error(self, exc: requests.exceptions.RequestException, *, paid: bool,
                         download: bool = False) -> ApiError:
        unsent = nothing_sent(exc)
        if paid and not unsent:
            return UncertainSubmitError(Msg.PAID_CONNECTION_LOST())
        err: ApiError
        cls = _NotSentError if unsent else NetworkError
        if isinstance(exc, requests.exceptions.SSLError):
            err = cls(Msg.SECURE_CONNECTION_FAILED())
            err.transient = False  # a certificate problem does not heal by itself
        elif isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema |
                        requests.exceptions.InvalidSchema):
            err = cls(Msg.SERVICE_ADDRESS_UNUSABLE())
            err.transient = False
        elif _is_timeout(exc) and not unsent:
            err = NetworkError(Msg.DOWNLOAD_TIMEOUT() if download else Msg.SERVICE_TIMEOUT())
        elif download:
            err = cls(Msg.DOWNLOAD_CONNECTION_FAILED())
        else:
            err = cls(Msg.SERVICE_UNREACHABLE())
        return err

    def _http_error(self, response: requests.Response, *, paid: bool,
                    download: bool = False) -> ApiError:
        code = response.status_code
        detail = self._detail(response)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        kw: dict[str, Any] = {"status": code, "detail": detail, "retry_after": retry_after}
        if 300 <= code < 400:
            return ApiError(Msg.SERVICE_REDIRECTED(detail=detail), **kw)
        if code == 429:
            return RateLimitError(Msg.RATE_LIMITED(detail=detail), **kw)
        if code == 503:
            return ServiceUnavailableError(Msg.SERVICE_UNAVAILABLE(detail=detail), **kw)
        if code >= 500:
            return ServerError(Msg.SERVICE_INTERNAL_ERROR(detail=detail), **kw)
        if download and (code != 401 or origin(response.url) != origin(self.base_url)):
            return NotFoundError(Msg.RESULT_LINK_FAILED(code, detail=detail), **kw)
        if code == 400:
            return BadRequestError(Msg.REQUEST_INVALID(detail=detail), **kw)
        if code == 401:
            return AuthError(Msg.KEY_REFUSED(detail=detail), **kw)
        if code == 402:
            return CreditsError(Msg.NO_CREDITS(detail=detail), **kw)
        if code == 403:
            return CreditsError(Msg.SERVICE_NOT_ALLOWED(detail=detail), **kw)
        if code == 404:
            return NotFoundError(Msg.GENERATION_UNKNOWN(detail=detail), **kw)
        return ApiError(Msg.REQUEST_REFUSED(code, detail=detail), **kw)

    def _detail(self, response: requests.Response) -> str | None:
        """The service's own message: JSON ``error`` / ``message``, else the raw text, trimmed."""
        try:
            text = response.text
        except (requests.exceptions.RequestException, UnicodeDecodeError):
            return None
        detail: str | None = None
        try:
            data = response.json()
        except ValueError:
            data = None
        if isinstance(data, dict):
            for key in ("error", "message", "detail"):
                value = data.get(key)
                if isinstance(value, dict):
                    value = value.get("message") or value.get("error")
                detail = _as_str(value)
                if detail:
                    break
        elif isinstance(data, str):
            detail = data
        if detail is None and text and data is None:
            kind = response.headers.get("Content-Type", "")
            detail = _html_text(text) if "html" in kind or text.lstrip().startswith("<") else text
        if not detail:
            return None
        detail = " ".join(detail.split())
        if len(detail) > _DETAIL_LIMIT:
            detail = detail[: _DETAIL_LIMIT - 1].rstrip() + "…"
        return self._scrub(detail) or None

    def _scrub(self, text: str | None) -> str | None:
        """Remove the key from text that came back from the network, should a server echo it."""
        if text is None:
            return None
        return text.replace(self.__key, "[key]")

    # -- validation --------------------------------------------------------------------------------
    @staticmethod
    def _require_url(url: str | None) -> str:
        url = (url or "").strip()
        if origin(url)[0] not in ("http", "https") or not origin(url)[1]:
            raise InputError(Msg.ADDRESS_NOT_WEB(url))
        return url

    @staticmethod
    def _require_id(generation_id: str) -> str:
        value = (generation_id or "").strip() if isinstance(generation_id, str) else ""
        if not value:
            raise InputError(Msg.GENERATION_NO_ID())
        return value

    @staticmethod
    def _generate_result(data: dict[str, Any]) -> GenerateResult:
        generation_id = _as_str(data.get("generation_id"))
        if generation_id is None:
            raise UncertainSubmitError(Msg.PAID_NO_GENERATION_ID(), status=200)
        return GenerateResult(generation_id=generation_id,
                              remaining_photos=_as_int(data.get("remaining_photos")),
                              project_id=_as_str(data.get("project_id")))


