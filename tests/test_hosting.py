"""Image hosting through real HTTP: a PUT server and an S3 server (moto) on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from put_server import PutServer, S3Server, enforced_auth, s3_host

from desktop_app.core.errors import ConfigError, HostingError, InputError
from desktop_app.engines.hosting import (
    UPLOAD_URL_ENV,
    Host,
    HostSettings,
    PutHost,
    S3Host,
    build_host,
)

PHOTO = Path(__file__).parent / "data" / "kitchen-white-island-01.jpg"


class Sleeps:
    """Records the waits instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def put_host(put_server: PutServer, sleeps: Sleeps) -> Iterator[PutHost]:
    with PutHost(put_server.upload_prefix, sleep=sleeps) as host:
        yield host


def fetch(url: str) -> requests.Response:
    with requests.Session() as session:
        response = session.get(url, timeout=10)
        response.content  # noqa: B018 - read it all before the session closes
        return response


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- PUT ------------------------------------------------------------------------------------

def test_json_answer_gives_the_public_url(put_server: PutServer, put_host: PutHost) -> None:
    url = put_host.upload(PHOTO, "image/jpeg")
    assert url.startswith(f"{put_server.base_url}/files/")
    assert url.endswith(".jpg")
    response = fetch(url)
    assert response.status_code == 200
    assert response.content == PHOTO.read_bytes()
    assert response.headers["Content-Type"] == "image/jpeg"
    (put,) = put_server.puts()
    assert put.path.startswith("/upload/") and put.size == PHOTO.stat().st_size


def test_location_header_is_resolved(put_server: PutServer, put_host: PutHost) -> None:
    put_server.mode = "location"
    url = put_host.upload(PHOTO)
    assert url.startswith(f"{put_server.base_url}/files/")  # relative Location made absolute
    assert fetch(url).content == PHOTO.read_bytes()


@pytest.mark.parametrize("mode", ["created", "no-content"])
def test_plain_answer_means_the_put_url(mode: str, put_server: PutServer,
                                        put_host: PutHost) -> None:
    put_server.mode = mode  # type: ignore[assignment]
    url = put_host.upload(PHOTO)
    assert url.startswith(put_server.upload_prefix)
    assert urlsplit(url).path == put_server.puts()[0].path
    assert fetch(url).content == PHOTO.read_bytes()


def test_names_are_unguessable_and_say_nothing(put_server: PutServer, put_host: PutHost,
                                               tmp_path: Path) -> None:
    src = tmp_path / "12 rue des Lilas - salon.PNG"
    src.write_bytes(b"\x89PNG fake but uploaded as is")
    names = {urlsplit(put_host.upload(src)).path.rsplit("/", 1)[1] for _ in range(3)}
    assert len(names) == 3
    for name in names:
        assert name.endswith(".png")
        assert "Lilas" not in name and "salon" not in name
        assert len(name) >= 24 + len(".png")
    assert {p.headers["Content-Type"] for p in put_server.puts()} == {"image/png"}


def test_name_placeholder_keeps_a_query_string(put_server: PutServer, sleeps: Sleeps) -> None:
    put_server.mode = "created"
    with PutHost(f"{put_server.upload_prefix}{{name}}?token=abc", sleep=sleeps) as host:
        url = host.upload(PHOTO)
        assert "token=abc" not in host.describe()
    assert parse_qs(urlsplit(url).query) == {"token": ["abc"]}
    assert put_server.puts()[0].path.endswith("?token=abc")


def test_retries_server_errors_with_the_same_name(put_server: PutServer, put_host: PutHost,
                                                  sleeps: Sleeps) -> None:
    put_server.fail(500, times=2)
    url = put_host.upload(PHOTO)
    puts = put_server.puts()
    assert len(puts) == 3
    assert len({p.path for p in puts}) == 1  # the same name each time: idempotent
    assert len(sleeps.calls) == 2
    assert fetch(url).content == PHOTO.read_bytes()


def test_gives_up_after_the_last_attempt(put_server: PutServer, sleeps: Sleeps) -> None:
    put_server.fail(503, times=10)
    host = PutHost(put_server.upload_prefix, attempts=3, sleep=sleeps)
    with host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "503" in str(err.value) and err.value.transient
    assert len(put_server.puts()) == 3 and len(sleeps.calls) == 2


