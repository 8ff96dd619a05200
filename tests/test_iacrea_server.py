"""The contract server itself keeps the documented IACrea contract (raw HTTP, no client)."""

from __future__ import annotations

import io
import threading
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import requests
from iacrea_server import ENDPOINTS, IACreaServer, render_result
from PIL import Image

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "kitchen-white-island-01.jpg"


def post(server: IACreaServer, endpoint: str, body: dict[str, Any] | None = None, *,
         key: str | None = "default", user_id: str | None = "default") -> requests.Response:
    headers = {}
    if key is not None:
        headers["x-api-key"] = server.api_key if key == "default" else key
    payload = dict(body or {})
    if user_id is not None:
        payload["user_id"] = server.user_id if user_id == "default" else user_id
    return requests.post(f"{server.url}/api/{endpoint}", json=payload, headers=headers,
                         timeout=10)


@pytest.fixture
def photo(iacrea_server: IACreaServer) -> str:
    return iacrea_server.serve_file(PHOTO)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_is_post_only_and_needs_a_key(iacrea_server: IACreaServer,
                                                     endpoint: str) -> None:
    answer = requests.get(f"{iacrea_server.url}/api/{endpoint}", timeout=10)
    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"
    no_key = post(iacrea_server, endpoint, key=None)
    assert no_key.status_code == 401 and "error" in no_key.json()
    bad_user = post(iacrea_server, endpoint, user_id="not-a-uuid")
    assert bad_user.status_code == 400
    assert bad_user.json() == {"error": "Missing or invalid user_id"}
    wrong_key = post(iacrea_server, endpoint, key="sk-someone-else")
    assert wrong_key.status_code == 401


def test_a_key_must_match_its_user(iacrea_server: IACreaServer) -> None:
    other = iacrea_server.add_account(credits=3)
    mixed = post(iacrea_server, "account/credit", key=other.api_key)  # other's key, our user_id
    assert mixed.status_code == 401
    own = post(iacrea_server, "account/credit", key=other.api_key, user_id=other.user_id)
    assert own.json() == {"total": 3, "subscription": 3, "extra": 0}


def test_bodies_must_be_json_objects(iacrea_server: IACreaServer) -> None:
    headers = {"x-api-key": iacrea_server.api_key, "Content-Type": "application/json"}
    for data in (b"{nope", b"[1, 2]"):
        answer = requests.post(f"{iacrea_server.url}/api/account/credit", data=data,
                               headers=headers, timeout=10)
        assert answer.status_code == 400


def test_unknown_endpoint(iacrea_server: IACreaServer) -> None:
    assert post(iacrea_server, "sky_interior/delete").status_code == 404


def test_generate_validates_and_fetches_the_image(iacrea_server: IACreaServer) -> None:
    assert post(iacrea_server, "sky_interior/generate").status_code == 400
    assert post(iacrea_server, "sky_interior/generate",
                {"image_url": "file:///etc/passwd"}).status_code == 400
    unreachable = post(iacrea_server, "sky_interior/generate",
                       {"image_url": iacrea_server.url + "/static/missing.jpg"})
    assert unreachable.status_code == 400
    assert "Could not download image_url" in unreachable.json()["error"]
    text = iacrea_server.serve_bytes(b"hello", "photo.jpg")
    not_image = post(iacrea_server, "sky_interior/generate", {"image_url": text})
    assert not_image.status_code == 400
    assert "not a jpg or png" in not_image.json()["error"]
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    wrong_format = post(iacrea_server, "sky_interior/generate",
                        {"image_url": iacrea_server.serve_bytes(gif.getvalue(), "a.gif")})
    assert wrong_format.status_code == 400
    assert post(iacrea_server, "declutter_total/generate",
                {"image_url": text, "auto": "yes"}).status_code == 400
    assert iacrea_server.credits == 10  # refusals cost nothing
    assert iacrea_server.generations == {}


def test_credits_are_charged_and_run_out(iacrea_server: IACreaServer, photo: str) -> None:
    iacrea_server.credits = 2
    answers = [post(iacrea_server, "sky_interior/generate", {"image_url": photo})
               for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 402]
    assert [a.json().get("remaining_photos") for a in answers[:2]] == [1, 0]
    first = answers[0].json()
    assert set(first) == {"generation_id", "remaining_photos", "project_id"}
    uuid.UUID(first["generation_id"])
    uuid.UUID(first["project_id"])
    assert post(iacrea_server, "account/credit").json()["total"] == 0


