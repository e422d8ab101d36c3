"""Attachments and documents on S3-compatible object storage, for real.

A moto S3 server runs in this process and answers HTTP on 127.0.0.1; the storage is exactly what the `MINHBACH_S3_*`
variables give (`config.settings.file_storage`), and the bucket is read back with a separate boto3 client, as an
operator would. Citizens and staff go through the pages; every download goes through the application's own views.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from types import SimpleNamespace

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.debug import ExceptionReporter

from config.settings import file_storage
from minhbach.accounts.testing import login_verified
from minhbach.cases.models import Attachment, Case
from minhbach.cases.tests.test_views_intake import form as intake_form
from minhbach.core import clock
from minhbach.core.officialdoc import OfficialDocument, render_official_document
from minhbach.portal.tests.test_submit import PDF, form as portal_form
from minhbach.transparency.models import Publication
from minhbach.vault import crypto, services as vault
from minhbach.vault.tests.conftest import CANARY, leaks

REGION = "us-east-1"
ACCESS_KEY = "minhbach-test-key-id"
SECRET_KEY = "S3-SECRET-never-shown-7f2c9a"  # checked to stay out of pages, error pages and logs
PREFIX = "tinh-thu-nghiem"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3-compatible HTTP server, on a free port of 127.0.0.1, for this module."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _environment(endpoint: str, bucket: str) -> dict[str, str]:
    return {"MINHBACH_S3_BUCKET": bucket, "MINHBACH_S3_ENDPOINT_URL": endpoint, "MINHBACH_S3_REGION": REGION,
            "MINHBACH_S3_ACCESS_KEY_ID": ACCESS_KEY, "MINHBACH_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "MINHBACH_S3_PREFIX": f"{PREFIX}/"}


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh private bucket, and the application's default storage configured on it from the environment variables."""
    name = f"minhbach-{uuid.uuid4().hex[:16]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, aws_access_key_id=ACCESS_KEY,
                          aws_secret_access_key=SECRET_KEY)
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "default": file_storage(_environment(s3_endpoint, name))}

    def keys() -> list[str]:
        return sorted(o["Key"] for o in client.list_objects_v2(Bucket=name).get("Contents", []))

    def read(key: str) -> bytes:
        return client.get_object(Bucket=name, Key=key)["Body"].read()

    yield SimpleNamespace(name=name, client=client, endpoint=s3_endpoint, keys=keys, read=read)
    for key in keys():
        client.delete_object(Bucket=name, Key=key)
    client.delete_bucket(Bucket=name)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_private(bucket, key: str) -> None:
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
    assert grants and all(g["Grantee"].get("URI") != ALL_USERS for g in grants)


def test_without_a_bucket_files_stay_on_the_local_filesystem():
    assert file_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert file_storage({"MINHBACH_S3_BUCKET": " "})["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_citizens_attachment_is_stored_in_the_bucket_and_staff_download_the_same_bytes(bucket, province, categories,
                                                                                         settings, client, caplog):
    web = Client(headers={"accept-language": "en"})
    with caplog.at_level(logging.INFO, logger="werkzeug"):  # the S3 server's request log
        r = web.post(reverse("portal:submit"),
                     {**portal_form(), "attachments": [SimpleUploadedFile("bien-ban.pdf", PDF)]})
    assert r.status_code == 302

    case = Case.objects.get()
    att = Attachment.objects.get(case=case)
    key = f"{PREFIX}/{att.file.name}"
    assert att.file.name.startswith(f"attachments/{case.received_at:%Y/%m}/") and att.file.name.endswith(".pdf")
    assert bucket.keys() == [key] and bucket.read(key) == PDF
    _assert_private(bucket, key)
    assert not (settings.MEDIA_ROOT.exists() and any(settings.MEDIA_ROOT.rglob("*")))  # nothing on the local disk
    # The application wrote it over HTTP; the object is private: a plain request without credentials is refused.
    assert f"PUT /{bucket.name}/{key} " in caplog.text
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{bucket.endpoint}/{bucket.name}/{key}")
    assert refused.value.code == 403

    login_verified(client, province.users.handler)
    item = client.get(reverse("cases:item", args=[case.pk]))
    got = client.get(reverse("cases:attachment", args=[case.pk, att.pk]))
    assert got.status_code == 200 and _body(got) == PDF
    assert got["Content-Disposition"].startswith("attachment;") and "bien-ban.pdf" in got["Content-Disposition"]
    assert "no-store" in got["Cache-Control"]
    # The item page links the application's own download view, never the bucket (nor a signed URL to it).
    page = item.content.decode()
    assert reverse("cases:attachment", args=[case.pk, att.pk]) in page
    assert bucket.endpoint not in page and bucket.name not in page and "X-Amz-" not in page
    # Someone who may not see the item gets nothing, whatever the storage.
    login_verified(client, province.users.commune_handler)
    assert client.get(reverse("cases:attachment", args=[case.pk, att.pk])).status_code == 404
    # An object gone from the bucket is "not found", not a server error.
    bucket.client.delete_object(Bucket=bucket.name, Key=key)
    login_verified(client, province.users.handler)
    assert client.get(reverse("cases:attachment", args=[case.pk, att.pk])).status_code == 404


SCAN = b"%PDF-1.4\n% handwritten denunciation signed by Canaryson, ID 079188123456\n%%EOF\n"


