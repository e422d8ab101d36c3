"""The public register, publications, directory, statistics and search pages: they render, link together, show
corrections, and never show anything personal — not on a page, in a download or through the API."""
import datetime as dt
import re

import pytest
from django.test import Client

from minhbach.core import clock
from minhbach.core.uploads import check_upload
from minhbach.transparency import services
from minhbach.transparency.models import PublicationKind
from minhbach.transparency.tests.conftest import AFTER, CANARY, MONTH, march, published  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CANARIES = [CANARY.name, CANARY.phone, CANARY.phone.replace(" ", ""), CANARY.email, CANARY.id_number, CANARY.address,
            "Số nhà 77", "an@example.test"]


@pytest.fixture
def everything(published):
    """The published month, the consolidated province, a publication, an urging."""
    p = published
    with clock.frozen(AFTER):
        p.consolidated = services.province_publish(root=p.province.units.root, month=MONTH, actor=p.users.office)
        pub = services.publication_create(actor=p.users.leader, unit=p.unit, kind=PublicationKind.COMPLAINT_DECISION,
                                          title="Quyết định giải quyết khiếu nại về đất đai", issued_on=dt.date(2026, 4, 2),
                                          upload=check_upload(name="qd.pdf", content=PDF))
        p.publication = services.publication_publish(publication=pub, actor=p.users.leader)
        services.unit_urge(unit=p.unit, actor=p.users.office, text="Đề nghị xử lý các vụ việc quá hạn.")
    return p


def public_urls(p) -> list[str]:
    entry_numbers = p.register.entries.values_list("number", flat=True)
    return [
        "/", "/so-theo-doi/", "/so-theo-doi/so-tnmt/", "/so-theo-doi/so-tnmt/2026-03/", "/so-theo-doi/so-tnmt/2026-03/?loai=to_cao",
        *[f"/so-theo-doi/so-tnmt/2026-03/muc/{n}/" for n in entry_numbers],
        "/so-theo-doi/so-tnmt/2026-03/tai-ve.csv", "/so-theo-doi/so-tnmt/2026-03/tai-ve.json",
        "/so-theo-doi/ubnd-tinh/", "/so-theo-doi/ubnd-tinh/tong-hop/2026-03/",
        "/so-theo-doi/ubnd-tinh/tong-hop/2026-03/tai-ve.csv", "/so-theo-doi/ubnd-tinh/tong-hop/2026-03/tai-ve.json",
        "/api/v1/register?unit=so-tnmt&month=2026-03", "/api/v1/register?unit=ubnd-tinh&month=2026-03&scope=province",
        *[f"/api/v1/stats?group_by={g}" for g in ("unit", "category", "type", "month")],
        "/cong-bo/", f"/cong-bo/{p.publication.pk}/", "/danh-ba/", "/danh-ba/so-tnmt/",
        "/thong-ke/", "/thong-ke/?group_by=category", "/thong-ke/?unit=so-tnmt&month=2026-03&group_by=type",
        "/thong-ke/tai-ve.csv", "/thong-ke/tai-ve.json?group_by=month",
        "/tim-kiem/?q=canary", "/tim-kiem/?q=dat dai", "/tim-kiem/?q=0912345678", "/tim-kiem/?q=079123456789",
    ]


def test_nothing_personal_on_any_public_page_export_or_api(everything):
    web = Client(headers={"accept-language": "en"})
    with clock.frozen(AFTER):
        for url in public_urls(everything):
            r = web.get(url)
            assert r.status_code == 200, url
            body = (b"".join(r.streaming_content) if r.streaming else r.content).decode("utf-8-sig")
            if url.startswith("/tim-kiem/"):  # the page repeats what was searched for: only the results count
                body = body.replace(url.split("q=", 1)[1], "")
            for canary in CANARIES:
                assert canary.lower() not in body.lower(), (url, canary)


