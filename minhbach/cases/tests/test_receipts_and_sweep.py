"""Receipts (secrets only as one-way hashes), the idempotent sweep, statutory letters, notifications."""
import datetime as dt
import io

import pytest
from django.core import mail
from docx import Document

from minhbach.cases import receipts, selectors
from minhbach.cases.models import Case
from minhbach.cases.services import case_accept, case_assign, deadlines_sweep, letter_generate
from minhbach.core import clock
from minhbach.core.models import OutboxMessage


def test_the_access_secret_is_stored_only_as_a_salted_hash(province, submit):
    receipt = submit()
    case = Case.objects.get(pk=receipt.case.pk)
    assert case.secret_hash.startswith("sha256$")
    assert receipts.normalise(receipt.access_secret) not in case.secret_hash
    assert len(receipts.normalise(receipt.access_secret)) == 20  # 100 bits
    # Salted: the same secret never hashes twice to the same value.
    assert receipts.hash_secret(receipt.access_secret) != receipts.hash_secret(receipt.access_secret)
    assert selectors.case_find_by_receipt(tracking_code=receipt.tracking_code, secret=receipt.access_secret) == case


def test_argon2id_receipts_are_still_verified_and_can_be_configured(province, submit, settings):
    settings.RECEIPT_HASH = "argon2id"
    receipt = submit()
    case = Case.objects.get(pk=receipt.case.pk)
    assert case.secret_hash.startswith("$argon2id$")
    settings.RECEIPT_HASH = "sha256"  # switching back keeps the receipts already given working
    assert selectors.case_find_by_receipt(tracking_code=receipt.tracking_code, secret=receipt.access_secret) == case
    assert selectors.case_find_by_receipt(tracking_code=receipt.tracking_code, secret="AAAAA-BBBBB-CCCCC-DDDDD") is None


def test_tracking_accepts_lower_case_and_missing_dashes_but_not_a_wrong_secret(province, submit):
    r = submit()
    assert selectors.case_find_by_receipt(tracking_code=r.tracking_code.lower().replace("-", " "),
                                          secret=r.access_secret.lower().replace("-", "")) == r.case
    assert selectors.case_find_by_receipt(tracking_code=r.tracking_code, secret="AAAAA-BBBBB-CCCCC-DDDDD") is None
    assert selectors.case_find_by_receipt(tracking_code="MB26-00000000", secret=r.access_secret) is None


def test_receipt_email_carries_the_secret_but_the_outbox_never_stores_it(province, submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = submit(email="dan@example.test")
    assert any(r.access_secret in m.body for m in mail.outbox)
    assert not OutboxMessage.objects.filter(body__contains=r.access_secret).exists()


def test_sweep_notifies_once_per_escalation_level(province, submit, settings):
    settings.DUE_SOON_DAYS = 3
    settings.ESCALATE_TO_OFFICE_AFTER_DAYS = 5
    users = province.users
    with clock.frozen(dt.date(2026, 3, 2)):
        case = submit(type="khieu_nai").case  # C1 due 12/3
        case_assign(case=case, actor=users.leader, assignee=users.handler)
    first = deadlines_sweep(today=dt.date(2026, 3, 10))
    again = deadlines_sweep(today=dt.date(2026, 3, 10))
    assert (first.due_soon, again.due_soon) == (1, 0)
    handler_notes = OutboxMessage.objects.filter(recipient_user=users.handler, dedupe_key__startswith="sweep")
    assert handler_notes.count() == 1
    overdue = deadlines_sweep(today=dt.date(2026, 3, 13))
    assert overdue.overdue == 1
    assert OutboxMessage.objects.filter(recipient_user=users.leader, dedupe_key__startswith="sweep").count() == 1
    late = deadlines_sweep(today=dt.date(2026, 3, 20))
    assert late.escalated == 1
    assert OutboxMessage.objects.filter(recipient_user=users.office, dedupe_key__startswith="sweep").count() == 1
    assert deadlines_sweep(today=dt.date(2026, 3, 20)).escalated == 0


def test_many_items_overdue_at_once_make_one_digest_per_person(province, submit, settings):
    settings.DUE_SOON_DAYS = 3
    users = province.users
    with clock.frozen(dt.date(2026, 3, 2)):
        cases = [submit(type="khieu_nai", title=f"Khiếu nại {i}").case for i in range(3)]
        for case in cases:
            case_assign(case=case, actor=users.leader, assignee=users.handler)
    report = deadlines_sweep(today=dt.date(2026, 3, 13))
    assert report.overdue == 3
    to_handler = OutboxMessage.objects.filter(recipient_user=users.handler, dedupe_key__startswith="sweep")
    assert to_handler.count() == 1
    digest = to_handler.get()
    assert digest.subject == "3 items overdue"
    assert all(c.tracking_code in digest.body for c in cases)
    assert OutboxMessage.objects.filter(recipient_user=users.leader, dedupe_key__startswith="sweep").count() == 1
    assert deadlines_sweep(today=dt.date(2026, 3, 13)).overdue == 0  # each item once
    assert to_handler.count() == 1


def test_notifications_never_carry_the_submitters_identity(province, submit):
    users = province.users
    case = submit(type="to_cao", name="Phạm Thị Canary", address="Số 7 ngõ Bí Mật", email="canary@example.test").case
    case_assign(case=case, actor=users.leader, assignee=users.handler)
    deadlines_sweep(today=case.due_date)
    for msg in OutboxMessage.objects.filter(recipient_user__isnull=False):
        assert "Canary" not in msg.body + msg.subject and "Bí Mật" not in msg.body


def test_acceptance_letter_is_an_f1_document_and_completes_the_notify_clock(province, submit):
    users = province.users
    case = submit(type="to_cao", name="Phạm Thị Canary").case
    case_accept(case=case, actor=users.handler)
    letter = letter_generate(case=case, actor=users.handler, kind="acceptance")
    doc = Document(io.BytesIO(bytes(letter.content)))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and case.tracking_code in text
    assert "Canary" not in text  # a denouncer is never named in letters (D4)
    assert case.deadlines.get(stage="notify").state == "met"
