"""Audit chain, uploads by content, F1 documents, log redaction."""
import datetime as dt
import io
import logging

import pytest
from docx import Document
from docx.shared import Mm

from minhbach.core.audit import audit_append, audit_verify
from minhbach.core.errors import DomainError
from minhbach.core.logging import RedactFilter
from minhbach.core.models import AuditEvent
from minhbach.core.officialdoc import OfficialDocument, render_official_document, vietnamese_date_line
from minhbach.core.uploads import check_upload

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_audit_chain_reports_the_first_tampered_entry():
    for i in range(5):
        audit_append(actor_label="system", verb="test", object_type="x", object_id=i, data={"n": i})
    assert audit_verify().first_broken_id is None and audit_verify().checked == 5
    third = AuditEvent.objects.order_by("id")[2]
    AuditEvent.objects.filter(pk=third.pk).update(reason="edited behind the application's back")
    assert audit_verify().first_broken_id == third.pk


@pytest.mark.django_db
def test_audit_events_cannot_be_edited_or_deleted_through_the_application():
    event = audit_append(actor_label="system", verb="test", object_type="x", object_id=1)
    event.reason = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_upload_type_is_judged_by_content_not_by_name():
    assert check_upload(name="anh.jpg", content=PNG).content_type == "image/png"
    assert check_upload(name="anh.jpg", content=PNG).name.endswith(".png")
    assert check_upload(name="don.pdf", content=PDF).content_type == "application/pdf"
    with pytest.raises(DomainError):
        check_upload(name="don.pdf", content=b"#!/bin/sh\nrm -rf /\n" * 10)
    with pytest.raises(DomainError):
        check_upload(name="empty.pdf", content=b"")


def test_upload_size_is_limited(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(DomainError) as err:
        check_upload(name="big.pdf", content=PDF + b"0" * 200)
    assert err.value.field == "attachments"


def test_official_document_follows_decree_30_layout():
    raw = render_official_document(OfficialDocument(
        parent_body="UBND tỉnh Thử Nghiệm", issuing_body="Sở Xây dựng", number="12", symbol="TB-SXD",
        place="Thử Nghiệm", date=dt.date(2026, 2, 5), title="Thông báo", subject="thụ lý đơn",
        body=["Nội dung thứ nhất.", "Nội dung thứ hai."], recipients=["Ông Nguyễn Văn An"],
        signer_title="Giám đốc", signer_name="Trần Văn Bình",
    ))
    doc = Document(io.BytesIO(raw))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells) + "\n".join(p.text for p in doc.paragraphs)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ XÂY DỰNG",
                     "Số: 12/TB-SXD", "Thử Nghiệm, ngày 05 tháng 02 năm 2026", "THÔNG BÁO", "Nội dung thứ hai.", "Trần Văn Bình"):
        assert expected in text
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert fonts == {"Times New Roman"}
    assert Mm(0) is not None


def test_date_line_keeps_leading_zeros_as_the_decree_shows():
    assert vietnamese_date_line("Hà Nội", dt.date(2026, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2026"
    assert vietnamese_date_line("Hà Nội", dt.date(2026, 11, 24)) == "Hà Nội, ngày 24 tháng 11 năm 2026"


def test_logs_never_carry_secrets_emails_or_phone_numbers():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "lookup %s secret=%s by %s %s",
                               ("MB26-7K3F9QXA", "K7F3Q-9XA2M", "an@example.test", "0912345678"), None)
    RedactFilter().filter(record)
    message = record.getMessage()
    assert "K7F3Q" not in message and "an@example.test" not in message and "0912345678" not in message
    assert "MB26-7K3F9QXA" in message


def test_the_web_servers_queue_warning_is_logged_once_a_minute_with_a_count(settings, caplog):
    from django.utils.module_loading import import_string

    assert settings.LOGGING["loggers"]["waitress.queue"]["filters"] == ["once_a_minute"]
    spec = dict(settings.LOGGING["filters"]["once_a_minute"])
    clock = {"t": 1000.0}
    throttle = import_string(spec.pop("()"))(**spec, now=lambda: clock["t"])
    queue_log = logging.getLogger("minhbach.tests.queue")
    queue_log.addFilter(throttle)
    try:
        with caplog.at_level(logging.WARNING, logger=queue_log.name):
            for depth in range(1, 301):  # a burst: one warning per request
                queue_log.warning("Task queue depth is %d", depth)
            clock["t"] += 61
            queue_log.warning("Task queue depth is %d", 7)
    finally:
        queue_log.removeFilter(throttle)
    assert [r.getMessage() for r in caplog.records if r.name == queue_log.name] == [
        "Task queue depth is 1", "Task queue depth is 7 (299 more like this in the last 60 s)"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    import threading

    from django.db import close_old_connections

    errors = []

    def writer(n):
        try:
            for i in range(15):
                audit_append(actor_label="system", verb="concurrent", object_type="x", object_id=f"{n}-{i}")
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    report = audit_verify()
    assert report.first_broken_id is None and report.checked == 60
