"""The Settings dialog: IACrea account, image host, library and export options.

Secrets never go into the settings file: the API key and the S3 secret are written through
``core.credentials`` (the OS keyring, or memory for this session when there is none). **Test
connection** asks the credits endpoint on a worker thread and reports, in words, what is wrong.
"""

from __future__ import annotations

import os
from dataclasses import replace
from urllib.parse import urlsplit

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import credentials
from desktop_app.core.errors import SkyClearError
from desktop_app.core.models import Credits, EngineName
from desktop_app.core.net import is_insecure_address
from desktop_app.core.settings import DEFAULT_BASE_URL, Settings
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui import style
from desktop_app.ui.host_form import HostForm
from desktop_app.ui.i18n import LANGUAGES
from desktop_app.ui.messages import error_text

DEVELOPER_SPACE_URL = "https://iacrea.com"


def check_connection(api_key: str, user_id: str, base_url: str,
                     allow_insecure: bool = False) -> Credits:
    """Ask the service for the account's credits once (runs on a worker thread)."""
    from desktop_app.core.api import IACreaClient

    with IACreaClient(api_key, user_id, base_url, timeout=(5, 15), max_retries=1,
                      backoff_cap=2, allow_insecure=allow_insecure) as client:
        return client.credits()


def _valid_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class SettingsDialog(QDialog):
    """Edit a copy of the settings; ``saved_settings()`` gives the result after ``accept``."""

    testFinished = Signal(bool, str)  # ok, message (also shown in the dialog)

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 page: str = "") -> None:
        """``page``: "host" opens on the image host tab."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(700)  # French labels run longer
        self._original = settings
        self._result: Settings | None = None
        self._runner = TaskRunner(1, self)
        self._testing = False

        tabs = QTabWidget(self)
        tabs.addTab(self._account_page(settings), self.tr("IACrea account"))
        self.host_form = HostForm(settings, self._runner, self)
        self.insecure_check.toggled.connect(self.host_form.set_allow_insecure)
        tabs.addTab(self.host_form, self.tr("Image host"))
        tabs.addTab(self._library_page(settings), self.tr("Library && export"))
        self.tabs = tabs
        if page == "host":
            tabs.setCurrentWidget(self.host_form)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {style.DANGER};")
        self.error_label.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("primary")
        save.setDefault(True)
        save.style().unpolish(save)
        save.style().polish(save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    # -- pages -----------------------------------------------------------------------------------
    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(18, 18, 18, 18)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return page, form

    @staticmethod
    def _note(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName("hint")
        label.setWordWrap(True)
        label.setOpenExternalLinks(True)
        label.setMinimumWidth(380)
        return label

    def _account_page(self, s: Settings) -> QWidget:
        page, form = self._form()
        intro = self._note(self.tr(
            "Your API key and user ID are in your IACrea <a href=\"{0}\">Developer Space</a>. "
            "The local engine works without them.").format(DEVELOPER_SPACE_URL), page)
        form.addRow(intro)

        self.api_key_edit = QLineEdit(page)
        self.api_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key_edit.setAccessibleName(self.tr("API key"))
        self.show_key = QPushButton(self.tr("Show"), page)
        self.show_key.setCheckable(True)
        self.show_key.toggled.connect(self._toggle_key_visible)
        self.forget_key = QPushButton(self.tr("Remove"), page)
        self.forget_key.setToolTip(self.tr("Remove the stored API key from this computer"))
        self.forget_key.clicked.connect(self._remove_key)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.api_key_edit, 1)
        row.addWidget(self.show_key)
        row.addWidget(self.forget_key)
        form.addRow(self.tr("API key"), row)
        self.key_status = self._note("", page)
        form.addRow("", self.key_status)

        self.user_id_edit = QLineEdit(s.user_id, page)
        self.user_id_edit.setPlaceholderText(self.tr("e.g. 3f1c…-…"))
        form.addRow(self.tr("User ID"), self.user_id_edit)
        self.base_url_edit = QLineEdit(s.base_url or DEFAULT_BASE_URL, page)
        form.addRow(self.tr("Service address"), self.base_url_edit)
        self.insecure_check = QCheckBox(self.tr("Allow insecure addresses (http://)"), page)
        self.insecure_check.setChecked(s.allow_insecure)
        form.addRow("", self.insecure_check)
        form.addRow("", self._note(self.tr(
            "Leave this off: over http:// your API key and photos travel unencrypted, readable "
            "by anyone on the network. Addresses on this computer are always allowed."), page))

        self.engine_combo = QComboBox(page)
        self.engine_combo.addItem(self.tr("Automatic (IACrea once a key is set)"), "")
        self.engine_combo.addItem(self.tr("Local engine (offline, free)"), "local")
        self.engine_combo.addItem(self.tr("IACrea cloud"), "cloud")
        self.engine_combo.setCurrentIndex(
            max(0, self.engine_combo.findData(s.engine.value if s.engine else "")))
        form.addRow(self.tr("Default engine"), self.engine_combo)

        self.test_button = QPushButton(self.tr("Test connection"), page)
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel(page)
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow("", test_row)
        self._refresh_key_status()
        return page

    def _library_page(self, s: Settings) -> QWidget:
        page, form = self._form()
        self.library_edit = QLineEdit(s.library_dir, page)
        self.library_edit.setPlaceholderText(str(s.library_path()) if not s.library_dir else "")
        browse = QPushButton(self.tr("Choose…"), page)
        browse.clicked.connect(self._browse_library)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.library_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Library folder"), row)
        form.addRow("", self._note(self.tr(
            "Results, prepared uploads and masks are kept here. Your original photos are never "
            "changed."), page))

        self.max_side_spin = QSpinBox(page)
        self.max_side_spin.setRange(1024, 8192)
        self.max_side_spin.setSingleStep(256)
        self.max_side_spin.setSuffix(self.tr(" px (long side)"))
        self.max_side_spin.setValue(s.max_side)
        form.addRow(self.tr("Largest upload"), self.max_side_spin)

        self.low_credit_spin = QSpinBox(page)
        self.low_credit_spin.setRange(0, 1000)
        self.low_credit_spin.setSuffix(self.tr(" credits"))
        self.low_credit_spin.setValue(s.low_credit_warning)
        form.addRow(self.tr("Warn me below"), self.low_credit_spin)

        self.confirm_above_spin = QSpinBox(page)
        self.confirm_above_spin.setRange(1, 1000)
        self.confirm_above_spin.setSuffix(self.tr(" credits"))
        self.confirm_above_spin.setValue(max(1, s.confirm_credits_above))
        form.addRow(self.tr("Ask before spending over"), self.confirm_above_spin)

        self.burn_label_check = QCheckBox(
            self.tr("Add a small “Virtually edited” label to saved and exported photos"), page)
        self.burn_label_check.setChecked(s.burn_label)
        form.addRow(self.tr("Label"), self.burn_label_check)

        self.language_combo = QComboBox(page)
        self.language_combo.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(s.language)))
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow("", self._note(self.tr("A new language applies the next time SkyClear "
                                           "starts."), page))

        self.webhook_edit = QLineEdit(s.webhook, page)
        self.webhook_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("Webhook URL"), self.webhook_edit)
        form.addRow("", self._note(self.tr(
            "Passed to IACrea with each request so your own server hears about finished photos. "
            "SkyClear itself checks for results, so leave this blank if unsure."), page))
        return page

    # -- behaviour -------------------------------------------------------------------------------
    def _toggle_key_visible(self, shown: bool) -> None:
        self.api_key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                      else QLineEdit.EchoMode.Password)
        self.show_key.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _remove_key(self) -> None:
        removed = credentials.delete_api_key()
        self.api_key_edit.clear()
        self._refresh_key_status()
        if not removed:
            self.key_status.setText(self.tr(
                "The system keyring could not remove the key: it is still stored there. Try "
                "Remove again, or delete the “SkyClear” entry in your system's password "
                "manager."))

    def _refresh_key_status(self) -> None:
        from_env = bool(os.environ.get("IACREA_API_KEY"))
        stored = credentials.get_secret(credentials.API_KEY) is not None
        has_keyring = credentials.keyring_available()
        session_only = credentials.kept_for_session_only(credentials.API_KEY)
        if from_env:
            text = self.tr("The key comes from the IACREA_API_KEY environment variable, which "
                           "takes precedence over a key typed here.")
        elif stored and has_keyring and session_only:
            text = self.tr("The system keyring refused to store the key, so it is kept for this "
                           "session only and will be forgotten when SkyClear closes.")
        elif stored and has_keyring:
            text = self.tr("A key is stored in the system keyring. Type a new one to replace it.")
        elif stored:
            text = self.tr("A key is set for this session only: this computer has no system "
                           "keyring, so it will be forgotten when SkyClear closes.")
        elif has_keyring:
            text = self.tr("No key yet. It will be kept in the system keyring, never in a file.")
        else:
            text = self.tr("This computer has no system keyring, so a key typed here is kept "
                           "for this session only (set IACREA_API_KEY to avoid retyping it).")
        self.key_status.setText(text)
        self.api_key_edit.setPlaceholderText(
            self.tr("stored — type to replace") if stored else self.tr("paste your API key"))
        self.forget_key.setEnabled(stored)

    def key_status_text(self) -> str:
        return self.key_status.text()

    def _browse_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Library folder"), self.library_edit.text() or
            str(self._original.library_path()))
        if folder:
            self.library_edit.setText(folder)

    def test_connection(self) -> None:
        """Ask the credits endpoint with what is typed (off the GUI thread)."""
        if self._testing:
            return
        key = self.api_key_edit.text().strip() or credentials.get_api_key() or ""
        user_id = self.user_id_edit.text().strip() or os.environ.get("IACREA_USER_ID", "")
        base_url = self.base_url_edit.text().strip() or DEFAULT_BASE_URL
        self._testing = True
        self.test_button.setEnabled(False)
        self._show_test(None, self.tr("Connecting…"))
        self._runner.submit(check_connection, key, user_id, base_url,
                            self.insecure_check.isChecked(),
                            on_done=self._test_done, on_error=self._test_failed)

    def _test_done(self, result: Credits) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        self._show_test(True, self.describe_credits(result))

    def describe_credits(self, credits: Credits) -> str:
        """The test's answer, e.g. "Connected. Your account has 12 photo credits (10 from
        your plan, 2 extra)."."""
        if credits.subscription or credits.extra:
            return self.tr("Connected. Your account has %n photo credit(s) ({0} from your "
                           "plan, {1} extra).", "", credits.total).format(
                QLocale().toString(credits.subscription), QLocale().toString(credits.extra))
        return self.tr("Connected. Your account has %n photo credit(s).", "", credits.total)

    def _test_failed(self, error: BaseException) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        message = error_text(error) if isinstance(error, SkyClearError) else \
            self.tr("The test could not be run on this computer.")
        self._show_test(False, message)

    def _show_test(self, ok: bool | None, message: str) -> None:
        colour = style.MUTED if ok is None else (style.SUCCESS if ok else style.DANGER)
        self.test_result.setStyleSheet(f"color: {colour};")
        self.test_result.setText(message)
        if ok is not None:
            self.testFinished.emit(ok, message)

    def test_message(self) -> str:
        return self.test_result.text()

    # -- result ----------------------------------------------------------------------------------
    def _collect(self) -> tuple[Settings | None, str | None]:
        base_url = self.base_url_edit.text().strip() or DEFAULT_BASE_URL
        webhook = self.webhook_edit.text().strip()
        if not _valid_url(base_url):
            return None, self.tr("The service address must start with https:// (or http://).")
        host_fields, problem = self.host_form.collect()
        if host_fields is None:
            return None, problem
        insecure = self.insecure_check.isChecked()
        addresses = [base_url, str(host_fields.get("s3_endpoint") or "")]
        if host_fields["host_kind"] == "put":
            addresses.append(str(host_fields["put_url"]))
        if not insecure and any(is_insecure_address(url) for url in addresses):
            return None, self.tr("An address starts with http://, which would send your API key "
                                 "or photos unencrypted: use https://, or tick “Allow insecure "
                                 "addresses” if you trust the network.")
        if webhook and not _valid_url(webhook):
            return None, self.tr("The webhook must be a web address starting with https://, or "
                                 "be left blank.")
        settings = replace(
            self._original,
            user_id=self.user_id_edit.text().strip(),
            base_url=base_url,
            engine=EngineName(self.engine_combo.currentData()) if self.engine_combo.currentData()
            else None,
            **host_fields,
            webhook=webhook,
            library_dir=self.library_edit.text().strip(),
            max_side=self.max_side_spin.value(),
            low_credit_warning=self.low_credit_spin.value(),
            confirm_credits_above=self.confirm_above_spin.value(),
            burn_label=self.burn_label_check.isChecked(),
            allow_insecure=insecure,
            language=str(self.language_combo.currentData()),
            recent_files=list(self._original.recent_files),
        )
        return settings, None

    def accept(self) -> None:
        settings, problem = self._collect()
        if settings is None:
            self.error_label.setText(problem or "")
            self.error_label.show()
            return
        key = self.api_key_edit.text().strip()
        if key:
            credentials.set_api_key(key)  # the keyring, or this session only
        secret = self.host_form.typed_secret()
        if secret:
            credentials.set_secret(credentials.S3_SECRET, secret)
        self._result = settings
        super().accept()

    def saved_settings(self) -> Settings | None:
        """The new settings once the dialog was accepted (secrets already stored), else None."""
        return self._result

    def done(self, result: int) -> None:
        self._runner.close(3000)
        super().done(result)
