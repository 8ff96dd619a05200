"""Masks for Declutter: what to remove, in the form the service expects.

The convention SkyClear sends: a single-channel 8-bit PNG (mode "L") exactly the size of the
uploaded photo, 255 where something should be removed and 0 where the photo is kept, and
nothing in between. ``prepare_mask`` turns whatever the user painted or picked (any image, or
an array from the mask canvas) into that file and refuses masks that cannot be meant;
``read_mask_for`` fits a mask file to a photo the same way, for the mask editor to show.
"""

from __future__ import annotations

import struct
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from desktop_app.core import atomic, encoders, imaging
from desktop_app.core.errors import MaskError
from desktop_app.core.messages import Message, Msg

#: Samples at or above this value mark "remove".
THRESHOLD = 128
#: A mask whose aspect ratio differs from the photo's by more than this was made for another
#: photo (or for the photo turned sideways).
ASPECT_TOLERANCE = 0.02
#: Marking this share of the photo or more leaves nothing to keep.
FULL_COVERAGE = 0.999
#: zlib level for mask PNGs. With the run-length strategy used for masks the level barely
#: changes speed or size; a 24 MP mask comes out at a few hundred kB at most.
PNG_COMPRESS_LEVEL = 6


@dataclass(frozen=True)
class MaskInfo:
    path: Path
    coverage: float  # share of the photo marked for removal, 0.0–1.0
    binarised: bool  # the input held values other than pure black and white
    resized: bool  # the input was scaled (nearest neighbour) to the photo's size


def _name(path: Path) -> str:
    return path.name or str(path)


# -- reading --------------------------------------------------------------------------------

