"""Submitting through the public form: each kind of item, the law's messages, attachments, the one-time receipt."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from minhbach.cases.models import Attachment, Case, ItemType

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def web():
    return Client(headers={"accept-language": "en"})


def form(**over):
    data = {"type": "phan_anh", "title": "Nước thải xả ra kênh", "content": "Nhà máy xả nước thải chưa xử lý ra kênh.",
            "category": "moi-truong", "unit": "so-tnmt", "place": "Thôn 3", "name": "Nguyễn Văn An",
            "address": "Thôn 3, xã An Phú", "phone": "0912 345 678", "email": "", "id_number": "",
            "previous_tracking_code": ""}
    data.update(over)
    return data


def secret_on(page: str) -> str | None:
    m = re.search(r'<dd class="code secret">([^<]+)</dd>', page)
    return m.group(1) if m else None


@pytest.mark.parametrize("kind", ItemType.values)
def test_each_kind_of_item_is_received_through_the_form(web, province, categories, kind):
    response = web.post(reverse("portal:submit"), form(type=kind, title=f"Một {kind}"))

    assert response.status_code == 302 and response["Location"] == reverse("portal:receipt")
    case = Case.objects.get(title=f"Một {kind}")
    assert (case.type, case.channel, case.unit.code) == (kind, "web", "so-tnmt")
    page = web.get(reverse("portal:receipt")).content.decode()
    assert case.tracking_code in page
    assert case.deadlines.first().legal_basis in page


def test_item_addressed_to_no_unit_goes_to_the_provincial_office(web, province, categories):
    web.post(reverse("portal:submit"), form(unit=""))

    assert Case.objects.get().unit == province.units.office


def test_complaint_without_name_is_refused_with_the_law_and_keeps_what_was_typed(web, province, categories):
    response = web.post(reverse("portal:submit"),
                        form(type="khieu_nai", name="", content="Quyết định thu hồi đất số 12 không đúng diện tích."))

    page = response.content.decode()
    assert response.status_code == 400
    assert escape("A complaint must give the complainant's full name (Law on Complaints 2011, art. 8).") in page
    assert 'href="#id_name"' in page  # the summary links to the field
    assert 'aria-describedby="id_name_helptext id_name_error"' in page
    assert "Quyết định thu hồi đất số 12 không đúng diện tích." in page
    assert re.search(r'<input type="radio"[^>]*value="khieu_nai"[^>]*\bchecked>', page)
    assert Case.objects.count() == 0


def test_file_with_a_fake_extension_is_refused_and_nothing_is_recorded(web, province, categories):
    fake = SimpleUploadedFile("hoa-don.pdf", b"MZ\x90\x00 this is a program, not a PDF", content_type="application/pdf")

    response = web.post(reverse("portal:submit"), {**form(title="Hóa đơn khống"), "attachments": [fake]})

    page = response.content.decode()
    assert response.status_code == 400
    assert escape("The file “hoa-don.pdf” is not an accepted type") in page
    assert "please choose them again" in page
    assert 'value="Hóa đơn khống"' in page
    assert Case.objects.count() == 0


def test_a_real_pdf_is_kept_with_the_item(web, province, categories):
    web.post(reverse("portal:submit"), {**form(), "attachments": [SimpleUploadedFile("bien-ban.pdf", PDF)]})

    att = Attachment.objects.get()
    assert (att.name, att.content_type, att.from_citizen) == ("bien-ban.pdf", "application/pdf", True)


def test_too_many_files_are_refused(web, province, categories, settings):
    settings.UPLOAD_MAX_FILES = 2
    files = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(3)]

    response = web.post(reverse("portal:submit"), {**form(), "attachments": files})

    assert response.status_code == 400
    assert "You can attach at most 2 files." in response.content.decode()
    assert Case.objects.count() == 0


def test_receipt_shows_the_secret_once_and_not_on_reload(web, province, categories):
    web.post(reverse("portal:submit"), form())

    first = web.get(reverse("portal:receipt"))
    secret = secret_on(first.content.decode())
    again = web.get(reverse("portal:receipt")).content.decode()

    assert secret and re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}){3}", secret)
    assert first["Cache-Control"].count("no-store") == 1
    assert secret not in again and secret_on(again) is None
    assert Case.objects.get().tracking_code in again
    assert "receipt" not in web.session or "secret" not in web.session["receipt"]
    # and it really is the item's secret
    code = Case.objects.get().tracking_code
    assert web.post(reverse("portal:track"), {"tracking_code": code, "secret": secret}).status_code == 302


def test_denunciation_never_shows_its_senders_name(web, province, categories):
    web.post(reverse("portal:submit"), form(type="to_cao", title="Cán bộ địa chính nhận tiền", name="Trần Thị Bí Mật",
                                            address="Số 9 ngõ Kín", email="bimat@example.test"))
    case = Case.objects.get()
    assert case.confidential

    pages = [web.get(reverse("portal:receipt")), web.get(reverse("portal:item"))]

    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200 and case.tracking_code in page
        for identity in ("Trần Thị Bí Mật", "Số 9 ngõ Kín", "bimat@example.test"):
            assert identity not in page


def test_home_explains_the_kinds_and_counts_this_years_items_per_unit(web, submit, django_assert_max_num_queries):
    submit(unit="so-tnmt")
    submit(unit="so-tnmt", title="Khói bụi")

    with django_assert_max_num_queries(3):
        page = web.get(reverse("portal:home")).content.decode()

    assert "Law on Complaints 2011, art. 8" in page and "Law on Denunciation 2018, art. 47" in page
    assert re.search(r"Sở Nông nghiệp và Môi trường</td><td class=\"num\">2</td>", page)
    assert re.search(r"Sở Xây dựng</td><td class=\"num\">0</td>", page)
    assert reverse("portal:submit") in page and reverse("portal:track") in page


def test_second_complaint_is_linked_to_the_first_by_its_code(web, submit):
    first = submit(type="khieu_nai")

    web.post(reverse("portal:submit"), form(type="khieu_nai", title="Khiếu nại lần hai",
                                            previous_tracking_code=first.tracking_code.lower().replace("-", "")))

    second = Case.objects.get(title="Khiếu nại lần hai")
    assert (second.previous_case, second.complaint_round) == (first.case, 2)


def test_a_mistyped_first_complaint_code_is_pointed_out(web, province, categories):
    response = web.post(reverse("portal:submit"), form(type="khieu_nai", previous_tracking_code="123"))

    assert response.status_code == 400
    assert "Enter the code as printed on the receipt of your first complaint" in response.content.decode()
    assert Case.objects.count() == 0


def test_the_receipt_of_an_item_still_being_registered_and_then_following_it(web, province, categories, settings):
    """As in production: the form stores the submission with one write and the worker registers it moments later."""
    from minhbach.cases.models import Intake
    from minhbach.cases.services import intakes_register

    settings.INTAKE_INLINE = False
    response = web.post(reverse("portal:submit"), form(type="to_cao", title="Thu tiền sai", name="Ẩn Danh Canary"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:receipt")
    assert not Case.objects.exists()
    code = Intake.objects.get().tracking_code

    page = web.get(reverse("portal:receipt")).content.decode()
    secret = secret_on(page)
    assert code in page and secret and "Thu tiền sai" in page
    assert "Your item is being entered in the register" in page
    assert "Your identity is kept confidential" in page
    assert "Ẩn Danh Canary" not in page
    assert secret_on(web.get(reverse("portal:receipt")).content.decode()) is None  # shown once

    intakes_register()
    case = Case.objects.get(tracking_code=code)
    item = web.get(reverse("portal:item")).content.decode()  # this browser now follows the registered item
    assert code in item and case.deadlines.first().legal_basis in item
    receipt = web.get(reverse("portal:receipt")).content.decode()
    assert code in receipt and secret_on(receipt) is None