def test_backoff_is_capped_and_honours_retry_after(put_server: PutServer,
                                                   sleeps: Sleeps) -> None:
    put_server.fail(429, times=1, headers={"Retry-After": "3"})
    put_server.fail(500, times=5)
    with PutHost(put_server.upload_prefix, attempts=7, backoff=1.0, max_backoff=4.0,
                 sleep=sleeps) as host:
        host.upload(PHOTO)
    assert len(sleeps.calls) == 6
    assert sleeps.calls[0] >= 3.0  # the server asked for three seconds
    assert all(0 < s <= 4.0 for s in sleeps.calls)
    assert max(sleeps.calls[3:]) > 1.0  # and the waits grew


def test_dropped_connection_is_retried(put_server: PutServer, put_host: PutHost,
                                       sleeps: Sleeps) -> None:
    put_server.drop(times=1)
    url = put_host.upload(PHOTO)
    assert len(put_server.puts()) == 2 and len(sleeps.calls) == 1
    assert fetch(url).content == PHOTO.read_bytes()


def test_forbidden_is_not_retried(put_server: PutServer, put_host: PutHost,
                                  sleeps: Sleeps) -> None:
    put_server.fail(403, times=5)
    with pytest.raises(HostingError) as err:
        put_host.upload(PHOTO)
    text = str(err.value)
    assert "403" in text and "127.0.0.1" in text and "Settings" in text
    assert not err.value.transient
    assert len(put_server.puts()) == 1 and sleeps.calls == []


def test_unknown_folder_is_a_clear_error(put_server: PutServer, sleeps: Sleeps) -> None:
    host = PutHost(f"{put_server.base_url}/elsewhere/", sleep=sleeps)
    with host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "404" in str(err.value) and "upload address" in str(err.value)


def test_unreachable_server(sleeps: Sleeps) -> None:
    with PutHost(f"http://127.0.0.1:{free_port()}/up/", attempts=2, sleep=sleeps,
                 timeout=(2, 5)) as host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "could not be reached" in str(err.value) and err.value.transient
    assert len(sleeps.calls) == 1


def test_missing_file_is_an_input_error(put_server: PutServer, put_host: PutHost,
                                        tmp_path: Path) -> None:
    with pytest.raises(InputError):
        put_host.upload(tmp_path / "gone.jpg")
    assert put_server.puts() == []


@pytest.mark.parametrize("prefix", ["", "ftp://example.com/", "example.com/uploads/"])
def test_bad_prefix_is_a_config_error(prefix: str) -> None:
    with pytest.raises(ConfigError):
        PutHost(prefix)


def test_put_host_is_a_host(put_host: PutHost) -> None:
    assert isinstance(put_host, Host)
    assert put_host.describe() == "Upload server 127.0.0.1 (HTTP PUT)"


def test_custom_headers_and_session_are_used(put_server: PutServer, sleeps: Sleeps) -> None:
    with requests.Session() as session:
        host = PutHost(put_server.upload_prefix, session=session, sleep=sleeps,
                       headers={"Authorization": "Bearer upload-token"})
        host.upload(PHOTO)
        host.close()  # a session it did not create stays open
        assert session.get(f"{put_server.base_url}/files/none", timeout=5).status_code == 404
    assert put_server.puts()[0].headers["Authorization"] == "Bearer upload-token"


# -- S3 -------------------------------------------------------------------------------------

def test_s3_upload_and_presigned_get(s3_server: S3Server, bucket: str) -> None:
    with s3_host(s3_server, bucket, expires=3600) as host:
        assert isinstance(host, Host)
        url = host.upload(PHOTO, "image/jpeg")
        assert bucket in host.describe()
    parts = urlsplit(url)
    assert url.startswith(f"{s3_server.endpoint_url}/{bucket}/skyclear/")  # path-style
    assert parts.path.endswith(".jpg") and "kitchen" not in parts.path
    query = parse_qs(parts.query)
    assert query["X-Amz-Expires"] == ["3600"]
    assert "X-Amz-Signature" in query
    response = fetch(url)
    assert response.status_code == 200
    assert response.content == PHOTO.read_bytes()
    assert response.headers["Content-Type"] == "image/jpeg"


def test_s3_prefix_and_png_type(s3_server: S3Server, bucket: str, tmp_path: Path) -> None:
    mask = tmp_path / "mask.png"
    mask.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    # By host name, as MinIO is usually reached: the bucket goes in the path, not the host.
    endpoint = s3_server.endpoint_url.replace("127.0.0.1", "localhost")
    with s3_host(s3_server, bucket, prefix="masks/2024/", endpoint_url=endpoint) as host:
        url = host.upload(mask)
        assert host.describe() == f"S3 bucket {bucket} on localhost"
    assert url.startswith(f"{endpoint}/{bucket}/masks/2024/")
    response = fetch(url)
    assert response.content == mask.read_bytes()
    assert response.headers["Content-Type"] == "image/png"