def _open_mask_image(path: Path) -> Image.Image:
    path = Path(path)
    if not path.exists():
        raise MaskError(Msg.MASK_NOT_FOUND(_name(path)))
    if path.is_dir():
        raise MaskError(Msg.MASK_IS_FOLDER(_name(path)))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MaskError(Msg.MASK_OPEN_FAILED(_name(path), str(exc.strerror))) from None
    if size == 0:
        raise MaskError(Msg.MASK_EMPTY_FILE(_name(path)))
    if size > imaging.MAX_FILE_BYTES:
        raise MaskError(Msg.MASK_FILE_TOO_LARGE(_name(path)))
    too_large = MaskError(Msg.MASK_TOO_MANY_PIXELS(_name(path), imaging.MAX_PIXELS // 1_000_000))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(path)
            width, height = im.size
            if width * height > imaging.MAX_PIXELS or min(width, height) < 1:
                im.close()
                raise too_large
            im.load()
    except MaskError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise too_large from None
    except PermissionError:
        raise MaskError(Msg.MASK_NOT_ALLOWED(_name(path))) from None
    except (UnidentifiedImageError, SyntaxError, ValueError, TypeError, EOFError, IndexError,
            KeyError, OSError, MemoryError):
        raise MaskError(Msg.MASK_UNREADABLE(_name(path))) from None
    return im


def _values_from_image(im: Image.Image) -> np.ndarray:
    """Mask strength per pixel, 0–255 (uint8, H × W), from any kind of image.

    An image with real transparency whose visible pixels are all one colour (strokes painted on
    a transparent layer) is read from its alpha channel; anything else by luminance, with
    transparent parts counting as black.
    """
    im = imaging.upright(im)
    mode = im.mode
    if mode in ("1", "L"):
        return encoders.pixels(im.convert("L"))
    if mode.startswith("I") or mode == "F":
        return np.asarray(imaging.to_8bit(im), dtype=np.uint8)
    has_alpha = mode in ("LA", "La", "RGBA", "RGBa", "PA") or (
        mode == "P" and "transparency" in im.info
    )
    if not has_alpha:
        return encoders.pixels(im.convert("L"))
    rgba = encoders.pixels(im.convert("RGBA"))
    alpha = rgba[..., 3]
    if int(alpha.min()) == 255:  # an alpha channel that hides nothing
        return encoders.pixels(im.convert("RGB").convert("L"))
    visible = alpha >= THRESHOLD
    colours = rgba[..., :3][visible]
    uniform = colours.size == 0 or int((colours.max(axis=0) - colours.min(axis=0)).max()) <= 8
    if uniform:
        return alpha.copy()
    grey = encoders.pixels(Image.fromarray(rgba[..., :3], "RGB").convert("L")).astype(np.uint16)
    return ((grey * alpha.astype(np.uint16) + 127) // 255).astype(np.uint8)


def mask_levels(array: npt.ArrayLike) -> np.ndarray:
    """Mask strength per pixel, 0–255 (uint8, H × W), from a mask held in memory: ``bool``;
    numbers none of which is above 1 on a 0–1 scale (the mask editor's 0/1 bytes, 0.0–1.0
    floats); other numbers on a 0–255 scale; or an H × W × 3/4 uint8 picture, read as an image
    file is. Raises MaskError for anything else."""
    arr = np.asarray(array)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[..., 0]
    if arr.ndim == 3 and arr.shape[2] in (3, 4):
        if arr.dtype != np.uint8:
            raise MaskError(Msg.MASK_NOT_8_BIT())
        mode = "RGB" if arr.shape[2] == 3 else "RGBA"
        return _values_from_image(Image.fromarray(np.ascontiguousarray(arr), mode))
    if arr.ndim != 2 or arr.size == 0:
        raise MaskError(Msg.MASK_NOT_A_PICTURE())
    if arr.dtype == np.bool_:
        return arr.astype(np.uint8) * 255
    if np.issubdtype(arr.dtype, np.floating):
        data = np.nan_to_num(arr.astype(np.float64), nan=0.0)
        if float(data.max()) <= 1.0:
            data *= 255.0
        return np.clip(np.rint(data), 0, 255).astype(np.uint8)
    if np.issubdtype(arr.dtype, np.integer):
        if int(arr.max()) <= 1:
            return (arr > 0).astype(np.uint8) * np.uint8(255)
        return np.clip(arr, 0, 255).astype(np.uint8)
    raise MaskError(Msg.MASK_VALUES_UNREADABLE())


def marked_pixels(array: npt.ArrayLike) -> np.ndarray:
    """Where a mask held in memory says "remove" (bool, H × W): its ``mask_levels`` at or
    above ``THRESHOLD``. The one reading of such a mask, whoever sends, saves or edits it."""
    arr = np.asarray(array)
    return arr if arr.dtype == np.bool_ and arr.ndim == 2 else mask_levels(arr) >= THRESHOLD


def read_mask(path: Path) -> np.ndarray:
    """The mask at ``path`` as a boolean array (H × W): True = remove."""
    im = _open_mask_image(Path(path))
    try:
        return _values_from_image(im) >= THRESHOLD
    finally:
        im.close()


# -- writing --------------------------------------------------------------------------------

def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(kind)) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _deflate(rows: np.ndarray, level: int) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    return packer.compress(rows.data) + packer.flush()


def encode_mask_png(marked: np.ndarray, level: int = PNG_COMPRESS_LEVEL) -> bytes:
    """A boolean H × W mask as the bytes of an 8-bit greyscale PNG of 0 and 255.

    Written here rather than by Pillow because a mask has two values only: the PNG "Up" filter
    turns every row that repeats the one above into zeros, and deflate's run-length strategy
    packs those runs about three times faster than Pillow's general-purpose encoder, into a
    smaller file than its best compression.
    """
    height, width = marked.shape
    pixels = np.ascontiguousarray(marked, dtype=np.bool_).view(np.uint8) * np.uint8(255)
    rows = np.empty((height, width + 1), dtype=np.uint8)
    rows[0, 0] = 0  # filter "None" for the first row
    rows[0, 1:] = pixels[0]
    if height > 1:
        rows[1:, 0] = 2  # filter "Up": the difference with the row above
        np.subtract(pixels[1:], pixels[:-1], out=rows[1:, 1:])
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", header),
        _png_chunk(b"IDAT", _deflate(rows, level)),
        _png_chunk(b"IEND", b""),
    ))


def write_mask(mask: np.ndarray, path: Path) -> Path:
    """Write a mask as an "L" PNG of 0 and 255, atomically (temporary file, then rename).

    ``mask`` is H × W, read by ``marked_pixels``.
    """
    path = Path(path)
    arr = np.asarray(mask)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"expected an H×W mask, got shape {arr.shape}")
    data = encode_mask_png(marked_pixels(arr))
    try:
        atomic.write_bytes(path, data)
    except OSError as exc:
        raise MaskError(Msg.MASK_SAVE_FAILED(str(path.parent), str(exc.strerror or exc))) from None
    return path


