"""A 24 MP listing photo with the detail of a real camera file, for the benchmarks.

The shared photos are about 1–2 MP. Enlarging one 3× gives a 24 MP file of 1.5 MB whose pixels
are smooth, so it decodes, encodes and compresses faster than what a camera writes. This module
builds a more honest input: four real photos, each enlarged to a quarter of 6000 × 4000 and put
side by side, plus sensor-like grain (luminance-dependent noise, stronger in the shadows, a
little colour noise) and the light sharpening cameras apply, saved as JPEG quality 95. The
result is an 8–12 MB file like a 24 MP camera's, and as slow to read.

    from realistic_photo import realistic_24mp
    path = realistic_24mp()              # cached under the system's temp folder

Run it to (re)build the file and print its size: ``python benchmarks/realistic_photo.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
SIZE = (6000, 4000)  # 24 MP, 3:2 like most cameras
SEED = 24
#: Four photos with windows, floors and furniture: the kind of detail a listing has.
SOURCES = ("dining-room-windows-blown-out-01.jpg", "living-room-cluttered-01.jpg",
           "kitchen-white-island-01.jpg", "bedroom-window-blinds-drapes-01.jpg")


def _photo_folder() -> Path:
    shared = ROOT.parent / "shared" / "photos"
    return shared if shared.is_dir() else ROOT / "tests" / "data"


def _grain(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Add sensor-like noise: sigma ~2.5 in highlights up to ~6 in shadows, plus some chroma."""
    luma = rgb.mean(axis=2, keepdims=True) / 255.0
    sigma = 2.5 + 3.5 * (1.0 - luma)
    noise = rng.standard_normal((*rgb.shape[:2], 1), dtype=np.float32) * sigma
    chroma = rng.standard_normal(rgb.shape, dtype=np.float32) * (sigma * 0.35)
    return np.clip(rgb + noise + chroma, 0, 255).astype(np.uint8)


def build(dest: Path, sources: tuple[Path, ...] | None = None) -> Path:
    """Write the 24 MP JPEG made of ``sources`` (four photo paths; default ``SOURCES``)."""
    folder = _photo_folder()
    paths = sources or tuple(folder / name for name in SOURCES)
    rng = np.random.default_rng(SEED)
    half = (SIZE[0] // 2, SIZE[1] // 2)
    canvas = Image.new("RGB", SIZE)
    for i, path in enumerate(paths):
        with Image.open(path) as im:
            im = im.convert("RGB")
            # crop to 3:2, then enlarge to the quarter
            w, h = im.size
            if w / h > 1.5:
                cw = int(h * 1.5)
                im = im.crop(((w - cw) // 2, 0, (w - cw) // 2 + cw, h))
            else:
                ch = int(w / 1.5)
                im = im.crop((0, (h - ch) // 2, w, (h - ch) // 2 + ch))
            tile = im.resize(half, Image.Resampling.LANCZOS)
        canvas.paste(tile, ((i % 2) * half[0], (i // 2) * half[1]))
    canvas = canvas.filter(ImageFilter.UnsharpMask(radius=1.2, percent=60, threshold=1))
    rgb = _grain(np.asarray(canvas, dtype=np.float32), rng)
    dest.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(rgb).save(dest, "JPEG", quality=95, subsampling=0)
    return dest


def realistic_24mp(sources: tuple[Path, ...] | None = None) -> Path:
    """The 24 MP file made of ``sources`` (default ``SOURCES``), built once, then reused."""
    name = "-".join(p.stem[:12] for p in sources) if sources else str(SEED)
    dest = Path(tempfile.gettempdir()) / "skyclear-bench" / f"realistic-24mp-{name}.jpg"
    if not dest.exists():
        build(dest, sources)
    return dest


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else
                 Path(tempfile.gettempdir()) / "skyclear-bench" / f"realistic-24mp-{SEED}.jpg")
    print(f"{path}: {SIZE[0]}x{SIZE[1]}, {path.stat().st_size / 1e6:.1f} MB")
