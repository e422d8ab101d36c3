"""Handlers see a pseudonym; an identity custodian's approval lets one requester see one identity for a limited time."""
import datetime as dt
import json
import logging

import pytest
from django.core import mail
from django.urls import reverse

from minhbach.accounts.models import ApiToken
from minhbach.accounts.testing import login_verified
from minhbach.cases.services import case_accept, case_add_message, case_assign, case_forward
from minhbach.core import clock
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.core.models import AuditEvent, OutboxMessage
from minhbach.vault import services
from minhbach.vault.models import RevealRequest
from minhbach.vault.tests.conftest import CANARY, leaks

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.LOCAL_TZ)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _get(client, user, url):
    login_verified(client, user)  # past the TOTP step, as custodians must be
    return client.get(url, **EN)


def _api_item(client, user, case):
    _token, raw = ApiToken.issue(user=user, name="test", second_factor_at=clock.now())  # as created with the owner's TOTP code
    return client.get(f"/api/v1/staff/items/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}", **EN)


def _approve(province, case, hours=None):
    users = province.users
    req = services.reveal_request(case=case, actor=users.handler, reason="Cần xác minh trực tiếp với người tố cáo.")
    return services.reveal_decide(request=req, actor=users.custodian, approve=True, reason="Có căn cứ xác minh.",
                                  hours=hours)


def test_without_approval_no_staff_page_or_api_shows_the_identity_only_the_pseudonym(client, province, canary):
    users = province.users
    with clock.frozen(START):
        case = canary().case
        case_assign(case=case, actor=users.leader, assignee=users.handler)
        item = _get(client, users.handler, reverse("cases:item", args=[case.pk]))
        assert item.status_code == 200
        page = item.content.decode()
        assert leaks(page) == []
        assert f"#{case.submitter.pseudonym}" in page and len(case.submitter.pseudonym) == 4
        assert reverse("vault:request", args=[case.pk]) in page  # the request form is on the item page
        for user in (users.handler, users.leader, users.clerk, users.office, users.admin, users.province_leader):
            for url in (reverse("cases:item", args=[case.pk]), reverse("cases:inbox") + "?filter=all",
                        reverse("cases:notifications"), reverse("vault:redact", args=[case.pk])):
                r = _get(client, user, url)
                assert leaks(r.content) == [], (user.username, url)
            r = _get(client, user, reverse("vault:reveal", args=[case.pk]))
            assert r.status_code in (403, 404) and leaks(r.content) == []
            r = _api_item(client, user, case)
            assert r.status_code in (200, 404) and leaks(r.content) == []
            if r.status_code == 200:
                assert r.json()["submitter"] == {"protected": True}


def test_approved_requester_sees_the_identity_until_the_approval_expires(client, province, canary, settings):
    users = province.users
    settings.VAULT_REVEAL_HOURS = 24
    with clock.frozen(START):
        case = canary().case
        req = services.reveal_request(case=case, actor=users.handler, reason="Cần xác minh trực tiếp với người tố cáo.")
        assert _get(client, users.handler, reverse("vault:reveal", args=[case.pk])).status_code == 403
        req = services.reveal_decide(request=req, actor=users.custodian, approve=True, reason="Có căn cứ xác minh.")
        assert req.expires_at == START + dt.timedelta(hours=24)
        page = _get(client, users.handler, reverse("vault:reveal", args=[case.pk]))
        assert page.status_code == 200 and CANARY.name in page.content.decode() and CANARY.id_number in page.content.decode()
        # The grant is the requester's alone, and for this item alone.
        other = canary().case
        assert _get(client, users.handler, reverse("vault:reveal", args=[other.pk])).status_code == 403
        assert _get(client, users.leader, reverse("vault:reveal", args=[case.pk])).status_code == 403
        # The item page and API still show the pseudonym only; the reveal page is the one audited place.
        assert leaks(_get(client, users.handler, reverse("cases:item", args=[case.pk])).content) == []
        assert _api_item(client, users.handler, case).json()["submitter"] == {"protected": True}
    with clock.frozen(START + dt.timedelta(hours=23, minutes=59)):
        assert CANARY.name in _get(client, users.handler, reverse("vault:reveal", args=[case.pk])).content.decode()
    with clock.frozen(START + dt.timedelta(hours=24)):
        late = _get(client, users.handler, reverse("vault:reveal", args=[case.pk]))
        assert late.status_code == 403 and leaks(late.content) == []
        with pytest.raises(PermissionDenied):
            services.identity_reveal(case=case, actor=users.handler)


