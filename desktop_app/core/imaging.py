"""Reading users' photos safely and turning them into clean sRGB files the services accept.

Everything here works on files and NumPy arrays only (Pillow underneath, no Qt), so the CLI, the
engines and the window's worker threads can share it.

The rules a prepared photo follows:

* pixels as the camera meant them to be seen: the EXIF orientation is applied, colours are
  converted to sRGB from any embedded ICC profile (CMYK included), 16-bit data is scaled down
  (not clipped) and transparency is flattened onto white;
* nothing about the photo survives but its pixels: EXIF (with GPS), XMP, ICC profiles, PNG
  text chunks and comments are all dropped;
* at most ``max_side`` pixels on the long side, saved as JPEG (PNG stays PNG) under a random
  name that says nothing about the original;
* the user's file is only ever opened for reading, and a damaged file fails before anything is
  written.
"""

from __future__ import annotations

import io
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageCms, UnidentifiedImageError

from desktop_app.core import atomic, encoders
from desktop_app.core.errors import ImageError
from desktop_app.core.messages import Msg

#: Largest decoded image accepted, in pixels (a decompression bomb beyond). Medium-format
#: cameras reach 100 MP and stitched panoramas more, so the limit sits well above that.
MAX_PIXELS = 150_000_000
#: Longest side accepted, in pixels (the JPEG format itself stops at 65,535).
MAX_SIDE = 65_535
#: Largest file accepted, in bytes (a 16-bit 100 MP TIFF is about 600 MB uncompressed).
MAX_FILE_BYTES = 1024 * 1024 * 1024

#: Pillow name of each accepted format → the name users know.
SUPPORTED_FORMATS: dict[str, str] = {
    "JPEG": "JPEG",
    "MPO": "JPEG",  # a JPEG with extra frames (some cameras); the first frame is the photo
    "PNG": "PNG",
    "WEBP": "WebP",
    "TIFF": "TIFF",
}

DEFAULT_MAX_SIDE = 4096
DEFAULT_QUALITY = 92
THUMBNAIL_QUALITY = 85
#: zlib level of the PNGs written here: quick, and most of the size gain of higher levels.
PNG_LEVEL = 3

# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; keep its guard no stricter
# than ours, so a photo within our limit opens and a larger one fails with our own sentence.
if Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS < MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1",
                b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_RAW_SUFFIXES = {".cr2", ".cr3", ".crw", ".nef", ".nrw", ".arw", ".srf", ".sr2", ".dng", ".raf",
                 ".orf", ".rw2", ".pef", ".srw", ".x3f", ".3fr", ".iiq", ".rwl", ".erf"}

_ORIENTATION_TAG = 0x0112
# EXIF orientation → the transpose that shows the stored pixels upright.
_TRANSPOSE: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class ImageInfo:
    """What a quick look at a file's header tells (nothing is decoded)."""

    width: int  # as stored in the file
    height: int
    format: str  # Pillow's name: "JPEG", "PNG", "WEBP", "TIFF", "MPO"
    mode: str  # Pillow's mode as stored: "RGB", "CMYK", "I;16", "P"...
    oriented_size: tuple[int, int]  # (width, height) once the EXIF orientation is applied
    orientation: int = 1  # the EXIF orientation tag, 1 when absent


@dataclass(frozen=True)
class PreparedImage:
    path: Path
    width: int
    height: int
    format: str  # "JPEG" or "PNG"


# -- opening --------------------------------------------------------------------------------

def _name(path: Path) -> str:
    return path.name or str(path)


def _megabytes(size: int) -> int:
    return round(size / (1024 * 1024))


