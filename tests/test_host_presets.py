"""Each storage provider's preset gives the endpoint the provider documents."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.host_presets import PRESETS, preset, recognise

ACCOUNT = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(("key", "answers", "endpoint", "signing_region"), [
    ("aws", {"region": "eu-west-3"}, "https://s3.eu-west-3.amazonaws.com", "eu-west-3"),
    ("r2", {"account": ACCOUNT}, f"https://{ACCOUNT}.r2.cloudflarestorage.com", "auto"),
    ("r2", {"account": ACCOUNT.upper(), "region": "eu"},
     f"https://{ACCOUNT}.eu.r2.cloudflarestorage.com", "auto"),
    ("b2", {"region": "us-west-004"}, "https://s3.us-west-004.backblazeb2.com", "us-west-004"),
    ("wasabi", {"region": "eu-central-2"}, "https://s3.eu-central-2.wasabisys.com",
     "eu-central-2"),
    ("scaleway", {"region": "nl-ams"}, "https://s3.nl-ams.scw.cloud", "nl-ams"),
    ("ovh", {"region": "sbg"}, "https://s3.sbg.io.cloud.ovh.net", "sbg"),
    ("minio", {"endpoint": "https://minio.example.com:9000/"},
     "https://minio.example.com:9000", "us-east-1"),
])
def test_preset_endpoint(key: str, answers: dict[str, str], endpoint: str,
                         signing_region: str) -> None:
    chosen = preset(key)
    assert chosen.endpoint(**answers) == endpoint
    assert chosen.region_for_signing(answers.get("region", "")) == signing_region
    found = recognise(endpoint, signing_region)
    assert found.preset.key == key  # and the settings dialog finds the provider again
    if "account" in answers:
        assert found.account == ACCOUNT


def test_each_preset_asks_only_what_it_needs() -> None:
    asks = {p.key: p.asks for p in PRESETS}
    assert asks["r2"] == ("account",)  # no region: R2 signs for "auto"
    assert asks["minio"] == ("endpoint",)
    assert all(asks[k] == ("region",) for k in ("aws", "b2", "wasabi", "scaleway", "ovh"))
    for p in PRESETS:
        assert p.help_url.startswith("https://") or p.key == "other"


@pytest.mark.parametrize(("key", "answers", "needle"), [
    ("r2", {"account": "my-account"}, "account ID"),
    ("r2", {"account": ACCOUNT, "region": "mars"}, "jurisdiction"),
    ("aws", {"region": "eu west 3"}, "region"),
    ("minio", {"endpoint": "minio.local:9000"}, "https://"),
])
def test_preset_refuses_wrong_answers(key: str, answers: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        preset(key).endpoint(**answers)
    assert needle in str(err.value)


def test_recognise_blank_and_unknown_endpoints() -> None:
    assert recognise("").preset.key == "aws" and recognise("").region == "us-east-1"
    assert recognise("", "eu-west-1").region == "eu-west-1"
    assert recognise("https://s3.wasabisys.com").region == "us-east-1"
    assert recognise("http://nas.local:9000").preset.key == "minio"
    other = recognise("https://objects.example.net", "de-fra")
    assert other.preset.key == "other" and other.region == "de-fra"
