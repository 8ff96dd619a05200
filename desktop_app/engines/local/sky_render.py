"""Painting a new sky into the windows found by ``sky_detect``.

- One sky is drawn for the whole photo (so every window shows a piece of the same sky), at a
  small size, then enlarged: a vertical gradient from a deeper blue at the top of each window to
  a paler blue at its bottom, and soft clouds made of several octaves of seeded value noise whose
  size follows the size of the windows.
- Compositing removes the white fringe: at a partly-sky pixel the colour of the old sky is taken
  out before the new sky is put in (``F = (I - a * old) / (1 - a)``, then
  ``out = a * new + (1 - a) * F``), so frames and leaves keep their own colour, not a pale halo.
- The view just outside the sky (leaves, houses, lawn) gets a little local contrast and
  saturation, in a band at most ``BAND_FRACTION`` of the longer side wide around the sky, and no
  channel of any pixel moves by more than ``ENHANCE_MAX_LEVELS``. Outside that band, a pixel whose
  alpha is 0 is returned bit for bit.

Full-size work is done in horizontal strips so a 12 MP photo needs little memory.
"""

from __future__ import annotations

import cv2
import numpy as np

from desktop_app.engines.local.sky_util import (
    ByteImage,
    FloatImage,
    box_of,
    enlarge_window,
    luminance,
    resize,
    scaled_size,
    smoothstep,
)

#: Longest side of the canvas on which the sky is drawn (it is smooth, so this is plenty).
SKY_LONG = 768
#: Longest side of the copy used for the band and the old-sky colour.
MID_LONG = 1280
#: Width of the band around the sky where the view is enhanced, as a share of the longer side.
BAND_FRACTION = 0.04
#: No channel of any pixel outside the sky moves by more than this many levels (of 255).
ENHANCE_MAX_LEVELS = 10
#: Rows per strip for the full-size work.
STRIP_ROWS = 256


# --------------------------------------------------------------------------- sky synthesis


