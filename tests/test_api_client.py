"""The IACrea client against the contract server, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import io
import logging
import pickle
import random
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import numpy as np
import pytest
from fault_server import FileHost, free_port
from iacrea_server import IACreaServer
from PIL import Image

from desktop_app.core.api import GenerateResult, GetResult, IACreaClient
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
    SkyClearError,
    UncertainSubmitError,
)
from desktop_app.core.models import Credits, Service, Status
from desktop_app.core.net import backoff_delay, parse_retry_after

DATA = Path(__file__).parent / "data"
#: Read timeout for the tests that hold a request: long enough for any answer on a busy machine.
READ_TIMEOUT = 3.0
WINDOWS = DATA / "dining-room-windows-blown-out-01.jpg"
CLUTTER = DATA / "living-room-cluttered-01.jpg"


def client_for(server: IACreaServer, sleeps: list[float] | None = None,
               **kw: object) -> IACreaClient:
    kw.setdefault("timeout", (2, 5))
    return IACreaClient(server.api_key, server.user_id, server.url,
                        sleep=(sleeps.append if sleeps is not None else lambda _s: None),
                        **kw)  # type: ignore[arg-type]


@pytest.fixture
def photo_url(iacrea_server: IACreaServer) -> str:
    return iacrea_server.serve_file(WINDOWS)


def slow_server(server: IACreaServer) -> None:
    """Generations that only move when the test advances the server's clock."""
    server.starting_for = 60
    server.processing_for = 60


def rgb(path_or_bytes: Path | bytes) -> np.ndarray:
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with Image.open(src) as img:
        return np.asarray(img.convert("RGB"), dtype=np.float32)


# -- endpoints ---------------------------------------------------------------------------------
def test_credits(iacrea_server: IACreaServer, iacrea_client: IACreaClient) -> None:
    iacrea_server.account.subscription, iacrea_server.account.extra = 7, 3
    assert iacrea_client.credits() == Credits(total=10, subscription=7, extra=3)
    [call] = iacrea_server.calls_to("account/credit")
    assert call.method == "POST"
    assert call.body == {"user_id": iacrea_server.user_id}
    assert call.headers["x-api-key"] == iacrea_server.api_key
    assert call.headers["content-type"] == "application/json"
    assert call.headers["user-agent"].startswith("SkyClear/")


def test_sky_generate_poll_and_download(iacrea_server: IACreaServer, iacrea_client: IACreaClient,
                                        photo_url: str, tmp_path: Path) -> None:
    slow_server(iacrea_server)
    answer = iacrea_client.generate(Service.SKY, photo_url)
    assert isinstance(answer, GenerateResult)
    assert answer.remaining_photos == 9 == iacrea_server.credits
    assert answer.project_id == iacrea_server.generations[answer.generation_id].project_id
    [call] = iacrea_server.calls_to("sky_interior/generate")
    assert call.body == {"user_id": iacrea_server.user_id, "image_url": photo_url}
    # the server really fetched the photo it was given
    assert len(iacrea_server.calls_to("/static/")) == 1

    first = iacrea_client.get(Service.SKY, answer.generation_id)
    assert first == GetResult(status=Status.STARTING, urls=(), variation_number=0)
    iacrea_server.advance(60)
    assert iacrea_client.get(Service.SKY, answer.generation_id).status is Status.PROCESSING
    iacrea_server.advance(60)
    done = iacrea_client.get(Service.SKY, answer.generation_id)
    assert done.status is Status.SUCCEEDED
    assert len(done.urls) == 1
    assert done.as_poll_result().results == done.urls

    dest = tmp_path / "out" / "result.jpg"
    assert iacrea_client.download(done.urls[0], dest) == dest
    assert not list(dest.parent.glob("*.part"))
    before, after = rgb(WINDOWS), rgb(dest)
    assert before.shape == after.shape
    blown = (before.min(axis=2) > 245)  # the blown-out window panes
    assert blown.mean() > 0.01
    # the white windows came back blue: blue well above red there, unlike in the original
    assert (after[..., 2] - after[..., 0])[blown].mean() > 60
    assert abs((before[..., 2] - before[..., 0])[blown].mean()) < 10


