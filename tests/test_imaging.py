"""Image preparation: orientation, colour, metadata, size limits and damaged files."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from desktop_app.core import imaging
from desktop_app.core.errors import ImageError, InputError
from desktop_app.core.imaging import (
    inspect_image,
    load_rgb,
    make_thumbnail,
    prepare_image,
    save_rgb,
)

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "living-room-cluttered-01.jpg"  # 1024 × 768


# -- helpers: ICC profiles written by hand ----------------------------------------------------

def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)


def _desc_tag(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_)) + ascii_
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)


def _text_tag(text: str) -> bytes:
    return b"text" + b"\0" * 4 + text.encode("ascii") + b"\0"


def _gamma_tag(gamma: float) -> bytes:
    return b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"


def _icc(device_class: bytes, space: bytes, pcs: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    """An ICC v2.1 profile with the given tags (signature, data)."""
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    entries, blobs = [], []
    for sig, data in tags:
        padded = data + b"\0" * (-len(data) % 4)
        entries.append(struct.pack(">4sII", sig, offset, len(data)))
        blobs.append(padded)
        offset += len(padded)
    body = struct.pack(">I", len(tags)) + b"".join(entries) + b"".join(blobs)
    size = 128 + len(body)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + device_class
              + space + pcs + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4
              + b"\0" * 4 + b"\0" * 8 + b"\0" * 8 + struct.pack(">I", 0)
              + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    return header + body


# sRGB's primaries adapted to D50, as every matrix/TRC sRGB profile stores them.
_SRGB_R = (0.4361, 0.2225, 0.0139)
_SRGB_G = (0.3851, 0.7169, 0.0971)
_SRGB_B = (0.1431, 0.0606, 0.7141)


def rgb_profile(description: str, red: tuple[float, float, float],
                green: tuple[float, float, float], blue: tuple[float, float, float],
                gamma: float) -> bytes:
    return _icc(b"mntr", b"RGB ", b"XYZ ", [
        (b"desc", _desc_tag(description)),
        (b"cprt", _text_tag("No copyright, test profile")),
        (b"wtpt", _xyz_tag(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz_tag(*red)),
        (b"gXYZ", _xyz_tag(*green)),
        (b"bXYZ", _xyz_tag(*blue)),
        (b"rTRC", _gamma_tag(gamma)),
        (b"gTRC", _gamma_tag(gamma)),
        (b"bTRC", _gamma_tag(gamma)),
    ])


def linear_rgb_profile() -> bytes:
    """sRGB's primaries with a straight (gamma 1.0) tone curve: a common "linear" space."""
    return rgb_profile("Linear test RGB", _SRGB_R, _SRGB_G, _SRGB_B, 1.0)


def swapped_rgb_profile() -> bytes:
    """A profile whose first channel is sRGB's green and second sRGB's red."""
    return rgb_profile("Swapped test RGB", _SRGB_G, _SRGB_R, _SRGB_B, 2.2)


def _lab16(lightness: float, a: float, b: float) -> tuple[int, int, int]:
    """CIELAB in the ICC v2 16-bit encoding."""
    return (round(lightness * 65280 / 100), round((a + 128) * 256), round((b + 128) * 256))


