"""Plan import: uploads are checked, the draft is kept in the database, reviewed and saved as a plan."""
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minhbach.core import clock
from minhbach.core.errors import DomainError
from minhbach.plans.importing import read_upload
from minhbach.plans.models import Plan, PlanImport, ReportObligation


def _upload(client, province, name, content):
    return client.post("/plans/import/", {"file": SimpleUploadedFile(name, content), "issuing_unit": province.units.root.pk})


def _post_data(imp, **changes):
    """The review form as the browser would send it, from the stored draft."""
    d = imp.draft
    doc, rep = d["document"], d["reporting"]
    data = {"number": doc["number"], "doc_type": doc["doc_type"], "issuing_body": doc["issuing_body"],
            "issue_date": doc["issue_date"], "title": doc["title"], "implements": "; ".join(doc["implements"]),
            "period_start": doc["period_start"], "period_end": doc["period_end"], "cadences": rep["cadences"],
            "report_day": rep["day"] or "", "yearly_due": "", "reports_to": rep["reports_to_unit"] or "", "parent_task": "",
            "t-TOTAL_FORMS": len(d["tasks"]), "t-INITIAL_FORMS": len(d["tasks"]), "t-MIN_NUM_FORMS": 0, "t-MAX_NUM_FORMS": 1000}
    for i, t in enumerate(d["tasks"]):
        data.update({f"t-{i}-src": i, f"t-{i}-path": t["path"], f"t-{i}-text": t["text"], f"t-{i}-lead": t["lead_ids"],
                     f"t-{i}-coordinate": t["coordinate_ids"], f"t-{i}-timing_text": t["timing_text"],
                     f"t-{i}-timing_kind": t["timing_kind"], f"t-{i}-due_date": t["due_date"]})
    data.update(changes)
    return data


@pytest.mark.parametrize("name, content, message", [
    ("plan.pdf", b"%PDF-1.4 some pdf", "Only .txt"),
    ("plan.txt", "Kế hoạch cải cách hành chính năm 2023".encode("utf-16"), "not plain text"),
    ("plan.txt", "Kế hoạch cải cách hành chính năm 2023 của tỉnh".encode("cp1258", errors="ignore") + b"\xff\xfe\xfa", "UTF-8"),
    ("plan.txt", b"", "empty"),
    ("plan.docx", "KẾ HOẠCH giả mạo, không phải Word".encode(), "not a Word"),
    ("plan.txt", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "not plain text"),
    ("plan.txt", b"1 2 3 4", "no readable text"),
])
def test_bad_uploads_are_refused_with_a_message(name, content, message):
    with pytest.raises(DomainError) as exc:
        read_upload(name=name, content=content)
    assert message in str(exc.value.message)


def test_too_large_upload_is_refused(settings):
    settings.PLANS_IMPORT_MAX_BYTES = 1024
    with pytest.raises(DomainError, match="larger than"):
        read_upload(name="plan.txt", content=("Kế hoạch " * 500).encode())


def test_docx_upload_is_read(nghean_text):
    import docx

    document = docx.Document()
    for para in nghean_text.split("\n\n"):
        document.add_paragraph(para)
    buf = io.BytesIO()
    document.save(buf)
    text = read_upload(name="ke-hoach.docx", content=buf.getvalue())
    assert "Cải cách hành chính năm 2023" in text


def test_bad_upload_shows_the_message_on_the_form_not_a_500(client, province):
    client.force_login(province.users.home)
    response = _upload(client, province, "plan.txt", b"\xff\xfe\x00\x00garbage\x00")
    assert response.status_code == 200
    assert "not plain text" in response.content.decode() or "không" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_import_keeps_the_draft_in_the_database_and_saves_a_plan_with_obligations(client, province, nghean_text):
    client.force_login(province.users.home)
    with clock.frozen(dt.date(2023, 5, 2)):
        response = _upload(client, province, "48-KH-UBND.txt", nghean_text.encode())
        assert response.status_code == 302
        imp = PlanImport.objects.get()
        assert response["Location"] == f"/plans/import/{imp.pk}/"
        assert imp.draft["document"]["number"] == "48/KH-UBND"
        page = client.get(response["Location"]).content.decode()
        assert 'id="L43"' in page and 'class="task-anchor"' in page and 'href="#L43"' in page
        # The reviewer gives task II.3.c to the Construction department instead of the inspectorate.
        idx = next(i for i, t in enumerate(imp.draft["tasks"]) if t["path"] == "II.3.c")
        response = client.post(f"/plans/import/{imp.pk}/", _post_data(imp, **{f"t-{idx}-lead": [province.units.dept2.pk]},
                                                                       save_plan="1"))
        assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.objects.get()
    imp.refresh_from_db()
    assert imp.status == "saved" and imp.plan == plan
    task = plan.tasks.get(path="II.3.c")
    assert [a.unit for a in task.assignments.filter(role="lead")] == [province.units.dept2]
    assert plan.report_cadences == ["quarterly", "semiannual", "yearly"]
    assert ReportObligation.objects.filter(plan=plan, task=None, period_label="Quý I/2023").exists()
    detail = client.get(response["Location"]).content.decode()
    assert "II.3.c" in detail and "Sở Xây dựng" in detail


def test_review_form_errors_are_shown_not_saved(client, province, nghean_text):
    client.force_login(province.users.home)
    _upload(client, province, "kh.txt", nghean_text.encode())
    imp = PlanImport.objects.get()
    response = client.post(f"/plans/import/{imp.pk}/", _post_data(imp, title="", **{"t-0-timing_kind": "deadline",
                                                                                 "t-0-due_date": ""}, save_plan="1"))
    assert response.status_code == 200
    assert not Plan.objects.exists()


def test_another_province_user_cannot_open_an_import(client, province, nghean_text):
    client.force_login(province.users.home)
    _upload(client, province, "kh.txt", nghean_text.encode())
    imp = PlanImport.objects.get()
    client.force_login(province.users.handler)
    assert client.get(f"/plans/import/{imp.pk}/").status_code == 404
    assert client.get("/plans/import/").status_code == 404