def test_sky_variation_paid_and_free(iacrea_server: IACreaServer, iacrea_client: IACreaClient,
                                     photo_url: str) -> None:
    root = iacrea_client.generate(Service.SKY, photo_url)
    first = iacrea_client.generate_variation(Service.SKY, root.generation_id)
    assert first.project_id is None
    assert first.remaining_photos == 8
    [call] = iacrea_server.calls_to("sky_interior/generate-variation")
    assert call.body == {"user_id": iacrea_server.user_id, "generation_id": root.generation_id}

    iacrea_server.variations_free = True
    second = iacrea_client.generate_variation(Service.SKY, root.generation_id)
    assert second.remaining_photos == 8
    iacrea_server.finish_all()
    assert iacrea_client.get(Service.SKY, first.generation_id).variation_number == 1
    assert iacrea_client.get(Service.SKY, second.generation_id).variation_number == 2


def test_auto_is_sent_for_declutter_only(iacrea_server: IACreaServer,
                                         iacrea_client: IACreaClient) -> None:
    url = iacrea_server.serve_file(CLUTTER)
    iacrea_client.generate(Service.DECLUTTER, url, auto=True)
    iacrea_client.generate(Service.SKY, url, auto=True)
    iacrea_client.generate(Service.DECLUTTER, url)
    [declutter_auto, declutter_plain] = iacrea_server.calls_to("declutter_total/generate")
    [sky] = iacrea_server.calls_to("sky_interior/generate")
    assert declutter_auto.body is not None and declutter_auto.body["auto"] is True
    assert declutter_plain.body is not None and "auto" not in declutter_plain.body
    assert sky.body is not None and "auto" not in sky.body