def cmyk_profile() -> bytes:
    """A CMYK profile (lut16 A2B0, 2 grid points) in which cyan ink prints *red*.

    Plain CMYK arithmetic would give cyan, so a red result proves the profile was used.
    """
    grid = []
    for c in (0, 1):
        for m in (0, 1):
            for y in (0, 1):
                for k in (0, 1):
                    if k:
                        grid.append(_lab16(0, 0, 0))
                    elif c:
                        grid.append(_lab16(53.2, 80.1, 67.2))  # sRGB red
                    elif m or y:
                        grid.append(_lab16(50, 0, 0))
                    else:
                        grid.append(_lab16(100, 0, 0))
    identity = [1, 0, 0, 0, 1, 0, 0, 0, 1]
    lut = (b"mft2" + b"\0" * 4 + struct.pack(">BBBB", 4, 3, 2, 0)
           + b"".join(_s15(v) for v in identity) + struct.pack(">HH", 2, 2)
           + struct.pack(">8H", *([0, 65535] * 4))
           + b"".join(struct.pack(">3H", *v) for v in grid)
           + struct.pack(">6H", *([0, 65535] * 3)))
    return _icc(b"prtr", b"CMYK", b"Lab ", [
        (b"desc", _desc_tag("Red-cyan test CMYK")),
        (b"cprt", _text_tag("No copyright, test profile")),
        (b"wtpt", _xyz_tag(0.9642, 1.0, 0.8249)),
        (b"A2B0", lut),
    ])


# -- helpers: files -------------------------------------------------------------------------

def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kinds.append(data[pos + 4:pos + 8])
        pos += 12 + length
    return kinds


