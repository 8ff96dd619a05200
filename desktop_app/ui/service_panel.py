"""The right-hand panel: service, engine, credits, Generate / Variation, and the job's progress.

The service and engine shown are those Generate runs. They follow the selected photo: the
version it shows (or its latest job) sets them, so the panel never says "cloud, 1 credit" while
the photo on screen was made locally; a photo never sent shows the user's own choice, which is
what the user last picked (or the settings' engine).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.models import Credits, EngineName, Generation, Service
from desktop_app.ui import style


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text.upper(), parent)
    label.setObjectName("sectionTitle")
    return label


def _muted(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


class ServicePanel(QFrame):
    generateRequested = Signal()
    variationRequested = Signal()
    retryRequested = Signal()
    stopRequested = Signal()
    engineChanged = Signal(object)  # EngineName
    serviceChanged = Signal(object)  # Service

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.setMinimumWidth(270)
        self.setMaximumWidth(360)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # the user's own choice, and the version followed (its id; None: the own choice shown)
        self._chosen: tuple[Service, EngineName] = (Service.SKY, EngineName.LOCAL)
        self._following = False
        self._followed: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(8)

        # -- service --------------------------------------------------------------------
        card = self._card()
        box = card.layout()
        assert isinstance(box, QVBoxLayout)
        box.addWidget(_section(self.tr("Service"), card))
        self.sky_radio = QRadioButton(self.tr("Interior sky"), card)
        self.sky_radio.setToolTip(self.tr("A clean blue sky in the windows, the view outside "
                                          "brightened"))
        self.declutter_radio = QRadioButton(self.tr("Declutter"), card)
        self.declutter_radio.setToolTip(self.tr("Furniture and objects removed from the room"))
        self._service_group = QButtonGroup(self)
        self._service_group.addButton(self.sky_radio, 0)
        self._service_group.addButton(self.declutter_radio, 1)
        self.sky_radio.setChecked(True)
        box.addWidget(self.sky_radio)
        box.addWidget(self._indented(_muted(self.tr("Blue sky through the windows"), card)))
        box.addWidget(self.declutter_radio)
        box.addWidget(self._indented(_muted(self.tr("Remove furniture and objects"), card)))
        self.auto_check = QCheckBox(self.tr("Automatic detection"), card)
        self.auto_check.setChecked(True)
        self._auto_wanted = True  # the user's choice, shown again when the cloud is chosen
        self.auto_check.clicked.connect(lambda checked: setattr(self, "_auto_wanted", checked))
        self._auto_holder = self._indented(self.auto_check)
        keep_place = self._auto_holder.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # the Generate button below never jumps
        self._auto_holder.setSizePolicy(keep_place)
        box.addWidget(self._auto_holder)
        self._service_group.idToggled.connect(self._on_service_toggled)
        layout.addWidget(card)

        # -- engine and credits ---------------------------------------------------------------
        card = self._card()
        box = card.layout()
        assert isinstance(box, QVBoxLayout)
        box.addWidget(_section(self.tr("Engine"), card))
        self.engine_combo = QComboBox(card)
        self.engine_combo.addItem(self.tr("Local — offline, free"), EngineName.LOCAL.value)
        self.engine_combo.addItem(self.tr("IACrea cloud"), EngineName.CLOUD.value)
        self.engine_combo.setAccessibleName(self.tr("Engine"))
        self.engine_combo.currentIndexChanged.connect(self._on_engine_changed)
        box.addWidget(self.engine_combo)
        self.credits_label = QLabel(card)
        self.credits_label.setObjectName("credits")
        self.credits_detail = _muted("", card)
        box.addWidget(self.credits_label)
        box.addWidget(self.credits_detail)
        layout.addWidget(card)

        # -- actions ----------------------------------------------------------------------------
        self.generate_button = QPushButton(self.tr("Generate"), self)
        self.generate_button.setObjectName("primary")
        self.generate_button.setIcon(style.icon("generate", "#FFFFFF"))
        self.generate_button.clicked.connect(self.generateRequested)
        self.variation_button = QPushButton(self.tr("New variation"), self)
        self.variation_button.setIcon(style.icon("variation"))
        self.variation_button.clicked.connect(self.variationRequested)
        layout.addWidget(self.generate_button)
        layout.addWidget(self.variation_button)
        self.variation_detail = _muted("", self)  # what New variation runs, and its cost
        self.variation_detail.setObjectName("hint")
        layout.addWidget(self.variation_detail)
        self.selection_hint = _muted("", self)
        layout.addWidget(self.selection_hint)

        # -- progress of the selected photo --------------------------------------------------
        self.job_card = self._card()
        box = self.job_card.layout()
        assert isinstance(box, QVBoxLayout)
        box.addWidget(_section(self.tr("Progress"), self.job_card))
        self.job_label = QLabel(self.job_card)
        self.job_label.setWordWrap(True)
        self.job_label.setObjectName("panelTitle")
        self.job_time = _muted("", self.job_card)
        self.job_bar = QProgressBar(self.job_card)
        self.job_bar.setRange(0, 0)
        self.job_bar.setTextVisible(False)
        self.job_error = QLabel(self.job_card)
        self.job_error.setWordWrap(True)
        self.job_error.setStyleSheet(f"color: {style.DANGER};")
        self.job_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Retry"), self.job_card)
        self.retry_button.setIcon(style.icon("retry"))
        self.retry_button.clicked.connect(self.retryRequested)
        self.stop_button = QPushButton(self.tr("Stop"), self.job_card)
        self.stop_button.setIcon(style.icon("stop"))
        self.stop_button.clicked.connect(self.stopRequested)
        row = QHBoxLayout()
        row.addWidget(self.retry_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        box.addWidget(self.job_label)
        box.addWidget(self.job_time)
        box.addWidget(self.job_bar)
        box.addWidget(self.job_error)
        box.addLayout(row)
        layout.addWidget(self.job_card)
        layout.addStretch(1)
        self.set_job(None)
        self._update_auto()

    # -- building blocks -------------------------------------------------------------------------
    def _card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("panel")
        box = QVBoxLayout(card)
        box.setContentsMargins(14, 12, 14, 14)
        box.setSpacing(6)
        return card

    @staticmethod
    def _indented(widget: QWidget) -> QWidget:
        holder = QWidget(widget.parentWidget())
        row = QHBoxLayout(holder)
        row.setContentsMargins(24, 0, 0, 2)
        row.addWidget(widget)
        return holder

    # -- choices -------------------------------------------------------------------------------
    def service(self) -> Service:
        return Service.DECLUTTER if self.declutter_radio.isChecked() else Service.SKY

    def set_service(self, service: Service) -> None:
        (self.declutter_radio if service is Service.DECLUTTER else self.sky_radio).setChecked(True)

    def auto(self) -> bool:
        """Automatic detection asked for (only meaningful for Declutter on the cloud)."""
        return (self.service() is Service.DECLUTTER and self.engine() is EngineName.CLOUD
                and self.auto_check.isChecked())

    def engine(self) -> EngineName:
        return EngineName(self.engine_combo.currentData())

    def set_engine(self, engine: EngineName) -> None:
        self.engine_combo.setCurrentIndex(self.engine_combo.findData(engine.value))

    def chosen(self) -> tuple[Service, EngineName]:
        """The user's own service and engine (what a photo never sent is generated with)."""
        return self._chosen

    def follow(self, version: Generation | None) -> None:
        """Show the service and engine of ``version``, the one the selected photo shows (None:
        a photo never sent, the user's own choice). Only another version changes them, so the
        user may still pick something else for this photo."""
        followed = version.id if version is not None else None
        if followed == self._followed:
            return
        self._followed = followed
        service, engine = (version.service, version.engine) if version is not None \
            else self._chosen
        self._following = True
        try:
            self.set_service(service)
            self.set_engine(engine)
        finally:
            self._following = False

    def _on_service_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            if not self._following:
                self._chosen = (self.service(), self._chosen[1])
            self._update_auto()
            self.serviceChanged.emit(self.service())

    def _on_engine_changed(self, _index: int) -> None:
        if not self._following:
            self._chosen = (self._chosen[0], self.engine())
        self._update_auto()
        self.engineChanged.emit(self.engine())

    def _update_auto(self) -> None:
        local = self.engine() is EngineName.LOCAL
        declutter = self.service() is Service.DECLUTTER
        self.auto_check.setEnabled(declutter and not local)
        self.auto_check.setChecked(self._auto_wanted and not local)  # never ticked but greyed
        self._auto_holder.setVisible(declutter)
        if local:
            self.auto_check.setToolTip(self.tr(
                "The local engine cannot find objects by itself: paint over what should be "
                "removed instead (a mask editor opens when you press Generate)."))
        else:
            self.auto_check.setToolTip(self.tr(
                "IACrea finds the objects to remove by itself. Untick it to send the photo "
                "unchanged and paint what to remove in a variation."))

    # -- state shown -----------------------------------------------------------------------------
    def set_credits(self, engine: EngineName, credits: Credits | None, *,
                    note: str | None = None, low: bool = False) -> None:
        if engine is EngineName.LOCAL:
            self.credits_label.setText(self.tr("Free"))
            self.credits_label.setStyleSheet("")
            self.credits_detail.setText(note or self.tr("Runs on this computer, even offline. "
                                                        "No account needed."))
            return
        if credits is None:
            self.credits_label.setText(self.tr("Credits: —"))
            self.credits_label.setStyleSheet("")
        else:
            self.credits_label.setText(
                self.tr("%n photo credit(s)", "", credits.total))
            self.credits_label.setStyleSheet(f"color: {style.DANGER};" if low else "")
        self.credits_detail.setText(note or self.tr("Each photo normally uses one credit."))

    def set_actions(self, *, can_generate: bool, generate_count: int, can_variation: bool,
                    hint: str = "", variation: str = "", cloud: bool = False) -> None:
        """``variation``: the service, engine and cost New variation would use; ``cloud``: the
        photos would go to IACrea, so the button says what they cost."""
        self.generate_button.setEnabled(can_generate)
        if cloud and generate_count:  # what it costs (a credit a photo), before it is spent
            text = self.tr("Generate %n photo(s) · %n credit(s)", "", generate_count)
        elif generate_count > 1:
            text = self.tr("Generate %n photo(s)", "", generate_count)
        else:
            text = self.tr("Generate")
        self.generate_button.setText(text)
        self.variation_button.setEnabled(can_variation)
        self.variation_detail.setText(variation if can_variation else "")
        self.selection_hint.setText(hint)
        self.selection_hint.setVisible(bool(hint))

    def set_job(self, text: str | None, *, elapsed: str = "", busy: bool = False,
                error: str | None = None, can_retry: bool = False,
                can_stop: bool = False, review_sky: bool = False) -> None:
        """``review_sky``: the job found no sky, so the way on is the sky review, not Retry."""
        if text is None and not error:
            self.job_card.hide()
            return
        self.job_card.show()
        self.job_label.setText(text or "")
        self.job_time.setText(elapsed)
        self.job_time.setVisible(bool(elapsed))
        self.job_bar.setVisible(busy)
        self.job_error.setText(error or "")
        self.job_error.setVisible(bool(error))
        self.retry_button.setText(self.tr("Review sky…") if review_sky else self.tr("Retry"))
        self.retry_button.setVisible(can_retry)
        self.stop_button.setVisible(can_stop)

    def job_text(self) -> str:
        return "" if self.job_card.isHidden() else self.job_label.text()
