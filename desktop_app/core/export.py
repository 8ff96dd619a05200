"""Saving results for the user (Save As, Export all, Copy, a listing's delivery), with the
optional "Virtually edited" label.

Plain functions (Pillow, no Qt) meant to run on a worker thread: a 24 MP result takes a moment to
decode and encode. The user's original photo is never written to.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from desktop_app.core import atomic, encoders, imaging
from desktop_app.core.errors import InputError
from desktop_app.core.messages import Msg

LABEL_TEXT = "Virtually edited"
JPEG_QUALITY = 95
#: Below this JPEG quality a size cap is met by making the photo smaller instead.
MIN_CAP_QUALITY = 60
#: A photo is never made smaller than this (long side) to meet a size cap.
MIN_CAP_SIDE = 640


def render_export(source: str | Path, *, burn_label: bool = False, label: str = LABEL_TEXT,
                  max_side: int | None = None) -> Image.Image:
    """A file as it will be exported: upright sRGB RGB, its long side at most ``max_side`` (full
    resolution when None), the label burned in. Raises ImageError with one sentence."""
    image = imaging.load_image(Path(source), max_side)
    if burn_label:
        draw_label(image, label)
    return image


def encode_jpeg(image: Image.Image, quality: int = JPEG_QUALITY,
                max_bytes: int | None = None) -> bytes:
    """JPEG bytes of ``image``; with ``max_bytes``, the best quality that fits (down to
    ``MIN_CAP_QUALITY``), then the image made smaller until it fits."""
    bgr = encoders.pixels(image, bgr=True)  # read out once, in OpenCV's order, for all attempts
    data = _jpeg(bgr, quality)
    while max_bytes is not None and len(data) > max_bytes:
        # the highest quality that fits, by bisection (a handful of encodes)
        low, high, best = MIN_CAP_QUALITY, quality - 1, None
        while low <= high:
            mid = (low + high) // 2
            attempt = _jpeg(bgr, mid)
            if len(attempt) <= max_bytes:
                best, low = attempt, mid + 1
            else:
                high = mid - 1
        if best is not None:
            return best
        if max(image.size) <= MIN_CAP_SIDE:
            raise InputError(Msg.EXPORT_TOO_SMALL(max(1, round(max_bytes / 1000))))
        # bytes grow with the pixel count: shrink by the square root of how far over it is
        small = _jpeg(bgr, MIN_CAP_QUALITY)
        scale = max(0.5, min(0.95, math.sqrt(max_bytes / len(small)) * 0.95))
        side = max(MIN_CAP_SIDE, round(max(image.size) * scale))
        image = imaging.fit_long_side(image, side)
        bgr = encoders.pixels(image, bgr=True)
        data = _jpeg(bgr, quality)
    return data


def _jpeg(bgr: np.ndarray, quality: int) -> bytes:
    """JPEG bytes of an image's pixels read out blue first (``encoders.pixels(image, bgr=True)``).
    4:4:4 for the best quality, else 4:2:0; plain (not optimised) encoding, which is 4x quicker
    for 2-6 % more bytes."""
    return encoders.jpeg(bgr, quality, full_chroma=quality >= 90, bgr=True)


def draw_label(image: Image.Image, text: str = LABEL_TEXT) -> None:
    """Burn a small, legible label into the bottom-left corner (in place)."""
    short = min(image.size)
    size = max(12, round(short * 0.028))
    try:
        font: ImageFont.ImageFont | ImageFont.FreeTypeFont = ImageFont.load_default(size=size)
    except (OSError, TypeError):
        font = ImageFont.load_default()
    draw = ImageDraw.Draw(image, "RGBA")
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad_x, pad_y = round(size * 0.6), round(size * 0.35)
    margin = round(size * 0.8)
    box_w = right - left + 2 * pad_x
    box_h = bottom - top + 2 * pad_y
    x0 = margin
    y0 = image.height - margin - box_h
    draw.rounded_rectangle((x0, y0, x0 + box_w, y0 + box_h), radius=round(size * 0.4),
                           fill=(17, 24, 39, 170))
    draw.text((x0 + pad_x - left, y0 + pad_y - top), text, font=font, fill=(255, 255, 255, 235))


def save_image(image: Image.Image, dest: str | Path) -> Path:
    """Write as JPEG or PNG according to the file name (atomically, via a temporary file)."""
    path = Path(dest)
    suffix = path.suffix.lower()
    if suffix not in (".jpg", ".jpeg", ".png"):
        path = path.with_suffix(".jpg")
        suffix = ".jpg"
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    try:
        atomic.write_bytes(path, encoders.png(image, 6) if suffix == ".png"
                           else _jpeg(encoders.pixels(image, bgr=True), JPEG_QUALITY))
    except OSError as err:
        raise InputError(Msg.FILE_SAVE_FAILED(path.name, str(path.parent),
                                              str(err.strerror or err))) from None
    return path


def export_result(source: str | Path, dest: str | Path, *, burn_label: bool = False,
                  protect: tuple[str, ...] = ()) -> Path:
    """Save one result to ``dest`` (Save As). ``protect`` lists files that must never be
    overwritten (the user's original photos)."""
    target = Path(dest).expanduser()
    if any(_same_file(target, Path(p)) for p in protect):
        raise InputError(Msg.EXPORT_IS_ORIGINAL())
    return save_image(render_export(source, burn_label=burn_label), target)


def result_name(photo: str, service: str, variation: int, part: int = 0, parts: int = 1) -> str:
    """The one name (without suffix) a result is saved or exported under:
    ``<photo>-<service>-result`` for the first result of a photo, ``…-variation-<n>`` for its
    variations, and ``-<k>`` after it when one job returned several files."""
    stem = re.sub(r"[^\w\- ]+", "_", Path(photo).stem).strip() or "photo"
    which = "result" if variation == 0 else f"variation-{variation}"
    name = f"{stem}-{service}-{which}"
    return name if parts == 1 else f"{name}-{part + 1}"


def export_all(items: list[tuple[str, str]], folder: str | Path, *, burn_label: bool = False,
               protect: tuple[str, ...] = ()) -> list[Path]:
    """Save every (result file, name without suffix) into ``folder`` (see ``result_name``).

    Existing files are not overwritten: a free name is picked instead (``<name>-2.jpg``...).
    """
    out_dir = Path(folder).expanduser()
    if not items:
        raise InputError(Msg.EXPORT_NO_RESULTS())
    written = []
    for source, name in items:
        suffix = ".png" if Path(source).suffix.lower() == ".png" else ".jpg"
        target = out_dir / f"{name}{suffix}"
        k = 2
        while target.exists() or any(_same_file(target, Path(p)) for p in protect):
            target = out_dir / f"{name}-{k}{suffix}"
            k += 1
        written.append(save_image(render_export(source, burn_label=burn_label), target))
    return written


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
