"""Citizens' submissions are answered with one INSERT and registered as items by the worker.

The receipt is valid from the first moment: tracking shows the item as being registered, the worker turns it into
the item with the same code, secret and receipt time, exactly once, and never drops one it cannot register yet.
"""
import datetime as dt
import json

import pytest
from django.test import Client

from minhbach.cases import selectors
from minhbach.cases.models import Case, Intake, Submitter
from minhbach.cases.services import SubmissionInput, SubmitterInput, intakes_register, submission_accept
from minhbach.cases.tasks import register_intakes
from minhbach.core import clock
from minhbach.core.models import AuditEvent

CANARY = "Trần Thị Canary-Intake-7Q"


@pytest.fixture(autouse=True)
def _worker_not_inline(settings):
    settings.INTAKE_INLINE = False  # as in production: the worker registers, not the request


def _data(**kw) -> SubmissionInput:
    submitter = SubmitterInput(name=kw.pop("name", CANARY), address="Thôn 3, xã An Phú", email=kw.pop("email", ""))
    return SubmissionInput(type=kw.pop("type", "to_cao"), title=kw.pop("title", "Cán bộ thu tiền sai quy định"),
                           content="Cán bộ địa chính thu thêm tiền khi cấp giấy chứng nhận.", unit=kw.pop("unit", "so-tnmt"),
                           category=kw.pop("category", "moi-truong"), submitter=submitter, **kw)


def _post(client, body):
    return client.post("/api/v1/submissions", data=json.dumps(body), content_type="application/json")


def _track(client, code, secret):
    return client.get(f"/api/v1/submissions/{code}", HTTP_X_ACCESS_SECRET=secret)


def test_an_api_submission_is_answered_at_once_and_followed_while_it_is_registered(province, categories, settings):
    client = Client()
    r = _post(client, {"type": "phan_anh", "unit": "so-tnmt", "category": "moi-truong", "title": "Đèn đường hỏng",
                       "content": "Đèn đường trước nhà văn hóa thôn hỏng nhiều ngày.",
                       "submitter": {"name": CANARY, "address": "Thôn Đông"}})
    assert r.status_code == 201, r.content
    code, secret = r.json()["tracking_code"], r.json()["access_secret"]
    assert not Case.objects.filter(tracking_code=code).exists()
    assert Intake.objects.filter(tracking_code=code).exists()

    seen = _track(client, code, secret)
    assert seen.status_code == 200
    assert seen.json()["status"] == "pending"
    assert seen.json()["status_label"] == "Received, being entered in the register"
    assert seen.json()["title"] == "Đèn đường hỏng"
    assert _track(client, code, "AAAAA-BBBBB-CCCCC-DDDDD").status_code == 404
    reply = client.post(f"/api/v1/submissions/{code}/messages", data=json.dumps({"message": "Bổ sung ảnh"}),
                        content_type="application/json", HTTP_X_ACCESS_SECRET=secret)
    assert reply.status_code == 400 and reply.json()["code"] == "pending"

    assert intakes_register() == {"registered": 1, "failed": 0, "waiting": 0}
    seen = _track(client, code, secret)
    assert seen.status_code == 200 and seen.json()["status"] == "received"
    assert seen.json()["deadlines"]
    assert not Intake.objects.exists()


def test_the_item_keeps_the_receipt_time_code_and_secret(province, categories):
    at = dt.datetime(2026, 2, 10, 16, 30, tzinfo=clock.LOCAL_TZ)  # before Tết: the clock starts on the receipt date
    with clock.frozen(at):
        receipt = submission_accept(data=_data(type="phan_anh", name="Lê Văn B"), channel="web")
    assert receipt.pending and receipt.case is None
    with clock.frozen(at + dt.timedelta(days=3)):  # the worker was down for three days
        intakes_register()
    case = Case.objects.get(tracking_code=receipt.tracking_code)
    assert case.received_at == at
    assert case.deadlines.get(stage="process").start_date == dt.date(2026, 2, 10)
    assert selectors.case_find_by_receipt(tracking_code=receipt.tracking_code, secret=receipt.access_secret) == case
    assert case.submitter.name == "Lê Văn B"
    assert AuditEvent.objects.filter(verb="received", object_type="cases.case", object_id=str(case.pk)).count() == 1


def test_the_waiting_submission_holds_no_identity_in_clear(province, categories):
    receipt = submission_accept(data=_data(), channel="api")
    intake = Intake.objects.get(tracking_code=receipt.tracking_code)
    assert CANARY.encode() not in bytes(intake.sealed)
    assert CANARY not in json.dumps(intake.key_wraps)
    assert CANARY not in intake.last_error + intake.tracking_code
    intakes_register()
    case = Case.objects.get(tracking_code=receipt.tracking_code)
    assert case.confidential  # a denunciation
    assert CANARY.encode() not in bytes(Submitter.objects.get(case=case).sealed)