def test_declutter_variation_with_mask(iacrea_server: IACreaServer, iacrea_client: IACreaClient,
                                       tmp_path: Path) -> None:
    original = iacrea_server.serve_file(CLUTTER)
    with Image.open(CLUTTER) as img:
        w, h = img.size
    mask = Image.new("L", (w, h), 0)
    box = (w // 3, h // 2, w // 2, 3 * h // 4)
    mask.paste(255, box)
    buf = io.BytesIO()
    mask.save(buf, "PNG")
    mask_url = iacrea_server.serve_bytes(buf.getvalue(), "mask.png")

    root = iacrea_client.generate(Service.DECLUTTER, original, auto=False)
    answer = iacrea_client.generate_variation(Service.DECLUTTER, root.generation_id,
                                              original_url=original, mask_url=mask_url)
    [call] = iacrea_server.calls_to("declutter_total/generate-variation")
    assert call.body == {"user_id": iacrea_server.user_id, "generation_id": root.generation_id,
                         "original_url": original, "mask_url": mask_url}
    iacrea_server.finish_all()
    result = iacrea_client.get(Service.DECLUTTER, answer.generation_id)
    assert result.status is Status.SUCCEEDED and result.variation_number == 1
    out = rgb(iacrea_client.download(result.urls[0], tmp_path / "v1.jpg"))
    src = rgb(CLUTTER)
    x0, y0, x1, y1 = box
    inside = np.abs(out[y0:y1, x0:x1] - src[y0:y1, x0:x1]).mean()
    outside = np.abs(out[: y0 - 20] - src[: y0 - 20]).mean()
    assert inside > 5 * outside  # the masked area was filled in, the rest kept (JPEG noise aside)


@pytest.mark.parametrize("missing", ["original_url", "mask_url"])
def test_declutter_variation_requires_original_and_mask(
        iacrea_server: IACreaServer, iacrea_client: IACreaClient, missing: str) -> None:
    urls = {"original_url": "http://127.0.0.1:1/a.jpg", "mask_url": "http://127.0.0.1:1/m.png"}
    urls[missing] = ""
    with pytest.raises(InputError, match="mask"):
        iacrea_client.generate_variation(Service.DECLUTTER, "some-id", **urls)
    assert iacrea_server.calls == []  # refused before anything was sent


def test_webhook_is_passed_through(iacrea_server: IACreaServer, iacrea_client: IACreaClient,
                                   file_host: FileHost, photo_url: str) -> None:
    hook = file_host.url + "/hooks/skyclear"
    answer = iacrea_client.generate(Service.SKY, photo_url, webhook=hook)
    [call] = iacrea_server.calls_to("sky_interior/generate")
    assert call.body is not None and call.body["webhook"] == hook
    iacrea_server.finish_all()  # the server calls the webhook once the generation is done
    [delivery] = file_host.calls_to("/hooks/skyclear")
    assert delivery.method == "POST"
    assert delivery.body is not None and delivery.body["status"] == "SUCCEEDED"
    assert delivery.body["urls"] == list(iacrea_client.get(Service.SKY, answer.generation_id).urls)


def test_failed_generation_is_reported_and_refunded(iacrea_server: IACreaServer,
                                                    iacrea_client: IACreaClient,
                                                    photo_url: str) -> None:
    iacrea_server.fail_next_generation()
    answer = iacrea_client.generate(Service.SKY, photo_url)
    assert answer.remaining_photos == 9
    iacrea_server.finish_all()
    result = iacrea_client.get(Service.SKY, answer.generation_id)
    assert result.status is Status.FAILED and result.urls == ()
    assert iacrea_client.credits().total == 10


def test_unknown_status_is_processing_with_a_log_line(
        iacrea_server: IACreaServer, iacrea_client: IACreaClient,
        caplog: pytest.LogCaptureFixture) -> None:
    iacrea_server.fail_with(200, path="sky_interior/get",
                            body={"status": "QUEUED", "variationNumber": 0})
    with caplog.at_level(logging.WARNING, logger="desktop_app.api"):
        result = iacrea_client.get(Service.SKY, "abc")
    assert result.status is Status.PROCESSING
    assert any("QUEUED" in r.getMessage() for r in caplog.records)


def test_lowercase_status_and_numeric_strings_are_understood(
        iacrea_server: IACreaServer, iacrea_client: IACreaClient) -> None:
    iacrea_server.fail_with(200, path="sky_interior/get",
                            body={"status": "succeeded", "urls": ["http://x.test/1.jpg"],
                                  "variationNumber": "3"})
    assert iacrea_client.get(Service.SKY, "abc") == GetResult(
        Status.SUCCEEDED, ("http://x.test/1.jpg",), 3)


# -- error mapping -----------------------------------------------------------------------------
def test_400_invalid_user_id(iacrea_server: IACreaServer) -> None:
    client = IACreaClient(iacrea_server.api_key, "not-a-uuid", iacrea_server.url,
                          sleep=lambda _s: None)
    with client, pytest.raises(BadRequestError) as info:
        client.credits()
    assert info.value.status == 400
    assert info.value.detail == "Missing or invalid user_id"
    assert "Missing or invalid user_id" in str(info.value)
    assert len(iacrea_server.calls) == 1  # a 400 is not retried


def test_401_wrong_key(iacrea_server: IACreaServer) -> None:
    client = IACreaClient("sk-wrong-key-123", iacrea_server.user_id, iacrea_server.url,
                          sleep=lambda _s: None)
    with client, pytest.raises(AuthError) as info:
        client.credits()
    assert str(info.value).startswith("Your API key was refused — check the key and user ID")
    assert info.value.detail == "Invalid API key"
    assert "sk-wrong-key-123" not in str(info.value)


def test_402_no_credits_left(iacrea_server: IACreaServer, iacrea_client: IACreaClient,
                             photo_url: str) -> None:
    iacrea_server.credits = 0
    with pytest.raises(CreditsError) as info:
        iacrea_client.generate(Service.SKY, photo_url)
    assert info.value.status == 402
    assert "no photo credits left" in str(info.value)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert iacrea_server.generations == {}


def test_403_is_a_credits_error(iacrea_server: IACreaServer, iacrea_client: IACreaClient) -> None:
    iacrea_server.fail_with(403, message="Subscription expired")
    with pytest.raises(CreditsError) as info:
        iacrea_client.credits()
    assert info.value.status == 403
    assert info.value.detail == "Subscription expired"
    assert "Subscription expired" in str(info.value)


def test_404_unknown_generation(iacrea_server: IACreaServer, iacrea_client: IACreaClient) -> None:
    with pytest.raises(NotFoundError) as info:
        iacrea_client.get(Service.DECLUTTER, "0d4c7d3e-0000-4000-8000-000000000000")
    assert info.value.status == 404
    assert len(iacrea_server.calls) == 1


def test_other_4xx_keeps_its_status(iacrea_server: IACreaServer,
                                    iacrea_client: IACreaClient) -> None:
    iacrea_server.fail_with(422, message="image too small")
    with pytest.raises(ApiError) as info:
        iacrea_client.credits()
    assert info.value.status == 422 and not info.value.transient
    assert "422" in str(info.value) and "image too small" in str(info.value)


def test_500_raw_text_detail_and_retry(iacrea_server: IACreaServer,
                                       iacrea_client: IACreaClient, sleeps: list[float]) -> None:
    iacrea_server.fail_with(500, body="  upstream   exploded \n", times=5)
    with pytest.raises(ServerError) as info:
        iacrea_client.credits()
    assert info.value.status == 500
    assert info.value.detail == "upstream exploded"
    assert len(iacrea_server.calls_to("account/credit")) == 5  # 1 + max_retries
    assert len(sleeps) == 4


def test_html_error_page_detail_is_its_title(iacrea_server: IACreaServer,
                                             iacrea_client: IACreaClient) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body><h1>oops</h1></body></html>"
    iacrea_server.add_fault("status", status=502, body=page, content_type="text/html",
                            times=10)
    with pytest.raises(ServerError) as info:
        iacrea_client.credits()
    assert info.value.status == 502
    assert info.value.detail == "502 Bad Gateway"


def test_long_detail_is_trimmed(iacrea_server: IACreaServer, iacrea_client: IACreaClient) -> None:
    iacrea_server.fail_with(400, message="x" * 5000)
    with pytest.raises(BadRequestError) as info:
        iacrea_client.credits()
    assert info.value.detail is not None and len(info.value.detail) <= 300


def test_503_retried_with_capped_backoff_then_raised(iacrea_server: IACreaServer,
                                                     sleeps: list[float]) -> None:
    client = client_for(iacrea_server, sleeps, backoff_base=0.5, backoff_cap=1.5, max_retries=4)
    iacrea_server.fail_with(503, times=10, message="maintenance")
    with client, pytest.raises(ServiceUnavailableError) as info:
        client.get(Service.SKY, "abc")
    assert info.value.transient
    assert "temporarily unavailable" in str(info.value) and "maintenance" in str(info.value)
    assert len(iacrea_server.calls_to("sky_interior/get")) == 5
    assert len(sleeps) == 4
    for attempt, slept in enumerate(sleeps):
        assert 0 <= slept <= min(1.5, 0.5 * 2**attempt)


def test_503_then_success(iacrea_server: IACreaServer, iacrea_client: IACreaClient,
                          sleeps: list[float]) -> None:
    iacrea_server.fail_with(503, times=2)
    assert iacrea_client.credits().total == 10
    assert len(iacrea_server.calls_to("account/credit")) == 3
    assert len(sleeps) == 2


def test_429_retry_after_seconds_is_honoured(iacrea_server: IACreaServer,
                                             iacrea_client: IACreaClient,
                                             sleeps: list[float]) -> None:
    iacrea_server.rate_limit(3, times=2)
    assert iacrea_client.credits().total == 10
    assert sleeps == [3.0, 3.0]


def test_429_retry_after_http_date_is_honoured(iacrea_server: IACreaServer,
                                               iacrea_client: IACreaClient,
                                               sleeps: list[float]) -> None:
    when = datetime.now(UTC) + timedelta(seconds=30)
    iacrea_server.rate_limit(format_datetime(when, usegmt=True))
    assert iacrea_client.credits().total == 10
    [slept] = sleeps
    assert 20 < slept <= 30  # the header has one-second resolution


def test_429_with_a_long_retry_after_is_raised_with_it(iacrea_server: IACreaServer,
                                                       iacrea_client: IACreaClient,
                                                       sleeps: list[float]) -> None:
    iacrea_server.rate_limit(600)
    with pytest.raises(RateLimitError) as info:
        iacrea_client.get(Service.SKY, "abc")
    assert info.value.retry_after == 600
    assert info.value.transient
    assert sleeps == []
    assert len(iacrea_server.calls) == 1


def test_dropped_connection_on_get_is_retried(iacrea_server: IACreaServer,
                                              iacrea_client: IACreaClient,
                                              sleeps: list[float], photo_url: str) -> None:
    answer = iacrea_client.generate(Service.SKY, photo_url)
    iacrea_server.drop(after_body=True, path="sky_interior/get")
    iacrea_server.drop(after_body=False, path="sky_interior/get")
    iacrea_server.finish_all()
    got = iacrea_client.get(Service.SKY, answer.generation_id)
    assert got.status is Status.SUCCEEDED and len(got.urls) == 1
    assert [c.status for c in iacrea_server.calls_to("sky_interior/get")] == [None, None, 200]
    assert len(sleeps) == 2


def test_dropped_connection_every_time_is_a_network_error(iacrea_server: IACreaServer,
                                                          iacrea_client: IACreaClient,
                                                          sleeps: list[float]) -> None:
    iacrea_server.drop(times=10)
    with pytest.raises(NetworkError) as info:
        iacrea_client.credits()
    assert info.value.transient
    assert "internet connection" in str(info.value)
    assert len(sleeps) == 4


def test_read_timeout_on_get_is_retried(iacrea_server: IACreaServer, sleeps: list[float]) -> None:
    client = client_for(iacrea_server, sleeps, timeout=(5, READ_TIMEOUT))
    held = iacrea_server.hold(path="account/credit")  # never answered until released
    with client:
        assert client.credits().total == 10
    held.release()
    assert len(sleeps) == 1
    assert [c.status for c in iacrea_server.calls_to("account/credit")][-1] == 200


def test_connection_refused(sleeps: list[float]) -> None:
    client = IACreaClient("sk-secret-refused", "0d4c7d3e-0000-4000-8000-000000000000",
                          f"http://127.0.0.1:{free_port()}", sleep=sleeps.append, max_retries=2)
    with client, pytest.raises(NetworkError) as info:
        client.credits()
    assert "Could not reach the IACrea service" in str(info.value)
    assert info.value.transient
    assert len(sleeps) == 2


# -- paid requests are never sent twice --------------------------------------------------------
def test_generate_connection_refused_is_retried_because_nothing_was_sent(
        sleeps: list[float]) -> None:
    client = IACreaClient("sk-secret", "0d4c7d3e-0000-4000-8000-000000000000",
                          f"http://127.0.0.1:{free_port()}", sleep=sleeps.append, max_retries=3)
    with client, pytest.raises(NetworkError) as info:
        client.generate(Service.SKY, "http://127.0.0.1:1/photo.jpg")
    assert not isinstance(info.value, UncertainSubmitError)
    assert len(sleeps) == 3


@pytest.mark.parametrize("status", [429, 503])
def test_generate_turned_away_is_retried_with_backoff(iacrea_server: IACreaServer,
                                                      iacrea_client: IACreaClient,
                                                      sleeps: list[float], photo_url: str,
                                                      status: int) -> None:
    # "too many requests" / "unavailable": the service did nothing, so nothing was charged
    iacrea_server.fail_with(status, times=2, retry_after=1)
    answer = iacrea_client.generate(Service.SKY, photo_url)
    assert answer.generation_id and answer.remaining_photos == 9
    assert [c.status for c in iacrea_server.calls_to("sky_interior/generate")] == \
        [status, status, 200]
    assert len(sleeps) == 2 and all(s >= 1 for s in sleeps)  # Retry-After honoured
    assert iacrea_server.credits == 9


@pytest.mark.parametrize("status", [500, 502])
def test_generate_is_not_retried_on_an_error_answer(iacrea_server: IACreaServer,
                                                    iacrea_client: IACreaClient,
                                                    sleeps: list[float], photo_url: str,
                                                    status: int) -> None:
    iacrea_server.fail_with(status, times=5, retry_after=1)
    with pytest.raises(ApiError) as info:
        iacrea_client.generate(Service.SKY, photo_url)
    assert info.value.status == status
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert sleeps == []
    assert iacrea_server.credits == 10


@pytest.mark.parametrize("after_body", [True, False])
def test_generate_dropped_after_sending_is_uncertain(iacrea_server: IACreaServer,
                                                     iacrea_client: IACreaClient,
                                                     sleeps: list[float], photo_url: str,
                                                     after_body: bool) -> None:
    iacrea_server.drop(after_body=after_body, times=5)
    with pytest.raises(UncertainSubmitError) as info:
        iacrea_client.generate(Service.SKY, photo_url)
    assert "not charged twice" in str(info.value)
    assert not info.value.transient
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert sleeps == []


def test_swallowed_generate_is_charged_once_and_not_resent(
        iacrea_server: IACreaServer, iacrea_client: IACreaClient, sleeps: list[float],
        photo_url: str) -> None:
    iacrea_server.swallow(times=5)
    with pytest.raises(UncertainSubmitError):
        iacrea_client.generate(Service.SKY, photo_url)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert len(iacrea_server.generations) == 1  # the double-charge trap: it did happen once
    assert iacrea_server.credits == 9
    assert sleeps == []


def test_generate_read_timeout_is_uncertain(iacrea_server: IACreaServer, photo_url: str,
                                            sleeps: list[float]) -> None:
    client = client_for(iacrea_server, sleeps, timeout=(5, READ_TIMEOUT))
    held = iacrea_server.hold(path="sky_interior/generate", times=5)
    with client, pytest.raises(UncertainSubmitError):
        client.generate(Service.SKY, photo_url)
    assert sleeps == []
    held.release()  # the service goes on with the one request it got, and charges for it
    deadline = time.monotonic() + 60
    while not iacrea_server.calls_to("sky_interior/generate"):
        assert time.monotonic() < deadline, "the held request was never answered"
        time.sleep(0.01)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert iacrea_server.credits == 9


def test_variation_is_not_retried_either(iacrea_server: IACreaServer,
                                         iacrea_client: IACreaClient, sleeps: list[float],
                                         photo_url: str) -> None:
    root = iacrea_client.generate(Service.SKY, photo_url)
    iacrea_server.fail_with(500)  # one fault only: a retry would succeed and show up below
    with pytest.raises(ServerError):
        iacrea_client.generate_variation(Service.SKY, root.generation_id)
    iacrea_server.swallow()
    with pytest.raises(UncertainSubmitError):
        iacrea_client.generate_variation(Service.SKY, root.generation_id)
    assert len(iacrea_server.calls_to("sky_interior/generate-variation")) == 2
    assert len(iacrea_server.generations) == 2  # the root and the swallowed variation
    assert sleeps == []


def test_paid_requests_use_a_fresh_connection(iacrea_server: IACreaServer,
                                              iacrea_client: IACreaClient,
                                              photo_url: str) -> None:
    """A kept-alive connection the server may have closed is never used for a paid request."""
    iacrea_client.credits()
    iacrea_client.credits()
    root = iacrea_client.generate(Service.SKY, photo_url)
    iacrea_client.generate_variation(Service.SKY, root.generation_id)
    ports = [c.client_port for c in iacrea_server.calls if c.endpoint]
    assert ports[0] == ports[1]  # reads do reuse the connection...
    assert len({ports[1], ports[2], ports[3]}) == 3  # ...paid requests never do


def test_unreadable_generate_answer_is_uncertain(iacrea_server: IACreaServer,
                                                 iacrea_client: IACreaClient,
                                                 photo_url: str) -> None:
    iacrea_server.fail_with(200, body="<html>welcome to the hotel wifi</html>",
                            path="sky_interior/generate")
    with pytest.raises(UncertainSubmitError):
        iacrea_client.generate(Service.SKY, photo_url)
    iacrea_server.fail_with(200, body={"remaining_photos": 3}, path="sky_interior/generate")
    with pytest.raises(UncertainSubmitError):
        iacrea_client.generate(Service.SKY, photo_url)


def test_unreadable_get_answer_is_an_api_error(iacrea_server: IACreaServer,
                                               iacrea_client: IACreaClient) -> None:
    iacrea_server.fail_with(200, body="not json", path="account/credit")
    with pytest.raises(ApiError, match="could not be understood"):
        iacrea_client.credits()


def test_api_redirect_is_not_followed(iacrea_server: IACreaServer, file_host: FileHost) -> None:
    """A service address that redirects: the key must not follow the request elsewhere."""
    target = file_host.url + "/api/account/credit"
    iacrea_server.redirect(target, status=307, path="/moved/api/account/credit")
    client = IACreaClient(iacrea_server.api_key, iacrea_server.user_id,
                          iacrea_server.url + "/moved", sleep=lambda _s: None)
    with client, pytest.raises(ApiError, match="redirect") as info:
        client.credits()
    assert info.value.status == 307
    assert len(iacrea_server.calls) == 1
    assert file_host.calls == []


# -- downloads ---------------------------------------------------------------------------------
def finished_result(server: IACreaServer, client: IACreaClient, url: str) -> str:
    answer = client.generate(Service.SKY, url)
    server.finish_all()
    return client.get(Service.SKY, answer.generation_id).urls[0]


def test_download_sends_the_key_only_to_the_service(iacrea_server: IACreaServer,
                                                     iacrea_client: IACreaClient,
                                                     file_host: FileHost, photo_url: str,
                                                     tmp_path: Path) -> None:
    iacrea_server.result_host = file_host  # results on third-party storage
    result = finished_result(iacrea_server, iacrea_client, photo_url)
    assert result.startswith(file_host.url)
    iacrea_client.download(result, tmp_path / "a.jpg")
    # a redirect from the service's own host to the storage host
    own = iacrea_server.redirect(result)
    iacrea_client.download(own, tmp_path / "b.jpg")
    assert (tmp_path / "a.jpg").read_bytes() == (tmp_path / "b.jpg").read_bytes()

    storage_calls = file_host.calls_to("/results/")
    assert len(storage_calls) == 2
    assert not any(c.had_key for c in storage_calls)
    [hop] = iacrea_server.calls_to("/redirect/")
    assert hop.had_key and hop.headers["x-api-key"] == iacrea_server.api_key


def test_download_retries_a_truncated_body_and_is_atomic(iacrea_server: IACreaServer,
                                                         iacrea_client: IACreaClient,
                                                         sleeps: list[float], photo_url: str,
                                                         tmp_path: Path) -> None:
    result = finished_result(iacrea_server, iacrea_client, photo_url)
    dest = tmp_path / "r.jpg"
    iacrea_server.truncate(path="/results")
    iacrea_client.download(result, dest)
    assert len(sleeps) == 1
    assert not list(dest.parent.glob("*.part"))
    with Image.open(dest) as img:
        img.load()  # complete, decodable


def test_failed_download_leaves_no_partial_file(iacrea_server: IACreaServer,
                                                iacrea_client: IACreaClient, photo_url: str,
                                                tmp_path: Path) -> None:
    result = finished_result(iacrea_server, iacrea_client, photo_url)
    dest = tmp_path / "r.jpg"
    dest.write_bytes(b"previous download")
    iacrea_server.truncate(path="/results", times=10)
    with pytest.raises(NetworkError):
        iacrea_client.download(result, dest)
    assert dest.read_bytes() == b"previous download"
    assert not list(dest.parent.glob("*.part"))
    assert len(iacrea_server.calls_to("/results")) == 5


def test_download_of_something_that_is_not_an_image(iacrea_server: IACreaServer,
                                                    iacrea_client: IACreaClient,
                                                    tmp_path: Path) -> None:
    url = iacrea_server.serve_bytes(b"<html>Access denied</html>", "result.jpg", "image/jpeg")
    dest = tmp_path / "r.jpg"
    with pytest.raises(ApiError, match="not an image"):
        iacrea_client.download(url, dest)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("status", [403, 404, 410])
def test_download_expired_link(iacrea_client: IACreaClient, file_host: FileHost, status: int,
                               sleeps: list[float], tmp_path: Path) -> None:
    file_host.fail_with(status, path="/results", body="AccessDenied")
    with pytest.raises(NotFoundError) as info:
        iacrea_client.download(file_host.url + "/results/x/0.jpg", tmp_path / "r.jpg")
    assert info.value.status == status
    assert "link may have expired" in str(info.value)
    assert sleeps == []


def test_download_retries_503(iacrea_server: IACreaServer, iacrea_client: IACreaClient,
                              sleeps: list[float], photo_url: str, tmp_path: Path) -> None:
    result = finished_result(iacrea_server, iacrea_client, photo_url)
    iacrea_server.fail_with(503, path="/results", times=2)
    iacrea_client.download(result, tmp_path / "r.jpg")
    assert len(sleeps) == 2


def test_download_log_hides_query_strings(iacrea_server: IACreaServer,
                                          iacrea_client: IACreaClient, photo_url: str,
                                          tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    result = finished_result(iacrea_server, iacrea_client, photo_url)
    with caplog.at_level(logging.DEBUG, logger="desktop_app.api"):
        iacrea_client.download(result + "?X-Amz-Signature=topsecretsig", tmp_path / "r.jpg")
    lines = [r.getMessage() for r in caplog.records if r.name == "desktop_app.api"]
    assert any("/results/" in line for line in lines)
    assert not any("topsecretsig" in line for line in lines)


# -- the key stays secret ----------------------------------------------------------------------
def test_key_never_in_repr_errors_or_logs(iacrea_server: IACreaServer, file_host: FileHost,
                                          photo_url: str, tmp_path: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    key = iacrea_server.api_key
    client = client_for(iacrea_server)
    assert key not in repr(client) and key not in str(client)
    with pytest.raises(TypeError):
        pickle.dumps(client)

    errors: list[SkyClearError] = []
    with caplog.at_level(logging.DEBUG):  # every logger, urllib3 included
        result = finished_result(iacrea_server, client, photo_url)
        client.download(result, tmp_path / "ok.jpg")
        iacrea_server.fail_with(401, message=f"key {key} is revoked")  # a server echoing the key
        iacrea_server.fail_with(503, times=5)
        iacrea_server.drop(times=5)
        iacrea_server.swallow()
        for call in (client.credits, client.credits, client.credits,
                     lambda: client.generate(Service.SKY, photo_url),
                     lambda: client.get(Service.SKY, "nope")):
            with pytest.raises(SkyClearError) as info:
                call()
            errors.append(info.value)
        client.close()
        dead = IACreaClient(key, iacrea_server.user_id, f"http://127.0.0.1:{free_port()}",
                            sleep=lambda _s: None, max_retries=0)
        with pytest.raises(NetworkError) as info:
            dead.generate(Service.SKY, photo_url)
        errors.append(info.value)
    expected = [AuthError, ServiceUnavailableError, NetworkError, UncertainSubmitError,
                NotFoundError, NetworkError]
    assert all(isinstance(e, t) for e, t in zip(errors, expected, strict=True))
    for err in errors:
        assert key not in str(err) and key not in repr(err)
        assert key not in (getattr(err, "detail", None) or "")
        assert err.__cause__ is None and err.__context__ is None  # no request (headers) inside
    assert caplog.records
    for record in caplog.records:
        assert key not in record.getMessage()
    assert any(r.name == "desktop_app.api" and "POST /api/account/credit" in r.getMessage()
               for r in caplog.records)


def test_missing_credentials_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match="API key"):
        IACreaClient("", "0d4c7d3e-0000-4000-8000-000000000000")
    with pytest.raises(ConfigError, match="user ID"):
        IACreaClient("sk-x", "  ")
    with pytest.raises(ConfigError, match="address"):
        IACreaClient("sk-x", "u", "ftp://example.com")


def test_bad_urls_are_refused_before_sending(iacrea_server: IACreaServer,
                                             iacrea_client: IACreaClient) -> None:
    with pytest.raises(InputError):
        iacrea_client.generate(Service.SKY, "C:\\photos\\room.jpg")
    with pytest.raises(InputError):
        iacrea_client.get(Service.SKY, "")
    assert iacrea_server.calls == []


# -- pure helpers ------------------------------------------------------------------------------
def test_parse_retry_after() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7", now=now) == 7.0
    assert parse_retry_after(" 1.5 ", now=now) == 1.5
    assert parse_retry_after("-3", now=now) == 0.0
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:42 GMT", now=now) == 42.0
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("", now=now) is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("nan") is None


def test_backoff_delay_is_full_jitter_capped() -> None:
    rng = random.Random(1)
    for attempt in range(10):
        for _ in range(50):
            delay = backoff_delay(attempt, 0.5, 20, rng)
            assert 0 <= delay <= min(20, 0.5 * 2**attempt)
    assert backoff_delay(0, 0.5, 20, rng, retry_after=9) == 9
    spread = {round(backoff_delay(3, 0.5, 20, rng), 3) for _ in range(20)}
    assert len(spread) > 10  # really random, not a fixed ladder
