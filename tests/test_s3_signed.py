"""S3 hosting against a server that checks SigV4 signatures and expiry as AWS does
(``s3_server.py``): the presigned link works until it expires and not a second longer, a
forged or altered link is refused, and a whole job is delivered through it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from iacrea_server import IACreaServer
from s3_server import SignedS3Server
from test_window_helpers import make_workspace

from desktop_app.core import credentials, paths
from desktop_app.core.errors import HostingError
from desktop_app.core.models import EngineName, Service, Status
from desktop_app.core.settings import Settings, save_settings
from desktop_app.engines.hosting import S3Host

DATA = Path(__file__).parent / "data"
PHOTO = DATA / "dining-room-windows-blown-out-01.jpg"
BUCKET = "listing-photos"


def host_on(server: SignedS3Server, **kwargs: Any) -> S3Host:
    options: dict[str, Any] = dict(endpoint_url=server.endpoint_url, region=server.region,
                                   access_key_id=server.access_key_id,
                                   secret_access_key=server.secret_access_key, max_attempts=1)
    options.update(kwargs)
    return S3Host(BUCKET, **options)


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def test_the_presigned_link_works_until_it_expires(signed_s3: SignedS3Server) -> None:
    with host_on(signed_s3, expires=600) as host:
        url = host.upload(PHOTO)
    assert query_of(url)["X-Amz-Expires"] == "600"
    answer = requests.get(url, timeout=30)
    assert answer.status_code == 200 and answer.content == PHOTO.read_bytes()
    assert answer.headers["Content-Type"] == "image/jpeg"
    signed_s3.advance(590)
    assert requests.get(url, timeout=30).status_code == 200  # still inside its 10 minutes
    signed_s3.advance(20)
    late = requests.get(url, timeout=30)
    assert late.status_code == 403 and b"Request has expired" in late.content


@pytest.mark.parametrize("alter", [
    pytest.param(lambda url: url[:-1] + ("0" if url[-1] != "0" else "1"), id="signature"),
    pytest.param(lambda url: url.replace("X-Amz-Expires=600", "X-Amz-Expires=86400"),
                 id="longer-expiry"),
    pytest.param(lambda url: url.replace("/skyclear/", "/skyclear/other-"), id="other-object"),
])
def test_a_forged_or_altered_link_is_refused(signed_s3: SignedS3Server, alter: Any) -> None:
    with host_on(signed_s3, expires=600) as host:
        url = host.upload(PHOTO)
    forged = alter(url)
    assert forged != url
    answer = requests.get(forged, timeout=30)
    assert answer.status_code == 403 and b"SignatureDoesNotMatch" in answer.content


def test_a_link_signed_with_another_secret_is_refused(signed_s3: SignedS3Server) -> None:
    with host_on(signed_s3) as host:
        url = host.upload(PHOTO)
    with host_on(signed_s3, secret_access_key="not-the-secret") as wrong:
        # boto3 signs locally: a link can be made, but the server refuses it
        forged = wrong._client.generate_presigned_url(
            "get_object", Params={"Bucket": BUCKET, "Key": url.split("?")[0].split(
                f"/{BUCKET}/")[1]}, ExpiresIn=600)
        assert requests.get(forged, timeout=30).status_code == 403
        with pytest.raises(HostingError):
            wrong.upload(PHOTO)  # and the upload itself is refused
    assert [r.reason for r in signed_s3.log if r.method == "PUT"] == ["", "SignatureDoesNotMatch"]


def test_a_job_is_delivered_through_s3_hosting(iacrea_server: IACreaServer,
                                               signed_s3: SignedS3Server) -> None:
    credentials.set_api_key(iacrea_server.api_key)
    credentials.set_secret(credentials.S3_SECRET, signed_s3.secret_access_key)
    settings = Settings(user_id=iacrea_server.user_id, base_url=iacrea_server.url,
                        engine=EngineName.CLOUD, host_kind="s3",  # type: ignore[arg-type]
                        s3_endpoint=signed_s3.endpoint_url, s3_region=signed_s3.region,
                        s3_bucket=BUCKET, s3_prefix="jobs/",
                        s3_access_key_id=signed_s3.access_key_id, s3_expiry_seconds=900)
    ws = make_workspace(settings)
    try:
        gen = ws.pipeline.new_generation(str(PHOTO), Service.SKY, EngineName.CLOUD)
        assert gen.id is not None
        done = ws.pipeline.run(gen.id)
    finally:
        ws.close()
    assert done.status is Status.DONE, done.error
    assert Path(done.result_files[0]).is_file()
    [generate] = iacrea_server.calls_to("sky_interior/generate")
    assert generate.body is not None
    image_url = generate.body["image_url"]
    assert image_url.startswith(f"{signed_s3.endpoint_url}/{BUCKET}/jobs/")
    assert query_of(image_url)["X-Amz-Expires"] == "900"
    # the service fetched the photo through the presigned link, and the signature held
    fetched = [r for r in signed_s3.log if r.method == "GET"]
    assert fetched and all(r.status == 200 for r in fetched)
    assert iacrea_server.credits == 9


def test_the_cli_delivers_a_job_through_s3_hosting(iacrea_server: IACreaServer,
                                                    signed_s3: SignedS3Server,
                                                    tmp_path: Path) -> None:
    """``desktop-app process`` with S3 hosting in its settings: the photo goes up signed, IACrea
    fetches exactly the presigned link it was given, and the result comes back. The command
    line has no keyring here, so the bucket's keys come from the standard AWS variables."""
    from test_cli import cli_env, desktop_app, json_lines, no_traceback

    home = tmp_path / "cli-home"
    env = cli_env(home, iacrea_server)
    env.update(AWS_ACCESS_KEY_ID=signed_s3.access_key_id,
               AWS_SECRET_ACCESS_KEY=signed_s3.secret_access_key,
               AWS_CONFIG_FILE=str(tmp_path / "no-aws-config"),
               AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-aws-credentials"))
    settings = Settings(host_kind="s3", s3_endpoint=signed_s3.endpoint_url,  # type: ignore[arg-type]
                        s3_region=signed_s3.region, s3_bucket=BUCKET, s3_prefix="cli/",
                        s3_expiry_seconds=600)
    home.mkdir()
    save_settings(settings, home / paths.settings_path().name)
    out = tmp_path / "out"
    proc = desktop_app("process", str(PHOTO), "--service", "sky", "--engine", "cloud",
                       "--out", str(out), "--json", env=env)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    [line] = json_lines(proc.stdout)
    assert line["status"] == "DONE" and Path(line["files"][0]).is_file()
    [generate] = iacrea_server.calls_to("sky_interior/generate")
    assert generate.body is not None
    image_url = generate.body["image_url"]
    assert image_url.startswith(f"{signed_s3.endpoint_url}/{BUCKET}/cli/")
    assert query_of(image_url)["X-Amz-Expires"] == "600"
    link = urlsplit(image_url)
    put, fetched = [r for r in signed_s3.log if r.method in ("PUT", "GET")]
    assert (put.method, put.status, put.path) == ("PUT", 200, link.path)
    assert (fetched.method, fetched.status, fetched.path) == \
        ("GET", 200, f"{link.path}?{link.query}"), \
        "IACrea fetched the very presigned link it was sent, and its signature held"
    assert iacrea_server.credits == 9
