"""The window in French: no English left in its menus, buttons, labels and tips, Qt's own
buttons in French too, and no text cut off (French runs about 20 % longer)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
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
from test_window_helpers import (
    SKY_PHOTO,
    add_photo,
    close_window,
    entry_of,
    select,
    tip_at_1024,
    wait_status,
    window_factory,
)

from desktop_app.core.messages import ENGLISH as SENTENCES
from desktop_app.core.messages import Message, Msg
from desktop_app.core.models import EngineName, Generation, Problem, Service, Status
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
    # the version and the variation name the engine in French words
    nb = "\u00a0"
    qtbot.waitUntil(lambda: len(window.strip.texts()) == 2, timeout=30_000)
    assert window.strip.texts()[1] == f"Ciel · en{nb}local{nb}·{nb}1\nTerminé"
    qtbot.waitUntil(lambda: bool(window.panel.variation_detail.text()), timeout=30_000)
    assert window.panel.variation_detail.text() == (
        f"D’après «{nb}Ciel · en{nb}local{nb}·{nb}1{nb}» —{nb}gratuite")

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


# -- what core, engines and jobs say, in the window's language ------------------------------
def _sample(code: Msg) -> Message:
    """The code with plain parameters in every place its sentence has one."""
    count = len(set(re.findall(r"\{(\d)", SENTENCES[code])))
    return code(*([7] * count))


def test_every_message_code_has_its_window_sentence_with_the_same_english() -> None:
    from desktop_app.ui.messages import message_text

    for code in Msg:
        message = _sample(code)
        assert message_text(message) == message.text, code  # the session speaks English
    detail = Msg.KEY_REFUSED(detail="Invalid key.")
    assert message_text(detail) == detail.text


def test_errors_and_job_messages_are_french(french: None) -> None:
    from desktop_app.ui.messages import message_text

    plain = {Msg.OTHER, Msg.OTHER_IN_SETTINGS}  # sentences without a code stay as written
    english = {code: message_text(_sample(code)) for code in Msg if code not in plain
               if english_words(message_text(_sample(code)))}
    assert not english, "\n".join(f"{c}: {t}" for c, t in english.items())
    assert message_text(Msg.UNREACHABLE_FOR(1)) == "IACrea injoignable depuis 1\u00a0min."
    assert message_text(Msg.UNREACHABLE_FOR(12)) == "IACrea injoignable depuis 12\u00a0min."
    assert message_text(Msg.IMAGE_TOO_MANY_PIXELS("grand.png", 12000, 9000, 150)) == (
        "La photo «\u00a0grand.png\u00a0» est trop grande (12\u202f000 × 9\u202f000 pixels)\u00a0; "
        "SkyClear lit les photos jusqu’à 150 mégapixels.")
    assert message_text(Msg.FAILED_BECAUSE(Msg.LOCAL_INTERRUPTED())) == (
        "Le service n’a pas pu traiter cette photo (le traitement local a été interrompu).")
    assert message_text(Msg.LOCAL_FAILED_BECAUSE(Msg.LOCAL_INTERRUPTED())) == (
        "Le moteur local n’a pas pu traiter cette photo (le traitement local a été "
        "interrompu).")
    assert message_text(Msg.NO_CREDITS(detail="0 credits left")).endswith(
        "(réponse du service\u00a0: 0 credits left).")


def test_a_refused_key_is_said_in_french_live_and_after_a_restart(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any,
        french: None) -> None:
    from test_window_helpers import cloud_settings, make_workspace

    from desktop_app.core import credentials

    settings = cloud_settings(iacrea_server, put_server)
    credentials.set_api_key("sk-wrong")
    window = window_factory(settings)
    add_photo(qtbot, window, SKY_PHOTO)
    window.generate()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.ERROR)
    assert gen.error_message is not None and gen.error_message.code is Msg.KEY_REFUSED
    qtbot.waitUntil(window.banner.isVisible, timeout=60_000)
    assert window.banner.text().startswith("Votre clé API a été refusée")
    assert "Ouvrir les Paramètres" in window.banner.action_texts()
    ours, _, theirs = window.banner.text().partition(" (réponse du service\u00a0: ")
    assert not english_words(ours) and theirs == "Invalid API key).", "IACrea's words as sent"
    close_window(window)
    window.ws.close()

    # the next start reads the failure from the store: still French, still "Open Settings"
    second = window_factory(workspace=make_workspace(settings))
    qtbot.waitUntil(lambda: entry_of(second, SKY_PHOTO) is not None, timeout=60_000)
    select(second, SKY_PHOTO)
    qtbot.waitUntil(second.banner.isVisible, timeout=60_000)
    assert second.banner.text() == window.banner.text()
    assert "Ouvrir les Paramètres" in second.banner.action_texts()


@pytest.mark.parametrize(("error", "problem", "text", "offers"), [
    (Msg.NO_SKY(), None, "Aucun ciel trouvé sur cette photo", False),
    (Msg.SERVICE_UNAVAILABLE(), None, "Le service IACrea est momentanément indisponible", False),
    (Msg.HOST_BUCKET_MISSING(), None, "Saisissez le nom du bucket S3", True),
    # rows written before codes were stored: their English sentence, and Settings only when
    # the row waits for them (never from the words)
    ("Something in Settings went wrong.", None, "Something in Settings went wrong.", False),
    ("No API key yet.", Problem.SETTINGS, "No API key yet.", True),
], ids=["no sky", "unavailable", "no bucket", "old row", "old settings row"])
def test_a_stored_failure_is_worded_and_offers_settings_by_its_code(
        qtbot: Any, window_factory: Any, french: None, error: Any, problem: Any, text: str,
        offers: bool) -> None:
    window = window_factory(Settings(engine="local"), start=False)
    gen = window.ws.store.add(Generation(service=Service.SKY, source=str(SKY_PHOTO)))
    assert gen.id is not None
    failed = window.ws.store.update(gen.id, status=Status.FAILED, error=error, problem=problem)
    window.generation.show_failure(failed)
    assert window.banner.text().startswith(text)
    assert not isinstance(error, Message) or error.fix_in_settings is offers
    assert ("Ouvrir les Paramètres" in window.banner.action_texts()) is offers


# -- the two editing dialogs: each button says something of its own ------------------------
def same_labels(dialog: QWidget) -> list[str]:
    """Texts that two visible buttons of ``dialog`` share (a user cannot tell them apart)."""
    texts = [b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton)
             if b.isVisibleTo(dialog) and b.text()]
    return sorted({t for t in texts if texts.count(t) > 1})


def _mask_editor() -> QWidget:
    from desktop_app.ui.mask_editor import MaskEditorDialog

    return MaskEditorDialog(SKY_PHOTO)


def _sky_review() -> QWidget:
    from desktop_app.ui.sky_review import SkyReviewDialog

    return SkyReviewDialog(SKY_PHOTO, position=(1, 3))  # a batch: Skip shows as well


@pytest.mark.parametrize("make", [_mask_editor, _sky_review], ids=["mask editor", "sky review"])
def test_undo_and_cancel_are_said_differently(qtbot: Any, french: None, make: Any) -> None:
    dialog = make()
    qtbot.addWidget(dialog, before_close_func=lambda d: d.reject())
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitUntil(dialog.is_ready, timeout=60_000)
    assert dialog.undo_button.text() == "Défaire"
    assert dialog.cancel_button.text() == "Annuler"
    assert not same_labels(dialog), same_labels(dialog)
    assert not english_left(dialog), "\n".join(english_left(dialog))
    assert not cut_off(dialog), "\n".join(cut_off(dialog))


def test_at_1024_px_the_french_sky_review_says_in_full_what_a_click_does(
        qtbot: Any, french: None) -> None:
    """The pointer on a region: the sentence saying what a click does there is the longest
    the review's tool row shows, and a 1024 px wide dialog shows all of it in French."""
    import cv2
    import numpy as np
    from PySide6.QtCore import QCoreApplication, QEvent

    dialog = _sky_review()
    qtbot.addWidget(dialog, before_close_func=lambda d: d.reject())
    dialog.resize(1024, 700)
    dialog.show()
    qtbot.waitUntil(dialog.is_ready, timeout=60_000)
    regions = dialog.regions()
    assert regions is not None and regions.count > 0
    depth = cv2.distanceTransform((regions.labels == 1).astype(np.uint8), cv2.DIST_L2, 5)
    y, x = np.unravel_index(int(depth.argmax()), depth.shape)  # well inside the region
    scale = dialog.canvas.image().width() / dialog.work_size()[0]
    qtbot.mouseMove(dialog.canvas,
                    dialog.canvas.widget_pos((x + 0.5) * scale, (y + 0.5) * scale).toPoint())
    qtbot.waitUntil(lambda: dialog.canvas.hovered() != 0)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # laid out, now
    assert dialog.status() == ("Cliquez pour laisser cette zone telle quelle (pas de nouveau "
                               "ciel ici).")
    assert not cut_off(dialog), "\n".join(cut_off(dialog))