def test_a_denied_request_reveals_nothing_and_a_custodian_never_decides_their_own(client, province, canary):
    users = province.users
    case = canary().case
    req = services.reveal_request(case=case, actor=users.handler, reason="Muốn biết ai đã gửi đơn này.")
    with pytest.raises(DomainError):  # one pending request per person and item
        services.reveal_request(case=case, actor=users.handler, reason="Hỏi lại lần nữa cho nhanh.")
    with pytest.raises(PermissionDenied):  # a handler is no custodian
        services.reveal_decide(request=req, actor=users.leader, approve=True, reason="Đồng ý.")
    with pytest.raises(DomainError):  # a decision needs a reason
        services.reveal_decide(request=req, actor=users.custodian, approve=False, reason=" ")
    req = services.reveal_decide(request=req, actor=users.custodian, approve=False, reason="Không có căn cứ.")
    assert req.state == RevealRequest.State.DENIED and req.expires_at is None
    r = _get(client, users.handler, reverse("vault:reveal", args=[case.pk]))
    assert r.status_code == 403 and leaks(r.content) == []
    with pytest.raises(DomainError):
        services.reveal_decide(request=req, actor=users.custodian, approve=True, reason="Đổi ý.")
    # A handler who is also a custodian cannot approve their own request (policy and database constraint).
    from minhbach.orgs.models import Membership, Role

    Membership.objects.create(user=users.handler, unit=province.units.inspectorate, role=Role.CUSTODIAN)
    own = services.reveal_request(case=case, actor=users.handler, reason="Lần này có căn cứ xác minh cụ thể.")
    users.handler._mb_grants = None
    with pytest.raises(PermissionDenied):
        services.reveal_decide(request=own, actor=users.handler, approve=True, reason="Tự duyệt.")


def test_requests_decisions_and_views_are_audited_without_the_identity(client, province, canary):
    users = province.users
    with clock.frozen(START):
        case = canary().case
        req = _approve(province, case)
        _get(client, users.handler, reverse("vault:reveal", args=[case.pk]))
        _get(client, users.handler, reverse("vault:reveal", args=[case.pk]))
    verbs = list(AuditEvent.objects.filter(object_type="vault.revealrequest", object_id=str(req.pk))
                 .values_list("verb", flat=True).order_by("id"))
    assert verbs == ["vault.requested", "vault.approved", "vault.viewed", "vault.viewed"]
    everything = json.dumps([[e.reason, e.data, e.verb] for e in AuditEvent.objects.all()], ensure_ascii=False)
    assert leaks(everything) == []
    # The custodian sees the request and its trail of views on their pages; the handler does not see the trail.
    queue = _get(client, users.custodian, reverse("vault:queue") + "?state=decided")
    assert queue.status_code == 200 and case.tracking_code in queue.content.decode()
    detail = _get(client, users.custodian, reverse("vault:request_detail", args=[req.pk])).content.decode()
    assert detail.count("Identity viewed") == 2 and leaks(detail) == []
    assert _get(client, users.leader, reverse("vault:queue")).status_code == 403
    assert _get(client, users.leader, reverse("vault:request_detail", args=[req.pk])).status_code == 404


def test_the_request_and_decision_pages_work_without_javascript(client, province, canary):
    users = province.users
    case = canary().case
    client.force_login(users.handler)
    r = client.post(reverse("vault:request", args=[case.pk]), {"reason": "Cần gặp người tố cáo để xác minh."}, **EN)
    assert r.status_code == 302
    req = RevealRequest.objects.get(case=case)
    login_verified(client, users.custodian)
    pending = client.get(reverse("vault:queue"), **EN).content.decode()
    assert reverse("vault:request_detail", args=[req.pk]) in pending
    r = client.post(reverse("vault:decide", args=[req.pk]), {"decision": "approve", "reason": ""}, **EN)
    assert r.status_code == 400
    r = client.post(reverse("vault:decide", args=[req.pk]), {"decision": "approve", "reason": "Có căn cứ.", "hours": "2"}, **EN)
    assert r.status_code == 302
    req.refresh_from_db()
    assert req.state == "approved" and req.expires_at - req.decided_at == dt.timedelta(hours=2)
    assert OutboxMessage.objects.filter(recipient_user=users.handler, dedupe_key__startswith="vault:").exists()
    item = _get(client, users.handler, reverse("cases:item", args=[case.pk])).content.decode()
    assert reverse("vault:reveal", args=[case.pk]) in item


