"""Staff intake: keying in paper letters, anonymous ones too, with a receipt shown once."""
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minhbach.cases.models import Case, Submitter
from minhbach.cases.receipts import verify_secret


def form(province, **over):
    data = {"form_token": "tok-1", "channel": "paper", "type": "phan_anh", "unit": province.units.dept.pk,
            "category": "", "title": "Thư tay về ô nhiễm", "content": "Nhà máy xả khói đen cả ngày.",
            "people_count": "1"}
    data.update(over)
    return data


def test_intake_records_an_anonymous_paper_letter_and_shows_the_secret_once(client, province, categories):
    client.force_login(province.users.clerk)
    page = client.get(reverse("cases:intake"))
    assert page.status_code == 200
    assert 'value="web"' not in page.content.decode() and 'value="api"' not in page.content.decode()
    response = client.post(reverse("cases:intake"), form(province, type="to_cao", title="Thư nặc danh"))
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.channel == "paper" and case.received_by == province.users.clerk and case.anonymous
    html = response.content.decode()
    assert case.tracking_code in html
    secret = response.context["receipt"].access_secret
    assert secret in html and verify_secret(case.secret_hash, secret)
    assert "no-store" in response["Cache-Control"]
    # The secret is never shown again, and posting the same form twice records nothing new.
    again = client.post(reverse("cases:intake"), form(province, type="to_cao", title="Thư nặc danh"))
    assert again.status_code == 302 and Case.objects.count() == 1
    assert secret not in client.get(again["Location"]).content.decode()


def test_intake_with_a_disguised_text_file_shows_the_error_and_keeps_the_title(client, province, categories):
    client.force_login(province.users.clerk)
    fake = SimpleUploadedFile("don.pdf", b"This is plain text pretending to be a PDF.", content_type="application/pdf")
    response = client.post(reverse("cases:intake"), {**form(province, title="Đơn kiến nghị giữ lại"), "attachments": [fake]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not an accepted type" in html
    assert 'value="Đơn kiến nghị giữ lại"' in html
    assert "choose them again" in html
    assert not Case.objects.exists()


def test_intake_with_a_real_pdf_stores_it(client, province, categories):
    client.force_login(province.users.clerk)
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    response = client.post(reverse("cases:intake"), {**form(province), "attachments": [pdf]})
    assert response.status_code == 200
    assert Case.objects.get().attachments.get().content_type == "application/pdf"


def test_intake_only_offers_units_where_the_user_may_intake(client, province, categories):
    client.force_login(province.users.clerk)
    html = client.get(reverse("cases:intake")).content.decode()
    assert province.units.dept.name in html and province.units.dept_sub.name in html
    assert province.units.commune.name not in html
    response = client.post(reverse("cases:intake"), form(province, unit=province.units.commune.pk))
    assert response.status_code == 400
    assert "Choose one of your units." in response.content.decode()
    assert not Case.objects.exists()


def test_intake_is_closed_to_roles_that_do_not_intake(client, province):
    client.force_login(province.users.office)
    assert client.get(reverse("cases:intake")).status_code == 403


def test_intake_field_errors_from_the_service_are_shown_next_to_the_field(client, province, categories):
    client.force_login(province.users.clerk)
    response = client.post(reverse("cases:intake"), form(province, content="ngắn", submitter_email="khong-hop-le",
                                                         submitter_name="Phạm Thị Hoa"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Describe the matter in at least 10 characters." in html
    assert "Enter a valid e-mail address." in html
    assert 'value="Phạm Thị Hoa"' in html
    assert not Case.objects.exists()


def test_second_time_complaint_links_the_first_and_rejects_an_unknown_code(client, province, submit):
    first = submit(type="khieu_nai").case
    client.force_login(province.users.clerk)
    bad = client.post(reverse("cases:intake"), form(province, type="khieu_nai", previous_tracking_code="MB26-00000000"))
    assert bad.status_code == 400
    assert "No complaint has this tracking code." in bad.content.decode()
    ok = client.post(reverse("cases:intake"), form(province, type="khieu_nai", form_token="tok-2",
                                                    previous_tracking_code=first.tracking_code,
                                                    submitter_name="Lê Văn Bình", submitter_address="Xã An Phú"))
    assert ok.status_code == 200
    second = Case.objects.exclude(pk=first.pk).get()
    assert second.previous_case == first and second.complaint_round == 2
    assert Submitter.objects.get(case=second).name == "Lê Văn Bình"