def test_the_register_page_shows_entries_figures_downloads_and_the_signer(everything):
    body = Client(headers={"accept-language": "en"}).get("/so-theo-doi/so-tnmt/2026-03/").content.decode()
    assert "signed off by Leader" in body
    assert body.count('data-label="Summary"') == 4
    assert "tai-ve.csv" in body and "tai-ve.json" in body and "/api/v1/register?unit=so-tnmt" in body
    assert "Kiến nghị sửa đường liên xã" in body and "Không thuộc thẩm quyền" in body
    assert "Tố cáo cán bộ địa chính nhận tiền" in body  # the denunciation is listed, its sender is not
    assert "Đề nghị xử lý các vụ việc quá hạn" in body  # the urging shows on the agency's figures


def test_a_correction_is_visible_on_the_public_pages(everything):
    entry = everything.register.entries.get(case=everything.refused)
    with clock.frozen("2026-04-12T09:00:00+07:00"):
        services.register_correct(entry=entry, actor=everything.users.leader, field="summary",
                                  value="Kiến nghị sửa chữa đường liên xã Bình An", reason="Bổ sung địa danh")
    web = Client(headers={"accept-language": "en"})
    for url in ("/so-theo-doi/so-tnmt/2026-03/", f"/so-theo-doi/so-tnmt/2026-03/muc/{entry.number}/",
                "/so-theo-doi/ubnd-tinh/tong-hop/2026-03/"):
        body = web.get(url).content.decode()
        assert "12/04/2026" in body and "Bổ sung địa danh" in body, url
        assert "<del>Kiến nghị sửa đường liên xã</del>" in body and "Kiến nghị sửa chữa đường liên xã Bình An" in body, url
    data = web.get("/api/v1/register?unit=so-tnmt&month=2026-03").json()
    assert data["corrections"][0]["reason"] == "Bổ sung địa danh" and data["corrections"][0]["before"] == "Kiến nghị sửa đường liên xã"


def test_the_consolidated_register_gathers_every_published_unit(everything):
    body = Client(headers={"accept-language": "en"}).get("/so-theo-doi/ubnd-tinh/tong-hop/2026-03/").content.decode()
    assert "Consolidated register" in body and body.count('data-label="Unit"') == 4
    assert "Figures per agency" in body


@pytest.mark.parametrize("url", [
    "/so-theo-doi/so-tnmt/2026-04/", "/so-theo-doi/so-tnmt/2026-13/", "/so-theo-doi/khong-co/2026-03/",
    "/so-theo-doi/xa-an-phu/", "/so-theo-doi/so-tnmt/2026-03/muc/99/", "/so-theo-doi/so-tnmt/2026-04/tai-ve.csv",
    "/so-theo-doi/ubnd-tinh/tong-hop/2026-03/", "/cong-bo/999/", "/danh-ba/khong-co/",
])
def test_unpublished_or_unknown_is_not_found(published, url):
    assert Client().get(url).status_code == 404


def test_the_api_refuses_bad_queries_with_the_error_shape(published):
    web = Client(headers={"accept-language": "en"})
    r = web.get("/api/v1/register?unit=so-tnmt&month=March")
    assert r.status_code == 400 and r.json()["errors"] == {"month": "Give the month as YYYY-MM."}
    assert web.get("/api/v1/register?unit=so-tnmt&month=2026-04").status_code == 404
    assert web.get("/api/v1/stats?group_by=colour").status_code == 400
    assert web.get("/api/v1/stats?unit=nowhere").status_code == 404


def test_the_statistics_page_draws_svg_charts_with_a_table_alternative(everything):
    body = Client(headers={"accept-language": "en"}).get("/thong-ke/?group_by=month").content.decode()
    assert re.search(r'<svg class="chart-svg"[^>]*role="img"', body)
    assert "<rect class=\"bar-received\"" in body and "The chart's figures" in body and "League table" in body
    assert "<script" not in body and "style=" not in body
