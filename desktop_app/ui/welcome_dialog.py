"""The first-start welcome: what the two engines are, and how to get an IACrea key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui import style
from desktop_app.ui.settings_dialog import DEVELOPER_SPACE_URL


class WelcomeDialog(QDialog):
    """Accepted = the user wants to add a key now; rejected = start with the local engine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to SkyClear"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)

        header = QHBoxLayout()
        logo = QLabel(self)
        logo.setPixmap(style.icon_pixmap("app", 48, dpr=self.devicePixelRatioF()))
        title = QLabel(self.tr("Welcome to SkyClear"), self)
        title.setStyleSheet("font-size: 19px; font-weight: 600;")
        header.addWidget(logo)
        header.addSpacing(8)
        header.addWidget(title, 1)
        layout.addLayout(header)

        body = QLabel(self.tr(
            "<p>Give your listing photos a <b>blue sky</b> through the windows, or "
            "<b>remove clutter</b> from the room.</p>"
            "<p><b>Local engine</b> — works right away, offline and free, on this computer. "
            "To declutter with it, paint over what should go.</p>"
            "<p><b>IACrea cloud</b> — the best results and automatic object detection. "
            "It needs an IACrea account: sign in at <a href=\"{0}\">iacrea.com</a>, open your "
            "<b>Developer Space</b>, and copy your <b>API key</b> and <b>user ID</b> into "
            "Settings. Each photo normally uses one credit; variations may be free with "
            "your plan.</p>").format(DEVELOPER_SPACE_URL), self)
        body.setWordWrap(True)
        body.setOpenExternalLinks(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(body)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.local_button = QPushButton(self.tr("Start with the local engine"), self)
        self.local_button.clicked.connect(self.reject)
        self.key_button = QPushButton(self.tr("Add my API key…"), self)
        self.key_button.setObjectName("primary")
        self.key_button.setDefault(True)
        self.key_button.clicked.connect(self.accept)
        buttons.addWidget(self.local_button)
        buttons.addWidget(self.key_button)
        layout.addLayout(buttons)