def raw_png(width: int, height: int, bit_depth: int, colour_type: int, rows: bytes,
            extra: list[tuple[bytes, bytes]] = ()) -> bytes:  # type: ignore[assignment]
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    for kind, payload in extra:
        out += chunk(kind, payload)
    return out + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def prepared_array(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        assert im.mode == "RGB"
        return np.asarray(im)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path / "prepared"


# -- orientation ------------------------------------------------------------------------------

# As the EXIF specification describes each tag: how the stored pixels become the image a viewer
# shows. The photo is written as the inverse of this, so that showing it gives DISPLAYED.
_SHOWN = {
    1: lambda a: a,
    2: lambda a: a[:, ::-1],
    3: lambda a: a[::-1, ::-1],
    4: lambda a: a[::-1, :],
    5: lambda a: a.transpose(1, 0, 2),
    6: lambda a: np.rot90(a, -1),
    7: lambda a: a[::-1, ::-1].transpose(1, 0, 2),
    8: lambda a: np.rot90(a, 1),
}
_STORED = {
    1: _SHOWN[1], 2: _SHOWN[2], 3: _SHOWN[3], 4: _SHOWN[4], 5: _SHOWN[5], 7: _SHOWN[7],
    6: lambda a: np.rot90(a, 1),
    8: lambda a: np.rot90(a, -1),
}
QUADRANTS = {(0, 0): (220, 30, 30), (0, 1): (30, 200, 30), (1, 0): (30, 30, 220),
             (1, 1): (250, 250, 250)}


def displayed_reference() -> np.ndarray:
    """128 × 64 (landscape): red top-left, green top-right, blue bottom-left, white bottom-right."""
    ref = np.zeros((64, 128, 3), np.uint8)
    for (row, col), colour in QUADRANTS.items():
        ref[row * 32:(row + 1) * 32, col * 64:(col + 1) * 64] = colour
    return ref


def assert_quadrants(arr: np.ndarray) -> None:
    height, width = arr.shape[:2]
    for (row, col), colour in QUADRANTS.items():
        y = height // 4 + row * height // 2
        x = width // 4 + col * width // 2
        got = arr[y, x].astype(int)
        assert np.abs(got - colour).max() < 40, f"quadrant {(row, col)}: {got} != {colour}"


def test_stored_layout_helpers_invert_each_other() -> None:
    ref = displayed_reference()
    for tag in range(1, 9):
        assert np.array_equal(_SHOWN[tag](_STORED[tag](ref)), ref)


@pytest.mark.parametrize("tag", range(1, 9))
def test_exif_orientation_is_applied(tag: int, tmp_path: Path, out_dir: Path) -> None:
    stored = np.ascontiguousarray(_STORED[tag](displayed_reference()))
    exif = Image.Exif()
    exif[0x0112] = tag
    src = tmp_path / f"orientation-{tag}.jpg"
    Image.fromarray(stored).save(src, quality=95, exif=exif.tobytes())

    info = inspect_image(src)
    assert info.orientation == tag
    assert info.oriented_size == (128, 64)
    assert (info.width, info.height) == stored.shape[1::-1]

    prepared = prepare_image(src, out_dir)
    assert (prepared.width, prepared.height) == (128, 64)
    arr = prepared_array(prepared.path)
    assert arr.shape == (64, 128, 3)
    assert_quadrants(arr)
    with Image.open(prepared.path) as im:
        assert 0x0112 not in im.getexif()  # not turned a second time by a viewer

    assert_quadrants(load_rgb(src))
    thumb = make_thumbnail(src, tmp_path / "thumb.jpg", size=64)
    with Image.open(thumb) as im:
        assert im.size == (64, 32)
        assert_quadrants(np.asarray(im.convert("RGB")))


@pytest.mark.parametrize("tag", [3, 6, 7])
@pytest.mark.parametrize(("fmt", "suffix"), [("TIFF", ".tif"), ("WEBP", ".webp"),
                                             ("PNG", ".png")])
def test_exif_orientation_in_other_formats(fmt: str, suffix: str, tag: int, tmp_path: Path,
                                           out_dir: Path) -> None:
    stored = np.ascontiguousarray(_STORED[tag](displayed_reference()))
    exif = Image.Exif()
    exif[0x0112] = tag
    src = tmp_path / f"turned{suffix}"
    Image.fromarray(stored).save(src, fmt, exif=exif.tobytes(),
                                 **({"lossless": True} if fmt == "WEBP" else {}))

    info = inspect_image(src)
    assert info.oriented_size == (128, 64)
    assert (info.width, info.height) == stored.shape[1::-1]
    arr = load_rgb(src)
    assert arr.shape == (64, 128, 3)
    assert_quadrants(arr)
    assert_quadrants(prepared_array(prepare_image(src, out_dir).path))


# -- metadata ---------------------------------------------------------------------------------

SECRETS = [b"SecretCam", b"Jane Agent", b"xmp-private-marker", b"private comment",
           b"Exif\x00\x00", b"ICC_PROFILE", b"http://ns.adobe.com/xap/1.0/", b"sRGB built-in"]


def test_jpeg_metadata_is_stripped(tmp_path: Path, out_dir: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x013B] = "Jane Agent"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (48.0, 51.0, 24.0)
    gps[3] = "E"
    gps[4] = (2.0, 21.0, 3.0)
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
           b'02/22-rdf-syntax-ns#"><rdf:Description about="xmp-private-marker"/></rdf:RDF>'
           b"</x:xmpmeta>")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    src = tmp_path / "listing-42-rue-de-la-paix.jpg"
    with Image.open(PHOTO) as im:
        im.save(src, quality=90, exif=exif.tobytes(), xmp=xmp, icc_profile=srgb,
                comment=b"private comment")
    original = src.read_bytes()
    for marker in (b"SecretCam", b"Jane Agent", b"xmp-private-marker", b"private comment",
                   b"ICC_PROFILE"):
        assert marker in original  # the test photo really carries them
    with Image.open(src) as im:
        assert im.getexif().get_ifd(0x8825)  # GPS present

    prepared = prepare_image(src, out_dir)
    data = prepared.path.read_bytes()
    for marker in SECRETS:
        assert marker not in data, marker
    with Image.open(prepared.path) as im:
        assert not im.getexif()
        assert not ({"exif", "icc_profile", "xmp", "comment"} & set(im.info))
    assert "listing" not in prepared.path.name and "paix" not in prepared.path.name


