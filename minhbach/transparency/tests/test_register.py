"""The monthly register: reviewed wording, sign-off by the unit's leader, a frozen snapshot, visible corrections."""
import pytest

from minhbach.cases.models import Status
from minhbach.core import clock
from minhbach.core.errors import DomainError
from minhbach.core.models import AuditEvent
from minhbach.transparency import redaction, selectors, services
from minhbach.transparency.models import RegisterCorrection, RegisterEntry
from minhbach.transparency.tests.conftest import AFTER, CANARY, MONTH


def test_redaction_strips_names_phones_emails_ids_and_tells_what_it_stripped():
    r = redaction.redact("Ông Nguyễn Văn Bình, ĐT 0987.654.321, email binh@example.test, CCCD 001203004005, "
                         "số nhà 12 phản ánh đất đai")
    assert "Nguyễn Văn Bình" not in r.text and "0987" not in r.text and "binh@" not in r.text
    assert "001203004005" not in r.text and "12" not in r.text
    assert "đất đai" in r.text
    assert {s.kind for s in r.stripped} == {"name", "phone", "email", "id_number", "address"}
    assert any(s.value == "Nguyễn Văn Bình" for s in r.stripped)


def test_the_sender_is_stripped_exactly_but_never_shown_when_protected():
    r = redaction.redact("Hoang thi canary hỏi về đất", identity={"name": "Hoàng Thị Canary"}, protected=True)
    assert "canary" not in r.text.lower()
    assert r.stripped[0].kind == "sender" and r.stripped[0].value == ""


def test_the_draft_proposes_redacted_titles_in_order_of_receipt(march):
    with clock.frozen(AFTER):
        rows = selectors.register_draft(unit=march.unit, month=MONTH)
    assert [r.case for r in rows] == [march.answered, march.refused, march.overdue, march.denunciation]
    first = rows[0]
    assert CANARY.name not in first.summary and CANARY.phone not in first.summary and CANARY.email not in first.summary
    assert "đất đai" in first.summary
    assert [s.kind for s in first.stripped].count("sender") == 3  # the name, the phone and the e-mail
    assert rows[3].result_summary == ""  # a denunciation's result is never proposed for the register


def test_publishing_freezes_the_month(published):
    entries = list(published.register.entries.order_by("number"))
    assert len(entries) == 4
    before = [(e.summary, e.status, e.result_summary) for e in entries]
    # The items move on, and their wording is edited: the published register does not change.
    march = published
    march.overdue.title = "Tiêu đề đã đổi"
    march.overdue.save(update_fields=["title"])
    with clock.frozen("2026-04-10T09:00:00+07:00"):
        services.review_save(case=march.refused, actor=march.users.leader, summary="Lời khác")
    after = [(e.summary, e.status, e.result_summary) for e in published.register.entries.order_by("number")]
    assert after == before
    with clock.frozen("2026-04-10T09:00:00+07:00"), pytest.raises(DomainError):
        services.register_publish(unit=march.unit, month=MONTH, actor=march.users.leader)


def test_entries_record_state_deadlines_and_result(published):
    e = {x.case_id: x for x in RegisterEntry.objects.filter(register=published.register)}
    answered, refused, overdue = e[published.answered.pk], e[published.refused.pk], e[published.overdue.pk]
    assert answered.status == Status.ANSWERED and answered.handled and answered.on_time and not answered.overdue
    assert answered.deadlines_met >= 1 and answered.deadlines_missed == 0 and answered.days_to_answer == 3
    assert "xử phạt" in answered.result_summary and CANARY.name not in answered.result_summary
    assert refused.status == Status.REFUSED and "thẩm quyền" in refused.result_summary
    assert not overdue.handled and overdue.overdue and overdue.deadlines_missed == 1
    assert AuditEvent.objects.filter(verb="register_publish", object_id=str(published.register.pk)).exists()


def test_a_month_is_signed_off_only_once_it_is_over(march):
    with clock.frozen("2026-03-31T20:00:00+07:00"), pytest.raises(DomainError):
        services.register_publish(unit=march.unit, month=MONTH, actor=march.users.leader)


def test_reviewed_text_with_personal_data_is_refused(march):
    with clock.frozen(AFTER), pytest.raises(DomainError):
        services.review_save(case=march.overdue, actor=march.users.leader, summary=f"Gọi {CANARY.phone}")
    with clock.frozen(AFTER), pytest.raises(DomainError):
        services.register_publish(unit=march.unit, month=MONTH, actor=march.users.leader,
                                  reviews={march.answered.pk: (f"Bà {CANARY.name} phản ánh", "")})
    assert not RegisterEntry.objects.exists()


def test_a_correction_is_recorded_with_date_reason_and_old_text(published):
    entry = published.register.entries.get(case=published.overdue)
    with clock.frozen("2026-04-12T09:00:00+07:00"):
        c = services.register_correct(entry=entry, actor=published.users.leader, field="summary",
                                      value="Phản ánh khói bụi từ lò gạch thủ công", reason="Tóm tắt chưa đầy đủ")
    entry.refresh_from_db()
    assert entry.summary == "Phản ánh khói bụi từ lò gạch thủ công" and entry.corrected
    assert c.old_value and c.at.date().isoformat() == "2026-04-12" and c.reason == "Tóm tắt chưa đầy đủ"
    with pytest.raises(DomainError):
        services.register_correct(entry=entry, actor=published.users.leader, field="summary", value="x", reason="")


def test_later_handling_is_published_as_corrections_not_silent_edits(published):
    from minhbach.transparency.tests.conftest import handle

    with clock.frozen("2026-04-20T09:00:00+07:00"):
        handle(published.overdue, published.users, result="Đã yêu cầu lò gạch dừng hoạt động.")
        made = services.register_refresh(register=published.register, actor=published.users.leader)
    fields = {c.field for c in made}
    assert {"status", "handled", "result_summary"} <= fields
    entry = published.register.entries.get(case=published.overdue)
    assert entry.status == Status.ANSWERED and entry.corrected
    assert RegisterCorrection.objects.filter(entry=entry, field="status", old_value=Status.RECEIVED).exists()
