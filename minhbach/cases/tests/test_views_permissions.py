"""Who sees what in the back office: scope (404 alike for missing), role (403), sealed identities."""
import pytest
from django.urls import reverse

from minhbach.cases.forms import ACTION_FORMS
from minhbach.cases.models import Status


def test_handler_of_a_sibling_unit_gets_404_on_the_item_page_like_a_missing_item(client, province, submit):
    case = submit().case
    client.force_login(province.users.commune_handler)
    forbidden = client.get(reverse("cases:item", args=[case.pk]))
    missing = client.get(reverse("cases:item", args=[case.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404
    assert case.tracking_code not in forbidden.content.decode()
    assert case.tracking_code not in client.get(reverse("cases:inbox"), {"filter": "all"}).content.decode()


@pytest.mark.parametrize("action", sorted(ACTION_FORMS))
def test_handler_of_a_sibling_unit_gets_404_on_every_action(client, province, submit, action):
    case = submit().case
    client.force_login(province.users.commune_handler)
    response = client.post(reverse("cases:act", args=[case.pk, action]),
                           {"reason": "x", "body": "x", "result": "x", "kind": "acceptance", "type": "to_cao"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.type == "phan_anh"
    assert not case.messages.exists() and not case.letters.exists()


def test_sibling_handler_cannot_download_documents_or_letters(client, province, submit):
    from minhbach.cases.services import letter_generate
    from minhbach.cases.models import LetterTemplate

    LetterTemplate.objects.get_or_create(kind="acceptance", defaults=dict(title="THÔNG BÁO", body="Thụ lý."))
    case = submit().case
    letter = letter_generate(case=case, actor=province.users.handler, kind="acceptance")
    client.force_login(province.users.commune_handler)
    assert client.get(reverse("cases:letter", args=[case.pk, letter.pk])).status_code == 404


def test_clerk_sees_no_accept_form_and_cannot_post_it(client, province, submit):
    case = submit().case
    client.force_login(province.users.clerk)
    page = client.get(reverse("cases:item", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("cases:act", args=[case.pk, "accept"]) not in html
    assert reverse("cases:act", args=[case.pk, "note"]) in html
    response = client.post(reverse("cases:act", args=[case.pk, "accept"]))
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_handler_sees_no_leader_only_forms(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    html = client.get(reverse("cases:item", args=[case.pk])).content.decode()
    assert reverse("cases:act", args=[case.pk, "assign"]) not in html
    assert client.post(reverse("cases:act", args=[case.pk, "assign"]),
                       {"assignee": province.users.handler.pk}).status_code == 403
    case.refresh_from_db()
    assert case.assignee is None


def test_forms_for_actions_the_state_does_not_allow_are_not_shown(client, province, submit):
    case = submit().case
    client.force_login(province.users.leader)
    html = client.get(reverse("cases:item", args=[case.pk])).content.decode()
    assert reverse("cases:act", args=[case.pk, "accept"]) in html
    assert reverse("cases:act", args=[case.pk, "sign_off"]) not in html
    assert reverse("cases:act", args=[case.pk, "reopen"]) not in html


def test_assign_offers_only_handlers_of_the_unit_subtree(client, province, submit):
    case = submit().case
    client.force_login(province.users.leader)
    html = client.get(reverse("cases:item", args=[case.pk])).content.decode()
    assert province.users.sub_handler.display_name in html
    assert province.users.commune_handler.display_name not in html
    response = client.post(reverse("cases:act", args=[case.pk, "assign"]), {"assignee": province.users.commune_handler.pk})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.assignee is None


@pytest.mark.parametrize("who", ["handler", "leader", "clerk", "office"])
def test_denunciation_page_never_shows_the_senders_identity(client, province, submit, who):
    case = submit(type="to_cao", title="Tố cáo cán bộ nhận hối lộ", name="Trần Thị Bí Mật",
                  address="Số 9 ngõ Kín", email="bimat@example.test", phone="0912345678", id_number="001234567890").case
    client.force_login(getattr(province.users, who))
    response = client.get(reverse("cases:item", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for secret in ("Trần Thị Bí Mật", "Số 9 ngõ Kín", "bimat@example.test", "0912345678", "001234567890"):
        assert secret not in html
    assert "Protected sender — identity sealed." in html


def test_confidential_item_hides_the_identity_too(client, province, submit):
    case = submit(name="Lê Văn Kín Đáo", email="kindao@example.test", confidential=True).case
    client.force_login(province.users.handler)
    html = client.get(reverse("cases:item", args=[case.pk])).content.decode()
    assert "Lê Văn Kín Đáo" not in html and "kindao@example.test" not in html


def test_ordinary_item_shows_the_sender_to_staff(client, province, submit):
    case = submit(name="Nguyễn Văn An", email="an@example.test").case
    client.force_login(province.users.handler)
    html = client.get(reverse("cases:item", args=[case.pk])).content.decode()
    assert "Nguyễn Văn An" in html and "an@example.test" in html


def test_identifying_document_of_a_denunciation_is_not_listed_nor_served(client, province, submit):
    from minhbach.cases.services import attachment_add
    from minhbach.core.uploads import check_upload

    case = submit(type="to_cao").case
    upload = check_upload(name="cmnd.pdf", content=b"%PDF-1.4\n%%EOF")
    att = attachment_add(case=case, upload=upload, from_citizen=True, identifying=True)
    client.force_login(province.users.handler)
    assert reverse("cases:attachment", args=[case.pk, att.pk]) not in client.get(
        reverse("cases:item", args=[case.pk])).content.decode()
    assert client.get(reverse("cases:attachment", args=[case.pk, att.pk])).status_code == 404


def test_action_urls_refuse_get(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    assert client.get(reverse("cases:act", args=[case.pk, "accept"])).status_code == 405
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