def test_why_a_sheet_was_not_saved_is_said_in_french(
        qtbot: Any, window_factory: Any, tmp_path: Path, french: None) -> None:
    """A real export whose sheet cannot take its name (a folder has it): the banner says, in
    French, that the photo was exported and why the sheet was not."""
    import shutil

    from desktop_app.core.delivery import DeliveryOptions
    from desktop_app.jobs.seller_sheet import sheet_path
    from desktop_app.ui.listing_controller import ExportChoice

    window = window_factory()
    listings, store = window.listing.listings, window.ws.store
    photo, _ = listings.add_photo(window.listing.current_id, str(SKY_PHOTO))
    gen = store.add(Generation(service=Service.SKY, source=photo.source))
    listings.file_job(photo.id, gen)
    result = shutil.copy(SKY_PHOTO, tmp_path / "result.jpg")
    store.update(gen.id, status=Status.DONE, result_files=[str(result)])
    listings.keep(photo.id, gen.id)
    out = tmp_path / "delivery"
    sheet_path(out, window.listing.current().name).mkdir(parents=True)
    window.prompt.listing_export = ExportChoice(str(out), DeliveryOptions(long_side=400),
                                                sheet=True)
    with qtbot.waitSignal(window.listingExported, timeout=120_000):
        window.export_listing()
    assert window.banner.text() == (
        f"1 photo exportée dans {out}. La fiche avant/après n’a pas pu y être enregistrée "
        "(un dossier y porte déjà le nom de la fiche)\u00a0; la photo est complète, exportez à "
        "nouveau pour obtenir la fiche.")
    assert not english_words(window.banner.text())


