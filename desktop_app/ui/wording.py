"""Counted nouns the window says in several places ("1 photo", "3 photos"), translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["credit_count", "file_count", "kept_count", "photo_count", "result_count"]


def photo_count(n: int) -> str:
    return QCoreApplication.translate("Counts", "1 photo") if n == 1 else \
        QCoreApplication.translate("Counts", "{0} photos").format(n)


def credit_count(n: int) -> str:
    return QCoreApplication.translate("Counts", "1 photo credit") if n == 1 else \
        QCoreApplication.translate("Counts", "{0} photo credits").format(n)


def result_count(n: int) -> str:
    return QCoreApplication.translate("Counts", "1 result") if n == 1 else \
        QCoreApplication.translate("Counts", "{0} results").format(n)


def file_count(n: int) -> str:
    return QCoreApplication.translate("Counts", "1 file") if n == 1 else \
        QCoreApplication.translate("Counts", "{0} files").format(n)


def kept_count(n: int) -> str:
    return QCoreApplication.translate("Counts", "1 kept version") if n == 1 else \
        QCoreApplication.translate("Counts", "{0} kept versions").format(n)
