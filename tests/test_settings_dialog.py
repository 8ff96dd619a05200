"""The Settings dialog: secrets in the keyring (never the file), host fields, Test connection."""

from __future__ import annotations

from typing import Any

import keyring
import pytest
from keyring.backends import fail

from desktop_app.core import credentials, paths
from desktop_app.core.settings import Settings, load_settings, save_settings
from desktop_app.ui.settings_dialog import SettingsDialog


def _dialog(qtbot: Any, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_key_goes_to_the_keyring_not_the_settings_file(qtbot: Any,
                                                       memory_keyring: Any) -> None:
    dialog = _dialog(qtbot)
    assert "No key yet" in dialog.key_status_text()
    dialog.api_key_edit.setText("  sk-secret-123  ")
    dialog.user_id_edit.setText("0b0d2f8e-7a8f-4f7e-a1b2-9d3c4e5f6a7b")
    dialog.accept()
    settings = dialog.saved_settings()
    assert settings is not None and settings.user_id.startswith("0b0d")
    save_settings(settings)
    assert credentials.get_api_key() == "sk-secret-123"
    assert "sk-secret-123" not in paths.settings_path().read_text()
    assert memory_keyring.get_password(credentials.KEYRING_SERVICE,
                                       credentials.API_KEY) == "sk-secret-123"
    again = _dialog(qtbot, load_settings())
    assert "stored in the system keyring" in again.key_status_text()
    assert again.api_key_edit.text() == "", "the stored key is never shown back"


def test_without_a_keyring_the_key_is_for_this_session_only(qtbot: Any) -> None:
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = _dialog(qtbot)
        assert "no system keyring" in dialog.key_status_text()
        assert "session only" in dialog.key_status_text()
        dialog.api_key_edit.setText("sk-session")
        dialog.accept()
        assert credentials.get_api_key() == "sk-session"
        again = _dialog(qtbot)
        assert "this session only" in again.key_status_text()
    finally:
        credentials.delete_api_key()


def test_remove_forgets_the_stored_key(qtbot: Any) -> None:
    credentials.set_api_key("sk-old")
    dialog = _dialog(qtbot)
    assert dialog.forget_key.isEnabled()
    dialog.forget_key.click()
    assert credentials.get_api_key() is None
    assert "No key yet" in dialog.key_status_text()


def test_image_host_fields_and_s3_secret(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    form = dialog.host_form
    form.host_put.setChecked(True)
    assert form.stack.currentIndex() == 1
    dialog.accept()
    assert dialog.saved_settings() is None, "an upload host needs its address"
    assert dialog.error_label.isVisible() and "upload address" in dialog.error_label.text()

    form.host_s3.setChecked(True)
    assert form.preset().key == "aws"
    form.region_combo.setCurrentText("eu-central-1")
    form.s3_bucket_edit.setText("listing-photos")
    form.s3_key_id_edit.setText("AKIAEXAMPLE")
    form.s3_secret_edit.setText("s3-secret-value")
    form.s3_expiry_spin.setValue(2)
    dialog.accept()
    settings = dialog.saved_settings()
    assert settings is not None
    assert (settings.host_kind, settings.s3_bucket, settings.s3_expiry_seconds) == \
        ("s3", "listing-photos", 2 * 86400)
    assert (settings.s3_endpoint, settings.s3_region) == \
        ("https://s3.eu-central-1.amazonaws.com", "eu-central-1")
    assert credentials.get_secret(credentials.S3_SECRET) == "s3-secret-value"
    save_settings(settings)
    assert "s3-secret-value" not in paths.settings_path().read_text()


def test_library_and_export_options(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    dialog.max_side_spin.setValue(3072)
    dialog.burn_label_check.setChecked(True)
    dialog.webhook_edit.setText("not a url")
    dialog.accept()
    assert dialog.saved_settings() is None
    assert "webhook" in dialog.error_label.text()
    dialog.webhook_edit.setText("https://hooks.example.com/skyclear")
    dialog.accept()
    settings = dialog.saved_settings()
    assert settings is not None
    assert (settings.max_side, settings.burn_label, settings.webhook) == \
        (3072, True, "https://hooks.example.com/skyclear")


@pytest.fixture
def connection(qtbot: Any, iacrea_server: Any) -> SettingsDialog:
    dialog = _dialog(qtbot, Settings(base_url=iacrea_server.url))
    dialog.user_id_edit.setText(iacrea_server.user_id)
    return dialog


def _test(qtbot: Any, dialog: SettingsDialog) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.testFinished, timeout=30_000) as blocker:
        dialog.test_connection()
        assert dialog.test_message() == "Connecting…", "the GUI thread is not waiting"
    ok, message = blocker.args
    assert dialog.test_message() == message
    return ok, message


def test_connection_ok_shows_the_credits(qtbot: Any, connection: SettingsDialog,
                                         iacrea_server: Any) -> None:
    connection.api_key_edit.setText(iacrea_server.api_key)
    ok, message = _test(qtbot, connection)
    assert ok and "10 photo credits" in message
    assert credentials.get_api_key() is None, "testing does not store the key"


def test_connection_bad_key(qtbot: Any, connection: SettingsDialog) -> None:
    connection.api_key_edit.setText("sk-wrong")
    ok, message = _test(qtbot, connection)
    assert not ok and "key" in message.lower()


def test_connection_service_down(qtbot: Any, connection: SettingsDialog,
                                 iacrea_server: Any) -> None:
    connection.api_key_edit.setText(iacrea_server.api_key)
    iacrea_server.fail_with(503, times=10, path="account/credit")
    ok, message = _test(qtbot, connection)
    assert not ok and "unavailable" in message.lower()


def test_connection_no_network(qtbot: Any, iacrea_server: Any) -> None:
    from fault_server import free_port

    dialog = _dialog(qtbot, Settings(base_url=f"http://127.0.0.1:{free_port()}"))
    dialog.user_id_edit.setText(iacrea_server.user_id)
    dialog.api_key_edit.setText(iacrea_server.api_key)
    ok, message = _test(qtbot, dialog)
    assert not ok
    assert "connect" in message.lower() or "reach" in message.lower()


def test_connection_uses_the_stored_key_when_none_is_typed(qtbot: Any,
                                                           connection: SettingsDialog,
                                                           iacrea_server: Any) -> None:
    credentials.set_api_key(iacrea_server.api_key)
    ok, _message = _test(qtbot, connection)
    assert ok


def test_an_insecure_address_needs_the_box_ticked(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    dialog.host_form.host_put.setChecked(True)
    dialog.host_form.put_url_edit.setText("http://uploads.example.com/in/")
    dialog.accept()
    assert dialog.saved_settings() is None
    assert "unencrypted" in dialog.error_label.text()
    dialog.host_form.put_url_edit.setText("http://127.0.0.1:8080/in/")  # this computer: fine
    dialog.accept()
    settings = dialog.saved_settings()
    assert settings is not None and not settings.allow_insecure

    dialog = _dialog(qtbot)
    dialog.base_url_edit.setText("http://iacrea.example.com")
    dialog.accept()
    assert dialog.saved_settings() is None and "unencrypted" in dialog.error_label.text()
    dialog.insecure_check.setChecked(True)
    dialog.accept()
    settings = dialog.saved_settings()
    assert settings is not None and settings.allow_insecure
