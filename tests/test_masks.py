"""Masks: binary "L" PNGs of exactly the photo's size, and clear refusals for unusable ones."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.core import mask_ops
from desktop_app.core.errors import InputError, MaskError
from desktop_app.core.masks import (
    MaskInfo,
    encode_mask_png,
    marked_pixels,
    prepare_mask,
    read_mask,
    read_mask_for,
    write_mask,
)
from desktop_app.core.messages import Msg

PHOTO_SIZE = (300, 200)  # width, height


def read_back(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        assert im.mode == "L"
        assert im.format == "PNG"
        return np.asarray(im)


def assert_service_mask(path: Path, size: tuple[int, int]) -> np.ndarray:
    arr = read_back(path)
    assert arr.shape == (size[1], size[0])
    assert set(np.unique(arr).tolist()) <= {0, 255}
    return arr


def test_grey_mask_is_binarised_at_128(tmp_path: Path) -> None:
    values = np.zeros((200, 300), np.uint8)
    values[:, 0:100] = 127  # just under the threshold: keep
    values[:, 100:200] = 128  # at the threshold: remove
    values[:, 200:] = 200
    src = tmp_path / "soft.png"
    Image.fromarray(values).save(src)

    info = prepare_mask(src, PHOTO_SIZE, tmp_path / "mask.png")
    assert info == MaskInfo(path=tmp_path / "mask.png", coverage=pytest.approx(2 / 3),
                            binarised=True, resized=False)
    arr = assert_service_mask(info.path, PHOTO_SIZE)
    assert (arr[:, :100] == 0).all() and (arr[:, 100:] == 255).all()


def test_clean_mask_is_not_reported_as_binarised(tmp_path: Path) -> None:
    values = np.zeros((200, 300), np.uint8)
    values[50:150, 100:200] = 255
    src = tmp_path / "clean.png"
    Image.fromarray(values).save(src)
    info = prepare_mask(src, PHOTO_SIZE, tmp_path / "mask.png")
    assert not info.binarised and not info.resized
    assert info.coverage == pytest.approx(100 * 100 / (300 * 200))
    assert np.array_equal(read_back(info.path), values)


def test_small_mask_is_resized_nearest_to_the_exact_size(tmp_path: Path) -> None:
    small = np.zeros((20, 30), np.uint8)
    small[5:15, 10:20] = 255  # a 10 × 10 block → 100 × 100 at ten times the size
    src = tmp_path / "small.png"
    Image.fromarray(small).save(src)

    info = prepare_mask(src, PHOTO_SIZE, tmp_path / "mask.png")
    assert info.resized and not info.binarised
    arr = assert_service_mask(info.path, PHOTO_SIZE)
    expected = np.kron(small, np.ones((10, 10), np.uint8))
    assert np.array_equal(arr, expected)  # hard edges: nearest neighbour, no grey


def test_slightly_different_aspect_is_accepted(tmp_path: Path) -> None:
    # A 1024 × 683 mask for a 4096 × 2731 photo: ratios differ by 0.04 % after rounding.
    mask = np.zeros((683, 1024), bool)
    mask[100:400, 200:600] = True
    info = prepare_mask(mask, (4096, 2731), tmp_path / "mask.png")
    assert info.resized
    arr = assert_service_mask(info.path, (4096, 2731))
    assert info.coverage == pytest.approx(np.count_nonzero(arr) / arr.size)
    assert info.coverage == pytest.approx(mask.mean(), rel=0.01)


def test_colour_mask_uses_luminance(tmp_path: Path) -> None:
    rgb = np.zeros((200, 300, 3), np.uint8)
    rgb[:, :150] = (255, 255, 255)
    rgb[:, 150:] = (0, 0, 255)  # dark blue: luminance 29 → keep
    src = tmp_path / "colour.jpg"
    Image.fromarray(rgb).save(src, quality=95)
    info = prepare_mask(src, PHOTO_SIZE, tmp_path / "mask.png")
    arr = assert_service_mask(info.path, PHOTO_SIZE)
    assert (arr[:, :140] == 255).all() and (arr[:, 160:] == 0).all()
    assert info.binarised  # JPEG noise around the edge


def test_strokes_on_a_transparent_layer_use_alpha(tmp_path: Path) -> None:
    # Red strokes on a transparent layer: their luminance (76) alone would mean "keep".
    rgba = np.zeros((200, 300, 4), np.uint8)
    rgba[..., :3] = (255, 0, 0)
    rgba[40:80, 50:250, 3] = 255
    src = tmp_path / "strokes.png"
    Image.fromarray(rgba, "RGBA").save(src)
    info = prepare_mask(src, PHOTO_SIZE, tmp_path / "mask.png")
    arr = assert_service_mask(info.path, PHOTO_SIZE)
    assert (arr[40:80, 50:250] == 255).all()
    assert np.count_nonzero(arr) == 40 * 200


def test_transparent_layer_with_several_colours_uses_luminance(tmp_path: Path) -> None:
    rgba = np.zeros((200, 300, 4), np.uint8)
    rgba[:, :100] = (255, 255, 255, 255)  # white, opaque: remove
    rgba[:, 100:200] = (0, 0, 0, 255)  # black, opaque: keep
    rgba[:, 200:] = (255, 255, 255, 0)  # white but transparent: keep
    src = tmp_path / "layers.png"
    Image.fromarray(rgba, "RGBA").save(src)
    arr = assert_service_mask(prepare_mask(src, PHOTO_SIZE, tmp_path / "m.png").path, PHOTO_SIZE)
    assert (arr[:, :100] == 255).all() and (arr[:, 100:] == 0).all()


@pytest.mark.parametrize("kind", ["bool", "uint8", "float", "rgb"])
def test_arrays_are_accepted(kind: str, tmp_path: Path) -> None:
    marked = np.zeros((200, 300), bool)
    marked[10:60, 20:90] = True
    arr: np.ndarray
    if kind == "bool":
        arr = marked
    elif kind == "uint8":
        arr = marked.astype(np.uint8) * 255
    elif kind == "float":
        arr = marked.astype(np.float32)
    else:
        arr = np.repeat(marked[..., None].astype(np.uint8) * 255, 3, axis=2)
    info = prepare_mask(arr, PHOTO_SIZE, tmp_path / "mask.png")
    assert not info.binarised and not info.resized
    assert np.array_equal(read_back(info.path) == 255, marked)


@pytest.mark.parametrize("kind", ["bool", "0/1 bytes", "0/1 integers", "0-255", "0.0-1.0",
                                  "0.0-255.0"])
def test_every_reader_of_an_array_marks_the_same_pixels(kind: str, tmp_path: Path) -> None:
    """The mask canvas holds 0/1 bytes (1 = remove): sent, saved or reopened in the editor, a
    1 is marked everywhere, never read as a faint 1 of 255."""
    marked = np.zeros((100, 150), bool)
    marked[10:60, 20:90] = True
    arr = {"bool": marked, "0/1 bytes": marked.astype(np.uint8),
           "0/1 integers": marked.astype(np.int64), "0-255": marked.astype(np.uint8) * 255,
           "0.0-1.0": marked.astype(np.float32),
           "0.0-255.0": marked.astype(np.float64) * 255.0}[kind]
    assert np.array_equal(marked_pixels(arr), marked)
    assert np.array_equal(mask_ops.fit_mask(arr, 150, 100), marked)
    assert np.array_equal(mask_ops.fit_mask(arr, 300, 200), np.repeat(np.repeat(
        marked, 2, axis=0), 2, axis=1))
    assert np.array_equal(read_mask(write_mask(arr, tmp_path / "saved.png")), marked)
    info = prepare_mask(arr, (150, 100), tmp_path / "sent.png")
    assert np.array_equal(read_back(info.path) == 255, marked) and not info.binarised


def test_a_mask_is_scaled_to_its_photo_the_same_way_everywhere(tmp_path: Path) -> None:
    """Reopened in the editor (an array) or read from its file, a mask at twice the photo's
    size keeps the same rows: here the odd ones, empty, beside a marked band."""
    marked = np.zeros((200, 300), bool)
    marked[::2] = True
    marked[:, :30] = True
    from_file, notes = read_mask_for(write_mask(marked, tmp_path / "big.png"), (150, 100))
    assert notes == [Msg.MASK_SCALED(150, 100)]
    assert np.array_equal(mask_ops.fit_mask(marked, 150, 100), from_file)
    assert from_file[:, :15].all() and not from_file[:, 15:].any()


def test_an_array_on_the_0_255_scale_is_binarised_at_128() -> None:
    levels = np.array([[0, 1, 127], [128, 200, 255]])
    assert marked_pixels(levels).tolist() == [[False, False, False], [True, True, True]]
    assert mask_ops.fit_mask(levels, 3, 2).tolist() == marked_pixels(levels).tolist()
    assert marked_pixels(np.array([[0.2, 0.5, 0.9]])).tolist() == [[False, True, True]]


def test_exif_orientation_of_a_mask_is_applied(tmp_path: Path) -> None:
    stored = np.zeros((300, 200), np.uint8)  # portrait as stored...
    stored[:100, :] = 255
    exif = Image.Exif()
    exif[0x0112] = 6  # ...shown turned 90° clockwise: landscape 300 × 200
    src = tmp_path / "turned.jpg"
    Image.fromarray(stored).save(src, quality=95, exif=exif.tobytes())
    arr = assert_service_mask(prepare_mask(src, PHOTO_SIZE, tmp_path / "m.png").path, PHOTO_SIZE)
    # Turned clockwise, the stored top rows become the right-hand columns.
    assert (arr[:, 205:] == 255).all() and (arr[:, :195] == 0).all()


# -- refusals ----------------------------------------------------------------------------------

def _sentence(err: pytest.ExceptionInfo[MaskError], *needles: str) -> None:
    text = str(err.value)
    assert "\n" not in text and "Traceback" not in text
    for needle in needles:
        assert needle.lower() in text.lower(), text


def test_empty_mask(tmp_path: Path) -> None:
    with pytest.raises(MaskError) as err:
        prepare_mask(np.zeros((200, 300), bool), PHOTO_SIZE, tmp_path / "mask.png")
    assert str(err.value) == "The mask is empty — paint over what should be removed."
    assert not (tmp_path / "mask.png").exists()


def test_faint_mask_is_empty_after_binarising(tmp_path: Path) -> None:
    with pytest.raises(MaskError, match="empty"):
        prepare_mask(np.full((200, 300), 100, np.uint8), PHOTO_SIZE, tmp_path / "mask.png")


def test_all_white_mask(tmp_path: Path) -> None:
    src = tmp_path / "white.png"
    Image.new("L", (300, 200), 255).save(src)
    with pytest.raises(MaskError) as err:
        prepare_mask(src, PHOTO_SIZE, tmp_path / "mask.png")
    _sentence(err, "whole photo")
    assert not (tmp_path / "mask.png").exists()


@pytest.mark.parametrize("mask_size", [(200, 300), (300, 150), (400, 300)])
def test_mask_for_another_photo(mask_size: tuple[int, int], tmp_path: Path) -> None:
    values = np.zeros((mask_size[1], mask_size[0]), np.uint8)
    values[:20, :20] = 255
    with pytest.raises(MaskError) as err:
        prepare_mask(values, PHOTO_SIZE, tmp_path / "mask.png")
    _sentence(err, f"{mask_size[0]} × {mask_size[1]}", "300 × 200", "another photo")


def test_not_an_image(tmp_path: Path) -> None:
    src = tmp_path / "mask.png"
    src.write_text("not a picture")
    with pytest.raises(MaskError) as err:
        prepare_mask(src, PHOTO_SIZE, tmp_path / "out.png")
    _sentence(err, "mask.png", "not an image")
    assert isinstance(err.value, InputError)
    with pytest.raises(MaskError):
        read_mask(src)


@pytest.mark.parametrize("case", ["missing", "empty-file", "folder"])
def test_unusable_paths(case: str, tmp_path: Path) -> None:
    src = tmp_path / "m.png"
    if case == "empty-file":
        src.touch()
    elif case == "folder":
        src.mkdir()
    with pytest.raises(MaskError):
        prepare_mask(src, PHOTO_SIZE, tmp_path / "out.png")


def test_huge_mask_header_is_refused(tmp_path: Path) -> None:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))

    src = tmp_path / "huge.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 90_000, 90_000,
                                                                       8, 0, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(b"\0" * 8)) + chunk(b"IEND", b""))
    with pytest.raises(MaskError, match="too large"):
        prepare_mask(src, PHOTO_SIZE, tmp_path / "out.png")


# -- reading and writing -----------------------------------------------------------------------

def test_write_and_read_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    mask = rng.random((123, 457)) > 0.7
    path = write_mask(mask, tmp_path / "sub" / "mask.png")
    assert path == tmp_path / "sub" / "mask.png"
    assert np.array_equal(read_mask(path), mask)
    arr = read_back(path)
    assert set(np.unique(arr).tolist()) == {0, 255}
    assert [p.name for p in path.parent.iterdir()] == ["mask.png"]  # no temporary file left


def test_written_png_is_standard(tmp_path: Path) -> None:
    """Decoders other than Pillow's read it too: check the chunks and the zlib stream by hand."""
    mask = np.zeros((5, 7), bool)
    mask[1:4, 2:6] = True
    data = encode_mask_png(mask)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, payload = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + payload) & 0xFFFFFFFF
        chunks[kind] = payload
        pos += 12 + length
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]
    assert struct.unpack(">IIBBBBB", chunks[b"IHDR"]) == (7, 5, 8, 0, 0, 0, 0)
    raw = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), np.uint8).reshape(5, 8)
    pixels = np.zeros((5, 7), np.uint8)
    for y in range(5):  # undo the row filters the way any PNG reader does
        if raw[y, 0] == 0:
            pixels[y] = raw[y, 1:]
        else:
            assert raw[y, 0] == 2
            pixels[y] = raw[y, 1:] + pixels[y - 1]
    assert np.array_equal(pixels, mask.astype(np.uint8) * 255)


