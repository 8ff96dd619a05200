"""Driving the app's real modal dialogs from a test, as a user would, without a clock.

A modal dialog (``QMessageBox.question``, ``QFileDialog.getOpenFileNames``, ``exec()``) runs its
own event loop, so the test cannot act after the call that opens it. :class:`DialogAnswers` sees
each dialog as it is shown (an event filter on the application) and posts the answer for that
dialog's own loop to run: no timer polls for it, and a dialog that never opens is simply never
answered (the test's ``answered`` check then fails).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
)

__all__ = ["DialogAnswers", "Shown", "answering", "press", "type_path", "type_text"]

Answer = Callable[[Any], None]


class Shown(NamedTuple):
    """A dialog as it was shown: its class, title, text and icon (message boxes only)."""

    kind: str
    title: str
    text: str = ""
    icon: str = ""

_ANSWER = QEvent.Type(QEvent.registerEventType())


class DialogAnswers(QObject):
    """Answers the dialogs shown from now on, in order: ``answers[n]`` gets the n-th dialog.
    Each dialog is recorded in ``seen`` before it is answered."""

    def __init__(self, *answers: Answer) -> None:
        super().__init__()
        self._answers = list(answers)
        self._pending: list[tuple[QDialog, Answer]] = []
        self.seen: list[Shown] = []
        self._dialogs: list[QDialog] = []

    @property
    def answered(self) -> int:
        return len(self.seen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and \
                watched.isWindow() and watched not in self._dialogs and self._answers:
            self._dialogs.append(watched)
            self._pending.append((watched, self._answers.pop(0)))
            QCoreApplication.postEvent(self, QEvent(_ANSWER))  # runs in the dialog's own loop
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() != _ANSWER:
            return super().event(event)
        dialog, answer = self._pending.pop(0)
        shown = Shown(type(dialog).__name__, dialog.windowTitle())
        if isinstance(dialog, QMessageBox):
            shown = shown._replace(text=dialog.text(), icon=dialog.icon().name)
        self.seen.append(shown)
        try:
            answer(dialog)
        finally:
            still_open = dialog.isVisible()
            if still_open:  # never leave the test hanging in the dialog's loop
                dialog.reject()
        assert not still_open, f"{type(dialog).__name__} {dialog.windowTitle()!r} stayed open"
        return True


@contextmanager
def answering(*answers: Answer) -> Iterator[DialogAnswers]:
    """``with answering(press("Yes")) as dialogs:`` — the next dialogs shown get these answers.
    File dialogs are Qt's own (not the desktop's), so they are widgets a test can type into."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    native_before = app.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    driver = DialogAnswers(*answers)
    app.installEventFilter(driver)
    try:
        yield driver
    finally:
        app.removeEventFilter(driver)
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, native_before)
        QCoreApplication.removePostedEvents(driver)


def press(label: str) -> Answer:
    """Click the message box button whose text is ``label`` (mnemonic '&' ignored), as a user
    does; the test fails when there is none."""
    def answer(box: Any) -> None:
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        assert label in buttons, f"no button {label!r} in {sorted(buttons)}"
        buttons[label].click()
    return answer


def type_path(path: Path | str | None, seen: list[str] | None = None) -> Answer:
    """In a file dialog, put ``path`` into the file name box and press its accept button;
    ``None``: press Cancel. ``seen`` gets what the file name box held when it opened."""
    def answer(dialog: Any) -> None:
        assert isinstance(dialog, QFileDialog), f"expected a file dialog, got {dialog!r}"
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
        if seen is not None:
            seen.append(edit.text())
        if path is None:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        edit.setText(str(path))  # as pasted: typing key by key opens the completer's popup
        accept = next(b for b in buttons.buttons()
                      if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        accept.click()
    return answer


def type_text(text: str, seen: list[str] | None = None, *, ok: bool = True) -> Answer:
    """In a text prompt (``QInputDialog``), type ``text`` over the line and press OK (or
    Cancel when not ``ok``). ``seen`` gets what the line held when it opened."""
    def answer(dialog: Any) -> None:
        assert isinstance(dialog, QInputDialog), f"expected a text prompt, got {dialog!r}"
        edit = dialog.findChild(QLineEdit)
        buttons = dialog.findChild(QDialogButtonBox)
        if seen is not None:
            seen.append(edit.text())
        edit.selectAll()
        edit.insert(text)  # as typed over the selection
        button = QDialogButtonBox.StandardButton.Ok if ok else \
            QDialogButtonBox.StandardButton.Cancel
        buttons.button(button).click()
    return answer