def test_extra_credits_are_spent_after_the_subscription(iacrea_server: IACreaServer,
                                                        photo: str) -> None:
    iacrea_server.account.subscription, iacrea_server.account.extra = 1, 2
    post(iacrea_server, "sky_interior/generate", {"image_url": photo})
    post(iacrea_server, "sky_interior/generate", {"image_url": photo})
    assert post(iacrea_server, "account/credit").json() == {"total": 1, "subscription": 0,
                                                            "extra": 1}


def test_status_progression_and_results(iacrea_server: IACreaServer, photo: str) -> None:
    iacrea_server.starting_for = iacrea_server.processing_for = 100
    gen = post(iacrea_server, "sky_interior/generate", {"image_url": photo}).json()
    ask = {"generation_id": gen["generation_id"]}
    assert post(iacrea_server, "sky_interior/get", ask).json() == {"status": "STARTING",
                                                                   "variationNumber": 0}
    iacrea_server.advance(100)
    assert post(iacrea_server, "sky_interior/get", ask).json()["status"] == "PROCESSING"
    iacrea_server.advance(100)
    done = post(iacrea_server, "sky_interior/get", ask).json()
    assert done["status"] == "SUCCEEDED"
    [url] = done["urls"]
    assert url.startswith(iacrea_server.url + f"/results/{gen['generation_id']}/")
    image = requests.get(url, timeout=10)
    assert image.headers["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(image.content)) as img, Image.open(PHOTO) as src:
        assert img.format == "JPEG" and img.size == src.size
    # another service's get does not know this generation
    assert post(iacrea_server, "declutter_total/get", ask).status_code == 404
    assert post(iacrea_server, "sky_interior/get", {"generation_id": "x"}).status_code == 404


def test_generations_move_on_in_real_time_too(iacrea_server: IACreaServer, photo: str) -> None:
    gen = post(iacrea_server, "sky_interior/generate", {"image_url": photo}).json()
    done = threading.Event()

    def check() -> bool:
        answer = post(iacrea_server, "sky_interior/get",
                      {"generation_id": gen["generation_id"]}).json()
        return answer["status"] == "SUCCEEDED"

    for _ in range(200):  # default durations are 0.2 s + 0.3 s
        if check():
            done.set()
            break
        done.wait(0.05)
    assert done.is_set()


def test_results_do_not_exist_before_success(iacrea_server: IACreaServer, photo: str) -> None:
    iacrea_server.starting_for = 100
    gen = post(iacrea_server, "sky_interior/generate", {"image_url": photo}).json()
    url = f"{iacrea_server.url}/results/{gen['generation_id']}/0.jpg"
    assert requests.get(url, timeout=10).status_code == 404


def test_failed_generation_is_refunded_once(iacrea_server: IACreaServer, photo: str) -> None:
    iacrea_server.fail_next_generation()
    gen = post(iacrea_server, "sky_interior/generate", {"image_url": photo}).json()
    assert gen["remaining_photos"] == 9
    iacrea_server.finish_all()
    for _ in range(3):
        answer = post(iacrea_server, "sky_interior/get",
                      {"generation_id": gen["generation_id"]}).json()
        assert answer == {"status": "FAILED", "variationNumber": 0}
    assert iacrea_server.credits == 10
    # only the next one failed
    second = post(iacrea_server, "sky_interior/generate", {"image_url": photo}).json()
    iacrea_server.finish_all()
    assert post(iacrea_server, "sky_interior/get",
                {"generation_id": second["generation_id"]}).json()["status"] == "SUCCEEDED"


def test_variations(iacrea_server: IACreaServer, photo: str) -> None:
    root = post(iacrea_server, "sky_interior/generate", {"image_url": photo}).json()
    assert post(iacrea_server, "sky_interior/generate-variation").status_code == 400
    assert post(iacrea_server, "sky_interior/generate-variation",
                {"generation_id": str(uuid.uuid4())}).status_code == 404
    first = post(iacrea_server, "sky_interior/generate-variation",
                 {"generation_id": root["generation_id"]}).json()
    assert set(first) == {"generation_id", "remaining_photos"}
    assert first["remaining_photos"] == 8
    iacrea_server.variations_free = True
    second = post(iacrea_server, "sky_interior/generate-variation",
                  {"generation_id": first["generation_id"]}).json()
    assert second["remaining_photos"] == 8
    iacrea_server.finish_all()
    numbers = [post(iacrea_server, "sky_interior/get", {"generation_id": g}).json()
               ["variationNumber"] for g in (root["generation_id"], first["generation_id"],
                                             second["generation_id"])]
    assert numbers == [0, 1, 2]
    urls = [post(iacrea_server, "sky_interior/get", {"generation_id": g["generation_id"]})
            .json()["urls"][0] for g in (root, first)]
    bodies = [requests.get(u, timeout=10).content for u in urls]
    assert bodies[0] != bodies[1]  # a variation is a different picture


def test_paid_variation_needs_a_credit(iacrea_server: IACreaServer, photo: str) -> None:
    iacrea_server.credits = 1
    root = post(iacrea_server, "sky_interior/generate", {"image_url": photo}).json()
    answer = post(iacrea_server, "sky_interior/generate-variation",
                  {"generation_id": root["generation_id"]})
    assert answer.status_code == 402


def test_declutter_variation_needs_original_and_mask(iacrea_server: IACreaServer,
                                                     photo: str) -> None:
    root = post(iacrea_server, "declutter_total/generate", {"image_url": photo,
                                                             "auto": True}).json()
    mask = io.BytesIO()
    Image.new("L", (16, 16), 255).save(mask, "PNG")
    mask_url = iacrea_server.serve_bytes(mask.getvalue(), "mask.png")
    base = {"generation_id": root["generation_id"]}
    assert post(iacrea_server, "declutter_total/generate-variation", base).status_code == 400
    assert post(iacrea_server, "declutter_total/generate-variation",
                {**base, "original_url": photo}).status_code == 400
    assert post(iacrea_server, "declutter_total/generate-variation",
                {**base, "original_url": photo,
                 "mask_url": iacrea_server.url + "/static/none.png"}).status_code == 400
    ok = post(iacrea_server, "declutter_total/generate-variation",
              {**base, "original_url": photo, "mask_url": mask_url})
    assert ok.status_code == 200
    assert iacrea_server.credits == 8


def test_faults_are_consumed_in_order(iacrea_server: IACreaServer) -> None:
    iacrea_server.rate_limit(5, times=2, path="account/credit")
    first = post(iacrea_server, "account/credit")
    assert first.status_code == 429 and first.headers["Retry-After"] == "5"
    assert post(iacrea_server, "account/credit").status_code == 429
    assert post(iacrea_server, "account/credit").status_code == 200
    assert [c.status for c in iacrea_server.calls_to("account/credit")] == [429, 429, 200]
    assert all(c.fault == "status" for c in iacrea_server.calls_to("account/credit")[:2])


def test_dropped_connections_give_no_answer(iacrea_server: IACreaServer) -> None:
    iacrea_server.drop(after_body=False)
    iacrea_server.drop(after_body=True)
    for _ in range(2):
        with pytest.raises(requests.ConnectionError):
            post(iacrea_server, "account/credit")
    assert [c.fault for c in iacrea_server.calls] == ["drop_before_body", "drop_after_body"]
    assert all(c.status is None for c in iacrea_server.calls)


def test_call_log_has_bodies_without_the_key(iacrea_server: IACreaServer) -> None:
    post(iacrea_server, "account/credit", {"x-api-key": "sk-in-body"})
    [call] = iacrea_server.calls
    assert call.body == {"user_id": iacrea_server.user_id}
    assert call.had_key and call.status == 200 and call.endpoint == "account/credit"


def test_sky_render_turns_white_windows_blue() -> None:
    buf = io.BytesIO()
    picture = np.full((40, 60, 3), 120, np.uint8)
    picture[5:20, 10:30] = 252  # a blown-out window
    Image.fromarray(picture).save(buf, "PNG")
    out = np.asarray(Image.open(io.BytesIO(render_result("sky_interior", buf.getvalue()))),
                     dtype=np.float32)
    window, wall = out[7:18, 12:28], out[25:, :]
    assert (window[..., 2] - window[..., 0]).mean() > 50
    assert np.abs(wall - 120).mean() < 4


def test_declutter_render_fills_only_the_mask() -> None:
    picture = np.zeros((60, 80, 3), np.uint8)
    picture[:] = (200, 180, 160)
    picture[20:40, 30:50] = (10, 10, 10)  # a dark object
    src, mask = io.BytesIO(), io.BytesIO()
    Image.fromarray(picture).save(src, "PNG")
    m = np.zeros((60, 80), np.uint8)
    m[18:42, 28:52] = 255
    Image.fromarray(m).save(mask, "PNG")
    out = np.asarray(Image.open(io.BytesIO(render_result(
        "declutter_total", src.getvalue(), mask=mask.getvalue()))), dtype=np.float32)
    assert np.abs(out[25:35, 35:45] - (200, 180, 160)).mean() < 12  # the object is gone
    auto = np.asarray(Image.open(io.BytesIO(render_result(
        "declutter_total", src.getvalue(), auto=True))), dtype=np.float32)
    assert np.abs(auto[25:35, 35:45] - (200, 180, 160)).mean() < 12
    plain = np.asarray(Image.open(io.BytesIO(render_result(
        "declutter_total", src.getvalue()))), dtype=np.float32)
    assert plain[30, 40].mean() < 40  # without auto or a mask nothing is removed
