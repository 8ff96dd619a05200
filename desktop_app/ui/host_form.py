"""The image host part of Settings: why a host is needed, the provider presets, Test upload.

IACrea reads photos from web addresses, so the cloud engine puts each prepared photo online
first. Here the user picks no host, an HTTP PUT address, or an S3-compatible bucket; for a
bucket, a provider preset asks only what that provider needs (a region, an account ID or a
server address) and fills in the endpoint. **Test upload** runs ``host_check`` on a worker
thread with what is typed, and says in one sentence whether IACrea will be able to read what is
uploaded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import credentials
from desktop_app.core.errors import ConfigError, SkyClearError
from desktop_app.core.host_presets import BY_KEY, PRESETS, Preset, recognise
from desktop_app.core.settings import HostKind, HostSettings, Settings
from desktop_app.engines.host_check import HostCheck, check_settings
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui import style
from desktop_app.ui.messages import error_text, message_text

KINDS = (HostKind.NONE, HostKind.PUT, HostKind.S3)  # in the order of the choices


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setOpenExternalLinks(True)
    return label


class HostForm(QWidget):
    """Edits the image host fields of a Settings; ``collect()`` gives them back."""

    testFinished = Signal(bool, str)  # ok, message (also shown under the button)

    def __init__(self, settings: Settings, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._settings = settings
        self._allow_insecure = settings.allow_insecure
        self._testing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.setSpacing(10)
        layout.addWidget(_note(self.tr(
            "IACrea fetches each photo from a web address, so SkyClear first puts a copy of "
            "the prepared photo online (resized, without location or camera data). With a "
            "bucket, IACrea gets a private link that stops working after the time you choose "
            "below; the file has a random name and nobody can list your photos. The local "
            "engine needs none of this."), self))

        self.kind_group = QButtonGroup(self)
        self.host_none = QRadioButton(self.tr("No image host (local engine only)"), self)
        self.host_put = QRadioButton(self.tr("Upload URL (HTTP PUT)"), self)
        self.host_s3 = QRadioButton(self.tr("Storage bucket (S3-compatible)"), self)
        for i, button in enumerate((self.host_none, self.host_put, self.host_s3)):
            self.kind_group.addButton(button, i)
            layout.addWidget(button)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(QWidget(self))
        self.stack.addWidget(self._put_page(settings))
        self.stack.addWidget(self._s3_page(settings))
        layout.addWidget(self.stack)

        self.test_button = QPushButton(self.tr("Test upload"), self)
        self.test_button.setToolTip(self.tr(
            "Uploads a small test picture, reads it back through its link without any "
            "password, as IACrea would, and deletes it"))
        self.test_button.clicked.connect(self.test_upload)
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)
        layout.addStretch(1)

        self.kind_group.idToggled.connect(self._kind_changed)
        index = KINDS.index(settings.host_kind) if settings.host_kind in KINDS else 0
        self.kind_group.button(index).setChecked(True)
        self._kind_changed(index, True)

    # -- pages -----------------------------------------------------------------------------------
    @staticmethod
    def _form(page: QWidget) -> QFormLayout:
        form = QFormLayout(page)
        form.setContentsMargins(0, 6, 0, 0)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form

    def _put_page(self, s: Settings) -> QWidget:
        page = QWidget(self)
        form = self._form(page)
        self.put_url_edit = QLineEdit(s.put_url, page)
        self.put_url_edit.setPlaceholderText("https://uploads.example.com/skyclear/")
        form.addRow(self.tr("Upload address"), self.put_url_edit)
        form.addRow("", _note(self.tr(
            "Each photo is sent with HTTP PUT to this address followed by a random file name, "
            "and IACrea reads it back from the address the server answers with."), page))
        return page

    def _s3_page(self, s: Settings) -> QWidget:
        page = QWidget(self)
        form = self._form(page)
        self.s3_form = form
        found = recognise(s.s3_endpoint, s.s3_region) if s.host_kind is HostKind.S3 else \
            recognise("https://s3.eu-west-3.amazonaws.com")
        self.provider_combo = QComboBox(page)
        for preset in PRESETS:
            name = self.tr("Another S3-compatible service") if preset.key == "other" \
                else preset.name
            self.provider_combo.addItem(name, preset.key)
        form.addRow(self.tr("Provider"), self.provider_combo)
        self.guide_label = _note("", page)
        self.guide_label.setMinimumWidth(360)
        form.addRow("", self.guide_label)

        self.account_edit = QLineEdit(found.account, page)
        self.account_edit.setPlaceholderText(self.tr("32 letters and digits"))
        form.addRow(self.tr("Account ID"), self.account_edit)
        self.endpoint_edit = QLineEdit(s.s3_endpoint if found.preset.key in ("minio", "other")
                                       else "", page)
        self.endpoint_edit.setPlaceholderText("https://minio.example.com:9000")
        form.addRow(self.tr("Server address"), self.endpoint_edit)
        self.region_combo = QComboBox(page)
        self.region_combo.setEditable(True)
        self.region_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        form.addRow(self.tr("Region"), self.region_combo)
        self.jurisdiction_combo = QComboBox(page)
        self.jurisdiction_combo.addItem(self.tr("Automatic (default)"), "")
        self.jurisdiction_combo.addItem(self.tr("European Union"), "eu")
        self.jurisdiction_combo.addItem(self.tr("FedRAMP"), "fedramp")
        form.addRow(self.tr("Jurisdiction"), self.jurisdiction_combo)

        self.s3_bucket_edit = QLineEdit(s.s3_bucket, page)
        self.s3_prefix_edit = QLineEdit(s.s3_prefix, page)
        self.s3_key_id_edit = QLineEdit(s.s3_access_key_id, page)
        self.s3_secret_edit = QLineEdit(page)
        self.s3_secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if credentials.get_secret(credentials.S3_SECRET):
            self.s3_secret_edit.setPlaceholderText(self.tr("stored — type to replace"))
        self.s3_expiry_spin = QSpinBox(page)
        self.s3_expiry_spin.setRange(1, 7)
        self.s3_expiry_spin.setSuffix(self.tr(" days"))
        self.s3_expiry_spin.setValue(max(1, min(7, round(s.s3_expiry_seconds / 86400))))
        form.addRow(self.tr("Bucket"), self.s3_bucket_edit)
        form.addRow(self.tr("Folder prefix"), self.s3_prefix_edit)
        form.addRow(self.tr("Access key ID"), self.s3_key_id_edit)
        form.addRow(self.tr("Secret access key"), self.s3_secret_edit)
        form.addRow(self.tr("Links valid for"), self.s3_expiry_spin)
        self.endpoint_view = QLineEdit(page)
        self.endpoint_view.setReadOnly(True)
        self.endpoint_view.setFrame(False)
        self.endpoint_view.setObjectName("hint")
        form.addRow(self.tr("Endpoint"), self.endpoint_view)

        self.provider_combo.setCurrentIndex(max(0, self.provider_combo.findData(
            found.preset.key)))
        self._provider_changed(region=found.region)
        if found.preset.key == "r2":
            self.jurisdiction_combo.setCurrentIndex(
                max(0, self.jurisdiction_combo.findData(found.region)))
        self.provider_combo.currentIndexChanged.connect(lambda _i: self._provider_changed())
        for edit in (self.account_edit, self.endpoint_edit):
            edit.textChanged.connect(self._show_endpoint)
        self.region_combo.currentTextChanged.connect(self._show_endpoint)
        self.jurisdiction_combo.currentIndexChanged.connect(self._show_endpoint)
        return page

    # -- behaviour -------------------------------------------------------------------------------
    def preset(self) -> Preset:
        return BY_KEY[str(self.provider_combo.currentData())]

    def _kind_changed(self, index: int, checked: bool) -> None:
        if checked:
            self.stack.setCurrentIndex(index)
            self.test_button.setEnabled(index != 0 and not self._testing)

    def _provider_changed(self, region: str | None = None) -> None:
        preset = self.preset()
        form = self.s3_form
        form.setRowVisible(self.account_edit, "account" in preset.asks)
        form.setRowVisible(self.jurisdiction_combo, preset.key == "r2")
        form.setRowVisible(self.endpoint_edit, "endpoint" in preset.asks)
        form.setRowVisible(self.region_combo, "region" in preset.asks)
        form.setRowVisible(self.endpoint_view, bool(preset.endpoint_pattern))
        self.guide_label.setText(self.tr(
            "<a href=\"{0}\">How to create a bucket and an access key at {1}</a>").format(
            preset.help_url, preset.name) if preset.help_url else "")
        form.setRowVisible(self.guide_label, bool(preset.help_url))
        current = self.region_combo.currentText() if region is None else region
        self.region_combo.blockSignals(True)
        self.region_combo.clear()
        self.region_combo.addItems(list(preset.regions))
        chosen = current if current and (current in preset.regions or not preset.regions) \
            else preset.default_region
        self.region_combo.setCurrentText(chosen)
        self.region_combo.blockSignals(False)
        self._show_endpoint()

    def _region(self) -> str:
        if self.preset().key == "r2":
            return str(self.jurisdiction_combo.currentData() or "")
        return self.region_combo.currentText().strip()

    def _endpoint(self) -> str:
        """The endpoint for what is typed; ConfigError with a sentence when incomplete."""
        return self.preset().endpoint(region=self._region(), account=self.account_edit.text(),
                                      endpoint=self.endpoint_edit.text())

    def _show_endpoint(self) -> None:
        try:
            self.endpoint_view.setText(self._endpoint())
        except ConfigError:
            self.endpoint_view.setText(self.tr("(fill in the fields above)"))
        self.endpoint_view.setCursorPosition(0)

    def kind(self) -> HostKind:
        return KINDS[max(0, self.kind_group.checkedId())]

    def collect(self) -> tuple[dict[str, Any] | None, str | None]:
        """The Settings fields for what is typed, or None and a sentence saying what is
        missing."""
        kind = self.kind()
        fields: dict[str, Any] = {
            "host_kind": kind,
            "put_url": self.put_url_edit.text().strip(),
            "s3_bucket": self.s3_bucket_edit.text().strip(),
            "s3_prefix": self.s3_prefix_edit.text().strip(),
            "s3_access_key_id": self.s3_key_id_edit.text().strip(),
            "s3_expiry_seconds": self.s3_expiry_spin.value() * 86400,
        }
        if kind is HostKind.PUT and not fields["put_url"].startswith(("https://", "http://")):
            return None, self.tr("Enter the upload address (starting with https://) or choose "
                                 "another image host.")
        if kind is HostKind.S3:
            try:
                fields["s3_endpoint"] = self._endpoint()
            except ConfigError as error:
                return None, error_text(error)
            fields["s3_region"] = self.preset().region_for_signing(self._region())
            if len(fields["s3_bucket"]) < 3:
                return None, self.tr("Enter the bucket name (at least 3 characters) or choose "
                                     "another image host.")
        return fields, None

    def host_settings(self) -> tuple[HostSettings | None, str | None]:
        """The host Test upload checks: what is typed, with the insecure box as ticked."""
        fields, problem = self.collect()
        if fields is None:
            return None, problem
        return replace(self._settings, **fields, allow_insecure=self._allow_insecure).host(), None

    def set_allow_insecure(self, allowed: bool) -> None:
        """Test upload follows the dialog's "allow insecure addresses" box as it is ticked."""
        self._allow_insecure = allowed

    def typed_secret(self) -> str:
        return self.s3_secret_edit.text().strip()

    # -- Test upload -----------------------------------------------------------------------------
    def test_upload(self) -> None:
        """Upload, read back and delete a test picture with what is typed (off the GUI thread)."""
        if self._testing:
            return
        host, problem = self.host_settings()
        if host is None:
            self._show(False, problem or "")
            return
        secret = self.typed_secret() or credentials.get_secret(credentials.S3_SECRET)
        self._testing = True
        self.test_button.setEnabled(False)
        self._show(None, self.tr("Uploading a test picture…"))
        self._runner.submit(check_settings, host, secret, on_done=self._tested,
                            on_error=self._test_failed)

    def _tested(self, result: HostCheck) -> None:
        self._testing = False
        self.test_button.setEnabled(self.kind() is not HostKind.NONE)
        lines = [message_text(result.said), *map(message_text, result.said_notes)]
        self._show(result.ok, "\n".join(lines), warn=result.ok and bool(result.notes))

    def _test_failed(self, error: BaseException) -> None:
        self._testing = False
        self.test_button.setEnabled(self.kind() is not HostKind.NONE)
        self._show(False, error_text(error) if isinstance(error, SkyClearError) else
                   self.tr("The test could not be run on this computer."))

    def _show(self, ok: bool | None, message: str, warn: bool = False) -> None:
        colour = style.MUTED if ok is None else (
            style.WARNING if warn else style.SUCCESS if ok else style.DANGER)
        self.test_result.setStyleSheet(f"color: {colour};")
        self.test_result.setText(message)
        if ok is not None:
            self.testFinished.emit(ok, message)

    def test_message(self) -> str:
        return self.test_result.text()

    def is_testing(self) -> bool:
        return self._testing
