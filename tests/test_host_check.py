"""Test upload through real HTTP: moto's S3 server and the PUT server, on 127.0.0.1."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from put_server import PutServer, S3Server, enforced_auth, s3_host
from s3_server import SignedS3Server

from desktop_app.engines.host_check import check_host, check_settings
from desktop_app.engines.hosting import HostSettings, PutHost, S3Host


def bucket_keys(s3_server: S3Server, bucket: str) -> list[str]:
    client = s3_server.client()
    try:
        return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    finally:
        client.close()


def iam_user(s3_server: S3Server, name: str, may_use_s3: bool) -> tuple[str, str]:
    iam = s3_server.client("iam")
    try:
        iam.create_user(UserName=name)
        if may_use_s3:
            iam.put_user_policy(UserName=name, PolicyName="s3", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName=name)["AccessKey"]
    finally:
        iam.close()
    return key["AccessKeyId"], key["SecretAccessKey"]


# -- S3 -------------------------------------------------------------------------------------

def test_s3_upload_read_back_and_deleted(s3_server: S3Server, bucket: str) -> None:
    with s3_host(s3_server, bucket) as host:
        result = check_host(host)
    assert result.ok, result.message
    assert result.problem == ""
    assert "without any password" in result.message
    assert result.url.startswith(f"{s3_server.endpoint_url}/{bucket}/skyclear/")
    assert "X-Amz-Signature" in urlsplit(result.url).query  # the presigned link IACrea gets
    assert bucket_keys(s3_server, bucket) == []  # the test picture is gone again
    # a loopback address works here, but IACrea on the internet could not reach it
    assert any("127.0.0.1" in note and "cannot fetch" in note for note in result.notes)


def test_s3_wrong_keys(s3_server: S3Server, bucket: str) -> None:
    with s3_host(s3_server, bucket, access_key_id="AKIAUNKNOWNKEY000000",
                 secret_access_key="wrong") as host, enforced_auth(s3_server):
        result = check_host(host)
    assert not result.ok and result.problem == "keys"
    assert result.message == (f"{urlsplit(s3_server.endpoint_url).hostname} did not accept the "
                              "S3 access key; check the access key ID and secret key in "
                              "Settings.")


def test_s3_wrong_secret(s3_server: S3Server, bucket: str) -> None:
    key_id, _secret = iam_user(s3_server, f"check-secret-{bucket}", may_use_s3=True)
    with s3_host(s3_server, bucket, access_key_id=key_id,
                 secret_access_key="not-the-secret") as host, enforced_auth(s3_server):
        result = check_host(host)
    assert not result.ok and result.problem == "keys"
    assert "did not accept the S3 access key" in result.message


def test_s3_missing_bucket(s3_server: S3Server) -> None:
    with s3_host(s3_server, "no-such-bucket-for-check") as host:
        result = check_host(host)
    assert not result.ok and result.problem == "bucket"
    assert result.message == ("The S3 bucket “no-such-bucket-for-check” does not exist on "
                              "127.0.0.1; check the bucket name (and endpoint) in Settings.")
    assert result.url == ""


def test_s3_key_without_rights(s3_server: S3Server, bucket: str) -> None:
    key_id, secret = iam_user(s3_server, f"check-norights-{bucket}", may_use_s3=False)
    with s3_host(s3_server, bucket, access_key_id=key_id, secret_access_key=secret) as host, \
            enforced_auth(s3_server):
        result = check_host(host)
    assert not result.ok and result.problem == "denied"
    assert bucket in result.message and "may write to it" in result.message


def test_s3_link_not_readable_without_credentials(s3_server: S3Server, bucket: str) -> None:
    """The keys are right and the upload works, but the link does not open without them
    (moto, when it checks keys, cannot check a presigned link and answers it with an error)."""
    key_id, secret = iam_user(s3_server, f"check-link-{bucket}", may_use_s3=True)
    with s3_host(s3_server, bucket, access_key_id=key_id, secret_access_key=secret) as host, \
            enforced_auth(s3_server):
        result = check_host(host)
    assert not result.ok and result.problem == "unreadable"
    assert "IACrea could not read your photos" in result.message
    assert result.url.startswith(f"{s3_server.endpoint_url}/{bucket}/")
    assert bucket_keys(s3_server, bucket) == []  # deleted all the same


# -- PUT ------------------------------------------------------------------------------------

def test_put_upload_read_back_and_deleted(put_server: PutServer) -> None:
    with PutHost(put_server.upload_prefix) as host:
        result = check_host(host)
    assert result.ok, result.message
    assert result.url.startswith(f"{put_server.base_url}/files/")
    methods = [r.method for r in put_server.received]
    assert methods == ["PUT", "GET", "DELETE"]
    get = put_server.received[1]
    assert "Authorization" not in get.headers and "Cookie" not in get.headers
    assert put_server.files == {}


def test_put_link_answers_403_without_credentials(put_server: PutServer) -> None:
    put_server.get_status = 403
    with PutHost(put_server.upload_prefix, headers={"Authorization": "Bearer up"}) as host:
        result = check_host(host)
    assert not result.ok and result.problem == "unreadable"
    assert result.message == ("The picture was uploaded, but 127.0.0.1 refuses to show it "
                              "without a password (HTTP 403), so IACrea could not read your "
                              "photos; make the uploaded files readable through their link.")
    assert put_server.received[1].method == "GET"
    assert "Authorization" not in put_server.received[1].headers  # the upload token stays home
    assert put_server.files == {}  # deleted all the same


def test_put_link_answers_a_sign_in_page(put_server: PutServer) -> None:
    put_server.get_status = 200
    with PutHost(put_server.upload_prefix) as host:
        result = check_host(host)
    assert not result.ok and result.problem == "unreadable"
    assert "something other than the uploaded picture" in result.message


def test_put_refused(put_server: PutServer) -> None:
    put_server.fail(401, times=1)
    with PutHost(put_server.upload_prefix, attempts=1) as host:
        result = check_host(host)
    assert not result.ok and result.problem == "denied"
    assert "refused the photo (HTTP 401" in result.message
    assert [r.method for r in put_server.received] == ["PUT"]


def test_put_wrong_folder(put_server: PutServer) -> None:
    with PutHost(f"{put_server.base_url}/elsewhere/", attempts=1) as host:
        result = check_host(host)
    assert not result.ok and result.problem == "address"
    assert "check the upload address" in result.message


def test_put_server_that_does_not_delete(put_server: PutServer) -> None:
    put_server.delete_status = 405
    with PutHost(put_server.upload_prefix) as host:
        result = check_host(host)
    assert result.ok
    assert any("could not be deleted" in note for note in result.notes)
    assert len(put_server.files) == 1


def test_clock_far_off_is_named(put_server: PutServer) -> None:
    put_server.get_status = 403
    with PutHost(put_server.upload_prefix) as host:
        result = check_host(host, now=lambda: 2_000_000_000.0)  # 2033, years ahead
    assert not result.ok and result.problem == "clock"
    assert "clock is off by about" in result.message


def test_unreachable_host_is_a_network_problem() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free once closed: nothing listens there
    with PutHost(f"http://127.0.0.1:{port}/up/", attempts=1) as host:
        result = check_host(host)
    assert not result.ok and result.problem == "network"
    assert "could not be reached" in result.message


@pytest.mark.parametrize("url", ["https://photos.example.com/up/", "https://93.184.215.14/up/"])
def test_public_address_has_no_local_note(url: str) -> None:
    from desktop_app.engines.host_check import _local_address_note

    assert _local_address_note(url) is None


# -- from settings --------------------------------------------------------------------------

def test_settings_for_s3(s3_server: S3Server, bucket: str) -> None:
    settings = HostSettings(kind="s3", s3_endpoint=s3_server.endpoint_url, s3_bucket=bucket,
                            s3_region=s3_server.region,
                            s3_access_key_id=s3_server.access_key_id)
    result = check_settings(settings, s3_server.secret_access_key)
    assert result.ok, result.message
    missing_secret = check_settings(settings, None)
    assert not missing_secret.ok and missing_secret.problem == "settings"
    assert "secret key is missing" in missing_secret.message


def test_settings_for_put_and_none(put_server: PutServer,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESKTOP_APP_UPLOAD_URL", raising=False)
    assert check_settings(HostSettings(kind="put", put_url=put_server.upload_prefix)).ok
    nothing = check_settings(HostSettings(kind="none"))
    assert not nothing.ok and nothing.problem == "settings"


def test_errors_that_settings_fix_say_so(s3_server: S3Server) -> None:
    from desktop_app.core.errors import HostingError

    with s3_host(s3_server, "no-such-bucket-either") as host, \
            pytest.raises(HostingError) as err:
        host.upload(Path(__file__).parent / "data" / "kitchen-white-island-01.jpg")
    assert err.value.reason == "bucket" and err.value.fix_in_settings
    assert not HostingError("busy", reason="server").fix_in_settings


# -- against a server that checks signatures and expiry --------------------------------------

def signed_host(server: SignedS3Server) -> S3Host:
    return S3Host("listing-photos", endpoint_url=server.endpoint_url, region=server.region,
                  access_key_id=server.access_key_id,
                  secret_access_key=server.secret_access_key, max_attempts=1)


def test_signed_link_read_back_without_credentials(signed_s3: SignedS3Server) -> None:
    with signed_host(signed_s3) as host:
        result = check_host(host)
    assert result.ok, result.message
    assert [(r.method, r.status) for r in signed_s3.log] == \
        [("PUT", 200), ("GET", 200), ("DELETE", 204)]
    assert signed_s3.objects == {}


def test_link_refused_as_expired_means_a_wrong_clock(signed_s3: SignedS3Server) -> None:
    signed_s3.advance(8 * 24 * 3600)  # the server lives 8 days ahead of this computer
    with signed_host(signed_s3) as host:
        result = check_host(host)
    assert not result.ok and result.problem == "clock"
    assert result.message == ("The picture was uploaded, but its brand-new link was refused as "
                              "expired, so this computer's clock is wrong; set the date and "
                              "time right (automatically) and test again.")
    assert [(r.method, r.status) for r in signed_s3.log] == \
        [("PUT", 200), ("GET", 403), ("DELETE", 204)]

