"""The window in French: no English left in its menus, buttons, labels and tips, Qt's own
buttons in French too, and no text cut off (French runs about 20 % longer)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)
from test_window_helpers import SKY_PHOTO, add_photo, entry_of, wait_status, window_factory

from desktop_app.core.models import EngineName, Status
from desktop_app.core.settings import Settings
from desktop_app.ui.i18n import install_translators, ui_language
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.sky_review import SkyReview
from desktop_app.ui.welcome_dialog import WelcomeDialog

__all__ = ["window_factory"]

# words of the English interface that French never uses (names such as SkyClear, IACrea,
# JPEG or Ctrl+O are not words of either)
ENGLISH = set("""
the and your you my is are with this that for from of to not yet no add open save show settings
library generate retry stop copy done failed draft credits credit engine free offline online
before after result results undo redo cancel help file view fit split side what changed hold
sky declutter interior new remove previous next quit about processing waiting key host upload
connection folder language system account automatic detection storage
""".split())  # noqa: SIM905 (a word list reads better as text)


def english_words(text: str) -> set[str]:
    plain = re.sub(r"<[^>]+>|\S*/\S*|&", " ", text)  # no tags, addresses or paths
    return {w for w in re.findall(r"\w+", plain) if w.lower() in ENGLISH}


@pytest.fixture
def french(qapp: Any) -> Iterator[None]:
    """The app's French translators on top of the session's English ones, for one test."""
    before = QLocale()
    installed = install_translators(qapp, "fr")
    assert len(installed) == 2, "SkyClear's and Qt's own French translations both load"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a user reads in ``root``: menus and their actions,
    buttons, labels, tabs, combo items, placeholders and tooltips."""
    found: list[tuple[str, str]] = []

    def add(where: str, *texts: str) -> None:
        found.extend((where, t) for t in texts if t and t.strip())

    for action in root.actions():
        add(f"action {action.objectName() or action.text()}", action.text(), action.toolTip())
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        add(name, widget.toolTip(), widget.accessibleName())
        if isinstance(widget, QMenu):
            add(name, widget.title())
            for action in widget.actions():
                add(f"menu item of {widget.title()}", action.text(), action.toolTip())
        if isinstance(widget, QLabel):
            add(name, widget.text())
        if isinstance(widget, QAbstractButton):
            add(name, widget.text())
        if isinstance(widget, QGroupBox):
            add(name, widget.title())
        if isinstance(widget, QLineEdit):
            add(name, widget.placeholderText())
        if isinstance(widget, QComboBox):
            add(name, *(widget.itemText(i) for i in range(widget.count())))
        if isinstance(widget, QTabWidget):
            add(name, *(widget.tabText(i) for i in range(widget.count())))
        for action in widget.actions():
            add(f"action of {name}", action.text(), action.toolTip())
    return found


def english_left(root: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts_of(root) if english_words(text)]


def cut_off(root: QWidget) -> list[str]:
    """Visible labels and buttons too small for their text: a one-line label or a button
    narrower than its text, a wrapped label shorter than its lines."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.sizeHint().width():
                found.append(f"button {widget.text()!r}: {widget.width()} of "
                             f"{widget.sizeHint().width()} px")
        elif isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 2:
                    found.append(f"{widget.text()[:60]!r}…: {widget.height()} of {need} px high")
            elif "<" not in widget.text():
                need = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
                if widget.contentsRect().width() < need:
                    found.append(f"{widget.text()!r}: {widget.contentsRect().width()} of "
                                 f"{need} px")
    return found


def test_the_system_language_picks_french_and_an_explicit_choice_wins() -> None:
    assert ui_language("", QLocale(QLocale.Language.French, QLocale.Country.France)) == "fr"
    assert ui_language("", QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    assert ui_language("en", QLocale(QLocale.Language.French, QLocale.Country.France)) == "en"
    assert ui_language("fr", QLocale(QLocale.Language.English)) == "fr"


def test_the_english_check_sees_english() -> None:
    assert english_words("Save the result") == {"Save", "the", "result"}
    assert not english_words("Enregistrer le résultat (Ctrl+S) · SkyClear, IACrea")


def test_the_window_speaks_french(qtbot: Any, window_factory: Any, french: None) -> None:
    window = window_factory(Settings(engine="local"))
    window.resize(1280, 800)
    add_photo(qtbot, window, SKY_PHOTO)
    window.prompt.sky_review = SkyReview(None)  # the automatic sky
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=120_000)
    qtbot.waitUntil(window.compare.view.has_after, timeout=60_000)

    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert window.panel.generate_button.text() == "Générer"
    entry = entry_of(window, SKY_PHOTO)
    assert entry.summary.startswith("Ciel")
    assert not english_left(window), "\n".join(english_left(window))
    assert not english_words(entry.summary + " " + entry.badge[0])
    assert not cut_off(window), "\n".join(cut_off(window))

    window.panel.set_engine(EngineName.CLOUD)  # no key: the panel says how to add one
    assert not english_left(window), "\n".join(english_left(window))
    assert not cut_off(window), "\n".join(cut_off(window))


@pytest.mark.parametrize("make", [
    lambda parent: SettingsDialog(Settings(), parent),
    lambda parent: WelcomeDialog(parent),
], ids=["settings", "welcome"])
def test_the_dialogs_speak_french(qtbot: Any, french: None, make: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog: QDialog = make(parent)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not english_left(dialog), "\n".join(english_left(dialog))
    pages = [(tabs, i) for tabs in dialog.findChildren(QTabWidget) for i in range(tabs.count())]
    for tabs, index in pages or [(None, 0)]:  # every tab, as it is shown
        if tabs is not None:
            tabs.setCurrentIndex(index)
            qtbot.waitUntil(tabs.widget(index).isVisible)
        assert not cut_off(dialog), "\n".join(cut_off(dialog))
    dialog.reject()


def test_qt_standard_buttons_are_french(qtbot: Any, french: None) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    texts = {b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton)}
    assert {"Enregistrer", "Annuler"} <= texts
    dialog.reject()
