"""Following an item with its receipt: lenient typing, one answer for every failure, throttling, the item page."""
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minhbach.cases.models import Attachment, Message, Status
from minhbach.cases.services import case_accept, case_forward, case_transition

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NO_MATCH = "No item matches this tracking code and access secret."


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def web():
    return Client(headers={"accept-language": "en"})


def lookup(web, code, secret):
    return web.post(reverse("portal:track"), {"tracking_code": code, "secret": secret})


def opened(web, receipt) -> str:
    response = lookup(web, receipt.tracking_code, receipt.access_secret)
    assert response.status_code == 302 and response["Location"] == reverse("portal:item")
    return web.get(reverse("portal:item")).content.decode()


def test_lookup_accepts_lower_case_code_and_spaced_secret(web, submit):
    r = submit()
    code = r.tracking_code.lower().replace("-", " ")
    secret = " ".join(r.access_secret.lower().split("-"))

    response = lookup(web, code, secret)
    page = web.get(response["Location"])

    assert response.status_code == 302 and response["Location"] == "/theo-doi/ho-so/"
    assert page.status_code == 200 and r.tracking_code in page.content.decode()
    assert web.session["tracked"] == [r.case.pk]
    assert r.access_secret not in str(dict(web.session))


def test_wrong_secret_and_wrong_code_give_the_same_answer(web, submit):
    r = submit()
    wrong_secret = lookup(web, r.tracking_code, "AAAAA-BBBBB-CCCCC-DDDDD")
    wrong_code = lookup(web, "MB26-ZZZZZZZZ", r.access_secret)

    def neutral(body: bytes) -> str:  # drop per-request tokens and the echoed code
        return re.sub(r'value="[^"]*"', 'value=""', body.decode())

    assert wrong_secret.status_code == wrong_code.status_code == 400
    assert NO_MATCH in wrong_secret.content.decode()
    assert neutral(wrong_secret.content) == neutral(wrong_code.content)
    assert r.access_secret not in wrong_code.content.decode()  # a typed secret is never written back


def test_lookup_is_throttled_after_ten_failures_from_one_address(web, submit):
    r = submit()
    for _ in range(10):
        assert lookup(web, r.tracking_code, "AAAAA-BBBBB-CCCCC-DDDDD").status_code == 400

    blocked = lookup(web, r.tracking_code, r.access_secret)
    elsewhere = Client(headers={"accept-language": "en"}, REMOTE_ADDR="10.1.2.3")

    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()
    assert "tracked" not in web.session
    assert lookup(elsewhere, r.tracking_code, r.access_secret).status_code == 302


def test_empty_lookup_says_what_is_missing(web, province):
    response = lookup(web, "", "")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the tracking code from your receipt." in page and 'href="#id_tracking_code"' in page


def test_tracked_page_shows_the_answer_only_once_signed_off(web, submit, province):
    r = submit()
    users = province.users
    case = case_accept(case=r.case, actor=users.leader)
    case = case_transition(case=case, action="record_result", actor=users.handler,
                           data={"result": "Đã yêu cầu nhà máy dừng xả thải và xử phạt."})
    assert "Đã yêu cầu nhà máy dừng xả thải" not in opened(web, r)

    case_transition(case=case, action="sign_off", actor=users.leader)
    page = web.get(reverse("portal:item")).content.decode()

    assert "The answer" in page and "Đã yêu cầu nhà máy dừng xả thải và xử phạt." in page
    assert "Answered" in page and "Accepted for resolution" in page


def test_citizen_reply_resumes_an_item_awaiting_supplement(web, submit, province):
    r = submit()
    case_transition(case=r.case, action="request_supplement", actor=province.users.handler,
                    reason="Gửi ảnh chụp điểm xả thải")
    page = opened(web, r)
    assert "The unit is waiting for your supplement" in page and "Gửi ảnh chụp điểm xả thải" in page

    response = web.post(reverse("portal:item"), {"case": r.case.pk, "body": "Ảnh chụp ngày 20/11 đính kèm.",
                                                 "attachments": [SimpleUploadedFile("anh.pdf", PDF)]})
    r.case.refresh_from_db()
    page = web.get(reverse("portal:item")).content.decode()

    assert response.status_code == 302
    assert r.case.status == Status.RECEIVED and r.case.paused_on is None
    assert Message.objects.get(case=r.case).body == "Ảnh chụp ngày 20/11 đính kèm."
    assert Attachment.objects.get(case=r.case).from_citizen
    assert "Your message was sent" in page and "Ảnh chụp ngày 20/11 đính kèm." in page
    assert "waiting for your supplement" not in page


def test_empty_reply_is_refused_and_keeps_the_page(web, submit):
    r = submit()
    opened(web, r)

    response = web.post(reverse("portal:item"), {"case": r.case.pk, "body": "  "})

    assert response.status_code == 400
    assert "Write a message or attach a document." in response.content.decode()
    assert not Message.objects.exists()


def test_reply_with_a_fake_file_keeps_the_message_typed(web, submit):
    r = submit()
    opened(web, r)

    response = web.post(reverse("portal:item"), {"case": r.case.pk, "body": "Bản scan hợp đồng",
                                                 "attachments": [SimpleUploadedFile("hop-dong.pdf", b"plain text")]})

    page = response.content.decode()
    assert response.status_code == 400
    assert "is not an accepted type" in page and "Bản scan hợp đồng</textarea>" in page
    assert not Message.objects.exists()


def test_an_item_not_tracked_here_cannot_be_written_to(web, submit):
    mine, other = submit(), submit(title="Của người khác")
    opened(web, mine)

    response = web.post(reverse("portal:item"), {"case": other.case.pk, "body": "Chen vào"})

    assert response.status_code == 302 and response["Location"] == reverse("portal:track")
    assert not Message.objects.filter(case=other.case).exists()


def test_forwarded_item_shows_where_it_went(web, submit, province):
    r = submit(unit="")  # lands at the provincial office, which forwards it
    new = case_forward(case=r.case, actor=province.users.office_handler, to_unit=province.units.dept,
                       reason="Thuộc thẩm quyền của Sở")

    page = opened(web, r)

    assert "What your item became" in page and new.tracking_code in page
    assert "Forwarded to Sở Nông nghiệp và Môi trường" in page


def test_several_tracked_items_are_listed_to_choose_from_and_forget_removes_one(web, submit):
    first, second = submit(), submit(title="Đường hỏng")
    opened(web, first)
    opened(web, second)
    session = web.session
    session.pop("tracked_current")
    session.save()

    listing = web.get(reverse("portal:item")).content.decode()
    chosen = web.get(reverse("portal:item"), {"item": first.case.pk}).content.decode()
    web.post(reverse("portal:forget"), {"case": first.case.pk})
    after = web.get(reverse("portal:item"), {"item": first.case.pk})

    assert "Items you follow on this device" in listing
    assert first.tracking_code in listing and second.tracking_code in listing
    assert first.tracking_code in chosen and "Forget this item on this device" in chosen
    assert after.status_code == 302 and after["Location"] == reverse("portal:track")
    assert web.session["tracked"] == [second.case.pk]
