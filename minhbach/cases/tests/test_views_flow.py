"""The back office through its pages: inbox, item page, the life of a complaint, notifications."""
import pytest
from django.urls import reverse

from minhbach.cases.models import Case, Deadline, LetterTemplate, Message, Status
from minhbach.core.models import OutboxMessage


def act(client, case, action, **data):
    return client.post(reverse("cases:act", args=[case.pk, action]), data)


def item_url(case):
    return reverse("cases:item", args=[case.pk])


def test_anonymous_visitor_is_sent_to_login(client, province):
    response = client.get(reverse("cases:inbox"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_user_without_role_gets_a_403_page_saying_so(client, province):
    from minhbach.accounts.models import User

    client.force_login(User.objects.create_user(username="nobody", password="x-Mat-khau-2026"))
    response = client.get(reverse("cases:inbox"))
    assert response.status_code == 403
    assert "no role" in response.content.decode()


def test_complaint_life_through_the_pages_ends_answered(client, province, submit):
    users = province.users
    case = submit(type="khieu_nai", title="Khiếu nại quyết định thu hồi đất").case

    client.force_login(users.handler)
    page = client.get(item_url(case)).content.decode()
    assert f'action="{reverse("cases:act", args=[case.pk, "accept"])}"' in page
    response = act(client, case, "accept")
    assert response.status_code == 302 and response["Location"] == item_url(case)
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert "The item was accepted" in client.get(item_url(case)).content.decode()

    client.force_login(users.leader)
    assert act(client, case, "assign", assignee=users.handler.pk).status_code == 302
    case.refresh_from_db()
    assert case.assignee == users.handler
    assert OutboxMessage.objects.filter(recipient_user=users.handler, subject__contains=case.tracking_code).exists()

    client.force_login(users.handler)
    inbox = client.get(reverse("cases:inbox"), {"filter": "mine"}).content.decode()
    assert case.tracking_code in inbox
    assert act(client, case, "record_result", result="Giữ nguyên quyết định; lý do như sau.").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.RESULT_RECORDED

    client.force_login(users.leader)
    assert case.tracking_code in client.get(reverse("cases:inbox"), {"filter": "awaiting_signoff"}).content.decode()
    assert act(client, case, "sign_off").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    assert case.signed_off_by == users.leader
    page = client.get(item_url(case)).content.decode()
    assert "Giữ nguyên quyết định" in page
    # Every deadline on screen shows its rule and legal basis.
    for d in Deadline.objects.filter(case=case).exclude(state="cancelled"):
        assert d.rule_code in page and d.legal_basis in page
    assert "Law on Complaints" in page or "Luật Khiếu nại" in page


@pytest.mark.parametrize("action", ["refuse", "archive", "request_supplement", "guide"])
def test_empty_reason_is_refused_with_the_message_and_nothing_changes(client, province, submit, action):
    case = submit().case
    client.force_login(province.users.handler)
    data = {"reason": "   "}
    if action == "guide":
        data["guided_to"] = "Tòa án nhân dân"
    response = act(client, case, action, **data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the reason." in page
    assert f'<details id="act-{action}" open>' in page
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_refused_action_keeps_what_the_user_typed(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    response = act(client, case, "guide", guided_to="Tòa án nhân dân huyện", reason="")
    assert response.status_code == 400
    assert 'value="Tòa án nhân dân huyện"' in response.content.decode()


@pytest.mark.parametrize("action, data, message", [
    ("record_result", {"result": ""}, "Write the result."),
    ("note", {"body": ""}, "Write the note."),
    ("message", {"body": ""}, "Write the message."),
    ("forward", {"to_unit": ""}, "Choose the unit."),
    ("merge", {"into": "MB26-ZZZZZZZZ"}, "No item with this tracking code in your units."),
    ("split", {"part1_title": "Một", "part1_content": "Nội dung một"}, "A split needs at least two parts"),
    ("extend", {"reason": ""}, "Give the reason."),
])
def test_bad_input_of_an_action_gives_400_with_the_message(client, province, submit, action, data, message):
    case = submit().case
    if action in {"record_result", "extend"}:
        client.force_login(province.users.leader)
        act(client, case, "accept")
    client.force_login(province.users.leader)
    before = Case.objects.get(pk=case.pk).status
    response = act(client, case, action, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == before
    assert Case.objects.count() == 1
    assert not Message.objects.exists()


def test_action_not_allowed_in_the_current_state_gives_400_with_the_reason(client, province, submit):
    case = submit().case
    client.force_login(province.users.leader)
    response = act(client, case, "sign_off")
    assert response.status_code == 400
    assert "This action is not possible while the item is" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_forward_creates_the_item_at_the_other_unit_and_links_both(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    response = act(client, case, "forward", to_unit=province.units.commune.pk, reason="Thuộc thẩm quyền xã")
    assert response.status_code == 302
    case.refresh_from_db()
    new = Case.objects.get(forwarded_from=case)
    assert case.status == Status.FORWARDED and new.unit == province.units.commune
    page = client.get(item_url(case)).content.decode()
    assert new.tracking_code in page
    assert "Forwarded to UBND xã An Phú" in page


def test_split_makes_linked_items(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    response = act(client, case, "split", part1_title="Nước thải", part1_content="Xả nước thải ra kênh",
                   part1_type="phan_anh", part2_title="Cán bộ nhận tiền", part2_content="Cán bộ xã nhận tiền",
                   part2_type="to_cao")
    assert response.status_code == 302
    children = list(Case.objects.filter(split_from=case).order_by("id"))
    assert [c.type for c in children] == ["phan_anh", "to_cao"]
    assert children[1].tracking_code in client.get(item_url(case)).content.decode()


def test_merge_into_another_item_by_tracking_code(client, province, submit):
    first, dup = submit().case, submit(title="Trùng").case
    client.force_login(province.users.handler)
    response = act(client, dup, "merge", into=first.tracking_code.lower())
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.status == Status.MERGED and dup.merged_into == first


def test_classify_changes_the_type_and_shows_both(client, province, submit):
    case = submit(type="kien_nghi").case
    client.force_login(province.users.handler)
    response = act(client, case, "classify", type="khieu_nai", letter_class="complaint", category="", reason="")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.type == "khieu_nai" and case.letter_class == "complaint"
    page = client.get(item_url(case)).content.decode()
    assert "as submitted" in page


def test_extend_shows_the_legal_basis_and_pushes_the_due_date(client, province, submit):
    case = submit(type="to_cao", title="Tố cáo cán bộ").case
    client.force_login(province.users.leader)
    act(client, case, "classify", type="to_cao", letter_class="denunciation", verifiable_evidence="on")
    assert act(client, case, "accept").status_code == 302
    page = client.get(item_url(case)).content.decode()
    resolve = Deadline.objects.get(case=case, stage="resolve", state="open")
    assert resolve.legal_basis in page and "Extensions used: 0 of" in page
    before = resolve.due_date
    assert act(client, case, "extend", reason="Vụ việc phức tạp").status_code == 302
    resolve.refresh_from_db()
    assert resolve.extensions == 1 and resolve.due_date > before


def test_message_to_the_sender_with_a_document_can_be_downloaded(client, province, submit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = submit().case
    client.force_login(province.users.handler)
    pdf = SimpleUploadedFile("tra-loi.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", content_type="text/plain")
    response = client.post(reverse("cases:act", args=[case.pk, "message"]), {"body": "Mời ông bổ sung", "attachments": [pdf]})
    assert response.status_code == 302
    att = case.attachments.get()
    download = client.get(reverse("cases:attachment", args=[case.pk, att.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_message_with_a_disguised_text_file_is_refused(client, province, submit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = submit().case
    client.force_login(province.users.handler)
    fake = SimpleUploadedFile("thu.pdf", b"just some text, not a pdf", content_type="application/pdf")
    response = client.post(reverse("cases:act", args=[case.pk, "message"]), {"body": "Nội dung giữ lại", "attachments": [fake]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not an accepted type" in page and "Nội dung giữ lại" in page
    assert not Message.objects.exists() and not case.attachments.exists()


def test_generate_letter_then_download_it(client, province, submit):
    LetterTemplate.objects.get_or_create(kind="acceptance", defaults=dict(
        title="THÔNG BÁO", subject="V/v thụ lý", body="Đã thụ lý hồ sơ {{ case.tracking_code }}.", symbol_suffix="TB"))
    case = submit().case
    client.force_login(province.users.handler)
    response = act(client, case, "letter", kind="acceptance")
    assert response.status_code == 302
    letter = case.letters.get()
    assert response["Location"] == reverse("cases:letter", args=[case.pk, letter.pk])
    download = client.get(response["Location"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download.content[:2] == b"PK"
    assert letter.number in client.get(item_url(case)).content.decode()


def test_generate_letter_without_a_template_explains_why(client, province, submit):
    LetterTemplate.objects.filter(kind="refusal").delete()
    case = submit().case
    client.force_login(province.users.handler)
    response = act(client, case, "letter", kind="refusal")
    assert response.status_code == 400
    assert "No template for this letter" in response.content.decode()
    assert not case.letters.exists()


def test_internal_note_shows_on_the_item_page_with_its_author(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    assert act(client, case, "note", body="Cần xác minh thực địa").status_code == 302
    page = client.get(item_url(case)).content.decode()
    assert "Cần xác minh thực địa" in page and province.users.handler.display_name in page


def test_timeline_shows_actor_names_and_reasons(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    act(client, case, "refuse", reason="Không đủ điều kiện thụ lý")
    page = client.get(item_url(case)).content.decode()
    assert "Không đủ điều kiện thụ lý" in page
    assert province.users.handler.display_name in page


def test_notifications_list_and_mark_all_read(client, province, submit):
    case = submit(type="khieu_nai").case
    client.force_login(province.users.leader)
    act(client, case, "accept")
    act(client, case, "assign", assignee=province.users.handler.pk)
    client.force_login(province.users.handler)
    page = client.get(reverse("cases:notifications")).content.decode()
    assert case.tracking_code in page and "unread" in page
    response = client.post(reverse("cases:notifications"))
    assert response.status_code == 302
    assert not OutboxMessage.objects.filter(recipient_user=province.users.handler, read_at__isnull=True).exists()
