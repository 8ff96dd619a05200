"""Settings: typed fields, the image host derived from them, and files from earlier versions
still load."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.models import EngineName
from desktop_app.core.settings import (
    HostKind,
    HostSettings,
    Settings,
    load_settings,
    save_settings,
)

EARLIER_FILE = {  # as an earlier version wrote it: the enums as plain strings, "" = automatic
    "user_id": "u-1", "base_url": "https://iacrea.com", "engine": "", "host_kind": "s3",
    "put_url": "", "s3_endpoint": "https://s3.example", "s3_region": "eu-west-3",
    "s3_bucket": "listing-photos", "s3_prefix": "skyclear/", "s3_access_key_id": "AKIA1",
    "s3_expiry_seconds": 86400, "webhook": "", "library_dir": "", "max_side": 3000,
    "low_credit_warning": 5, "burn_label": True, "recent_files": ["/photos/a.jpg"],
}


def test_a_settings_file_of_an_earlier_version_loads(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(EARLIER_FILE), encoding="utf-8")
    s = load_settings(path)
    assert s.engine is None and s.host_kind is HostKind.S3
    assert (s.s3_bucket, s.max_side, s.burn_label, s.recent_files) == \
        ("listing-photos", 3000, True, ["/photos/a.jpg"])
    save_settings(s, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert {k: saved[k] for k in EARLIER_FILE} == EARLIER_FILE  # the same values back
    assert {k: saved[k] for k in saved.keys() - EARLIER_FILE.keys()} == {
        k: v for k, v in Settings().to_json().items() if k not in EARLIER_FILE}  # new: defaults


def test_fields_are_typed_whatever_they_are_given(tmp_path: Path) -> None:
    s = Settings(engine="cloud", host_kind="put")  # type: ignore[arg-type]
    assert s.engine is EngineName.CLOUD and s.host_kind is HostKind.PUT
    odd = Settings(engine="quantum", host_kind="ftp")  # type: ignore[arg-type]
    assert odd.engine is None and odd.host_kind is HostKind.NONE
    path = tmp_path / "settings.json"
    save_settings(Settings(engine=EngineName.LOCAL), path)
    assert load_settings(path).engine is EngineName.LOCAL


def test_the_image_host_settings_come_from_the_settings_fields() -> None:
    s = Settings(host_kind=HostKind.S3, s3_bucket="b-1", s3_region="eu", put_url="x",
                 s3_expiry_seconds=3600)
    host = s.host()
    assert isinstance(host, HostSettings)
    assert (host.kind, host.s3_bucket, host.s3_region, host.put_url, host.s3_expiry_seconds) \
        == ("s3", "b-1", "eu", "x", 3600)
    assert HostSettings.from_dict({**host.to_dict(), "unknown": 1}) == host
