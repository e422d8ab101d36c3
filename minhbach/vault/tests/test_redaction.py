"""Masking (reversible, original sealed) and redaction (permanent) of text before anything leaves the unit."""
import pytest
from django.urls import reverse

from minhbach.cases.models import Attachment, Case, Message
from minhbach.cases.services import attachment_add, case_add_message, case_forward
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.core.models import AuditEvent
from minhbach.core.uploads import check_upload
from minhbach.vault import crypto, services
from minhbach.vault.models import TextMask

SECRET_SPAN = "tôi là Canaryson, nhà số 77"
CONTENT = f"Kính gửi Sở, {SECRET_SPAN}, xin tố cáo cán bộ địa chính thu tiền trái phép."


@pytest.fixture
def denunciation(submit):
    return submit(type="to_cao", content=CONTENT, category="tham-nhung").case


def test_masking_hides_the_span_keeps_it_sealed_and_the_custodian_restores_it(province, denunciation):
    users = province.users
    mask = services.text_mask(case=denunciation, actor=users.handler, match=SECRET_SPAN, reason="Lộ danh tính")
    case = Case.objects.get(pk=denunciation.pk)
    assert case.content == "Kính gửi Sở, […], xin tố cáo cán bộ địa chính thu tiền trái phép."
    assert crypto.is_sealed(mask.sealed_original) and b"Canaryson" not in bytes(mask.sealed_original)
    audit = AuditEvent.objects.get(verb="vault.masked")
    assert audit.data["length"] == len(SECRET_SPAN) and "Canaryson" not in str(audit.data) + audit.reason
    with pytest.raises(PermissionDenied):  # for a protected sender, only the custodian restores
        services.text_unmask(mask=mask, actor=users.handler, reason="Cần đọc lại")
    services.text_unmask(mask=mask, actor=users.custodian, reason="Người tố cáo đồng ý công khai")
    assert Case.objects.get(pk=denunciation.pk).content == CONTENT
    assert AuditEvent.objects.filter(verb="vault.unmasked").count() == 1


def test_redaction_is_permanent_and_later_masks_keep_their_place(province, denunciation):
    users = province.users
    first = services.text_mask(case=denunciation, actor=users.handler, start=0, end=8, reason="Bỏ lời chào",
                               permanent=True)
    case = Case.objects.get(pk=denunciation.pk)
    assert case.content.startswith("[…] Sở") and first.sealed_original in (b"", memoryview(b""))
    mask = services.text_mask(case=case, actor=users.handler, match="Canaryson", reason="Tên người tố cáo")
    # Restoring the later mask works although the redaction before it changed the offsets.
    with pytest.raises(DomainError):
        services.text_unmask(mask=first, actor=users.custodian, reason="Thử khôi phục")
    services.text_unmask(mask=mask, actor=users.custodian, reason="Khôi phục")
    assert Case.objects.get(pk=case.pk).content == "[…] Sở, " + SECRET_SPAN + CONTENT[len("Kính gửi Sở, ") + len(SECRET_SPAN):]
    with pytest.raises(DomainError):
        services.text_mask(case=case, actor=users.handler, match="không có trong đơn", reason="x")
    with pytest.raises(DomainError):
        services.text_mask(case=case, actor=users.handler, start=5, end=500, reason="x")


def test_a_message_can_be_masked_and_a_clerk_cannot_mask(province, denunciation):
    users = province.users
    note = case_add_message(case=denunciation, actor=users.handler, body="Người gửi: Canaryson gọi điện.", kind="note")
    services.text_mask(case=denunciation, actor=users.handler, field="message", message=note, match="Canaryson",
                       reason="Tên")
    assert Message.objects.get(pk=note.pk).body == "Người gửi: […] gọi điện."
    with pytest.raises(PermissionDenied):
        services.text_mask(case=denunciation, actor=users.clerk, match="cán bộ", reason="x")


def test_forwarding_copies_the_masked_text_and_never_the_identifying_documents(province, denunciation):
    users = province.users
    services.text_mask(case=denunciation, actor=users.handler, match=SECRET_SPAN, reason="Lộ danh tính")
    attachment_add(case=denunciation, upload=check_upload(name="cccd.pdf", content=b"%PDF-1.4\n% Canaryson ID\n%%EOF"),
                   from_citizen=True, identifying=True)
    attachment_add(case=denunciation, upload=check_upload(name="anh.pdf", content=b"%PDF-1.4\n% photo\n%%EOF"),
                   from_citizen=True)
    new = case_forward(case=Case.objects.get(pk=denunciation.pk), actor=users.handler, to_unit=province.units.dept2,
                       reason="Thẩm quyền")
    assert "Canaryson" not in new.content and "[…]" in new.content
    assert list(Attachment.objects.filter(case=new).values_list("identifying", flat=True)) == [False]
    # The copy has its own data key and pseudonym; the identity travels sealed.
    assert new.submitter.key_wraps != denunciation.submitter.key_wraps
    assert new.submitter.name == denunciation.submitter.name


def test_the_no_js_form_masks_by_exact_text_or_offsets(client, province, denunciation):
    users = province.users
    client.force_login(users.handler)
    url = reverse("vault:redact", args=[denunciation.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"target": "content", "match": "Canaryson", "mode": "mask", "reason": "Tên"})
    assert r.status_code == 302
    r = client.post(url, {"target": "content", "start": "0", "end": "4", "mode": "redact", "reason": "Lời chào"})
    assert r.status_code == 302
    r = client.post(url, {"target": "content", "start": "9", "end": "2", "mode": "mask", "reason": "x"})
    assert r.status_code == 400
    assert list(TextMask.objects.filter(case=denunciation).values_list("kind", flat=True).order_by("id")) == ["mask", "redact"]
    client.force_login(users.clerk)
    assert client.get(url).status_code == 403