def test_registration_happens_once_even_when_run_twice(province, categories):
    receipts = [submission_accept(data=_data(title=f"Việc số {i}"), channel="api") for i in range(3)]
    first = register_intakes.call_local()
    second = register_intakes.call_local()
    assert first["registered"] == 3 and second["registered"] == 0
    assert Case.objects.filter(tracking_code__in=[r.tracking_code for r in receipts]).count() == 3


def test_a_submission_that_cannot_be_registered_yet_is_kept_and_retried(province, categories, caplog):
    bad = submission_accept(data=_data(title="Hỏng"), channel="api")
    good = submission_accept(data=_data(title="Tốt"), channel="api")
    Intake.objects.filter(tracking_code=bad.tracking_code).update(sealed=b"MBV1" + b"\0" * 40)  # unreadable blob
    report = intakes_register()
    assert report == {"registered": 1, "failed": 1, "waiting": 1}
    kept = Intake.objects.get(tracking_code=bad.tracking_code)
    assert kept.attempts == 1 and kept.last_error
    assert Case.objects.filter(tracking_code=good.tracking_code).exists()
    assert CANARY not in caplog.text


def test_a_unit_closed_meanwhile_does_not_refuse_an_accepted_submission(province, categories):
    from minhbach.orgs.models import OrgUnit

    receipt = submission_accept(data=_data(type="phan_anh", unit="so-tnmt"), channel="api")
    OrgUnit.objects.filter(code="so-tnmt").update(active_to=clock.today())
    intakes_register()
    case = Case.objects.get(tracking_code=receipt.tracking_code)
    assert case.unit.code != "so-tnmt"  # the provincial office receives it and forwards it


def test_invalid_submissions_are_refused_before_anything_is_stored(province, categories):
    r = _post(Client(), {"type": "khieu_nai", "title": "Khiếu nại", "content": "Nội dung khiếu nại đầy đủ.",
                         "submitter": {"name": "", "address": ""}})
    assert r.status_code == 400 and "submitter.name" in r.json()["errors"]
    assert not Intake.objects.exists() and not Case.objects.exists()


def test_an_operator_sees_the_queue_and_drains_it_by_hand(province, categories, capsys):
    from django.core.management import call_command

    for i in range(3):
        submission_accept(data=_data(title=f"Việc {i}"), channel="web")
    call_command("intake", "status")
    status = json.loads(capsys.readouterr().out)
    assert status["waiting"] == 3 and status["failing"] == 0
    call_command("intake", "register", "--batch", "2")
    assert json.loads(capsys.readouterr().out) == {"registered": 3, "failed": 0, "waiting": 0}
    assert Case.objects.count() == 3


def test_the_receipt_email_is_sent_by_the_worker_and_the_secret_never_kept(province, categories,
                                                                             django_capture_on_commit_callbacks):
    from django.core import mail

    from minhbach.cases import receipts
    from minhbach.core.models import OutboxMessage

    receipt = submission_accept(data=_data(type="phan_anh", email="dan@example.test"), channel="api")
    assert not mail.outbox  # nothing waits on an SMTP server in the citizen's request
    intake = Intake.objects.get(tracking_code=receipt.tracking_code)
    assert receipts.normalise(receipt.access_secret).encode() not in bytes(intake.sealed)
    assert receipt.access_secret.encode() not in bytes(intake.sealed)
    with django_capture_on_commit_callbacks(execute=True):
        intakes_register()
    assert len(mail.outbox) == 1 and receipt.access_secret in mail.outbox[0].body
    assert mail.outbox[0].to == ["dan@example.test"]
    assert not Intake.objects.exists()  # the sealed copy is gone with the intake
    assert not OutboxMessage.objects.filter(body__contains=receipt.access_secret).exists()


def test_a_drawn_code_that_an_item_or_a_waiting_submission_holds_is_never_given_twice(province, categories,
                                                                                        monkeypatch):
    from minhbach.cases import receipts

    first = submission_accept(data=_data(type="phan_anh"))          # waits in the intake table
    intakes_register()
    held_by_item = first.tracking_code                               # now an item's code
    waiting = submission_accept(data=_data(type="gop_y"))           # a second one, still waiting
    fresh = "MB26-ZZZZZZZZ"
    draws = iter([held_by_item, waiting.tracking_code, fresh])
    monkeypatch.setattr(receipts, "new_tracking_code", lambda year: next(draws))

    receipt = submission_accept(data=_data(type="kien_nghi"))

    assert receipt.tracking_code == fresh
    assert Case.objects.filter(tracking_code=held_by_item).count() == 1
    assert Intake.objects.filter(tracking_code=waiting.tracking_code).count() == 1
    assert intakes_register()["registered"] == 2
    assert selectors.case_find_by_receipt(tracking_code=fresh, secret=receipt.access_secret).type == "kien_nghi"
    assert selectors.case_find_by_receipt(tracking_code=held_by_item, secret=first.access_secret).type == "phan_anh"