def test_at_1024_px_the_french_tip_ends_with_an_ellipsis(
        qtbot: Any, window_factory: Any, french: None) -> None:
    panel = tip_at_1024(qtbot, window_factory, "Résultat")
    whole = "Espace\u00a0: voir l’original · glisser le séparateur · molette\u00a0: zoom"
    assert panel.hint.full_text() == whole and panel.hint.toolTip() == whole
    assert panel.hint.text().endswith("…")
    assert not cut_off(panel), "\n".join(cut_off(panel))


def test_a_1024_px_window_cuts_no_french_word_before_the_first_result(
        qtbot: Any, window_factory: Any, french: None) -> None:
    window = window_factory(Settings(), start=False)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.compare.is_empty()  # "Add your listing photos", folded
    assert not cut_off(window), "\n".join(cut_off(window))
    add_photo(qtbot, window, SKY_PHOTO)
    qtbot.waitUntil(lambda: not window.compare.is_empty())
    assert window.compare.after_combo.currentText() == "Aucun résultat"
    assert not cut_off(window), "\n".join(cut_off(window))


def test_a_1024_by_700_window_shows_a_running_job_whole_in_french(
        qtbot: Any, window_factory: Any, french: None) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    window = window_factory(Settings(engine="local"), start=False)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    translate = QCoreApplication.translate
    panel = window.panel  # the tallest it gets: a job running, the reason Generate waits
    panel.set_actions(can_generate=False, generate_count=1, can_variation=False,
                      hint=translate("MainWindow", "Already being sent or processed: Generate "
                                                   "waits until it is finished."))
    panel.set_job(translate("JobStatus", "Processing on this computer…"), elapsed="0:01",
                  busy=True, can_stop=True)
    qtbot.waitUntil(lambda: panel.job_card.isVisible() and panel.selection_hint.isVisible())
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # laid out, now
    assert not cut_off(window), "\n".join(cut_off(window))
