"""A bounded cache of small pixmaps (thumbnails), least recently used out first.

Bounded both by count and by bytes, so a long session of photos with many versions each keeps
the same few megabytes instead of every thumbnail ever shown.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QPixmap

__all__ = ["PixmapCache", "pixmap_bytes"]


def pixmap_bytes(pixmap: QPixmap) -> int:
    """The memory a pixmap's pixels take (its depth, at least a byte a pixel)."""
    return pixmap.width() * pixmap.height() * max(1, pixmap.depth() // 8)


class PixmapCache:
    def __init__(self, max_items: int = 200, max_bytes: int = 24 * 1024 * 1024) -> None:
        self.max_items, self.max_bytes = max_items, max_bytes
        self._items: OrderedDict[str, QPixmap] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def keys(self) -> list[str]:
        """The keys, least recently used first."""
        return list(self._items)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: str) -> QPixmap | None:
        """The pixmap, now the most recently used; None when not (or no longer) cached."""
        pixmap = self._items.get(key)
        if pixmap is not None:
            self._items.move_to_end(key)
        return pixmap

    def pop(self, key: str) -> None:
        """Forget ``key`` (nothing happens when it is not cached)."""
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= pixmap_bytes(old)

    def put(self, key: str, pixmap: QPixmap) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= pixmap_bytes(old)
        self._items[key] = pixmap
        self._bytes += pixmap_bytes(pixmap)
        # the oldest go; the one just put stays even alone over the bytes (it is on screen)
        while len(self._items) > 1 and (len(self._items) > self.max_items or
                                        self._bytes > self.max_bytes):
            _key, dropped = self._items.popitem(last=False)
            self._bytes -= pixmap_bytes(dropped)