def test_notifications_and_logs_never_carry_the_identity(client, province, canary, caplog,
                                                         django_capture_on_commit_callbacks):
    users = province.users
    caplog.set_level(logging.DEBUG)
    with clock.frozen(START), django_capture_on_commit_callbacks(execute=True):
        case = canary().case
        case_assign(case=case, actor=users.leader, assignee=users.handler)
        case_accept(case=case, actor=users.handler)
        case_add_message(case=case, actor=users.handler, body="Đơn vị đã nhận đơn.", kind="to_citizen")
        req = services.reveal_request(case=case, actor=users.handler, reason="Cần xác minh trực tiếp với người tố cáo.")
        services.reveal_decide(request=req, actor=users.custodian, approve=False, reason="Chưa cần thiết.")
        _get(client, users.handler, reverse("cases:item", args=[case.pk]))
        _get(client, users.handler, reverse("vault:reveal", args=[case.pk]))
        other = canary().case
        case_forward(case=other, actor=users.handler, to_unit=province.units.dept2, reason="Không thuộc thẩm quyền.")
    for msg in OutboxMessage.objects.all():
        # The citizen's own notices go to their address; no body or subject names them, no staff notice at all.
        assert leaks(msg.subject + msg.body) == [], msg.dedupe_key
        if msg.recipient_user_id:
            assert leaks(msg.to_address) == []
    assert mail.outbox, "the receipt and notices were sent"
    for m in mail.outbox:
        assert leaks(m.subject + m.body) == []
        if CANARY.email not in m.to:
            assert leaks(" ".join(m.to)) == []
    assert leaks(caplog.text) == []


def test_citizen_notices_still_reach_the_sealed_address(province, canary, django_capture_on_commit_callbacks):
    users = province.users
    case = canary().case
    assert case.submitter.email == CANARY.email
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_add_message(case=case, actor=users.handler, body="Đơn vị đã nhận đơn.", kind="to_citizen")
    assert [m.to for m in mail.outbox] == [[CANARY.email]]


def test_public_pages_and_the_citizens_own_page_never_show_the_identity(client, province, canary):
    receipt = canary()
    for name in ("portal:home", "portal:submit", "portal:track", "portal:register_index", "portal:directory",
                 "portal:stats", "portal:publications"):
        r = client.get(reverse(name), **EN)
        assert r.status_code == 200 and leaks(r.content) == [], name
    r = client.get(reverse("portal:search") + "?q=" + "địa chính", **EN)
    assert leaks(r.content) == []
    r = client.post(reverse("portal:track"), {"tracking_code": receipt.tracking_code, "secret": receipt.access_secret},
                    follow=True, **EN)
    assert r.status_code == 200 and receipt.tracking_code in r.content.decode() and leaks(r.content) == []


@pytest.mark.parametrize("confidential", [True])
def test_a_confidential_report_gets_the_same_protection(client, province, submit, confidential):
    users = province.users
    case = submit(type="phan_anh", name=CANARY.name, address=CANARY.address, email=CANARY.email,
                  confidential=confidential).case
    page = _get(client, users.handler, reverse("cases:item", args=[case.pk]))
    assert leaks(page.content) == [] and f"#{case.submitter.pseudonym}" in page.content.decode()
    _approve(province, case)
    assert CANARY.name in _get(client, users.handler, reverse("vault:reveal", args=[case.pk])).content.decode()


def test_an_ordinary_report_shows_its_sender_to_its_handlers(client, province, submit):
    users = province.users
    case = submit(type="phan_anh", name="Nguyễn Văn Thường", address="Thôn 1").case
    assert "Nguyễn Văn Thường" in _get(client, users.handler, reverse("cases:item", args=[case.pk])).content.decode()
    assert _api_item(client, users.handler, case).json()["submitter"]["name"] == "Nguyễn Văn Thường"
    with pytest.raises(PermissionDenied):  # nothing to ask for: the sender is not protected
        services.reveal_request(case=case, actor=users.handler, reason="Không cần thiết nhưng thử xem.")