def test_a_denunciations_scan_is_ciphertext_in_the_bucket_and_opens_only_through_the_vault(bucket, province, categories,
                                                                                          client):
    users = province.users
    client.force_login(users.clerk)
    r = client.post(reverse("cases:intake"), {
        **intake_form(province, type="to_cao", title="Tố cáo cán bộ thu tiền trái phép", submitter_name=CANARY.name,
                      submitter_id_number=CANARY.id_number),
        "attachments": [SimpleUploadedFile("thu-to-cao-Canaryson.pdf", SCAN, content_type="application/pdf")]})
    assert r.status_code == 200

    case = Case.objects.get()
    scan = Attachment.objects.get(case=case)
    assert scan.identifying and "Canaryson" not in scan.name
    [key] = bucket.keys()
    assert key == f"{PREFIX}/{scan.file.name}" and "Canaryson" not in key
    stored = bucket.read(key)
    assert crypto.is_sealed(stored) and b"%PDF" not in stored and leaks(stored) == []
    _assert_private(bucket, key)

    # A handler of the item without a custodian's approval: the scan does not exist for them.
    login_verified(client, users.handler)
    assert client.get(reverse("cases:attachment", args=[case.pk, scan.pk])).status_code == 404
    assert client.get(reverse("vault:document", args=[case.pk, scan.pk])).status_code == 404
    # Approved by the custodian: the vault decrypts what it reads from the bucket, with the original name.
    req = vault.reveal_request(case=case, actor=users.handler, reason="Cần xác minh trực tiếp với người tố cáo.")
    vault.reveal_decide(request=req, actor=users.custodian, approve=True, reason="Có căn cứ xác minh.")
    got = client.get(reverse("vault:document", args=[case.pk, scan.pk]))
    assert got.status_code == 200 and got.content == SCAN
    assert "thu-to-cao-Canaryson.pdf" in got["Content-Disposition"] and "no-store" in got["Cache-Control"]
    page = client.get(reverse("vault:reveal", args=[case.pk])).content.decode()
    assert reverse("vault:document", args=[case.pk, scan.pk]) in page and bucket.endpoint not in page


def test_a_generated_document_published_by_a_leader_is_kept_in_the_bucket_and_downloads_for_everyone(bucket, province):
    content = render_official_document(OfficialDocument(
        issuing_body=province.units.dept.name, title="Kế hoạch tiếp công dân quý II năm 2026", symbol="KH-SNNMT",
        number="12", place="Thử Nghiệm", date=dt.date(2026, 4, 1), signer_title="Giám đốc",
        body=["Sở tổ chức tiếp công dân định kỳ vào thứ Năm hằng tuần."]))
    staff = Client(headers={"accept-language": "en"})
    staff.force_login(province.users.leader)
    with clock.frozen("2026-04-02"):
        r = staff.post("/staff/publishing/cong-bo/", {
            "kind": "plan", "unit": "so-tnmt", "title": "Kế hoạch tiếp công dân quý II", "issued_on": "2026-04-01",
            "document": SimpleUploadedFile("ke-hoach-tiep-cong-dan.docx", content)})
        assert r.status_code == 302
        pub = Publication.objects.get()
        assert staff.post(f"/staff/publishing/cong-bo/{pub.pk}/publish/").status_code == 302

        key = f"{PREFIX}/{pub.document.name}"
        assert pub.document.name.startswith("publications/2026/") and pub.document.name.endswith(".docx")
        assert bucket.keys() == [key] and bucket.read(key) == content
        _assert_private(bucket, key)  # published, yet still served by the portal's view, not by the bucket

        public = Client(headers={"accept-language": "en"})
        page = public.get(f"/cong-bo/{pub.pk}/").content.decode()
        doc = public.get(f"/cong-bo/{pub.pk}/van-ban/")
        assert doc.status_code == 200 and _body(doc) == content
        assert "ke-hoach-tiep-cong-dan.docx" in doc["Content-Disposition"]
        assert f"/cong-bo/{pub.pk}/van-ban/" in page and bucket.endpoint not in page and "X-Amz-" not in page
        bucket.client.delete_object(Bucket=bucket.name, Key=key)
        assert public.get(f"/cong-bo/{pub.pk}/van-ban/").status_code == 404


def test_the_storage_keys_never_appear_on_an_error_page(bucket, settings):
    assert SECRET_KEY in repr(settings.STORAGES)  # the control: the settings do hold it
    try:
        raise RuntimeError("storage failure")
    except RuntimeError:
        html = ExceptionReporter(RequestFactory().get("/"), *sys.exc_info()).get_traceback_html()
    assert "storage failure" in html and "STORAGES" in html
    assert SECRET_KEY not in html and ACCESS_KEY not in html


def test_a_signed_url_or_a_key_that_reaches_a_log_line_is_redacted(bucket):
    from django.core.files.storage import default_storage

    from minhbach.core.logging import redact

    signed = default_storage.url("attachments/x.pdf")  # the app never shows one; a stray log line must not carry it
    assert "X-Amz-Signature=" in signed
    line = redact(f"GET {signed} failed; aws_secret_access_key={SECRET_KEY}")
    assert "X-Amz-Signature=[redacted]" in line and ACCESS_KEY not in line and SECRET_KEY not in line


def test_the_environment_variables_alone_put_a_new_process_on_the_bucket(bucket, tmp_path):
    env = {**os.environ, **_environment(bucket.endpoint, bucket.name), "MINHBACH_DATA_DIR": str(tmp_path),
           "MINHBACH_LOG_LEVEL": "DEBUG"}
    code = ("from django.core.files.base import ContentFile\n"
            "from django.core.files.storage import default_storage as s\n"
            "name = s.save('probe/xin-chao.txt', ContentFile(b'xin chao'))\n"
            "print(type(s._wrapped).__name__, name, s.open(name).read().decode())\n")
    done = subprocess.run([sys.executable, "-m", "minhbach", "shell", "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].split() == ["S3Storage", "probe/xin-chao.txt", "xin", "chao"]
    assert bucket.keys() == [f"{PREFIX}/probe/xin-chao.txt"]
    assert SECRET_KEY not in done.stdout + done.stderr