def test_png_metadata_is_stripped_and_png_stays_png(tmp_path: Path, out_dir: Path) -> None:
    info = PngInfo()
    info.add_text("Author", "Jane Agent")
    info.add_itxt("Comment", "private comment", zip=True)
    info.add_text("Software", "SecretCam", zip=True)
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    src = tmp_path / "plan.png"
    with Image.open(PHOTO) as im:
        im.resize((300, 200)).save(src, pnginfo=info, exif=exif.tobytes(),
                                   icc_profile=linear_rgb_profile())
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"} <= set(png_chunks(src.read_bytes()))

    prepared = prepare_image(src, out_dir)
    assert prepared.format == "PNG" and prepared.path.suffix == ".png"
    data = prepared.path.read_bytes()
    assert set(png_chunks(data)) <= {b"IHDR", b"IDAT", b"IEND"}
    for marker in (b"Jane Agent", b"private comment", b"SecretCam"):
        assert marker not in data


def test_names_are_random_and_unique(out_dir: Path) -> None:
    first = prepare_image(PHOTO, out_dir, max_side=256)
    second = prepare_image(PHOTO, out_dir, max_side=256)
    assert first.path != second.path
    for prepared in (first, second):
        assert prepared.path.parent == out_dir
        assert len(prepared.path.stem) >= 16
        assert "living" not in prepared.path.name
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([first.path.name,
                                                                second.path.name])


# -- colour -----------------------------------------------------------------------------------

def srgb_encode(linear: float) -> float:
    if linear <= 0.0031308:
        return 12.92 * linear * 255
    return (1.055 * linear ** (1 / 2.4) - 0.055) * 255


def test_icc_profile_is_converted_to_srgb(tmp_path: Path, out_dir: Path) -> None:
    arr = np.zeros((32, 96, 3), np.uint8)
    arr[:, :32] = 128  # mid grey in linear light
    arr[:, 32:64] = (64, 0, 0)
    arr[:, 64:] = 255
    src = tmp_path / "linear.png"
    Image.fromarray(arr).save(src, icc_profile=linear_rgb_profile())

    out = prepared_array(prepare_image(src, out_dir).path)
    grey = srgb_encode(128 / 255)  # ≈ 188: a linear mid-grey looks much lighter in sRGB
    assert abs(int(out[16, 16, 0]) - grey) <= 2
    assert np.ptp(out[16, 16]) <= 1
    assert abs(int(out[16, 48, 0]) - srgb_encode(64 / 255)) <= 3  # ≈ 137, was 64
    assert out[16, 48, 1] <= 3 and out[16, 48, 2] <= 3
    assert (out[16, 80] >= 253).all()


def test_wide_profile_in_a_jpeg(tmp_path: Path, out_dir: Path) -> None:
    arr = np.zeros((32, 64, 3), np.uint8)
    arr[:, :32] = (255, 0, 0)  # "red" in a profile whose first channel is sRGB's green
    arr[:, 32:] = (0, 0, 255)
    src = tmp_path / "swapped.jpg"
    Image.fromarray(arr).save(src, quality=95, icc_profile=swapped_rgb_profile())

    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    assert np.abs(out[16, 12] - (0, 255, 0)).max() < 30
    assert np.abs(out[16, 52] - (0, 0, 255)).max() < 30
    # Without a profile the same pixels are taken as sRGB.
    plain = tmp_path / "plain.jpg"
    Image.fromarray(arr).save(plain, quality=95)
    out = prepared_array(prepare_image(plain, out_dir).path).astype(int)
    assert np.abs(out[16, 12] - (255, 0, 0)).max() < 30


def test_broken_profile_falls_back_to_srgb(tmp_path: Path, out_dir: Path) -> None:
    src = tmp_path / "broken-icc.jpg"
    Image.new("RGB", (32, 32), (200, 100, 50)).save(src, quality=95, icc_profile=b"nonsense" * 20)
    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    assert np.abs(out[16, 16] - (200, 100, 50)).max() < 6


def cmyk_patches() -> Image.Image:
    """Four 16-px patches, as ink amounts: red (M+Y), black (K), white (none), cyan (C)."""
    im = Image.new("CMYK", (64, 16))
    for i, ink in enumerate([(0, 255, 255, 0), (0, 0, 0, 255), (0, 0, 0, 0), (255, 0, 0, 0)]):
        im.paste(ink, (i * 16, 0, i * 16 + 16, 16))
    return im


