"""The plan pages end to end through the test client: report, review queue, follow-up and urge, review document."""
import datetime as dt
import io

from docx import Document
from django.core.files.uploadedfile import SimpleUploadedFile

from minhbach.core import clock
from minhbach.plans.models import ProgressReport, ReportObligation, Urge


def test_report_review_follow_up_and_review_document_pages(client, nghean_plan, province):
    users, u = province.users, province.units
    ob = ReportObligation.objects.get(plan=nghean_plan, unit=u.commune, task=None, period_label="Quý III/2023")
    task = nghean_plan.tasks.get(path="II.2.2")
    with clock.frozen(dt.date(2023, 9, 10)):
        client.force_login(users.commune_handler)
        page = client.get("/plans/mine/").content.decode()
        assert f"/plans/obligations/{ob.pk}/" in page
        form = client.get(f"/plans/obligations/{ob.pk}/").content.decode()
        assert f'name="task_{task.pk}_status"' in form and 'name="sign"' not in form
        response = client.post(f"/plans/obligations/{ob.pk}/", {"status": "on_track", "text": "Đã rà soát 12 thủ tục.",
                                                                f"task_{task.pk}_status": "done",
                                                                f"task_{task.pk}_text": "Rà soát 25% thủ tục", "draft": "1"})
        assert response.status_code == 302
        draft = ProgressReport.objects.get(obligation=ob)
        assert draft.review_state == "draft" and draft.figures["tasks"][str(task.pk)]["status"] == "done"

        client.force_login(users.commune_leader)
        assert client.post(f"/plans/reports/{draft.pk}/sign/").status_code == 302
        draft.refresh_from_db()
        assert draft.review_state == "submitted"

        client.force_login(users.home)
        assert f"/plans/reports/{draft.pk}/" in client.get("/plans/review/").content.decode()
        response = client.post(f"/plans/reports/{draft.pk}/", {"decision": "return", "comment": ""})
        assert response.status_code == 200  # the comment is required
        response = client.post(f"/plans/reports/{draft.pk}/", {"decision": "return", "comment": "Thiếu số liệu."})
        assert response.status_code == 302
        ob.refresh_from_db()
        assert ob.review_state == "returned"

        client.force_login(users.commune_leader)
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
        response = client.post(f"/plans/obligations/{ob.pk}/", {"status": "done", "text": "Bổ sung số liệu.", "sign": "1",
                                                                "attachment": SimpleUploadedFile("bc.pdf", pdf)})
        assert response.status_code == 302
        second = ProgressReport.objects.filter(obligation=ob).first()
        assert second.review_state == "submitted" and second.submitted_by == users.commune_leader
        assert client.get(f"/plans/reports/{second.pk}/attachment/").status_code == 200
        bad = client.post(f"/plans/obligations/{ob.pk}/", {"status": "done", "text": "x", "sign": "1"})
        assert bad.status_code == 404  # nothing to report while the report waits for review

        client.force_login(users.home)
        client.post(f"/plans/reports/{second.pk}/", {"decision": "accept"})
        page = client.get(f"/plans/{nghean_plan.pk}/follow-up/").content.decode()
        assert "UBND xã An Phú" in page
        drill = client.get(f"/plans/{nghean_plan.pk}/follow-up/?unit={u.commune.pk}&state=accepted").content.decode()
        assert f"/plans/obligations/{ob.pk}/" in drill
        response = client.post(f"/plans/{nghean_plan.pk}/follow-up/", {"unit": u.dept2.pk, "task": task.pk,
                                                                        "text": "Đề nghị báo cáo đúng hạn."})
        assert response.status_code == 302 and Urge.objects.filter(unit=u.dept2, task=task).exists()
        assert client.post(f"/plans/{nghean_plan.pk}/follow-up/", {"unit": u.dept2.pk, "text": ""}).status_code == 200

        response = client.post(f"/plans/{nghean_plan.pk}/review-document/", {"kind": "so_ket", "period": "9 tháng năm 2023"})
        assert response.status_code == 302
        download = client.get(response["Location"])
        assert download["Content-Type"].startswith("application/vnd.openxmlformats")
        doc = Document(io.BytesIO(download.content))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        assert "Rà soát 25% thủ tục" not in cells  # the accepted report replaced the draft's lines
        assert "Hoàn thành" in cells or "Đang thực hiện, đúng tiến độ" in cells
        bad = client.post(f"/plans/{nghean_plan.pk}/review-document/", {"kind": "so_ket", "period": "mùa xuân"})
        assert bad.status_code == 200


def test_pages_do_not_query_per_row(client, nghean_plan, province, django_assert_max_num_queries):
    """The plan page, the follow-up, the lists: a bounded number of queries whatever the number of tasks."""
    client.force_login(province.users.home)
    client.get("/plans/")  # warm caches (sessions, content types)
    for url in ("/plans/", f"/plans/{nghean_plan.pk}/", f"/plans/{nghean_plan.pk}/follow-up/",
                f"/plans/{nghean_plan.pk}/follow-up/?state=overdue", "/plans/review/"):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200
    client.force_login(province.users.commune_leader)
    with django_assert_max_num_queries(15):
        assert client.get("/plans/mine/").status_code == 200


def test_sweep_command_is_idempotent(nghean_plan):
    from django.core.management import call_command
    import json
    from io import StringIO

    out = StringIO()
    call_command("plans", "sweep", "--today", "2023-12-10", stdout=out)
    first = json.loads(out.getvalue())
    assert first["overdue"] > 0
    out = StringIO()
    call_command("plans", "sweep", "--today", "2023-12-10", stdout=out)
    assert json.loads(out.getvalue()) == {"created": 0, "due_soon": 0, "overdue": 0}