def _value_noise(
    rng: np.random.Generator, hw: tuple[int, int], cell_h: float, cell_w: float
) -> FloatImage:
    """Smooth random field in [0, 1]: a random grid of ``cell`` pixels, cubic-interpolated."""
    h, w = hw
    gh = int(np.ceil(h / cell_h)) + 3
    gw = int(np.ceil(w / cell_w)) + 3
    grid = rng.random((gh, gw), dtype=np.float32)
    big = cv2.resize(grid, (round(gw * cell_w), round(gh * cell_h)), interpolation=cv2.INTER_CUBIC)
    oy = int(rng.integers(0, max(1, big.shape[0] - h - int(cell_h)))) + int(cell_h // 2)
    ox = int(rng.integers(0, max(1, big.shape[1] - w - int(cell_w)))) + int(cell_w // 2)
    oy = min(oy, big.shape[0] - h)
    ox = min(ox, big.shape[1] - w)
    return np.asarray(big[oy : oy + h, ox : ox + w], dtype=np.float32)


def fbm(
    rng: np.random.Generator,
    hw: tuple[int, int],
    scale: float,
    octaves: int = 5,
    stretch: float = 1.8,
) -> FloatImage:
    """Fractal noise, zero mean and unit deviation; features about ``scale`` pixels tall."""
    total = np.zeros(hw, np.float32)
    amp, norm = 1.0, 0.0
    cell = max(2.0, scale)
    for _ in range(octaves):
        total += amp * _value_noise(rng, hw, cell, cell * stretch)
        norm += amp
        amp *= 0.5
        cell = max(2.0, cell / 2.0)
    total /= norm
    return ((total - total.mean()) / max(float(total.std()), 1e-6)).astype(np.float32)


def window_gradient(mask: np.ndarray) -> FloatImage:
    """0 at the top of each window to 1 at its bottom (mixed with the same over all windows)."""
    h, w = mask.shape
    yy = np.arange(h, dtype=np.float32)[:, None] * np.ones((1, w), np.float32)
    if not mask.any():
        return np.asarray(yy / max(h - 1, 1), dtype=np.float32)
    k = max(3, int(0.03 * max(h, w)) | 1)
    joined = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels = cv2.connectedComponents(joined, connectivity=8)
    ys_all = np.nonzero(joined)[0]
    g0, g1 = float(ys_all.min()), float(ys_all.max())
    t_global = (yy - g0) / max(g1 - g0, 1.0)
    top = np.zeros(n, np.float32)
    bot = np.ones(n, np.float32)
    for i in range(1, n):
        ys = np.nonzero(labels == i)[0]
        top[i], bot[i] = ys.min(), ys.max()
    # every pixel takes the window nearest to it, so the field is defined at the soft edges too
    _, idx = cv2.distanceTransformWithLabels(
        (labels == 0).astype(np.uint8), cv2.DIST_L2, 3, labelType=cv2.DIST_LABEL_PIXEL
    )
    lab_at = np.zeros(int(idx.max()) + 1, np.int32)
    lab_at[idx[labels > 0]] = labels[labels > 0]
    nearest = lab_at[idx]
    t_local = (yy - top[nearest]) / np.maximum(bot[nearest] - top[nearest], 1.0)
    t = 0.65 * np.clip(t_local, 0, 1) + 0.35 * np.clip(t_global, 0, 1)
    return cv2.GaussianBlur(t.astype(np.float32), (0, 0), max(1.0, 0.01 * max(h, w)))


def synth_sky(mask: np.ndarray, seed: int, level: float = 1.0) -> FloatImage:
    """An RGB sky (float, [0, 1]) the size of ``mask`` (True where the windows show sky).

    ``level``: brightness of the old sky, so a pale sky in a dim photo is not replaced by a glowing
    one.
    """
    rng = np.random.default_rng(seed)
    h, w = mask.shape
    t = window_gradient(mask)
    # colours, nudged a little by the seed
    hue = rng.uniform(-0.04, 0.04)
    zenith = np.array([0.24 + hue, 0.49 + hue / 2, 0.85], np.float32) * rng.uniform(0.93, 1.04)
    horizon = np.array([0.70 + hue, 0.84, 0.97], np.float32)
    # (channel by channel, here and below: NumPy is slow broadcasting a plane over three)
    curve = t ** 0.85
    sky = [z * (1 - curve) + hz * curve for z, hz in zip(zenith, horizon, strict=True)]

    # cloud size follows the size of the windows: a few clouds per window
    if mask.any():
        ys, xs = np.nonzero(mask)
        win = np.sqrt(float(mask.sum()) / max(1, _count_windows(mask)))
        scale = float(np.clip(0.55 * win, 0.06 * max(h, w), 0.3 * max(h, w)))
        # in steps of an eighth of an octave: a mask a few pixels larger (a bigger copy of the
        # same photo) must not draw other clouds
        scale = float(2.0 ** (round(np.log2(scale) * 8.0) / 8.0))
        del ys, xs
    else:
        scale = 0.15 * max(h, w)
    base = fbm(rng, (h, w), scale, octaves=5, stretch=rng.uniform(1.5, 2.4))
    detail = fbm(rng, (h, w), scale / 4, octaves=3, stretch=1.3)
    threshold = rng.uniform(0.1, 0.6)
    density = smoothstep(threshold, threshold + 1.3, base + 0.25 * detail)
    density *= 0.85 + 0.15 * smoothstep(1.0, 0.2, t)  # thinner near the horizon
    # lit tops, slightly grey-blue undersides
    shade = np.clip(0.5 + 0.35 * (base - np.roll(base, max(1, int(scale * 0.15)), axis=0)), 0, 1)
    lit = 0.93 + 0.07 * smoothstep(-1.0, 1.5, detail)
    cloud = [(0.90 + 0.08 * shade) * lit, (0.92 + 0.07 * shade) * lit, (0.96 + 0.04 * shade) * lit]
    a = 0.92 * density
    out = [np.clip((s * (1 - a) + c * a) * level, 0, 1) for s, c in zip(sky, cloud, strict=True)]
    return np.asarray(cv2.merge(out), dtype=np.float32)


def _count_windows(mask: np.ndarray) -> int:
    k = max(3, int(0.03 * max(mask.shape)) | 1)
    joined = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, _ = cv2.connectedComponents(joined, connectivity=8)
    return max(1, n - 1)


# --------------------------------------------------------------------------- full-size helpers


def band_weight(alpha_mid: FloatImage) -> FloatImage:
    """Weight of the landscape enhancement (0 outside the band around the sky)."""
    core = alpha_mid > 0.5
    if not core.any():
        return np.zeros_like(alpha_mid)
    band = BAND_FRACTION * max(alpha_mid.shape)
    dist = cv2.distanceTransform((~core).astype(np.uint8), cv2.DIST_L2, 3)
    w = (1.0 - smoothstep(0.0, band, dist)) * (1.0 - alpha_mid)
    w[dist >= band] = 0.0
    return w.astype(np.float32)


def _touched_box(
    alpha_mid: FloatImage, band_mid: FloatImage, full_hw: tuple[int, int]
) -> tuple[int, int, int, int] | None:
    """Bounding box (r0, r1, c0, c1) at full size of every pixel the render may change."""
    touched = (alpha_mid > 0) | (band_mid > 0)
    if not touched.any():
        return None
    ys = np.nonzero(touched.any(axis=1))[0]
    xs = np.nonzero(touched.any(axis=0))[0]
    hm, wm = touched.shape
    H, W = full_hw
    r0 = max(0, int((ys.min() - 2) * H / hm))
    r1 = min(H, int(np.ceil((ys.max() + 3) * H / hm)))
    c0 = max(0, int((xs.min() - 2) * W / wm))
    c1 = min(W, int(np.ceil((xs.max() + 3) * W / wm)))
    return r0, r1, c0, c1


def composite(
    rgb: np.ndarray,
    alpha: FloatImage,
    alpha_mid: FloatImage,
    sky_small: FloatImage,
    old_sky_small: FloatImage,
    band_mid: FloatImage,
    base_lum_mid: FloatImage,
    front_mid: FloatImage | None = None,
    *,
    in_place: bool = False,
) -> ByteImage:
    """Blend the new sky in and enhance the band, strip by strip; untouched pixels are copied.

    ``front_mid``: the colour of what stands in front of the sky near each pixel (frames,
    leaves), for the edge pixels that are mostly sky (see ``front_colour``)."""
    h, w = rgb.shape[:2]
    # each strip is read whole before it is written: ``rgb`` itself can take the result
    out = rgb if in_place else rgb.copy()
    box = _touched_box(alpha_mid, band_mid, (h, w))
    if box is None:
        return out
    r_start, r_end, c0, c1 = box
    limit = ENHANCE_MAX_LEVELS / 255.0
    # the small colour images enlarged plane by plane: no full-size split
    sky_planes = cv2.split(np.ascontiguousarray(sky_small))
    old_planes = cv2.split(np.ascontiguousarray(old_sky_small))
    front_planes = None if front_mid is None else cv2.split(np.ascontiguousarray(front_mid))
    for r0 in range(r_start, r_end, STRIP_ROWS):
        r1 = min(r_end, r0 + STRIP_ROWS)
        bw = np.clip(enlarge_window(band_mid, (h, w), (r0, r1), (c0, c1)), 0, 1)
        bw[bw < 1e-3] = 0.0
        strip_box = box_of((alpha[r0:r1, c0:c1] > 0) | (bw > 0))
        if strip_box is None:
            continue
        # every step is pixel by pixel: only the box of what this strip changes is worked on,
        # each channel in a plane of its own (NumPy is slow on every third value, and slower
        # still broadcasting a plane over the three)
        cols = (c0 + strip_box[2], c0 + strip_box[3])
        rows = (r0, r1)
        bw = bw[:, strip_box[2] : strip_box[3]]
        a = alpha[r0:r1, cols[0] : cols[1]]
        touched = (a > 0) | (bw > 0)
        img = [c.astype(np.float32) * np.float32(1.0 / 255.0)
               for c in cv2.split(np.ascontiguousarray(rgb[r0:r1, cols[0] : cols[1]]))]
        # 1) the view around the windows: a little local contrast and saturation, bounded
        if bw.any():
            y = luminance(img)
            y_low = enlarge_window(base_lum_mid, (h, w), rows, cols)
            lift = 0.35 * bw * (y - y_low)
            boosted = [c + lift for c in img]
            y2 = luminance(boosted)
            gain = 1.0 + 0.25 * bw
            for c, b in zip(img, boosted, strict=True):
                c += np.clip(y2 + gain * (b - y2) - c, -limit, limit)
        # 2) the sky, with the old sky colour taken out of mixed pixels
        if (a > 0).any():
            new = [enlarge_window(c, (h, w), rows, cols) for c in sky_planes]
            old = [enlarge_window(c, (h, w), rows, cols) for c in old_planes]
            keep = np.maximum(1.0 - a, 1e-3)
            fg = [np.clip((c - a * o) / keep, 0.0, 1.0) for c, o in zip(img, old, strict=True)]
            if front_planes is not None:
                # where a pixel is mostly sky, unmixing divides a little frame by a little
                # weight: noise, and the glow of the old sky left in as a pale fringe. There the
                # colour in front is taken from the frame or leaf next to it instead.
                front = [enlarge_window(c, (h, w), rows, cols) for c in front_planes]
                trust = smoothstep(0.0, DECONTAMINATE_BELOW, 1.0 - a)
                fg = [trust * f + (1.0 - trust) * s for f, s in zip(fg, front, strict=True)]
            img = [a * n + (1.0 - a) * f for n, f in zip(new, fg, strict=True)]
        # to bytes plane by plane, in place (``clip(x * 255 + 0.5)``, truncated), then merged
        for c in img:
            np.multiply(c, np.float32(255.0), out=c)
            np.add(c, np.float32(0.5), out=c)
            np.clip(c, 0, 255, out=c)
        res = cv2.merge([c.astype(np.uint8) for c in img])
        # (a copy under a mask in OpenCV: NumPy's boolean indexing is a hundred times slower)
        strip = np.ascontiguousarray(out[r0:r1, cols[0] : cols[1]])
        out[r0:r1, cols[0] : cols[1]] = cv2.copyTo(res, touched.view(np.uint8), strip)
    return out


#: How far a washed-out view pales the new sky towards white (0: not at all).
HAZE_MAX = 0.35
#: The new sky takes this share of the view's colour cast, and at most ``CAST_MAX`` of it.
CAST_SHARE = 0.4
CAST_MAX = 0.08


def view_colour(mid: FloatImage, band: FloatImage, alpha_mid: FloatImage) -> FloatImage | None:
    """Mean colour of what surrounds the sky (frames, leaves, houses), or None if nothing."""
    ring = (band > 0.05) & (alpha_mid <= 0.0)
    if np.count_nonzero(ring) < 16:
        return None
    return np.asarray(mid[ring].mean(axis=0), dtype=np.float32)


def match_exposure(sky: FloatImage, view: FloatImage | None) -> FloatImage:
    """The new sky in the photo's own light: paler when the view around it is washed out (an
    overexposed window shows a bright, hazy sky, not a deep blue one) and tinted with the
    view's colour cast (the white balance the camera gave the whole window)."""
    if view is None:
        return sky
    lum = float(0.299 * view[0] + 0.587 * view[1] + 0.114 * view[2])
    haze = HAZE_MAX * float(smoothstep(0.55, 0.9, lum))
    cast = np.clip(view / max(float(view.mean()), 1e-3) - 1.0, -CAST_MAX, CAST_MAX)
    gain = (1.0 + CAST_SHARE * cast).astype(np.float32)
    out = (sky * (1.0 - haze) + haze) * gain
    return np.clip(out, 0.0, 1.0).astype(np.float32)


#: Edge pixels with less than this share of something in front of the sky take the colour of
#: what is next to them (partly, fading in towards this share).
DECONTAMINATE_BELOW = 0.5


def front_colour(mid: FloatImage, alpha_mid: FloatImage) -> FloatImage:
    """The colour of what stands in front of the sky (alpha 0) near each pixel, spread a few
    pixels into the sky: a normalised blur of the pixels with no sky at all."""
    solid = (alpha_mid <= 0.0).astype(np.float32)
    sigma = max(1.0, max(alpha_mid.shape) / 640)
    den = cv2.GaussianBlur(solid, (0, 0), sigma)
    near = den > 1e-3
    den = np.maximum(den, 1e-4)
    # channel by channel (a plane broadcast over the three is slow in NumPy)
    planes = []
    for c in cv2.split(np.ascontiguousarray(mid, dtype=np.float32)):
        front = cv2.GaussianBlur(c * solid, (0, 0), sigma) / den
        # far inside the sky nothing is in front: the unmixed colour stays (its weight is ~0)
        planes.append(np.where(near, front, c))
    return np.asarray(cv2.merge(planes), dtype=np.float32)


def render(rgb: np.ndarray, alpha: FloatImage, seed: int, *, in_place: bool = False,
           ) -> ByteImage:
    """The photo with a new sky wherever ``alpha`` > 0 (see the module notes for guarantees).
    ``in_place``: paint into ``rgb`` itself (a copy of the photo the caller no longer needs)
    rather than into a copy of it."""
    h, w = rgb.shape[:2]
    if not (alpha > 0).any():
        return rgb if in_place else rgb.copy()
    mid_hw = scaled_size(h, w, MID_LONG)
    mid = resize(rgb, mid_hw, area=True).astype(np.float32) / 255.0
    alpha_mid = resize(alpha, mid_hw, area=True)
    core = (alpha_mid > 0.5).astype(np.float32)
    # the old sky colour, from the confident sky pixels, spread a little past them
    from desktop_app.engines.local.sky_matte import old_sky_colour

    old = old_sky_colour(mid, core if core.any() else (alpha_mid > 0).astype(np.float32))
    level = float(np.clip(luminance(old)[core > 0].mean() / 0.93, 0.6, 1.0)) if core.any() else 1.0
    sky_hw = scaled_size(h, w, SKY_LONG)
    sky = synth_sky(resize(alpha_mid, sky_hw) > 0.3, seed, level)
    band = band_weight(alpha_mid)
    sky = match_exposure(sky, view_colour(mid, band, alpha_mid))
    base_lum = np.asarray(
        cv2.GaussianBlur(luminance(mid), (0, 0), max(2.0, max(mid_hw) / 200)), np.float32
    )
    return composite(rgb, alpha, alpha_mid, sky, old, band, base_lum,
                     front_colour(mid, alpha_mid), in_place=in_place)