def test_cmyk_jpeg_with_adobe_marker(tmp_path: Path, out_dir: Path) -> None:
    src = tmp_path / "cmyk.jpg"
    cmyk_patches().save(src, quality=95)
    assert b"Adobe" in src.read_bytes()  # the usual Photoshop-style inverted CMYK

    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    expected = [(255, 0, 0), (0, 0, 0), (255, 255, 255), (0, 255, 255)]
    for i, colour in enumerate(expected):
        assert np.abs(out[8, i * 16 + 8] - colour).max() < 30, (i, out[8, i * 16 + 8])


def test_cmyk_jpeg_without_adobe_marker(tmp_path: Path, out_dir: Path) -> None:
    # Pillow writes inverted samples and an Adobe marker saying so. Writing the inverse of the
    # wanted inks and removing the marker leaves a file whose plain samples are those inks.
    inverted = Image.eval(cmyk_patches(), lambda v: 255 - v)
    buffer = io.BytesIO()
    inverted.save(buffer, "JPEG", quality=95)
    data = buffer.getvalue()
    start = data.index(b"\xff\xee")
    (length,) = struct.unpack(">H", data[start + 2:start + 4])
    plain = data[:start] + data[start + 2 + length:]
    assert b"Adobe" not in plain
    src = tmp_path / "cmyk-plain.jpg"
    src.write_bytes(plain)

    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    expected = [(255, 0, 0), (0, 0, 0), (255, 255, 255), (0, 255, 255)]
    for i, colour in enumerate(expected):
        assert np.abs(out[8, i * 16 + 8] - colour).max() < 30, (i, out[8, i * 16 + 8])


def test_cmyk_jpeg_with_icc_profile(tmp_path: Path, out_dir: Path) -> None:
    profile = cmyk_profile()
    assert ImageCms.ImageCmsProfile(io.BytesIO(profile)).profile.xcolor_space == "CMYK"
    src = tmp_path / "cmyk-icc.jpg"
    cmyk_patches().save(src, quality=95, icc_profile=profile)

    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    assert np.abs(out[8, 56] - (255, 0, 0)).max() < 35, out[8, 56]  # cyan ink → red here
    assert np.abs(out[8, 40] - (255, 255, 255)).max() < 10  # no ink → paper white
    assert out[8, 24].max() < 40  # black ink


def test_16bit_grey_png_is_scaled_not_clipped(tmp_path: Path, out_dir: Path) -> None:
    values = np.linspace(0, 65535, 64).round().astype(np.uint16)
    arr = np.tile(values, (8, 1))
    src = tmp_path / "grey16.png"
    Image.fromarray(arr).save(src)  # mode "I;16"
    assert inspect_image(src).mode.startswith("I")

    out = prepared_array(prepare_image(src, out_dir).path)
    expected = values / 257.0
    assert np.abs(out[4, :, 0].astype(float) - expected).max() <= 1.0
    assert out[4, 32, 0] < 200  # clipping would have made everything past 255/65535 white


def test_16bit_rgb_png_is_scaled(tmp_path: Path, out_dir: Path) -> None:
    pixel = struct.pack(">3H", 0x8000, 0x4000, 0xFFFF)
    rows = b"".join(b"\x00" + pixel * 16 for _ in range(16))
    src = tmp_path / "rgb16.png"
    src.write_bytes(raw_png(16, 16, 16, 2, rows))

    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    assert np.abs(out[8, 8] - (128, 64, 255)).max() <= 1


