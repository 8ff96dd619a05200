"""A faithful stand-in for the IACrea API over real HTTP on 127.0.0.1, plus pytest fixtures.

It follows ``iacrea-api.md``: POST-only JSON endpoints, ``x-api-key`` matched against ``user_id``,
one credit per generate (variations free or paid), STARTING → PROCESSING → SUCCEEDED/FAILED with a
refund on FAILED, and real JPEG results derived from the photo it fetched over HTTP. Where the
documentation is silent it chooses plainly and says so here:

* ``image_url`` / ``original_url`` / ``mask_url`` are fetched while answering ``generate``; an
  unreachable URL or a body that is not a JPEG/PNG gets a 400 and costs nothing.
* ``variationNumber`` is the generation's own place in its project (0 for the first generation,
  1 for the first variation...).
* Declutter ``generate`` without ``auto: true`` returns the photo unchanged (there is no mask yet;
  masks come with variations). With ``auto`` it removes the darkest objects.
* A FAILED ``get`` answer carries only ``status`` and ``variationNumber``.

Tests switch faults on as on any ``fault_server.FaultServer`` (``answer`` gives any status and
body, e.g. an empty ``urls`` or an undocumented status; a fault on the path prefix ``/results``
hits the result downloads), plus ``forget`` and ``fail_next_generation`` here, and read
``calls``. ``advance(seconds)`` moves the server's clock so status changes need no waiting.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urlsplit

import cv2
import numpy as np
import pytest
from fault_server import API_PREFIX, FaultServer, FileHost, Reply, error_reply, json_reply
from PIL import Image

ENDPOINTS = (
    "sky_interior/generate",
    "sky_interior/generate-variation",
    "sky_interior/get",
    "declutter_total/generate",
    "declutter_total/generate-variation",
    "declutter_total/get",
    "account/credit",
)
MAX_FETCH = 60 * 1024 * 1024


# -- the IACrea model ------------------------------------------------------------------------
@dataclass
class Account:
    api_key: str
    user_id: str
    subscription: int = 10
    extra: int = 0

    @property
    def total(self) -> int:
        return self.subscription + self.extra

    def charge(self) -> None:
        if self.subscription > 0:
            self.subscription -= 1
        else:
            self.extra -= 1

    def refund(self) -> None:
        self.subscription += 1


@dataclass
class Project:
    id: str
    service: str
    user_id: str
    original: bytes
    generations: list[str] = field(default_factory=list)

    @property
    def variations(self) -> int:
        return len(self.generations) - 1


@dataclass
class RemoteGeneration:
    id: str
    service: str  # sky_interior / declutter_total
    user_id: str
    project_id: str
    number: int  # 0 for the project's first generation, then 1, 2... for variations
    created: float
    starting_for: float
    processing_for: float
    source: bytes
    mask: bytes | None = None
    auto: bool = False
    webhook: str | None = None
    charged: bool = False
    fail: bool = False
    refunded: bool = False
    urls: list[str] = field(default_factory=list)
    webhook_sent: bool = False

    def status(self, now: float) -> str:
        age = now - self.created
        if age < self.starting_for:
            return "STARTING"
        if age < self.starting_for + self.processing_for:
            return "PROCESSING"
        return "FAILED" if self.fail else "SUCCEEDED"


class IACreaServer(FaultServer):
    """The IACrea API (Interior Sky, Decluttering, Credits) as the documentation describes it."""

    name = "iacrea-server"

    def __init__(self, *, credits: int = 10, extra_credits: int = 0,
                 starting_for: float = 0.2, processing_for: float = 0.3,
                 variations_free: bool = False, results_per_generation: int = 1,
                 result_host: FileHost | None = None, fetch_timeout: float = 5.0,
                 api_key: str | None = None, user_id: str | None = None) -> None:
        super().__init__()
        self.account = Account(api_key or f"sk-test-{uuid.uuid4().hex}",
                               user_id or str(uuid.uuid4()), credits, extra_credits)
        self.accounts: dict[str, Account] = {self.account.user_id: self.account}
        self.starting_for = starting_for
        self.processing_for = processing_for
        self.variations_free = variations_free
        self.results_per_generation = results_per_generation
        self.result_host = result_host
        self.fetch_timeout = fetch_timeout
        self.projects: dict[str, Project] = {}
        self.generations: dict[str, RemoteGeneration] = {}
        self.webhook_deliveries: list[tuple[str, int | str]] = []
        self._fail_next: int = 0
        self._settle_lock = threading.Lock()  # one settle (webhooks included) at a time
        self._offset = 0.0
        self._ticker: threading.Thread | None = None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    # -- account shortcuts --------------------------------------------------------------------
    @property
    def api_key(self) -> str:
        return self.account.api_key

    @property
    def user_id(self) -> str:
        return self.account.user_id

    @property
    def credits(self) -> int:
        with self.lock:
            return self.account.total

    @credits.setter
    def credits(self, value: int) -> None:
        with self.lock:
            self.account.subscription, self.account.extra = value, 0

    def add_account(self, credits: int = 10) -> Account:
        account = Account(f"sk-test-{uuid.uuid4().hex}", str(uuid.uuid4()), credits)
        with self.lock:
            self.accounts[account.user_id] = account
        return account

    def forget(self, generation_id: str) -> None:
        """The service loses a generation: ``get`` answers 404 for it from now on."""
        with self.lock:
            self.generations.pop(generation_id, None)

    def fail_next_generation(self, times: int = 1) -> None:
        """The next ``times`` generations (or variations) end FAILED (and are refunded)."""
        with self.lock:
            self._fail_next += times

    # -- time ---------------------------------------------------------------------------------
    def now(self) -> float:
        return time.monotonic() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the server's clock on, so generations progress without waiting."""
        with self.lock:
            self._offset += seconds
        self._settle()

    def finish_all(self) -> None:
        """Jump the clock past every running generation's end (each keeps the durations it was
        created with)."""
        with self.lock:
            now = self.now()
            left = [g.created + g.starting_for + g.processing_for - now
                    for g in self.generations.values()]
        self.advance(max([self.starting_for + self.processing_for, *left]) + 0.01)

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> Self:
        super().start()
        self._ticker = threading.Thread(target=self._tick, name=f"{self.name}-ticker",
                                        daemon=True)
        self._ticker.start()
        return self

    def stop(self) -> None:
        self._let_go()  # first: the ticker may be waiting on a held webhook call
        if self._ticker is not None:
            self._ticker.join(5)
            self._ticker = None
        super().stop()

    def _tick(self) -> None:
        """Settle generations (refunds, results) and call webhooks even when nobody polls."""
        while not self._stopping.wait(0.05):
            self._settle()

    # -- routing ------------------------------------------------------------------------------
    def _route(self, method: str, path: str, body: bytes, headers: Any) -> Reply:
        if not path.startswith(API_PREFIX):
            return self._serve_static(method, path)
        endpoint = path[len(API_PREFIX):]
        if endpoint not in ENDPOINTS:
            return error_reply(404, "Not found")
        if method != "POST":
            reply = error_reply(405, "Method not allowed")
            reply.headers["Allow"] = "POST"
            return reply
        key = headers.get("x-api-key")
        if not key:
            return error_reply(401, "Missing API key (x-api-key header)")
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return error_reply(400, "The request body must be JSON")
        if not isinstance(data, dict):
            return error_reply(400, "The request body must be a JSON object")
        user_id = data.get("user_id")
        if not isinstance(user_id, str) or not _is_uuid(user_id):
            return error_reply(400, "Missing or invalid user_id")
        with self.lock:
            account = self.accounts.get(user_id)
        if account is None or account.api_key != key:
            return error_reply(401, "Invalid API key")
        if endpoint == "account/credit":
            with self.lock:
                return json_reply(200, {"total": account.total,
                                        "subscription": account.subscription,
                                        "extra": account.extra})
        service, _, action = endpoint.partition("/")
        if action == "generate":
            return self._generate(account, service, data)
        if action == "generate-variation":
            return self._variation(account, service, data)
        return self._get(account, service, data)

    def _generate(self, account: Account, service: str, data: dict[str, Any]) -> Reply:
        image_url = data.get("image_url")
        if not _is_http_url(image_url):
            return error_reply(400, "Missing or invalid image_url")
        webhook = data.get("webhook")
        if webhook is not None and not _is_http_url(webhook):
            return error_reply(400, "Invalid webhook URL")
        auto = data.get("auto")
        if service == "declutter_total" and auto is not None and not isinstance(auto, bool):
            return error_reply(400, "auto must be a boolean")
        with self.lock:
            if account.total <= 0:
                return error_reply(402, "No photos remaining on your account")
        image, problem = self._fetch_image(image_url, "image_url")
        if problem:
            return error_reply(400, problem)
        with self.lock:
            if account.total <= 0:
                return error_reply(402, "No photos remaining on your account")
            account.charge()
            project = Project(str(uuid.uuid4()), service, account.user_id, image)
            self.projects[project.id] = project
            gen = self._new_generation(project, image, charged=True, webhook=webhook,
                                       auto=bool(auto) and service == "declutter_total")
            return json_reply(200, {"generation_id": gen.id, "remaining_photos": account.total,
                               "project_id": project.id})

    def _variation(self, account: Account, service: str, data: dict[str, Any]) -> Reply:
        parent_id = data.get("generation_id")
        if not isinstance(parent_id, str) or not parent_id:
            return error_reply(400, "Missing or invalid generation_id")
        with self.lock:
            parent = self.generations.get(parent_id)
            if parent is None or parent.user_id != account.user_id or parent.service != service:
                return error_reply(404, "Generation not found")
            project = self.projects[parent.project_id]
        source, mask = project.original, None
        if service == "declutter_total":
            original_url, mask_url = data.get("original_url"), data.get("mask_url")
            if not _is_http_url(original_url) or not _is_http_url(mask_url):
                return error_reply(400, "original_url and mask_url are required")
            source, problem = self._fetch_image(original_url, "original_url")
            if problem:
                return error_reply(400, problem)
            mask, problem = self._fetch_image(mask_url, "mask_url")
            if problem:
                return error_reply(400, problem)
        with self.lock:
            paid = not self.variations_free
            if paid:
                if account.total <= 0:
                    return error_reply(402, "No photos remaining on your account")
                account.charge()
            gen = self._new_generation(project, source, charged=paid, mask=mask,
                                       webhook=parent.webhook)
            return json_reply(200, {"generation_id": gen.id, "remaining_photos": account.total})

    def _get(self, account: Account, service: str, data: dict[str, Any]) -> Reply:
        gen_id = data.get("generation_id")
        if not isinstance(gen_id, str) or not gen_id:
            return error_reply(400, "Missing or invalid generation_id")
        self._settle()
        with self.lock:
            gen = self.generations.get(gen_id)
            if gen is None or gen.user_id != account.user_id or gen.service != service:
                return error_reply(404, "Generation not found")
            return json_reply(200, self._get_body(gen))

    def _get_body(self, gen: RemoteGeneration) -> dict[str, Any]:
        status = gen.status(self.now())
        body: dict[str, Any] = {"status": status}
        if status == "SUCCEEDED":
            body["urls"] = list(gen.urls)
        body["variationNumber"] = gen.number
        return body

    def _new_generation(self, project: Project, source: bytes, *, charged: bool,
                        mask: bytes | None = None, webhook: str | None = None,
                        auto: bool = False) -> RemoteGeneration:
        fail = self._fail_next > 0
        if fail:
            self._fail_next -= 1
        gen = RemoteGeneration(id=str(uuid.uuid4()), service=project.service,
                               user_id=project.user_id, project_id=project.id,
                               number=len(project.generations), created=self.now(),
                               starting_for=self.starting_for,
                               processing_for=self.processing_for, source=source, mask=mask,
                               auto=auto, webhook=webhook, charged=charged, fail=fail)
        project.generations.append(gen.id)
        self.generations[gen.id] = gen
        return gen

    # -- progress -----------------------------------------------------------------------------
    def _settle(self) -> None:
        """Refund failed generations, render finished ones, then call due webhooks.

        Serialised, so when ``advance()`` returns every due refund, result and webhook is done.
        """
        with self._settle_lock:
            self._settle_now()

    def _settle_now(self) -> None:
        due: list[tuple[str, dict[str, Any]]] = []
        with self.lock:
            now = self.now()
            for gen in self.generations.values():
                status = gen.status(now)
                if status == "FAILED" and gen.charged and not gen.refunded:
                    self.accounts[gen.user_id].refund()
                    gen.refunded = True
                elif status == "SUCCEEDED" and not gen.urls:
                    gen.urls = self._render(gen)
                if status in ("FAILED", "SUCCEEDED") and gen.webhook and not gen.webhook_sent:
                    gen.webhook_sent = True
                    due.append((gen.webhook, self._get_body(gen)))
        for url, payload in due:
            self._call_webhook(url, payload)

    def _call_webhook(self, url: str, payload: dict[str, Any]) -> None:
        request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with self._opener.open(request, timeout=self.fetch_timeout) as answer:
                outcome: int | str = answer.status
        except urllib.error.HTTPError as exc:
            outcome = exc.code
        except OSError as exc:
            outcome = type(exc).__name__
        with self.lock:
            self.webhook_deliveries.append((url, outcome))

    def _render(self, gen: RemoteGeneration) -> list[str]:
        urls = []
        for n in range(max(1, self.results_per_generation)):
            data = render_result(gen.service, gen.source, mask=gen.mask, auto=gen.auto,
                                 variant=gen.number * 7 + n)
            name = f"results/{gen.id}/{n}.jpg"
            if self.result_host is not None:
                urls.append(self.result_host._put("/" + name, data, "image/jpeg"))
            else:
                urls.append(self._put("/" + name, data, "image/jpeg"))
        return urls

    def _fetch_image(self, url: str, what: str) -> tuple[bytes, str | None]:
        try:
            with self._opener.open(url, timeout=self.fetch_timeout) as answer:
                data = answer.read(MAX_FETCH + 1)
        except (OSError, ValueError) as exc:
            return b"", f"Could not download {what}: {type(exc).__name__}"
        if len(data) > MAX_FETCH:
            return b"", f"{what} is too large"
        try:
            with Image.open(io.BytesIO(data)) as img:
                kind = img.format
                img.verify()
        except Exception:
            return b"", f"{what} is not a jpg or png image"
        if kind not in ("JPEG", "PNG"):
            return b"", f"{what} is not a jpg or png image"
        return data, None


