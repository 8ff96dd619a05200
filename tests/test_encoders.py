"""JPEG/PNG encoding and pixel read-out that let the window's thread run meanwhile."""

from __future__ import annotations

import io
import sys
import threading
import time
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image, JpegImagePlugin

from desktop_app.core import encoders
from desktop_app.core.export import MIN_CAP_QUALITY, encode_jpeg

PHOTO_LIKE = np.random.default_rng(7).integers(0, 256, (1500, 2000, 3), dtype=np.uint8)


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_pixels_match_pillow_across_bands(mode: str) -> None:
    # 1999 × 2003: many bands of rows, the last one short
    rng = np.random.default_rng(1)
    channels = {"L": 1, "RGB": 3, "RGBA": 4}[mode]
    shape = (2003, 1999) if channels == 1 else (2003, 1999, channels)
    image = Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8), mode)
    out = encoders.pixels(image)
    assert out.dtype == np.uint8 and out.shape == shape
    assert np.array_equal(out, np.asarray(image))


def test_pixels_refuse_other_modes() -> None:
    with pytest.raises(ValueError):
        encoders.pixels(Image.new("I;16", (4, 4)))


def test_jpeg_keeps_the_picture_and_the_chroma_asked_for() -> None:
    image = Image.fromarray(PHOTO_LIKE[:400, :600])
    for full_chroma, sampling in ((False, 2), (True, 0)):  # Pillow: 2 = 4:2:0, 0 = 4:4:4
        data = encoders.jpeg(image, 95, full_chroma=full_chroma)
        with Image.open(io.BytesIO(data)) as back:
            assert back.format == "JPEG" and back.size == image.size and back.mode == "RGB"
            assert JpegImagePlugin.get_sampling(back) == sampling
            smooth = np.asarray(back.resize((60, 40), Image.Resampling.BOX), np.float32)
        want = np.asarray(image.resize((60, 40), Image.Resampling.BOX), np.float32)
        assert float(np.abs(smooth - want).mean()) < 3  # red stays red: not stored as BGR
    assert len(encoders.jpeg(image, 40)) < len(encoders.jpeg(image, 95))


@pytest.mark.parametrize("smaller", [False, True])
def test_a_size_capped_export_keeps_its_colours_at_every_attempt(smaller: bool) -> None:
    """The pixels are read out once, blue first, for every quality tried, and again once made
    smaller: red stays red whichever attempt fits."""
    half = PHOTO_LIKE[:1000, :750] // 4  # noise: many bytes
    red = half + np.array([190, 0, 0], np.uint8)
    blue = half + np.array([0, 0, 190], np.uint8)
    image = Image.fromarray(np.concatenate([red, blue], axis=1))
    lowest = len(encode_jpeg(image, MIN_CAP_QUALITY))
    cap = lowest // 2 if smaller else lowest * 3 // 2  # met by a smaller photo, or by quality
    data = encode_jpeg(image, 90, max_bytes=cap)
    assert len(data) <= cap
    with Image.open(io.BytesIO(data)) as back:
        assert (back.width < image.width) is smaller
        left, right = (np.asarray(part, np.float32).mean(axis=(0, 1)) for part in (
            back.crop((0, 0, back.width // 2, back.height)),
            back.crop((back.width // 2, 0, back.width, back.height))))
    assert left[0] > left[2] + 100 and right[2] > right[0] + 100


def test_png_is_lossless_for_grey_and_rgb() -> None:
    for arr in (PHOTO_LIKE[:300, :500], PHOTO_LIKE[:300, :500, 0]):
        with Image.open(io.BytesIO(encoders.png(arr, 3))) as back:
            assert back.format == "PNG"
            assert np.array_equal(np.asarray(back), arr)


def test_refuses_pixels_it_cannot_encode() -> None:
    with pytest.raises(ValueError):
        encoders.jpeg(np.zeros((4, 4, 4), np.uint8), 90)
    with pytest.raises(ValueError):
        encoders.png(np.zeros((4, 4), np.uint16), 3)


def _other_thread_ran_during(work: Callable[[], object]) -> bool:
    """Whether this thread gets to run while another thread repeats ``work``, with Python's
    forced thread switch pushed out of reach: only work that lets go of the interpreter lock
    lets it in (Pillow's JPEG encoder keeps it until it is done)."""
    ran = threading.Event()
    tries = 0

    def worker() -> None:
        nonlocal tries
        while not ran.is_set() and tries < 100:
            tries += 1
            work()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        thread = threading.Thread(target=worker)
        thread.start()
        while thread.is_alive() and not ran.is_set():
            if tries:  # the worker is inside ``work`` and this thread is running
                ran.set()
            else:
                time.sleep(0.001)  # the worker has not started: let it in
    finally:
        sys.setswitchinterval(interval)
    thread.join()
    return ran.is_set() and tries < 100


def test_encoding_lets_other_threads_run() -> None:
    image = Image.fromarray(PHOTO_LIKE)
    assert _other_thread_ran_during(lambda: encoders.jpeg(image, 92))
    assert _other_thread_ran_during(lambda: encoders.png(PHOTO_LIKE, 3))