def test_palette_with_transparency_is_flattened_on_white(tmp_path: Path, out_dir: Path) -> None:
    im = Image.new("P", (32, 32), 0)
    im.putpalette([0, 0, 0, 200, 20, 20] + [0] * 762)
    im.paste(1, (0, 0, 16, 32))
    im.info["transparency"] = 0
    src = tmp_path / "palette.png"
    im.save(src, transparency=0)

    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    assert np.abs(out[16, 8] - (200, 20, 20)).max() <= 2
    assert (out[16, 24] == 255).all()  # transparent → white, not black


def test_rgba_and_la_are_flattened_on_white(tmp_path: Path, out_dir: Path) -> None:
    rgba = np.zeros((16, 32, 4), np.uint8)
    rgba[:, :16] = (255, 0, 0, 128)  # half-transparent red
    rgba[:, 16:] = (0, 0, 255, 0)  # invisible blue
    src = tmp_path / "rgba.png"
    Image.fromarray(rgba, "RGBA").save(src)
    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    assert np.abs(out[8, 8] - (255, 127, 127)).max() <= 2
    assert (out[8, 24] == 255).all()

    la = np.zeros((16, 16, 2), np.uint8)
    la[..., 1] = 0
    la[:8, :, 1] = 255
    src = tmp_path / "la.png"
    Image.fromarray(la, "LA").save(src)
    out = prepared_array(prepare_image(src, out_dir).path).astype(int)
    assert (out[4, 4] == 0).all() and (out[12, 4] == 255).all()


# -- size ------------------------------------------------------------------------------------

def test_downscales_the_long_side(out_dir: Path) -> None:
    prepared = prepare_image(PHOTO, out_dir, max_side=500)
    assert (prepared.width, prepared.height) == (500, 375)
    with Image.open(prepared.path) as im:
        assert im.size == (500, 375) and im.format == "JPEG"

    portrait = prepare_image(DATA / "bedroom-window-blinds-drapes-01.jpg", out_dir, max_side=300)
    assert max(portrait.width, portrait.height) == 300
    assert abs(portrait.width / portrait.height - 1024 / 683) < 0.01


@pytest.mark.parametrize("max_side", [None, 0, 4096])
def test_never_upscales_and_can_keep_full_size(max_side: int | None, out_dir: Path) -> None:
    prepared = prepare_image(PHOTO, out_dir, max_side=max_side)
    assert (prepared.width, prepared.height) == (1024, 768)


def test_reduced_scale_decoding_looks_like_a_full_decode(out_dir: Path) -> None:
    with Image.open(PHOTO) as im:
        reference = np.asarray(im.convert("RGB").resize((200, 150), Image.Resampling.LANCZOS))
    quick = load_rgb(PHOTO, max_side=200)  # decoded at 1/4 scale, then resized
    assert quick.shape == (150, 200, 3) and quick.dtype == np.uint8
    assert np.abs(quick.astype(int) - reference).mean() < 3.0

    prepared = prepare_image(PHOTO, out_dir, max_side=200)
    assert np.abs(prepared_array(prepared.path).astype(int) - reference).mean() < 4.0


def test_make_thumbnail(tmp_path: Path) -> None:
    dest = make_thumbnail(PHOTO, tmp_path / "thumbs" / "a.jpg")
    with Image.open(dest) as im:
        assert im.size == (320, 240) and im.format == "JPEG"
    dest = make_thumbnail(PHOTO, tmp_path / "b.png", size=100)
    with Image.open(dest) as im:
        assert im.size == (100, 75) and im.format == "PNG"
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.parametrize(("fmt", "suffix"), [("TIFF", ".tif"), ("WEBP", ".webp")])
def test_tiff_and_webp_become_jpeg(fmt: str, suffix: str, tmp_path: Path, out_dir: Path) -> None:
    src = tmp_path / f"photo{suffix}"
    with Image.open(PHOTO) as im:
        im.save(src, fmt)
    assert inspect_image(src).format == fmt
    prepared = prepare_image(src, out_dir, max_side=512)
    assert prepared.format == "JPEG" and prepared.path.suffix == ".jpg"
    assert (prepared.width, prepared.height) == (512, 384)


