"""Saving results: full resolution, JPEG or PNG, the optional label, never over the original."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.core import export
from desktop_app.core.errors import ImageError, InputError


@pytest.fixture
def result(tmp_path: Path) -> Path:
    path = tmp_path / "result.jpg"
    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(90, 170, (400, 600, 3), dtype=np.uint8)).save(path, quality=95)
    return path


def test_save_keeps_the_resolution_and_picks_the_format(result: Path, tmp_path: Path) -> None:
    png = export.export_result(result, tmp_path / "out" / "a.png")
    jpg = export.export_result(result, tmp_path / "out" / "b.jpeg")
    with Image.open(png) as a, Image.open(jpg) as b:
        assert (a.format, a.size) == ("PNG", (600, 400))
        assert (b.format, b.size) == ("JPEG", (600, 400))


def test_label_is_burned_into_the_corner_only(result: Path, tmp_path: Path) -> None:
    plain = np.asarray(Image.open(export.export_result(result, tmp_path / "plain.png")))
    labelled = np.asarray(Image.open(export.export_result(result, tmp_path / "label.png",
                                                          burn_label=True)))
    changed = np.any(plain != labelled, axis=2)
    ys, xs = np.nonzero(changed)
    assert changed.any()
    assert xs.max() < 600 * 0.6 and ys.min() > 400 * 0.7, "bottom-left corner only"


def test_the_original_is_never_overwritten(result: Path, tmp_path: Path) -> None:
    original = tmp_path / "listing.jpg"
    original.write_bytes(b"the agent's photo")
    with pytest.raises(InputError, match="original"):
        export.export_result(result, original, protect=(str(original),))
    assert original.read_bytes() == b"the agent's photo"


def test_export_all_never_overwrites(result: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    items = [(str(result), "kitchen-sky-result"), (str(result), "kitchen-sky-variation-1")]
    first = export.export_all(items, folder)
    second = export.export_all(items[:1], folder)
    names = sorted(p.name for p in folder.iterdir())
    assert [p.name for p in first] == ["kitchen-sky-result.jpg", "kitchen-sky-variation-1.jpg"]
    assert second[0].name == "kitchen-sky-result-2.jpg"
    assert len(names) == 3


def test_saved_and_exported_results_share_one_naming_scheme() -> None:
    assert export.result_name("/photos/Kitchen 2.jpg", "sky", 0) == "Kitchen 2-sky-result"
    assert export.result_name("kitchen.jpg", "declutter", 2) == "kitchen-declutter-variation-2"
    assert export.result_name("kitchen.jpg", "sky", 1, part=1, parts=2) == \
        "kitchen-sky-variation-1-2"
    assert export.result_name("a:b?.jpg", "sky", 0) == "a_b_-sky-result"


def test_missing_result_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="could not be found"):
        export.export_result(tmp_path / "gone.jpg", tmp_path / "x.jpg")
