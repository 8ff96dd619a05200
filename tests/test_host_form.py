"""The image host page: presets ask only what a provider needs; Test upload over real HTTP."""

from __future__ import annotations

from typing import Any

from put_server import PutServer, S3Server, enforced_auth

from desktop_app.core.settings import Settings
from desktop_app.ui.settings_dialog import SettingsDialog

ACCOUNT = "0123456789abcdef0123456789abcdef"


def _dialog(qtbot: Any, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.host_form)
    return dialog


def _shown(form: Any) -> set[str]:
    rows = {"account": form.account_edit, "region": form.region_combo,
            "endpoint": form.endpoint_edit, "jurisdiction": form.jurisdiction_combo}
    return {name for name, widget in rows.items() if form.s3_form.isRowVisible(widget)}


def test_each_provider_asks_only_what_it_needs(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    form = dialog.host_form
    form.host_s3.setChecked(True)
    seen = {}
    for index in range(form.provider_combo.count()):
        form.provider_combo.setCurrentIndex(index)
        seen[form.preset().key] = _shown(form)
    assert seen["r2"] == {"account", "jurisdiction"}
    assert seen["minio"] == {"endpoint"}
    assert seen["other"] == {"endpoint", "region"}
    for key in ("aws", "b2", "wasabi", "scaleway", "ovh"):
        assert seen[key] == {"region"}, key


def test_r2_fills_the_endpoint_and_signs_for_auto(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    form = dialog.host_form
    form.host_s3.setChecked(True)
    form.provider_combo.setCurrentIndex(form.provider_combo.findData("r2"))
    form.account_edit.setText(ACCOUNT)
    form.jurisdiction_combo.setCurrentIndex(form.jurisdiction_combo.findData("eu"))
    form.s3_bucket_edit.setText("photos")
    fields, problem = form.collect()
    assert problem is None and fields is not None
    assert fields["s3_endpoint"] == f"https://{ACCOUNT}.eu.r2.cloudflarestorage.com"
    assert fields["s3_region"] == "auto"
    assert form.endpoint_view.text() == fields["s3_endpoint"]
    form.account_edit.setText("not-an-account")
    fields, problem = form.collect()
    assert fields is None and problem is not None and "account ID" in problem


def test_saved_endpoint_reopens_on_its_provider(qtbot: Any) -> None:
    dialog = _dialog(qtbot, Settings(host_kind="s3", s3_endpoint="https://s3.nl-ams.scw.cloud",
                                     s3_region="nl-ams", s3_bucket="photos"))
    form = dialog.host_form
    assert form.preset().key == "scaleway"
    assert form.region_combo.currentText() == "nl-ams"
    fields, _ = form.collect()
    assert fields is not None and fields["s3_endpoint"] == "https://s3.nl-ams.scw.cloud"


def _test_upload(qtbot: Any, form: Any) -> tuple[bool, str]:
    with qtbot.waitSignal(form.testFinished, timeout=30_000) as blocker:
        form.test_button.click()
        assert form.test_message() == "Uploading a test picture…", "the GUI thread is free"
        assert not form.test_button.isEnabled(), "no second test while one runs"
    ok, message = blocker.args
    assert form.test_button.isEnabled()
    return ok, message


def test_upload_on_the_put_server(qtbot: Any, put_server: PutServer) -> None:
    dialog = _dialog(qtbot)
    form = dialog.host_form
    form.host_put.setChecked(True)
    form.put_url_edit.setText(put_server.upload_prefix)
    ok, message = _test_upload(qtbot, form)
    assert ok and message.startswith("Test upload worked")
    assert "IACrea, on the internet, cannot fetch" in message  # 127.0.0.1 is local only
    assert put_server.files == {}


def test_upload_on_a_put_server_that_needs_a_password_to_read(qtbot: Any,
                                                               put_server: PutServer) -> None:
    put_server.get_status = 403
    dialog = _dialog(qtbot)
    form = dialog.host_form
    form.host_put.setChecked(True)
    form.put_url_edit.setText(put_server.upload_prefix)
    ok, message = _test_upload(qtbot, form)
    assert not ok and "refuses to show it without a password (HTTP 403)" in message


def _minio(form: Any, s3_server: S3Server, bucket: str, key_id: str, secret: str) -> None:
    form.host_s3.setChecked(True)
    form.provider_combo.setCurrentIndex(form.provider_combo.findData("minio"))
    form.endpoint_edit.setText(s3_server.endpoint_url)
    form.s3_bucket_edit.setText(bucket)
    form.s3_key_id_edit.setText(key_id)
    form.s3_secret_edit.setText(secret)


def test_upload_on_s3(qtbot: Any, s3_server: S3Server, bucket: str) -> None:
    dialog = _dialog(qtbot)
    form = dialog.host_form
    _minio(form, s3_server, bucket, s3_server.access_key_id, s3_server.secret_access_key)
    ok, message = _test_upload(qtbot, form)
    assert ok, message


def test_upload_on_s3_with_wrong_keys(qtbot: Any, s3_server: S3Server, bucket: str) -> None:
    dialog = _dialog(qtbot)
    form = dialog.host_form
    _minio(form, s3_server, bucket, "AKIAUNKNOWNKEY000000", "wrong")
    with enforced_auth(s3_server):
        ok, message = _test_upload(qtbot, form)
    assert not ok and "did not accept the S3 access key" in message


def test_upload_on_a_missing_bucket(qtbot: Any, s3_server: S3Server) -> None:
    dialog = _dialog(qtbot)
    form = dialog.host_form
    _minio(form, s3_server, "no-such-bucket-in-form", s3_server.access_key_id,
           s3_server.secret_access_key)
    ok, message = _test_upload(qtbot, form)
    assert not ok and "“no-such-bucket-in-form” does not exist" in message


def test_welcome_explains_hosting_and_leads_to_the_host_page(qtbot: Any) -> None:
    from desktop_app.ui.welcome_dialog import WelcomeDialog

    welcome = WelcomeDialog()
    qtbot.addWidget(welcome)
    welcome.show()
    assert welcome.settings_page == ""
    with qtbot.waitSignal(welcome.accepted):
        welcome.host_button.click()
    assert welcome.settings_page == "host"
    dialog = SettingsDialog(Settings(), page=welcome.settings_page)
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentWidget() is dialog.host_form


def test_upload_follows_the_insecure_box_as_ticked(qtbot: Any) -> None:
    """A plain-http address off this computer is refused until the box is ticked (nothing is
    sent: the refusal comes before any connection)."""
    dialog = _dialog(qtbot)
    form = dialog.host_form
    form.host_put.setChecked(True)
    form.put_url_edit.setText("http://uploads.example.com/up/")
    ok, message = _test_upload(qtbot, form)
    assert not ok and "unencrypted" in message
    dialog.insecure_check.setChecked(True)
    host, _ = form.host_settings()
    assert host is not None and host.allow_insecure  # the next Test upload may try it