# -- preparing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Fitted:
    marked: np.ndarray  # bool, exactly the photo's size
    coverage: float
    binarised: bool
    resized: bool


def same_shape(mask_size: tuple[int, int], photo_size: tuple[int, int]) -> bool:
    """Whether a mask of ``mask_size`` (w, h) can be meant for a photo of ``photo_size``: their
    aspect ratios differ by at most ``ASPECT_TOLERANCE``."""
    (mask_w, mask_h), (width, height) = mask_size, photo_size
    # compare w/h ratios without dividing: |mw·h − w·mh| relative to w·mh
    return abs(mask_w * height - width * mask_h) / (width * mask_h) <= ASPECT_TOLERANCE


def scaled_to(marked: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """A bool mask scaled to ``size`` (w, h) with nearest neighbour: the one way a mask is
    fitted to its photo, whoever fits it."""
    scaled = Image.fromarray(marked.astype(np.uint8) * np.uint8(255), "L").resize(
        (int(size[0]), int(size[1])), Image.Resampling.NEAREST)
    return np.asarray(scaled, dtype=np.uint8) >= THRESHOLD


def _fit(src: Path | np.ndarray, size: tuple[int, int]) -> _Fitted:
    """``src`` read, binarised, checked and scaled to ``size`` (see ``prepare_mask``)."""
    width, height = int(size[0]), int(size[1])
    if width < 1 or height < 1:
        raise ValueError(f"the photo size must be positive, got {size}")
    if isinstance(src, np.ndarray):
        values = mask_levels(src)
    else:
        im = _open_mask_image(Path(src))
        try:
            values = _values_from_image(im)
        finally:
            im.close()

    mask_h, mask_w = values.shape
    binarised = bool(np.any((values != 0) & (values != 255)))
    marked = values >= THRESHOLD

    resized = (mask_w, mask_h) != (width, height)
    if resized:
        if not same_shape((mask_w, mask_h), (width, height)):
            raise MaskError(Msg.MASK_OTHER_PHOTO(mask_w, mask_h, width, height))
        marked = scaled_to(marked, (width, height))

    total = marked.size
    count = int(np.count_nonzero(marked))
    if count == 0:
        raise MaskError(Msg.MASK_NOTHING_MARKED())
    coverage = count / total
    if coverage >= FULL_COVERAGE:
        raise MaskError(Msg.MASK_EVERYTHING_MARKED())
    return _Fitted(marked, coverage, binarised, resized)


def prepare_mask(src: Path | np.ndarray, size: tuple[int, int], dest: Path) -> MaskInfo:
    """Turn ``src`` into the mask file the service expects for a photo of ``size`` (w, h).

    ``src`` is an image file (any format; see ``_values_from_image`` for how colours and
    transparency are read) or an array (see ``mask_levels``). The result is binarised at 128,
    scaled with nearest neighbour to exactly ``size`` and written to ``dest``. Raises MaskError
    for a file that is not an image, a mask that marks nothing or everything, and one shaped
    for another photo.
    """
    fitted = _fit(src, size)
    path = write_mask(fitted.marked, Path(dest))
    return MaskInfo(path=path, coverage=fitted.coverage, binarised=fitted.binarised,
                    resized=fitted.resized)


def read_mask_for(path: Path, size: tuple[int, int]) -> tuple[np.ndarray, list[Message]]:
    """The mask file at ``path`` fitted to a photo of ``size`` (w, h) as ``prepare_mask`` fits
    it (bool H × W, True = remove), and what the user should know about it: that a picture
    which was not black and white was binarised (light = remove), or that it was scaled.
    Raises MaskError as ``prepare_mask`` does."""
    fitted = _fit(Path(path), size)
    notes = []
    if fitted.binarised:
        notes.append(Msg.MASK_BINARISED(_name(Path(path))))
    if fitted.resized:
        notes.append(Msg.MASK_SCALED(int(size[0]), int(size[1])))
    return fitted.marked, notes


__all__ = [
    "ASPECT_TOLERANCE",
    "FULL_COVERAGE",
    "THRESHOLD",
    "MaskInfo",
    "encode_mask_png",
    "marked_pixels",
    "mask_levels",
    "prepare_mask",
    "read_mask",
    "read_mask_for",
    "same_shape",
    "scaled_to",
    "write_mask",
]
