"""The common S3-compatible storage providers, and what each needs to find a bucket.

A preset turns the one or two things a provider asks for (a region, an account ID, a server
address) into the endpoint and signing region an S3 client needs, so nobody has to type
``https://s3.eu-west-3.amazonaws.com`` by hand. Endpoint patterns are the providers' own:

* Amazon S3: ``https://s3.<region>.amazonaws.com``
* Cloudflare R2: ``https://<account id>.r2.cloudflarestorage.com`` (EU and FedRAMP buckets:
  ``<account id>.eu.`` / ``<account id>.fedramp.``), signing region ``auto``
* Backblaze B2: ``https://s3.<region>.backblazeb2.com`` (the region is in the bucket's endpoint,
  such as ``us-west-004``)
* Wasabi: ``https://s3.<region>.wasabisys.com``
* Scaleway: ``https://s3.<region>.scw.cloud``
* OVHcloud: ``https://s3.<region>.io.cloud.ovh.net``
* MinIO (or any other S3-compatible server): the server's own address.

No Qt and no network here: the Settings dialog and the tests use these as plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop_app.core.errors import ConfigError
from desktop_app.core.messages import Msg


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    #: ``{region}`` and ``{account}`` are filled in; empty: the user gives the endpoint.
    endpoint_pattern: str
    #: what the user is asked for besides bucket and keys: "region", "account", "endpoint"
    asks: tuple[str, ...]
    #: the usual choices for the region (the user may type another one)
    regions: tuple[str, ...] = ()
    default_region: str = ""
    #: the region requests are signed for, when the provider has a fixed one
    signing_region: str = ""
    #: where the provider explains how to create a bucket and an access key
    help_url: str = ""

    def endpoint(self, *, region: str = "", account: str = "", endpoint: str = "") -> str:
        """The S3 endpoint for these answers; ConfigError when one is missing or malformed."""
        region = region.strip().lower() or self.default_region
        account = account.strip().lower()
        if not self.endpoint_pattern:
            endpoint = endpoint.strip().rstrip("/")
            parts = urlsplit(endpoint)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigError(Msg.PRESET_SERVER(self.name))
            return endpoint
        if "region" in self.asks and not _LABEL.fullmatch(region):
            raise ConfigError(Msg.PRESET_REGION(self.name))
        if "account" in self.asks:
            if not _ACCOUNT.fullmatch(account):
                raise ConfigError(Msg.PRESET_ACCOUNT(self.name))
            # R2's "region" is the bucket's jurisdiction: none, or a label before the domain
            if region not in self.regions:
                raise ConfigError(Msg.PRESET_JURISDICTION(self.name))
            region = f"{region}." if region else ""
        return self.endpoint_pattern.format(region=region, account=account)

    def region_for_signing(self, region: str = "") -> str:
        return self.signing_region or region.strip().lower() or self.default_region or \
            "us-east-1"


_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,40}[a-z0-9])?")
_ACCOUNT = re.compile(r"[0-9a-f]{32}")

PRESETS: tuple[Preset, ...] = (
    Preset("aws", "Amazon S3", "https://s3.{region}.amazonaws.com", ("region",),
           regions=("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
                    "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2",
                    "eu-north-1", "eu-south-1", "eu-south-2", "ap-southeast-1",
                    "ap-southeast-2", "ap-northeast-1", "sa-east-1"),
           default_region="eu-west-3",
           help_url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/creating-bucket.html"),
    Preset("r2", "Cloudflare R2", "https://{account}.{region}r2.cloudflarestorage.com",
           ("account",), regions=("", "eu", "fedramp"), signing_region="auto",
           help_url="https://developers.cloudflare.com/r2/get-started/s3/"),
    Preset("b2", "Backblaze B2", "https://s3.{region}.backblazeb2.com", ("region",),
           regions=("us-west-001", "us-west-002", "us-west-004", "us-east-005",
                    "eu-central-003"),
           default_region="eu-central-003",
           help_url="https://www.backblaze.com/docs/cloud-storage-s3-compatible-api"),
    Preset("wasabi", "Wasabi", "https://s3.{region}.wasabisys.com", ("region",),
           regions=("us-east-1", "us-east-2", "us-central-1", "us-west-1", "us-west-2",
                    "ca-central-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
                    "eu-west-3", "eu-south-1", "ap-northeast-1", "ap-northeast-2",
                    "ap-southeast-1", "ap-southeast-2"),
           default_region="eu-west-2",
           help_url="https://docs.wasabi.com/docs/service-urls-for-wasabis-storage-regions"),
    Preset("scaleway", "Scaleway", "https://s3.{region}.scw.cloud", ("region",),
           regions=("fr-par", "nl-ams", "pl-waw"), default_region="fr-par",
           help_url="https://www.scaleway.com/en/docs/object-storage/"),
    Preset("ovh", "OVHcloud", "https://s3.{region}.io.cloud.ovh.net", ("region",),
           regions=("gra", "sbg", "rbx", "eu-west-par", "de", "uk", "waw", "bhs"),
           default_region="gra",
           help_url="https://help.ovhcloud.com/csm/en-public-cloud-storage-s3-getting-started"),
    Preset("minio", "MinIO", "", ("endpoint",), default_region="us-east-1",
           help_url="https://min.io/docs/minio/linux/index.html"),
    Preset("other", "Another S3-compatible service", "", ("endpoint", "region")),
)

BY_KEY = {preset.key: preset for preset in PRESETS}


def preset(key: str) -> Preset:
    return BY_KEY[key]


@dataclass(frozen=True)
class Recognised:
    """What an endpoint already in the settings says about its provider."""

    preset: Preset
    region: str = ""
    account: str = ""


_HOSTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aws", re.compile(r"s3[.-](?P<region>[a-z0-9-]+)\.amazonaws\.com")),
    ("r2", re.compile(r"(?P<account>[0-9a-f]{32})\.(?:(?P<region>[a-z]+)\.)?"
                      r"r2\.cloudflarestorage\.com")),
    ("b2", re.compile(r"s3\.(?P<region>[a-z0-9-]+)\.backblazeb2\.com")),
    ("wasabi", re.compile(r"s3\.(?:(?P<region>[a-z0-9-]+)\.)?wasabisys\.com")),
    ("scaleway", re.compile(r"s3\.(?P<region>[a-z0-9-]+)\.scw\.cloud")),
    ("ovh", re.compile(r"s3\.(?P<region>[a-z0-9-]+)\.io\.cloud\.ovh\.net")),
)


def recognise(endpoint: str, region: str = "") -> Recognised:
    """The preset an endpoint belongs to; blank means Amazon S3 (boto3's default)."""
    endpoint = endpoint.strip()
    if not endpoint:
        return Recognised(BY_KEY["aws"], region=region.strip() or "us-east-1")
    host = (urlsplit(endpoint).hostname or "").lower()
    for key, pattern in _HOSTS:
        match = pattern.fullmatch(host)
        if match:
            found = match.groupdict()
            found_region = found.get("region") or ""
            if key == "wasabi" and not found_region:
                found_region = "us-east-1"  # s3.wasabisys.com is US East 1
            return Recognised(BY_KEY[key], region=found_region,
                              account=found.get("account") or "")
    # a server of one's own: MinIO signs for us-east-1 unless told otherwise
    region = region.strip()
    return Recognised(BY_KEY["minio" if region in ("", "us-east-1") else "other"], region=region)


__all__ = ["BY_KEY", "PRESETS", "Preset", "Recognised", "preset", "recognise"]
