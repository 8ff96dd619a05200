"""What the fill tests measure of an image."""

from __future__ import annotations

import cv2
import numpy as np


def gradient_energy(image: np.ndarray) -> np.ndarray:
    """Per pixel, the gradient magnitude of an RGB image's luminance (Sobel 3 x 3)."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    return np.sqrt(gx * gx + gy * gy)