def _sniff_container(path: Path) -> bytes | None:
    """The ISO-BMFF brand (``b"heic"``, ``b"avif"``…) when the file is a HEIF-family container."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError:
        return None
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    box_size = int.from_bytes(head[0:4], "big")
    brands = {head[8:12]}
    end = min(len(head), max(box_size, 16))
    brands.update(head[i:i + 4] for i in range(16, end - 3, 4))
    if brands & _AVIF_BRANDS:
        return b"avif"
    if brands & _HEIF_BRANDS:
        return b"heic"
    return head[8:12]


def _check_file(path: Path) -> int:
    """The file's size in bytes, after the checks that need no decoding at all."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ImageError(Msg.IMAGE_NOT_FOUND(_name(path))) from None
    except PermissionError:
        raise ImageError(Msg.IMAGE_NOT_ALLOWED(_name(path))) from None
    except OSError as exc:
        raise ImageError(Msg.IMAGE_OPEN_FAILED(_name(path), str(exc.strerror))) from None
    if path.is_dir():
        raise ImageError(Msg.IMAGE_IS_FOLDER(_name(path)))
    if st.st_size == 0:
        raise ImageError(Msg.IMAGE_EMPTY(_name(path)))
    if st.st_size > MAX_FILE_BYTES:
        raise ImageError(Msg.IMAGE_FILE_TOO_LARGE(_name(path), _megabytes(st.st_size),
                                                  _megabytes(MAX_FILE_BYTES)))
    return st.st_size


