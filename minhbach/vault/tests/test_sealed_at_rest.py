"""A denouncer's identity is encrypted at rest: raw database bytes, pg_dump and the media directory never hold it."""
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from minhbach.cases.models import Attachment, Submitter
from minhbach.cases.services import SubmissionInput, SubmitterInput, case_assign, case_classify, case_submit
from minhbach.core.uploads import check_upload
from minhbach.vault import crypto
from minhbach.vault.tests.conftest import CANARY, leaks

# Real commits, so the bytes reach the database file; no django_db marker, so that `statutory_rules` (which restores
# the migrated rules after the flush) wraps `transactional_db`.
pytestmark = pytest.mark.usefixtures("statutory_rules")

LETTER_SCAN = b"%PDF-1.4\n% handwritten letter of Canaryson, signed 079188123456\n%%EOF\n"
EVIDENCE = b"%PDF-1.4\n% EVIDENCE-MARK-4242 photo of the land office\n%%EOF\n"


def _raw_database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA wal_checkpoint(FULL)")
        name = Path(connection.settings_dict["NAME"])
        return b"".join(p.read_bytes() for p in (name, Path(f"{name}-wal"), Path(f"{name}-shm")) if p.exists())
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    s = connection.settings_dict
    cmd = ["pg_dump", "--no-owner", "-h", s.get("HOST") or "127.0.0.1", "-p", str(s.get("PORT") or 5432),
           "-U", s.get("USER") or "postgres", s["NAME"]]
    return subprocess.run(cmd, check=True, capture_output=True, env={"PGPASSWORD": s.get("PASSWORD") or ""}).stdout


def _media_bytes(settings) -> bytes:
    root = Path(settings.MEDIA_ROOT)
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_canary_identity_is_absent_from_the_raw_database_and_the_media_files(province, canary, settings):
    users = province.users
    web = canary()
    case_classify(case=web.case, actor=users.handler, type="to_cao", letter_class="denunciation")
    case_assign(case=web.case, actor=users.leader, assignee=users.handler)
    # A paper denunciation keyed in by a clerk: the letter scan is sealed; a non-identifying file stays readable.
    paper = case_submit(
        data=SubmissionInput(type="to_cao", title="Tố cáo trên giấy PAPER-TITLE-9191", content="Nội dung tố cáo trên giấy, đủ dài.",
                             unit="so-tnmt", submitter=SubmitterInput(name=CANARY.name, address=CANARY.address,
                                                                      phone=CANARY.phone, id_number=CANARY.id_number)),
        channel="paper", actor=users.clerk, files=[check_upload(name="thu-Canaryson.pdf", content=LETTER_SCAN)],
        require_identity=False)
    from minhbach.cases.services import attachment_add

    attachment_add(case=paper.case, upload=check_upload(name="anh.pdf", content=EVIDENCE), from_citizen=False)

    raw = _raw_database_bytes()
    assert b"PAPER-TITLE-9191" in raw  # the scan does see ordinary data: a real control, not an empty read
    assert leaks(raw) == []
    media = _media_bytes(settings)
    assert b"EVIDENCE-MARK-4242" in media
    assert leaks(media) == []
    scan = Attachment.objects.get(case=paper.case, identifying=True)
    assert "Canaryson" not in scan.name and crypto.is_sealed(scan.file.open("rb").read())
    # …and the application still reads it all back.
    sub = Submitter.objects.get(case=paper.case)
    assert (sub.name, sub.phone, sub.id_number) == (CANARY.name, CANARY.phone, CANARY.id_number)
    assert Submitter.objects.get(case=web.case).email == CANARY.email


def test_the_sealed_blob_is_bound_to_its_item(province, canary, submit):
    a = canary().case
    b = submit(type="phan_anh").case
    sa, sb = Submitter.objects.get(case=a), Submitter.objects.get(case=b)
    # Swapping the sealed identity or the wrapped key between rows does not decrypt (AES-GCM with the item as AAD).
    Submitter.objects.filter(pk=sb.pk).update(sealed=sa.sealed)
    with pytest.raises(crypto.VaultError):
        Submitter.objects.get(pk=sb.pk).name
    Submitter.objects.filter(pk=sb.pk).update(key_wraps=sa.key_wraps)
    with pytest.raises(crypto.VaultError):
        Submitter.objects.get(pk=sb.pk).name


def test_a_citizen_notice_leaves_no_address_in_the_raw_database(province, canary):
    from minhbach.cases.services import case_accept

    case = canary().case
    case_accept(case=case, actor=province.users.handler)
    assert leaks(_raw_database_bytes()) == []
