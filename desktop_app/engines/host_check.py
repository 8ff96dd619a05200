"""Test upload: can the service read what SkyClear puts online?

``check_host`` uploads a small test picture exactly as a photo would be uploaded, fetches it
back through the very URL IACrea would be given, *without any credentials* (as IACrea's servers
do), compares the bytes, and deletes it again. What went wrong, if anything, comes back as one
sentence and a ``problem`` code: wrong keys, no such bucket, wrong region, a link that cannot be
read from outside, this computer's clock, the network. No Qt here; the Settings dialog runs it
on a worker thread.
"""

from __future__ import annotations

import io
import ipaddress
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import requests

from desktop_app.core.errors import HostingError, SkyClearError
from desktop_app.core.messages import Message, Msg
from desktop_app.engines.hosting import Host, HostSettings, Uploaded, build_host

#: S3 and most servers refuse signed requests when the clocks differ by more than 15 minutes.
CLOCK_TOLERANCE = 15 * 60


@dataclass(frozen=True)
class HostCheck:
    ok: bool
    said: Message  # one sentence for the user
    #: "" when ok; else "keys", "bucket", "denied", "region", "clock", "address", "unreadable",
    #: "network", "server" or "settings"
    problem: str = ""
    url: str = ""  # the address IACrea would have been given
    #: things worth knowing even when the test passed (a local-only address, a leftover file)
    said_notes: tuple[Message, ...] = ()

    @property
    def message(self) -> str:
        return self.said.text

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(note.text for note in self.said_notes)


def sample_picture() -> bytes:
    """A small JPEG (a blue gradient, 64 × 48), different each time so no cache can answer."""
    from PIL import Image

    image = Image.linear_gradient("L").resize((64, 48))
    blue = Image.merge("RGB", (image.point(lambda v: v // 4), image.point(lambda v: v // 2),
                               Image.new("L", image.size, 220)))
    blue.putpixel((0, 0), (int(time.time() * 1000) % 256, 0, 0))
    out = io.BytesIO()
    blue.save(out, "JPEG", quality=85)
    return out.getvalue()


class _NoAuth(requests.auth.AuthBase):
    """No credentials at all, not even a ~/.netrc entry: IACrea has none."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


def check_host(host: Host, *, timeout: tuple[float, float] = (5, 30),
               now: Callable[[], float] = time.time) -> HostCheck:
    """Upload, fetch back anonymously, delete; never raises for what a host may do."""
    picture = sample_picture()
    with tempfile.TemporaryDirectory(prefix="skyclear-check-") as folder:
        path = Path(folder) / "skyclear-test.jpg"
        path.write_bytes(picture)
        try:
            uploaded = host.put(path, "image/jpeg")
        except HostingError as error:
            return HostCheck(False, error.message, problem=error.reason or "server")
        except SkyClearError as error:
            return HostCheck(False, error.message, problem="settings")
    failure = _fetch_back(uploaded.url, picture, timeout, now)
    notes = [note for note in (_local_address_note(uploaded.url), _delete(host, uploaded))
             if note]
    if failure is not None:
        return HostCheck(False, failure[1], problem=failure[0], url=uploaded.url,
                         said_notes=tuple(notes))
    return HostCheck(True, Msg.CHECK_OK(), url=uploaded.url, said_notes=tuple(notes))


def check_settings(settings: HostSettings, s3_secret: str | None = None) -> HostCheck:
    """``check_host`` on the host these settings describe (as Settings has them typed)."""
    try:
        host = build_host(settings, s3_secret)
    except SkyClearError as error:
        return HostCheck(False, error.message, problem="settings")
    if host is None:
        return HostCheck(False, Msg.CHECK_CHOOSE_HOST(), problem="settings")
    try:
        return check_host(host)
    finally:
        close = getattr(host, "close", None)
        if close is not None:
            close()


def _fetch_back(url: str, picture: bytes, timeout: tuple[float, float],
                now: Callable[[], float]) -> tuple[str, Message] | None:
    """None when the URL gives back the picture; else (problem, sentence)."""
    where = urlsplit(url).hostname or url
    try:
        with requests.Session() as session:
            response = session.get(url, timeout=timeout, auth=_NoAuth(),
                                   headers={"User-Agent": "SkyClear upload check"})
            body = response.content
    except requests.RequestException:
        return ("unreadable", Msg.CHECK_LINK_UNREACHABLE(where))
    skew = _clock_skew(response, now)
    if response.status_code == 200 and body == picture:
        return None
    code, text = _s3_error(body)
    if skew is not None and abs(skew) > CLOCK_TOLERANCE:
        minutes = round(abs(skew) / 60)
        return ("clock", Msg.CHECK_CLOCK_OFF(minutes))
    # a link signed a moment ago cannot have expired, unless the clocks disagree
    if code in ("RequestTimeTooSkewed", "RequestExpired") or "expired" in text.lower():
        return ("clock", Msg.CHECK_LINK_EXPIRED())
    if response.status_code in (401, 403):
        return ("unreadable", Msg.CHECK_NEEDS_PASSWORD(where, response.status_code))
    if response.status_code == 404:
        return ("unreadable", Msg.CHECK_LINK_NOWHERE(where))
    if response.status_code == 200:
        return ("unreadable", Msg.CHECK_NOT_THE_PICTURE(where))
    return ("unreadable", Msg.CHECK_LINK_ERROR(where, response.status_code))


def _s3_error(body: bytes) -> tuple[str, str]:
    """(code, message) of an S3 error answer; empty strings for anything else."""
    if not body.lstrip().startswith(b"<"):
        return "", ""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return "", ""
    if root.tag != "Error":
        return "", ""
    return (root.findtext("Code") or "").strip(), (root.findtext("Message") or "").strip()


def _clock_skew(response: requests.Response, now: Callable[[], float]) -> float | None:
    """Seconds this computer's clock is ahead of the server's (None without a Date header)."""
    header = response.headers.get("Date")
    if not header:
        return None
    try:
        return now() - parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def _local_address_note(url: str) -> Message | None:
    host = (urlsplit(url).hostname or "").lower()
    try:
        address = ipaddress.ip_address(host)
        local = address.is_loopback or address.is_private or address.is_link_local
    except ValueError:
        local = host == "localhost" or host.endswith((".localhost", ".local", ".lan",
                                                      ".internal", ".home.arpa")) \
            or "." not in host
    if not local:
        return None
    return Msg.CHECK_LOCAL_ADDRESS(host)


def _delete(host: Host, uploaded: Uploaded) -> Message | None:
    try:
        host.delete(uploaded)
    except SkyClearError:
        return Msg.CHECK_NOT_DELETED()
    return None


__all__ = ["CLOCK_TOLERANCE", "HostCheck", "check_host", "check_settings", "sample_picture"]
