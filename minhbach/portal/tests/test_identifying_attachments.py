"""The sender marks, file by file, which attachments show who they are: those are sealed by the vault (unreadable to a
handler without a custodian's approval, absent from the raw database and media bytes); the others stay readable."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minhbach.cases.models import Attachment, Case
from minhbach.portal.tests.test_submit import form
from minhbach.vault import crypto
from minhbach.vault.tests.conftest import leaks
from minhbach.vault.tests.test_sealed_at_rest import _media_bytes, _raw_database_bytes

SIGNED_LETTER = b"%PDF-1.4\n% letter signed by Canaryson, ID 079188123456\n%%EOF\n"
EVIDENCE = b"%PDF-1.4\n% EVIDENCE-MARK-5151 receipt-less payment slip\n%%EOF\n"
LABEL = "This file shows who I am (signature, identity papers…) — keep it secret"


@pytest.fixture
def web():
    return Client(headers={"accept-language": "en"})


def boxes(page: str) -> list[bool]:
    found = re.findall(r'<input type="checkbox" name="identifying_(\d+)" id="id_identifying_\1"( checked)?>', page)
    return [bool(checked) for _n, checked in found]


def test_every_file_row_has_its_own_mark_ticked_by_default_for_a_denunciation(web, province, categories, settings):
    settings.UPLOAD_MAX_FILES = 3

    plain = web.get(reverse("portal:submit")).content.decode()
    denunciation = web.get(reverse("portal:submit") + "?loai=to_cao").content.decode()

    assert boxes(plain) == [False, False, False] and plain.count(LABEL) == 3
    assert boxes(denunciation) == [True, True, True]
    assert all(f'<label for="id_attachment_{n}">File {n}</label>' in plain for n in (1, 2, 3))


def test_a_form_sent_back_keeps_the_marks_as_the_sender_left_them(web, province, categories, settings):
    settings.UPLOAD_MAX_FILES = 3

    r = web.post(reverse("portal:submit"), {**form(type="to_cao", title=""), "identifying_2": "on",
                                            "attachment_1": SimpleUploadedFile("a.pdf", EVIDENCE)})

    assert r.status_code == 400 and boxes(r.content.decode()) == [False, True, False]
    assert "please choose them again" in r.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_denunciations_identifying_scan_is_sealed_and_its_evidence_stays_readable(client, province, categories,
                                                                                   settings):
    web = Client(headers={"accept-language": "en"})
    r = web.post(reverse("portal:submit"), {
        **form(type="to_cao", title="Tố cáo thu tiền không biên lai", category="tham-nhung"),
        "attachment_1": SimpleUploadedFile("chu-ky-Canaryson.pdf", SIGNED_LETTER, content_type="application/pdf"),
        "identifying_1": "on",
        "attachment_2": SimpleUploadedFile("phieu-thu.pdf", EVIDENCE, content_type="application/pdf"),
    })
    assert r.status_code == 302

    case = Case.objects.get()
    scan, evidence = Attachment.objects.get(case=case, identifying=True), Attachment.objects.get(case=case,
                                                                                                identifying=False)
    assert "Canaryson" not in scan.name and crypto.is_sealed(scan.file.open("rb").read())
    assert evidence.name == "phieu-thu.pdf"
    # A handler of the item, with no custodian's approval: the evidence downloads, the sealed scan does not exist.
    client.force_login(province.users.handler)
    got = client.get(reverse("cases:attachment", args=[case.pk, evidence.pk]))
    assert got.status_code == 200 and b"".join(got.streaming_content) == EVIDENCE
    assert client.get(reverse("cases:attachment", args=[case.pk, scan.pk])).status_code == 404
    page = client.get(reverse("cases:item", args=[case.pk])).content.decode()
    assert "phieu-thu.pdf" in page and scan.name not in page
    # Neither the database file nor the media directory holds the scan's name or content in clear.
    raw, media = _raw_database_bytes(), _media_bytes(settings)
    assert b"phieu-thu.pdf" in raw and b"EVIDENCE-MARK-5151" in media  # the scans do read real data
    assert leaks(raw) == [] and leaks(media) == []
