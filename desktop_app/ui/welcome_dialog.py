"""The first-start welcome: what the two engines are, how to get an IACrea key, and why the
cloud needs an image host."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui import style
from desktop_app.ui.settings_dialog import DEVELOPER_SPACE_URL


class WelcomeDialog(QDialog):
    """Accepted = the user wants to open Settings now, on ``settings_page`` ("" for the key,
    "host" for the image host); rejected = start with the local engine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings_page = ""
        self.setWindowTitle(self.tr("Welcome to SkyClear"))
        self.setMinimumWidth(660)
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

        hosting = QLabel(self.tr(
            "<p><b>Image host</b> — IACrea reads each photo from a web address, so the cloud "
            "engine first puts a copy online: in a storage bucket of yours (Amazon S3, "
            "Cloudflare R2, Backblaze B2, Wasabi, Scaleway, OVHcloud, MinIO) or on an upload "
            "server. The copy is resized and carries no location or camera data, and the link "
            "IACrea gets is private and expires. <b>Test upload</b> in Settings checks that "
            "IACrea will be able to read it.</p>"), self)
        hosting.setWordWrap(True)
        hosting.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(hosting)

        buttons = QHBoxLayout()
        self.local_button = QPushButton(self.tr("Start with the local engine"), self)
        self.local_button.clicked.connect(self.reject)
        self.host_button = QPushButton(self.tr("Set up an image host…"), self)
        self.host_button.clicked.connect(self._open_host)
        self.key_button = QPushButton(self.tr("Add my API key…"), self)
        self.key_button.setObjectName("primary")
        self.key_button.setDefault(True)
        self.key_button.clicked.connect(self.accept)
        buttons.addWidget(self.host_button)
        buttons.addStretch(1)
        buttons.addWidget(self.local_button)
        buttons.addWidget(self.key_button)
        layout.addLayout(buttons)
        # tall enough for the wrapped paragraphs at this width (longer in some languages)
        width = max(self.minimumWidth(), self.sizeHint().width())
        self.resize(width, max(self.sizeHint().height(), self.heightForWidth(width)))

    def _open_host(self) -> None:
        self.settings_page = "host"
        self.accept()