def test_write_mask_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "mask.png"
    first = np.zeros((10, 10), bool)
    first[0, 0] = True
    write_mask(first, path)
    write_mask(~first, path)
    assert np.array_equal(read_mask(path), ~first)
    assert [p.name for p in tmp_path.iterdir()] == ["mask.png"]


def test_write_mask_accepts_numbers_and_rejects_wrong_shapes(tmp_path: Path) -> None:
    path = write_mask(np.array([[0, 127], [128, 255]], np.uint8), tmp_path / "m.png")
    assert read_mask(path).tolist() == [[False, False], [True, True]]
    with pytest.raises(ValueError):
        write_mask(np.zeros((4, 4, 3), bool), tmp_path / "bad.png")


def test_24_megapixel_mask(tmp_path: Path) -> None:
    mask = np.zeros((4000, 6000), bool)
    mask[1000:3000, 1500:4500] = True
    path = write_mask(mask, tmp_path / "big.png")
    assert path.stat().st_size < 1_000_000
    assert np.array_equal(read_mask(path), mask)


def test_read_mask_for_fits_a_mask_file_to_the_photo_with_notes(tmp_path: Path) -> None:
    """What the mask editor imports: the same mask ``prepare_mask`` would send, and notes."""
    values = np.zeros((100, 150), np.uint8)
    values[20:60, 30:90] = 200  # grey, and half the photo's size
    src = tmp_path / "half grey.png"
    Image.fromarray(values).save(src)
    marked, notes = read_mask_for(src, PHOTO_SIZE)
    assert marked.dtype == np.bool_ and marked.shape == (200, 300)
    expected = np.zeros((200, 300), bool)
    expected[40:120, 60:180] = True
    assert np.array_equal(marked, expected)
    assert notes == [Msg.MASK_BINARISED("half grey.png"), Msg.MASK_SCALED(300, 200)]
    sent = read_mask(prepare_mask(src, PHOTO_SIZE, tmp_path / "sent.png").path)
    assert np.array_equal(marked, sent)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["half grey.png", "sent.png"]


def test_read_mask_for_a_clean_mask_has_no_notes_and_refuses_like_prepare(
        tmp_path: Path) -> None:
    values = np.zeros((200, 300), np.uint8)
    values[10:20, 10:40] = 255
    src = tmp_path / "clean.png"
    Image.fromarray(values).save(src)
    marked, notes = read_mask_for(src, PHOTO_SIZE)
    assert notes == [] and np.array_equal(marked, values == 255)
    with pytest.raises(MaskError) as other:
        read_mask_for(src, (300, 300))
    assert other.value.message == Msg.MASK_OTHER_PHOTO(300, 200, 300, 300)
    Image.fromarray(np.zeros((200, 300), np.uint8)).save(src)
    with pytest.raises(MaskError) as nothing:
        read_mask_for(src, PHOTO_SIZE)
    assert nothing.value.message == Msg.MASK_NOTHING_MARKED()
