"""Publications: checked documents, posting windows (C5), leaders publish, the public sees only what is online."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from minhbach.core import clock
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.core.uploads import check_upload
from minhbach.transparency import services
from minhbach.transparency.models import Publication, PublicationKind, PublicationState

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
D = dt.date


def _pdf():
    return check_upload(name="quyet-dinh.pdf", content=PDF)


def _create(province, *, kind=PublicationKind.COMPLAINT_DECISION, **kw):
    kw.setdefault("issued_on", D(2026, 4, 1))
    return services.publication_create(actor=province.users.leader, unit=province.units.dept, kind=kind,
                                       title=kw.pop("title", "Quyết định giải quyết khiếu nại lần đầu về đất đai"),
                                       upload=_pdf(), **kw)


def test_a_complaint_decision_is_online_15_consecutive_days_by_default(province):
    with clock.frozen("2026-04-02"):
        pub = _create(province)
    assert (pub.posted_from, pub.posted_until) == (D(2026, 4, 2), D(2026, 4, 16))
    assert (pub.posted_until - pub.posted_from).days + 1 == 15


def test_a_shorter_window_for_a_complaint_decision_is_refused(province):
    with clock.frozen("2026-04-02"), pytest.raises(DomainError) as e:
        _create(province, posted_from=D(2026, 4, 2), posted_until=D(2026, 4, 15))
    assert "15" in str(e.value.message) and e.value.field == "posted_until"
    with clock.frozen("2026-04-02"):
        _create(province, kind=PublicationKind.PLAN, posted_from=D(2026, 4, 2), posted_until=D(2026, 4, 5))


def test_a_window_that_lost_days_before_publication_is_refused_at_publication(province):
    with clock.frozen("2026-04-02"):
        pub = _create(province)
    with clock.frozen("2026-04-05"), pytest.raises(DomainError):
        services.publication_publish(publication=pub, actor=province.users.leader)


def test_leaders_publish_and_handlers_only_draft(province):
    with clock.frozen("2026-04-02"):
        pub = services.publication_create(actor=province.users.handler, unit=province.units.dept,
                                          kind=PublicationKind.INSPECTION_CONCLUSION, title="Kết luận thanh tra",
                                          issued_on=D(2026, 4, 1), upload=_pdf())
        with pytest.raises(PermissionDenied):
            services.publication_publish(publication=pub, actor=province.users.handler)
        with pytest.raises(PermissionDenied):
            services.publication_publish(publication=pub, actor=province.users.commune_leader)
        services.publication_publish(publication=pub, actor=province.users.leader)
    pub.refresh_from_db()
    assert pub.state == PublicationState.PUBLISHED


def test_a_denunciation_conclusion_needs_the_no_denouncer_confirmation(province):
    with clock.frozen("2026-04-02"), pytest.raises(DomainError):
        _create(province, kind=PublicationKind.DENUNCIATION_CONCLUSION, title="Kết luận nội dung tố cáo")
    with clock.frozen("2026-04-02"):
        _create(province, kind=PublicationKind.DENUNCIATION_CONCLUSION, title="Kết luận nội dung tố cáo",
                no_denouncer_confirmed=True)


def test_the_document_is_checked_by_its_content(province):
    c = Client(headers={"accept-language": "en"})
    c.force_login(province.users.leader)
    with clock.frozen("2026-04-02"):
        r = c.post("/staff/publishing/cong-bo/", {
            "kind": "plan", "unit": "so-tnmt", "title": "Kế hoạch tiếp công dân", "issued_on": "2026-04-01",
            "document": SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")})
    assert r.status_code == 400 and not Publication.objects.exists()
    assert "not an accepted type" in r.content.decode()


def test_a_complaint_decision_is_archived_only_after_its_15_days(province):
    with clock.frozen("2026-04-02"):
        pub = _create(province)
        services.publication_publish(publication=pub, actor=province.users.leader)
    with clock.frozen("2026-04-10"), pytest.raises(DomainError):
        services.publication_archive(publication=pub, actor=province.users.leader)
    with clock.frozen("2026-04-17"):
        services.publication_archive(publication=pub, actor=province.users.leader)


def test_the_public_sees_what_is_online_and_the_archive_but_never_drafts(province):
    web = Client(headers={"accept-language": "en"})
    with clock.frozen("2026-04-02"):
        online = _create(province, title="Quyết định số 1 về đất đai")
        services.publication_publish(publication=online, actor=province.users.leader)
        draft = _create(province, title="Quyết định nháp chưa công bố")
        assert web.get(f"/cong-bo/{draft.pk}/").status_code == 404
        assert web.get(f"/cong-bo/{draft.pk}/van-ban/").status_code == 404
        page = web.get("/cong-bo/").content.decode()
        assert "Quyết định số 1" in page and "nháp" not in page
        doc = web.get(f"/cong-bo/{online.pk}/van-ban/")
        assert doc.status_code == 200 and b"".join(doc.streaming_content) == PDF
    with clock.frozen("2026-05-01"):
        assert "Quyết định số 1" not in web.get("/cong-bo/").content.decode()
        assert "Quyết định số 1" in web.get("/cong-bo/?luu-tru=1").content.decode()
        assert web.get(f"/cong-bo/{online.pk}/").status_code == 200
        assert "Quyết định số 1" in web.get("/cong-bo/?loai=complaint_decision&luu-tru=1").content.decode()
        assert "Quyết định số 1" not in web.get("/cong-bo/?loai=plan&luu-tru=1").content.decode()