# -- the "AI" --------------------------------------------------------------------------------
def render_result(service: str, source: bytes, *, mask: bytes | None = None, auto: bool = False,
                  variant: int = 0) -> bytes:
    """A real JPEG derived from the input: sky turns bright pixels blue; declutter fills a mask."""
    with Image.open(io.BytesIO(source)) as img:
        rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    if service == "sky_interior":
        out = _blue_sky(rgb, variant)
    else:
        remove: np.ndarray | None = None
        if mask is not None:
            with Image.open(io.BytesIO(mask)) as m:
                gray = m.convert("L")
                if gray.size != (rgb.shape[1], rgb.shape[0]):
                    gray = gray.resize((rgb.shape[1], rgb.shape[0]), Image.Resampling.NEAREST)
                remove = np.asarray(gray) > 127
        elif auto:
            lum = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
            dark = (lum < np.percentile(lum, 12)).astype(np.uint8)
            cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
            remove = cv2.dilate(dark, cross, iterations=2) > 0
        out = _fill(rgb, remove) if remove is not None and remove.any() else rgb
    buf = io.BytesIO()
    Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def _blue_sky(rgb: np.ndarray, variant: int) -> np.ndarray:
    h = rgb.shape[0]
    lum = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    bright = (lum > 232) & (rgb.max(axis=2) - rgb.min(axis=2) < 40)  # blown-out, near white
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    shift = (variant % 5) * 6.0
    top = np.array([60 + shift, 120 + shift, 215], dtype=np.float32)
    bottom = np.array([150 + shift, 195, 245], dtype=np.float32)
    sky = top * (1 - t) + bottom * t
    sky = np.broadcast_to(sky, rgb.shape)
    out = rgb.copy()
    out[bright] = 0.85 * sky[bright] + 0.15 * rgb[bright]
    return out