def test_s3_link_expires_after_a_week_by_default(s3_server: S3Server, bucket: str) -> None:
    with s3_host(s3_server, bucket) as host:
        url = host.upload(PHOTO)
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == [str(7 * 24 * 3600)]


def test_s3_no_such_bucket(s3_server: S3Server) -> None:
    with s3_host(s3_server, "no-such-bucket-here") as host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "does not exist" in str(err.value) and "no-such-bucket-here" in str(err.value)
    assert not err.value.transient


def test_s3_endpoint_unreachable() -> None:
    host = S3Host("photos", endpoint_url=f"http://127.0.0.1:{free_port()}", access_key_id="k",
                  secret_access_key="s", max_attempts=1, timeout=(2, 5))
    with host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "could not be reached" in str(err.value) and err.value.transient


def test_s3_without_credentials(s3_server: S3Server, bucket: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                 "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                 "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    host = S3Host(bucket, endpoint_url=s3_server.endpoint_url, max_attempts=1)
    with host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "access key" in str(err.value) and "Settings" in str(err.value)


def test_s3_access_denied(s3_server: S3Server, bucket: str) -> None:
    iam = s3_server.client("iam")
    try:
        iam.create_user(UserName=f"no-rights-{bucket}")
        key = iam.create_access_key(UserName=f"no-rights-{bucket}")["AccessKey"]
    finally:
        iam.close()
    host = s3_host(s3_server, bucket, access_key_id=key["AccessKeyId"],
                   secret_access_key=key["SecretAccessKey"])
    with enforced_auth(s3_server), host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "denied" in str(err.value) and bucket in str(err.value)
    assert not err.value.transient


def test_s3_unknown_key(s3_server: S3Server, bucket: str) -> None:
    host = s3_host(s3_server, bucket, access_key_id="AKIAUNKNOWNKEY000000",
                   secret_access_key="wrong")
    with enforced_auth(s3_server), host, pytest.raises(HostingError) as err:
        host.upload(PHOTO)
    assert "access key" in str(err.value)


@pytest.mark.parametrize(("kwargs", "needle"), [
    ({"access_key_id": "only-the-id"}, "secret key"),
    ({"secret_access_key": "only-the-secret"}, "access key ID"),
    ({"expires": 8 * 24 * 3600}, "7 days"),
    ({"expires": 0}, "7 days"),
    ({"endpoint_url": "minio.local:9000"}, "http"),
])
def test_s3_bad_settings(kwargs: dict, needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        S3Host("photos", **kwargs)
    assert needle in str(err.value)


# -- settings -------------------------------------------------------------------------------

def test_no_host_configured() -> None:
    assert build_host(HostSettings()) is None


def test_environment_gives_a_put_host(put_server: PutServer,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(UPLOAD_URL_ENV, put_server.upload_prefix)
    host = build_host(HostSettings(kind="none"))
    assert isinstance(host, PutHost)
    try:
        assert fetch(host.upload(PHOTO)).content == PHOTO.read_bytes()
    finally:
        host.close()


def test_put_settings(put_server: PutServer) -> None:
    host = build_host(HostSettings(kind="put", put_url=put_server.upload_prefix))
    assert isinstance(host, PutHost)
    host.close()
    with pytest.raises(ConfigError, match="upload address"):
        build_host(HostSettings(kind="put"))


def test_s3_settings(s3_server: S3Server, bucket: str) -> None:
    settings = HostSettings(kind="s3", s3_endpoint=s3_server.endpoint_url,
                            s3_region=s3_server.region, s3_bucket=bucket, s3_prefix="in/",
                            s3_access_key_id=s3_server.access_key_id, s3_expiry_seconds=600)
    host = build_host(settings, s3_server.secret_access_key)
    assert isinstance(host, S3Host)
    with host:
        url = host.upload(PHOTO)
    assert f"/{bucket}/in/" in url and "X-Amz-Expires=600" in url
    assert fetch(url).content == PHOTO.read_bytes()
    assert HostSettings.from_dict({**settings.to_dict(), "unknown": 1}) == settings


@pytest.mark.parametrize(("settings", "secret", "needle"), [
    (HostSettings(kind="s3"), None, "bucket"),
    (HostSettings(kind="s3", s3_bucket="b-1", s3_access_key_id="AKIA"), None, "secret key"),
    (HostSettings(kind="s3", s3_bucket="b-1"), "secret", "access key ID"),
    (HostSettings(kind="ftp"), None, "Unknown kind"),
])
def test_incomplete_settings(settings: HostSettings, secret: str | None, needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        build_host(settings, secret)
    assert needle in str(err.value)