def _too_large(path: Path, width: int, height: int) -> ImageError:
    return ImageError(Msg.IMAGE_TOO_MANY_PIXELS(_name(path), width, height,
                                                MAX_PIXELS // 1_000_000))


@contextmanager
def _bomb_guard(path: Path) -> Iterator[None]:
    """Turn Pillow's decompression-bomb warning and error into our sentence."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise ImageError(Msg.IMAGE_TOO_LARGE_TO_OPEN(_name(path),
                                                         MAX_PIXELS // 1_000_000)) from None


def _unreadable(path: Path) -> ImageError:
    if path.suffix.lower() in _RAW_SUFFIXES:
        return ImageError(Msg.IMAGE_RAW(_name(path)))
    return ImageError(Msg.IMAGE_UNREADABLE(_name(path)))


def _open(path: Path) -> Image.Image:
    """Open ``path`` lazily (header only) after every check that needs no decoding.

    The caller owns the returned image and must close it.
    """
    _check_file(path)
    brand = _sniff_container(path)
    if brand == b"heic":
        raise ImageError(Msg.IMAGE_HEIC(_name(path)))
    try:
        with _bomb_guard(path):
            im = Image.open(path)
    except ImageError:
        raise
    except PermissionError:
        raise ImageError(Msg.IMAGE_NOT_ALLOWED(_name(path))) from None
    except (UnidentifiedImageError, SyntaxError, ValueError, TypeError, EOFError, IndexError,
            KeyError, OSError, MemoryError):
        raise _unreadable(path) from None
    try:
        if im.format not in SUPPORTED_FORMATS:
            kind = "AVIF" if brand == b"avif" else (im.format or "unknown")
            raise ImageError(Msg.IMAGE_FORMAT(_name(path), kind))
        width, height = im.size
        if width < 1 or height < 1:
            raise ImageError(Msg.IMAGE_NO_PIXELS(_name(path), width, height))
        if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
            raise _too_large(path, width, height)
    except BaseException:
        im.close()
        raise
    return im


def _orientation(im: Image.Image, *, allow_load: bool) -> int:
    """The EXIF orientation (1–8), 1 when absent or unreadable.

    A PNG keeps its EXIF chunk anywhere in the file; Pillow loads the whole image to find one
    that comes after the pixels, so a header-only look (``allow_load=False``) skips that case.
    """
    if not allow_load and im.format == "PNG" and "exif" not in im.info:
        return 1
    try:
        value = im.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # a malformed EXIF block must not make the photo unreadable
        return 1
    try:
        value = int(value)
    except (TypeError, ValueError):
        return 1
    return value if 1 <= value <= 8 else 1


def upright(im: Image.Image) -> Image.Image:
    """``im`` (already loaded) turned the way its EXIF orientation says it should be seen."""
    orientation = _orientation(im, allow_load=True)
    if orientation in _TRANSPOSE:
        return im.transpose(_TRANSPOSE[orientation])
    return im


def _oriented(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def inspect_image(path: Path) -> ImageInfo:
    """Check that ``path`` is a photo SkyClear can read, from its header alone (fast).

    Raises ImageError with one sentence for a missing file, a folder, an empty file, a file
    that is not an image, an unsupported format (HEIC gets its own hint) or absurd dimensions.
    It does not decode the pixels, so a file cut short is only caught by ``prepare_image``.
    """
    path = Path(path)
    im = _open(path)
    try:
        orientation = _orientation(im, allow_load=False)
        stored, oriented = im.size, _oriented(im.size, orientation)
        if im.format == "TIFF" and orientation in (5, 6, 7, 8):
            # Recent Pillow reports a TIFF's size already turned (and turns the pixels when
            # loading them); the tags still hold the size as stored.
            tags = getattr(im, "tag_v2", {})
            as_stored = (tags.get(256), tags.get(257))  # ImageWidth, ImageLength
            if as_stored == (im.size[1], im.size[0]):
                stored, oriented = (im.size[1], im.size[0]), im.size
        return ImageInfo(
            width=stored[0],
            height=stored[1],
            format=im.format or "",
            mode=im.mode,
            oriented_size=oriented,
            orientation=orientation,
        )
    finally:
        im.close()


# -- decoding -------------------------------------------------------------------------------

def _fit(size: tuple[int, int], max_side: int | None) -> tuple[int, int]:
    """``size`` scaled down so that its long side is at most ``max_side`` (never up)."""
    width, height = size
    if not max_side or max_side <= 0 or max(width, height) <= max_side:
        return size
    scale = max_side / max(width, height)
    if width >= height:
        return max_side, max(1, round(height * scale))
    return max(1, round(width * scale)), max_side


def _load(im: Image.Image, path: Path) -> None:
    """Decode the pixels; a truncated or corrupt file becomes an ImageError."""
    try:
        with _bomb_guard(path):
            im.load()
    except ImageError:
        raise
    except MemoryError:
        raise ImageError(Msg.IMAGE_OUT_OF_MEMORY(_name(path))) from None
    except (OSError, SyntaxError, ValueError, TypeError, EOFError, IndexError, KeyError,
            ZeroDivisionError) as exc:
        if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
            raise ImageError(Msg.IMAGE_TRUNCATED(_name(path))) from None
        raise ImageError(Msg.IMAGE_DAMAGED(_name(path))) from None


def to_8bit(im: Image.Image) -> Image.Image:
    """Scale 16- and 32-bit single-channel images to 8 bits (Pillow's convert would clip)."""
    arr = np.asarray(im)
    if im.mode == "F":
        data = np.nan_to_num(arr.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
        top = float(data.max()) if data.size else 0.0
        if top <= 1.0:  # float images usually hold 0.0–1.0
            data = data * 255.0
        elif top > 255.0:
            data = data * (255.0 / 65535.0) if top <= 65535.0 else data * (255.0 / top)
        out = np.clip(np.rint(data), 0, 255).astype(np.uint8)
    else:
        data = arr.astype(np.int64)
        # "I;16*" always holds 16-bit samples; plain "I" is 16-bit in practice unless small.
        sixteen = im.mode.startswith("I;16") or int(data.max(initial=0)) > 255
        if sixteen:
            data = (np.clip(data, 0, 65535) * 255 + 32767) // 65535
        out = np.clip(data, 0, 255).astype(np.uint8)
    return Image.fromarray(out, "L")


def _normalise_mode(im: Image.Image, path: Path) -> Image.Image:
    """One of L, LA, RGB, RGBA, CMYK or LAB, each with 8-bit samples."""
    mode = im.mode
    if mode in ("L", "LA", "RGB", "RGBA", "CMYK", "LAB"):
        return im
    if mode == "1":
        return im.convert("L")
    if mode.startswith("I") or mode == "F":
        return to_8bit(im)
    if mode in ("P", "PA"):
        has_alpha = mode == "PA" or "transparency" in im.info
        return im.convert("RGBA" if has_alpha else "RGB")
    if mode == "La":
        return im.convert("LA")
    if mode == "RGBa":
        return im.convert("RGBA")
    if mode in ("RGBX", "YCbCr", "HSV"):
        return im.convert("RGB")
    raise ImageError(Msg.IMAGE_COLOUR_MODE(_name(path), mode))


def _icc_profile(data: bytes | None) -> ImageCms.ImageCmsProfile | None:
    if not data:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # a broken profile: fall back to the usual assumption (sRGB)


def _is_srgb(profile: ImageCms.ImageCmsProfile) -> bool:
    try:
        description = (profile.profile.profile_description or "").strip().lower()
    except (AttributeError, ValueError):
        return False
    return description.startswith("srgb")


def _to_srgb(base: Image.Image, icc: bytes | None, *, plain_cmyk: bool) -> Image.Image:
    """``base`` (L, RGB, CMYK or LAB, no alpha) converted to sRGB RGB.

    ``plain_cmyk``: the CMYK samples were inverted on reading and must be turned back.
    """
    mode = base.mode
    if mode == "CMYK" and plain_cmyk:
        base = ImageChops.invert(base)
    profile = _icc_profile(icc)
    if mode == "LAB" and profile is None:
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))
    if profile is not None:
        space = profile.profile.xcolor_space.strip().upper()
        fits = {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK", "LAB": "LAB"}.get(mode) == space
        if fits and not (mode == "RGB" and _is_srgb(profile)):
            try:
                transform = ImageCms.buildTransform(
                    profile, _SRGB, mode, "RGB",
                    renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                    flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
                )
                converted = ImageCms.applyTransform(base, transform)
                if converted is not None:
                    return converted
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass  # an unusable profile: convert as if there were none
    if mode == "RGB":
        return base
    if mode == "LAB":
        raise ImageError(Msg.IMAGE_LAB())
    return base.convert("RGB")


def _flatten(rgb: Image.Image, alpha: Image.Image | None) -> Image.Image:
    if alpha is None or alpha.getextrema() == (255, 255):
        return rgb
    white = Image.new("RGB", rgb.size, (255, 255, 255))
    white.paste(rgb, (0, 0), alpha)
    return white


def _decode(path: Path, max_side: int | None, *,
            resample: Image.Resampling) -> tuple[Image.Image, str]:
    """The photo at ``path`` as an upright sRGB RGB image no larger than ``max_side``, and the
    format it was stored in."""
    path = Path(path)
    im = _open(path)
    source_format = im.format or ""
    result: Image.Image | None = None
    try:
        if source_format in ("JPEG", "MPO") and max_side and max_side > 0:
            target = _fit(im.size, max_side)
            if target != im.size:
                # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when that still leaves at least
                # the target size: several times faster, and the final resize hides the rest.
                im.draft(im.mode, target)
        _load(im, path)
        orientation = _orientation(im, allow_load=True)
        icc = im.info.get("icc_profile")
        # Pillow reads every CMYK JPEG with Adobe's inverted polarity; a CMYK JPEG without
        # Adobe's marker holds plain samples.
        plain_cmyk = source_format in ("JPEG", "MPO") and not im.info.get("adobe")
        work = _normalise_mode(im, path)
        target = _fit(work.size, max_side)
        if target != work.size:
            work = work.resize(target, resample, reducing_gap=3.0)
        alpha: Image.Image | None = None
        if work.mode in ("LA", "RGBA"):
            alpha = work.getchannel("A")
            work = work.convert("L" if work.mode == "LA" else "RGB")
        rgb = _flatten(_to_srgb(work, icc, plain_cmyk=plain_cmyk), alpha)
        if orientation in _TRANSPOSE:
            rgb = rgb.transpose(_TRANSPOSE[orientation])
        if rgb is im and getattr(im, "fp", None) is not None:
            rgb = im.copy()  # the file is still open (multi-frame): detach the pixels from it
        rgb.info = {}
        result = rgb
        return rgb, source_format
    finally:
        if result is not im:
            im.close()


# -- writing --------------------------------------------------------------------------------

def _encode(image: Image.Image | np.ndarray, fmt: str, quality: int) -> bytes:
    """``image`` as a ``fmt`` file's bytes (JPEG 4:2:0 at ``quality``, quick PNG, …), without
    metadata; JPEG and PNG through ``encoders``, which let other threads run meanwhile."""
    if isinstance(image, Image.Image) and image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    if fmt == "JPEG":
        return encoders.jpeg(image, quality)
    if fmt == "PNG":
        return encoders.png(image, PNG_LEVEL)
    pil = image if isinstance(image, Image.Image) else Image.fromarray(image)
    buffer = io.BytesIO()
    if fmt == "WEBP":
        pil.save(buffer, fmt, quality=int(quality))
    else:
        pil.save(buffer, fmt, compression="tiff_deflate")
    return buffer.getvalue()


def _save_atomic(image: Image.Image | np.ndarray, dest: Path, fmt: str, quality: int) -> Path:
    """Write ``image`` next to ``dest`` under a temporary name, then rename it into place."""
    try:
        return atomic.write_bytes(dest, _encode(image, fmt, quality))
    except OSError as exc:
        raise ImageError(Msg.IMAGE_SAVE_FAILED(str(Path(dest).parent),
                                               str(exc.strerror or exc))) from None


def prepare_image(
    src: Path,
    dest_dir: Path,
    *,
    max_side: int | None = DEFAULT_MAX_SIDE,
    quality: int = DEFAULT_QUALITY,
) -> PreparedImage:
    """Make the file that is sent to a service: upright, sRGB, metadata-free, ≤ ``max_side``.

    ``max_side`` None or 0 keeps the full size. The result is a new file in ``dest_dir`` with a
    random name (JPEG, or PNG when the source is a PNG). ``src`` is only read; a damaged file
    raises ImageError before anything is written.
    """
    src = Path(src)
    dest_dir = Path(dest_dir)
    image, source_format = _decode(src, max_side, resample=Image.Resampling.LANCZOS)
    keep_png = source_format == "PNG"
    fmt, suffix = ("PNG", ".png") if keep_png else ("JPEG", ".jpg")
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImageError(Msg.FOLDER_CREATE_FAILED(str(dest_dir),
                                                  str(exc.strerror or exc))) from None
    while True:
        dest = dest_dir / f"{secrets.token_hex(12)}{suffix}"
        if not dest.exists():
            break
    _save_atomic(image, dest, fmt, quality)
    return PreparedImage(path=dest, width=image.width, height=image.height, format=fmt)


def load_rgb(path: Path, max_side: int | None = None) -> np.ndarray:
    """The photo as an upright sRGB array (H × W × 3, uint8), shrunk to ``max_side`` if given.

    With ``max_side`` this is meant for previews and made quick: a JPEG is decoded at reduced
    scale where possible and shrunk with Pillow's Hamming filter (antialiased, half the cost of
    bicubic); ``prepare_image`` keeps Lanczos for the file that is uploaded.
    """
    resample = Image.Resampling.HAMMING
    image, _ = _decode(Path(path), max_side, resample=resample)
    return encoders.pixels(image if image.mode == "RGB" else image.convert("RGB"))


def load_image(path: Path, max_side: int | None = None) -> Image.Image:
    """The photo as an upright sRGB RGB image, shrunk to ``max_side`` if given, for exports:
    Lanczos after a JPEG is decoded at reduced scale where that still leaves enough pixels."""
    image, _ = _decode(Path(path), max_side, resample=Image.Resampling.LANCZOS)
    return image if image.mode == "RGB" else image.convert("RGB")


def fit_long_side(image: Image.Image, side: int) -> Image.Image:
    """``image`` made smaller (Lanczos) so that its long side is at most ``side``."""
    target = _fit(image.size, side)
    if target == image.size:
        return image
    return image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)


_SAVE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".tif": "TIFF",
                 ".tiff": "TIFF"}


def save_rgb(array: np.ndarray, path: Path, quality: int = DEFAULT_QUALITY) -> Path:
    """Write an H × W × 3 uint8 array (or H × W grey) atomically; the suffix picks the format."""
    path = Path(path)
    fmt = _SAVE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the image format from {path.name!r}")
    arr = np.asarray(array)
    if arr.dtype != np.uint8:
        raise ValueError(f"expected uint8 pixels, got {arr.dtype}")
    if not (arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] == 3)):
        raise ValueError(f"expected an H×W×3 or H×W array, got shape {arr.shape}")
    return _save_atomic(np.ascontiguousarray(arr), path, fmt, quality)


def make_thumbnail(src: Path, dest: Path, size: int = 320) -> Path:
    """A small upright preview of ``src`` (long side ``size``) saved at ``dest`` (JPEG or PNG)."""
    if size < 1:
        raise ValueError("thumbnail size must be positive")
    image, _ = _decode(Path(src), size, resample=Image.Resampling.HAMMING)
    dest = Path(dest)
    fmt = "PNG" if dest.suffix.lower() == ".png" else "JPEG"
    return _save_atomic(image, dest, fmt, THUMBNAIL_QUALITY)


__all__ = [
    "DEFAULT_MAX_SIDE",
    "DEFAULT_QUALITY",
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "MAX_SIDE",
    "SUPPORTED_FORMATS",
    "ImageInfo",
    "PreparedImage",
    "fit_long_side",
    "inspect_image",
    "load_image",
    "load_rgb",
    "make_thumbnail",
    "prepare_image",
    "save_rgb",
    "to_8bit",
    "upright",
]