def _fill(rgb: np.ndarray, remove: np.ndarray) -> np.ndarray:
    """Normalised-convolution fill of the removed pixels from their surroundings."""
    keep = (~remove).astype(np.float32)
    out = rgb.copy()
    todo = remove.copy()
    size = max(9, min(rgb.shape[:2]) // 12)
    while todo.any() and size < 4 * max(rgb.shape[:2]):
        box = (size, size)
        weight = cv2.blur(keep, box, borderType=cv2.BORDER_REFLECT)
        ok = todo & (weight > 1e-3)
        if ok.any():
            for c in range(3):
                avg = cv2.blur(rgb[..., c] * keep, box, borderType=cv2.BORDER_REFLECT)
                out[..., c][ok] = avg[ok] / weight[ok]
            todo &= ~ok
        size *= 3
    if todo.any():
        out[todo] = rgb[~remove].mean(axis=0) if (~remove).any() else 128
    return out


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _is_http_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# -- fixtures --------------------------------------------------------------------------------
@pytest.fixture
def iacrea_server() -> Iterator[IACreaServer]:
    """A running IACrea stand-in with 10 credits and quick generations (0.2 s + 0.3 s)."""
    with IACreaServer() as server:
        yield server


@pytest.fixture
def sleeps() -> list[float]:
    """The delays ``iacrea_client`` would have slept (it does not really sleep)."""
    return []


@pytest.fixture
def iacrea_client(iacrea_server: IACreaServer, sleeps: list[float]) -> Iterator[Any]:
    """An IACreaClient pointed at ``iacrea_server`` that records its sleeps instead of sleeping."""
    from desktop_app.core.api import IACreaClient

    client = IACreaClient(iacrea_server.api_key, iacrea_server.user_id, iacrea_server.url,
                          timeout=(2, 5), sleep=sleeps.append)
    try:
        yield client
    finally:
        client.close()


def main() -> None:
    """``python -m iacrea_server`` (from tests/): serve on 127.0.0.1 until stdin closes or
    Ctrl+C, after printing one JSON line with ``url``, ``api_key``, ``user_id``, ``credits``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--credits", type=int, default=10)
    args = parser.parse_args()
    server = IACreaServer(credits=args.credits).start()
    try:
        print(json.dumps({"url": server.url, "api_key": server.api_key,
                          "user_id": server.user_id, "credits": server.credits}), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            sys.stdin.read()  # until the caller closes it (or goes away)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
