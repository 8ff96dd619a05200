"""The service panel: no control jumps when the choice changes, no tick shown where it cannot
apply."""

from __future__ import annotations

from typing import Any

from desktop_app.core.models import EngineName, Service
from desktop_app.ui.service_panel import ServicePanel


def test_generate_stays_put_and_auto_detection_is_never_ticked_but_greyed(qtbot: Any) -> None:
    panel = ServicePanel()
    qtbot.addWidget(panel)
    panel.resize(300, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_engine(EngineName.CLOUD)
    panel.set_service(Service.SKY)
    qtbot.waitUntil(lambda: panel.generate_button.isVisible())
    top = panel.generate_button.mapTo(panel, panel.generate_button.rect().topLeft()).y()
    panel.set_service(Service.DECLUTTER)
    qtbot.waitUntil(panel.auto_check.isVisible)
    assert panel.generate_button.mapTo(panel, panel.generate_button.rect().topLeft()).y() == top
    assert panel.auto_check.isChecked() and panel.auto()

    panel.auto_check.click()  # the user's choice for the cloud...
    panel.set_engine(EngineName.LOCAL)
    assert not panel.auto_check.isEnabled() and not panel.auto_check.isChecked()
    panel.set_engine(EngineName.CLOUD)
    assert not panel.auto_check.isChecked()  # ...is kept
    panel.auto_check.click()
    panel.set_engine(EngineName.LOCAL)
    panel.set_engine(EngineName.CLOUD)
    assert panel.auto_check.isChecked() and panel.auto()
