"""The test photos in ``tests/data`` as read-only RGB arrays, each read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image

DATA = Path(__file__).parent / "data"


@cache
def data_photo(name: str) -> np.ndarray:
    """``tests/data/<name>.jpg`` as an RGB array (shared between tests: not writable)."""
    with Image.open(DATA / f"{name}.jpg") as im:
        arr = np.asarray(im.convert("RGB"))
    arr.setflags(write=False)
    return arr
