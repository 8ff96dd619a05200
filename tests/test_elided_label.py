"""A tip narrower than its text ends with "…" on a whole word, and says it all when wide."""

from __future__ import annotations

from typing import Any

from desktop_app.ui.elided_label import ElidedLabel, cut_at_word

TIP = "Tip: hold Space to see the original · drag the divider · scroll to zoom"


def test_the_cut_keeps_whole_items_or_words_and_no_separator_behind() -> None:
    assert cut_at_word(TIP, 42) == "Tip: hold Space to see the original…"  # not "· drag…"
    assert cut_at_word(TIP, 36) == "Tip: hold Space to see the original…"
    assert cut_at_word(TIP, 30) == "Tip: hold Space to see the…"
    assert cut_at_word("Espace\u00a0: voir l’original", 8) == "Espace…"
    assert cut_at_word("Unbreakable", 4) == "Unbr…"  # one word longer than the room: cut inside


def test_the_label_elides_when_narrow_and_shows_everything_when_wide(qtbot: Any) -> None:
    label = ElidedLabel(TIP)
    qtbot.addWidget(label)
    label.resize(200, 30)
    label.show()
    qtbot.waitExposed(label)
    shown = label.text()
    assert shown.endswith("…") and TIP.startswith(shown[:-1])
    assert TIP[len(shown) - 1] == " ", "ends on a whole word"
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.toolTip() == TIP and label.full_text() == TIP
    label.resize(label.fontMetrics().horizontalAdvance(TIP) + 20, 30)
    qtbot.waitUntil(lambda: label.text() == TIP)
    assert label.toolTip() == ""
    label.setText("Short")
    assert label.text() == "Short" and label.full_text() == "Short"