# -- bad input --------------------------------------------------------------------------------

def _assert_sentence(err: pytest.ExceptionInfo[ImageError], *needles: str) -> None:
    text = str(err.value)
    assert "\n" not in text and "Traceback" not in text and text.endswith(".")
    for needle in needles:
        assert needle.lower() in text.lower(), text


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError) as err:
        inspect_image(tmp_path / "gone.jpg")
    _assert_sentence(err, "gone.jpg", "could not be found")
    assert isinstance(err.value, InputError)


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(ImageError) as err:
        prepare_image(tmp_path, tmp_path / "out")
    _assert_sentence(err, "folder")


def test_zero_byte_file(tmp_path: Path) -> None:
    src = tmp_path / "empty.jpg"
    src.touch()
    with pytest.raises(ImageError) as err:
        inspect_image(src)
    _assert_sentence(err, "empty.jpg", "0 bytes")


def test_not_an_image(tmp_path: Path) -> None:
    src = tmp_path / "notes.jpg"
    src.write_text("Viewing on Saturday at 10am.\n" * 20)
    with pytest.raises(ImageError) as err:
        inspect_image(src)
    _assert_sentence(err, "notes.jpg", "is not a photo SkyClear can read")


def test_heic_gets_an_export_hint(tmp_path: Path) -> None:
    src = tmp_path / "IMG_0001.HEIC"
    src.write_bytes(struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0" + b"mif1heic" + b"\0" * 200)
    with pytest.raises(ImageError) as err:
        inspect_image(src)
    _assert_sentence(err, "HEIC", "export it as JPEG")


@pytest.mark.parametrize("fmt", ["GIF", "BMP"])
def test_unsupported_format_names_the_supported_ones(fmt: str, tmp_path: Path) -> None:
    src = tmp_path / f"picture.{fmt.lower()}"
    Image.new("RGB", (20, 20), "red").save(src, fmt)
    with pytest.raises(ImageError) as err:
        prepare_image(src, tmp_path / "out")
    _assert_sentence(err, fmt, "JPEG, PNG, WebP and TIFF")
    assert not (tmp_path / "out").exists()


def test_raw_file_gets_its_own_hint(tmp_path: Path) -> None:
    src = tmp_path / "DSC_0042.NEF"
    src.write_bytes(b"\0" * 64)
    with pytest.raises(ImageError) as err:
        inspect_image(src)
    _assert_sentence(err, "RAW", "export it as JPEG")


def test_truncated_jpeg_fails_before_writing(tmp_path: Path, out_dir: Path) -> None:
    data = PHOTO.read_bytes()
    src = tmp_path / "cut.jpg"
    src.write_bytes(data[: len(data) * 6 // 10])
    inspect_image(src)  # the header is intact...
    with pytest.raises(ImageError) as err:  # ...but the pixels are not
        prepare_image(src, out_dir)
    _assert_sentence(err, "cut.jpg", "incomplete")
    assert not out_dir.exists() or not list(out_dir.iterdir())
    with pytest.raises(ImageError):
        load_rgb(src)
    with pytest.raises(ImageError):
        make_thumbnail(src, tmp_path / "thumb.jpg")
    assert not (tmp_path / "thumb.jpg").exists()


def test_corrupt_png_fails_before_writing(tmp_path: Path, out_dir: Path) -> None:
    src = tmp_path / "corrupt.png"
    with Image.open(PHOTO) as im:
        im.resize((200, 150)).save(src)
    data = bytearray(src.read_bytes())
    start = data.index(b"IDAT") + 40
    data[start:start + 200] = bytes(range(200))  # garbage inside the compressed pixels
    src.write_bytes(bytes(data))
    with pytest.raises(ImageError) as err:
        prepare_image(src, out_dir)
    _assert_sentence(err, "corrupt.png")
    assert not out_dir.exists() or not list(out_dir.iterdir())


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims the given size and holds (almost) nothing: nothing big is allocated."""
    return raw_png(width, height, 8, 2, b"\x00" * 16)


@pytest.mark.filterwarnings("error")  # Pillow's own bomb warning must become our error
@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (20_000, 10_000),
                                               (70_000, 100)])
def test_absurd_dimensions_are_refused_from_the_header(width: int, height: int,
                                                       tmp_path: Path) -> None:
    src = tmp_path / "huge.png"
    src.write_bytes(_png_header_only(width, height))
    assert src.stat().st_size < 200
    with pytest.raises(ImageError) as err:
        inspect_image(src)
    _assert_sentence(err, "huge.png", "too large")
    with pytest.raises(ImageError):
        prepare_image(src, tmp_path / "out")


def test_huge_jpeg_header_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", 60_000, 60_000)  # height, width
    src = tmp_path / "bomb.jpg"
    src.write_bytes(bytes(data))
    with pytest.raises(ImageError) as err:
        inspect_image(src)
    _assert_sentence(err, "bomb.jpg", "too large")


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imaging, "MAX_FILE_BYTES", 10_000)
    with pytest.raises(ImageError) as err:
        inspect_image(PHOTO)
    _assert_sentence(err, "too large", "MB")


def test_a_photo_within_the_limit_opens_despite_pillows_default_guard(tmp_path: Path) -> None:
    # Pillow's default guard warns at about 89 MP; ours allows 150 MP, and must say so itself.
    assert Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS >= imaging.MAX_PIXELS
    src = tmp_path / "big.png"
    src.write_bytes(_png_header_only(12_000, 9_000))  # 108 MP
    assert inspect_image(src).oriented_size == (12_000, 9_000)


# -- the user's file --------------------------------------------------------------------------

def test_source_file_is_never_modified(tmp_path: Path, out_dir: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "SecretCam"
    src = tmp_path / "original.jpg"
    with Image.open(PHOTO) as im:
        im.save(src, quality=90, exif=exif.tobytes(), icc_profile=swapped_rgb_profile())
    past = 1_600_000_000_000_000_000
    os.utime(src, ns=(past, past))
    before = fingerprint(src)

    inspect_image(src)
    prepare_image(src, out_dir)
    prepare_image(src, out_dir, max_side=None)
    load_rgb(src, max_side=300)
    make_thumbnail(src, tmp_path / "thumb.jpg")

    assert fingerprint(src) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["original.jpg", "prepared", "thumb.jpg"]


# -- arrays -----------------------------------------------------------------------------------

def test_load_and_save_rgb_round_trip(tmp_path: Path) -> None:
    arr = load_rgb(PHOTO)
    assert arr.shape == (768, 1024, 3) and arr.dtype == np.uint8 and arr.flags.writeable
    dest = save_rgb(arr, tmp_path / "copy.png")
    assert np.array_equal(load_rgb(dest), arr)
    jpeg = save_rgb(arr, tmp_path / "copy.jpg", quality=95)
    assert np.abs(load_rgb(jpeg).astype(int) - arr).mean() < 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.jpg", "copy.png"]


def test_save_rgb_replaces_atomically(tmp_path: Path) -> None:
    dest = tmp_path / "result.jpg"
    save_rgb(np.zeros((8, 8, 3), np.uint8), dest)
    save_rgb(np.full((8, 8, 3), 255, np.uint8), dest)
    assert load_rgb(dest).min() > 250
    assert [p.name for p in tmp_path.iterdir()] == ["result.jpg"]


@pytest.mark.parametrize("bad", [np.zeros((8, 8, 4), np.uint8), np.zeros((8, 8, 3), np.float32),
                                 np.zeros(8, np.uint8)])
def test_save_rgb_rejects_wrong_arrays(bad: np.ndarray, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        save_rgb(bad, tmp_path / "x.png")
    assert not list(tmp_path.iterdir())
