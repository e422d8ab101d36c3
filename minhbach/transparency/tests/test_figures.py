"""Stored monthly figures and paged registers: the public reads cost the same whatever the size of the register.

The stored figures must always equal a fresh count of the published entries (after publication, a correction, a
refresh, a bulk generation and the migration's backfill), and the pages and the API must make a number of queries
that does not grow with the number of entries.
"""
import csv
import datetime as dt
import importlib
import io
import json
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from minhbach.cases.models import ItemType, Status
from minhbach.core import clock
from minhbach.transparency import selectors, services
from minhbach.transparency.models import (
    FigureDimension, RegisterEntry, RegisterFigure, RegisterMonth, RegisterScope,
)
from minhbach.transparency.tests.conftest import AFTER, MONTH, handle

APRIL = dt.date(2026, 4, 1)
CATEGORIES = ("Đất đai", "Môi trường", "")


def assert_stored_equals_fresh(**filters):
    """Every grouping and the totals, from the stored figures and from a fresh count of the entries, agree."""
    stored, fresh = selectors.stats_figures(**filters), selectors.stats_entries(**filters)
    assert selectors.figures(stored) == selectors.figures(fresh), filters
    for group_by in selectors.GROUP_BY:
        assert selectors.stats_grouped(stored, group_by=group_by) == selectors.stats_grouped(fresh, group_by=group_by), \
            (group_by, filters)
    league = [{k: v for k, v in r.items() if k != "urges"} for r in selectors.league_table(stored)]
    assert league == [{k: v for k, v in r.items() if k != "urges"} for r in selectors.league_table(fresh)]
    for type_ in ItemType.values:  # the register pages' filter by type
        assert selectors.figures(stored, type=type_) == selectors.figures(fresh, type=type_), (type_, filters)
        for group_by in ("unit", "month", "type"):
            assert (selectors.stats_grouped(stored, group_by=group_by, type=type_)
                    == selectors.stats_grouped(fresh, group_by=group_by, type=type_)), (group_by, type_, filters)


def bulk_register(unit, month: dt.date, n: int, *, start: int = 0) -> RegisterMonth:
    """A published month of `n` entries written in bulk, as `demo generate` writes them (then its figures)."""
    register = RegisterMonth.objects.create(unit=unit, scope=RegisterScope.UNIT, month=month, signer_name="Lãnh đạo")
    entries = []
    for i in range(1, n + 1):
        handled = i % 2 == 0
        entries.append(RegisterEntry(
            register=register, number=i, tracking_code=f"MB26-T{start + i:07d}", unit=unit, unit_name=unit.name,
            month=month, type=ItemType.values[i % len(ItemType.values)], category_name=CATEGORIES[i % 3], channel="web",
            received_on=month + dt.timedelta(days=i % 28), summary=f"Mục thử {start + i}",
            status=Status.ANSWERED if handled else Status.RECEIVED, handled=handled, on_time=i % 4 == 0,
            overdue=i % 4 == 1, days_to_answer=(i % 9) if handled else None))
    RegisterEntry.objects.bulk_create(entries)
    with transaction.atomic():
        services.register_figures_refresh(register=register)
    return register


# --- the stored figures are the published entries' figures ------------------------------------------------


def test_stored_figures_equal_a_fresh_count_after_publish_correction_and_refresh(published):
    p = published
    assert RegisterFigure.objects.filter(register=p.register).exists()
    assert_stored_equals_fresh()
    assert_stored_equals_fresh(unit=p.unit, month=MONTH)
    assert_stored_equals_fresh(within=p.province.units.root, date_from=MONTH, date_to=MONTH)

    entry = p.register.entries.get(case=p.refused)
    with clock.frozen("2026-04-12T09:00:00+07:00"):
        services.register_correct(entry=entry, actor=p.users.leader, field="summary",
                                  value="Kiến nghị sửa chữa đường liên xã", reason="Bổ sung")
    assert_stored_equals_fresh()

    before = selectors.figures(selectors.stats_figures(unit=p.unit))
    with clock.frozen("2026-04-20T09:00:00+07:00"):
        handle(p.overdue, p.users, result="Đã xử lý.")
        services.register_refresh(register=p.register, actor=p.users.leader)
    after = selectors.figures(selectors.stats_figures(unit=p.unit))
    assert (before["handled"], after["handled"]) == (2, 3)
    assert after["avg_days"] is not None
    assert_stored_equals_fresh()
    for group_by in selectors.GROUP_BY:
        assert_stored_equals_fresh(unit=p.unit, month=MONTH)
        assert selectors.stats_grouped(selectors.stats_figures(), group_by=group_by)


def test_every_entry_counts_once_per_dimension_and_only_its_register_is_rewritten(published, province):
    p = published
    other = bulk_register(province.units.commune, APRIL, 37)
    sub = bulk_register(province.units.dept_sub, APRIL, 11, start=100)
    untouched = set(RegisterFigure.objects.filter(register__in=[other, sub]).values_list("pk", flat=True))
    for dimension in FigureDimension.values:
        rows = RegisterFigure.objects.filter(register=other, dimension=dimension)
        assert sum(r.received for r in rows) == 37
    assert RegisterFigure.objects.filter(register=other, dimension=FigureDimension.TOTAL).count() == 1
    with transaction.atomic():
        services.register_figures_refresh(register=p.register)
    assert set(RegisterFigure.objects.filter(register__in=[other, sub]).values_list("pk", flat=True)) == untouched
    assert_stored_equals_fresh()
    assert_stored_equals_fresh(within=p.unit)  # the department and its sub-unit
    assert_stored_equals_fresh(date_from=APRIL)
    assert_stored_equals_fresh(month=MONTH, unit=province.units.commune)  # nothing: empty figures agree too
    assert selectors.figures(selectors.stats_figures(within=p.unit))["received"] == 4 + 11


def test_the_migration_backfills_what_the_services_write(published, province):
    bulk_register(province.units.commune, APRIL, 23)
    written = sorted(RegisterFigure.objects.values_list("register_id", "unit_id", "month", "dimension", "key", "received",
                                                        "handled", "on_time", "overdue", "days_total", "days_count"))
    RegisterFigure.objects.all().delete()
    migration = importlib.import_module("minhbach.transparency.migrations.0003_register_figures")

    def execute(sql, params=()):
        with connection.cursor() as cur:
            cur.execute(sql, params)

    migration.backfill(django_apps, SimpleNamespace(connection=connection, execute=execute))
    backfilled = sorted(RegisterFigure.objects.values_list("register_id", "unit_id", "month", "dimension", "key", "received",
                                                           "handled", "on_time", "overdue", "days_total", "days_count"))
    assert backfilled == written
    assert_stored_equals_fresh()


@pytest.mark.django_db(transaction=True)
def test_the_bulk_generator_writes_the_figures_of_every_month_it_publishes():
    from minhbach.demo.generate import generate

    generate(items=300, years=0.4, units=4, seed=5)
    registers = RegisterMonth.objects.filter(scope=RegisterScope.UNIT)
    assert registers.exists()
    for register in registers:
        count = register.entries.count()
        for dimension in FigureDimension.values:
            assert sum(register.stored_figures.filter(dimension=dimension).values_list("received", flat=True)) == count
    assert_stored_equals_fresh()


# --- pages of a published month -----------------------------------------------------------------------


@pytest.fixture
def big(published, province):
    """The department's April (250 entries, in bulk), and a consolidated April over it and a commune's 30."""
    p = published
    p.big = bulk_register(p.unit, APRIL, 250)
    p.small = bulk_register(province.units.commune, APRIL, 30, start=1000)
    with clock.frozen("2026-05-14T09:00:00+07:00"):
        p.consolidated = services.province_publish(root=province.units.root, month=APRIL, actor=p.users.office)
    return p


def test_a_slice_is_the_same_entries_as_the_whole_register_cut_there(big):
    for register in (big.big, big.consolidated, big.register):
        for type_ in ("", ItemType.KHIEU_NAI):
            whole = list(selectors.register_entries(register=register))
            if type_:
                whole = [e for e in whole if e.type == type_]
            for offset, limit in ((0, 100), (100, 100), (240, 100), (249, 5), (279, 10), (0, 1000), (500, 10)):
                entries, total = selectors.register_slice(register=register, offset=offset, limit=limit, type=type_)
                assert total == len(whole)
                assert [e.pk for e in entries] == [e.pk for e in whole[offset:offset + limit]], (register, offset, type_)
    streamed = list(selectors.register_entries_stream(register=big.consolidated, chunk=7))
    assert [e.pk for e in streamed] == [e.pk for e in selectors.register_entries(register=big.consolidated)]


def _rows(body: str) -> int:
    return body.count('data-label="Summary"')


def test_the_month_page_shows_a_hundred_items_a_page_with_accessible_links(big):
    web = Client(headers={"accept-language": "en"})
    first = web.get("/so-theo-doi/so-tnmt/2026-04/").content.decode()
    assert _rows(first) == 100 and "Page 1 of 3" in first and "Items 1–100 of 250" in first
    # The pager above and below the list marks the page shown.
    assert first.count('<a href="?trang=1" aria-label="Page 1" aria-current="page">1</a>') == 2
    assert 'href="?trang=2" rel="next"' in first and 'rel="prev"' not in first
    assert "<dd>250</dd>" in first  # the month's figures, not the page's
    last = web.get("/so-theo-doi/so-tnmt/2026-04/", {"trang": "3"}).content.decode()
    assert _rows(last) == 50 and "Items 201–250 of 250" in last and 'rel="next"' not in last
    assert web.get("/so-theo-doi/so-tnmt/2026-04/", {"trang": "99"}).content.decode().count("Page 3 of 3") == 2
    assert _rows(web.get("/so-theo-doi/so-tnmt/2026-04/", {"trang": "x"}).content.decode()) == 100
    # A filter is kept by every page link, and the figures are those of the filtered items.
    complaints = sum(1 for i in range(1, 251) if ItemType.values[i % len(ItemType.values)] == ItemType.KHIEU_NAI)
    filtered = web.get("/so-theo-doi/so-tnmt/2026-04/", {"loai": ItemType.KHIEU_NAI}).content.decode()
    assert _rows(filtered) == complaints and f"<dd>{complaints}</dd>" in filtered and "trang=" not in filtered
    small = web.get("/so-theo-doi/so-tnmt/2026-03/").content.decode()
    assert _rows(small) == 4 and "Page 1" not in small and 'class="pager"' not in small


def test_page_links_keep_the_filter(big, monkeypatch):
    monkeypatch.setattr(selectors, "REGISTER_PAGE_SIZE", 10)
    body = Client(headers={"accept-language": "en"}).get(
        "/so-theo-doi/so-tnmt/2026-04/", {"loai": ItemType.KHIEU_NAI, "trang": "2"}).content.decode()
    assert f'href="?loai={ItemType.KHIEU_NAI}&amp;trang=3" rel="next"' in body
    assert f'href="?loai={ItemType.KHIEU_NAI}&amp;trang=2" aria-label="Page 2" aria-current="page"' in body


def test_the_consolidated_month_pages_across_its_units(big):
    web = Client(headers={"accept-language": "en"})
    body = web.get("/so-theo-doi/ubnd-tinh/tong-hop/2026-04/", {"trang": "3"}).content.decode()
    # Page 3 holds the department's last 50 and the commune's 30, in the units' order.
    assert _rows(body) == 80 and "Items 201–280 of 280" in body
    assert body.index("Mục thử 250") < body.index("Mục thử 1001")
    assert "Figures per agency" in body and "<dd>280</dd>" in body


def test_corrections_shown_are_those_of_the_items_on_the_page(big):
    entry = big.big.entries.get(number=150)
    big.big.unit = big.unit
    with clock.frozen("2026-05-20T09:00:00+07:00"):
        services.register_correct(entry=entry, actor=big.users.leader, field="summary", value="Tóm tắt đã sửa",
                                  reason="Chính tả")
    web = Client(headers={"accept-language": "en"})
    page1 = web.get("/so-theo-doi/so-tnmt/2026-04/").content.decode()
    page2 = web.get("/so-theo-doi/so-tnmt/2026-04/", {"trang": "2"}).content.decode()
    assert "Chính tả" not in page1 and "1 correction in all" in page1
    assert "Chính tả" in page2 and "in all" not in page2
    document = json.loads(b"".join(web.get("/so-theo-doi/so-tnmt/2026-04/tai-ve.json").streaming_content))
    assert [c["reason"] for c in document["corrections"]] == ["Chính tả"]


# --- downloads stream the whole month ---------------------------------------------------------------


def test_downloads_stream_every_entry_of_the_month(big):
    web = Client(headers={"accept-language": "en"})
    r = web.get("/so-theo-doi/so-tnmt/2026-04/tai-ve.csv")
    assert r.streaming and r["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(b"".join(r.streaming_content).decode("utf-8-sig"))))
    assert [int(row["number"]) for row in rows] == list(range(1, 251))
    r = web.get("/so-theo-doi/ubnd-tinh/tong-hop/2026-04/tai-ve.json")
    assert r.streaming
    document = json.loads(b"".join(r.streaming_content))
    assert len(document["entries"]) == 280 and document["figures"]["received"] == 280
    assert document["units_not_published"] == big.consolidated.missing_units
    assert document["entries"][250]["tracking_code"] == "MB26-T0001001"


# --- the API pages the month ---------------------------------------------------------------------------


def test_the_register_api_pages_with_limit_and_offset(big):
    web = Client(headers={"accept-language": "en"})
    whole = web.get("/api/v1/register", {"unit": "so-tnmt", "month": "2026-04"}).json()
    assert len(whole["entries"]) == 250 and whole["entries_total"] == 250 and whole["next_offset"] is None
    assert (whole["offset"], whole["limit"]) == (0, 1000)
    part = web.get("/api/v1/register", {"unit": "ubnd-tinh", "month": "2026-04", "scope": "province",
                                        "limit": 100, "offset": 200}).json()
    assert [e["tracking_code"] for e in part["entries"]][49:51] == ["MB26-T0000250", "MB26-T0001001"]
    assert part["entries_total"] == 280 and part["next_offset"] is None and part["figures"]["received"] == 280
    first = web.get("/api/v1/register", {"unit": "so-tnmt", "month": "2026-04", "limit": 100}).json()
    assert [e["number"] for e in first["entries"]] == list(range(1, 101)) and first["next_offset"] == 100
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "many"}):
        r = web.get("/api/v1/register", {"unit": "so-tnmt", "month": "2026-04", **bad})
        assert r.status_code == 400 and r.json()["code"] == "invalid", bad


# --- the number of queries does not grow with the register -------------------------------------------------

PUBLIC_READS = [
    "/so-theo-doi/so-tnmt/{month}/", "/so-theo-doi/so-tnmt/{month}/?trang=2&loai=phan_anh",
    "/so-theo-doi/ubnd-tinh/tong-hop/{month}/", "/so-theo-doi/so-tnmt/", "/so-theo-doi/",
    "/api/v1/register?unit=so-tnmt&month={month}&limit=100",
    "/api/v1/register?unit=ubnd-tinh&month={month}&scope=province&limit=1000&offset=2",
    "/thong-ke/", "/thong-ke/?group_by=category", "/thong-ke/?group_by=month&unit=so-tnmt",
    "/thong-ke/tai-ve.csv?group_by=type", "/thong-ke/tai-ve.json?group_by=month",
    *[f"/api/v1/stats?group_by={g}" for g in selectors.GROUP_BY],
]


def _queries(url: str) -> int:
    web = Client(headers={"accept-language": "en"})
    with CaptureQueriesContext(connection) as ctx:
        r = web.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


def test_public_reads_make_the_same_few_queries_for_a_small_and_a_large_register(published, province,
                                                                                  django_assert_max_num_queries):
    p = published
    with clock.frozen(AFTER):
        services.province_publish(root=province.units.root, month=MONTH, actor=p.users.office)
    small = {url: _queries(url.format(month="2026-03")) for url in PUBLIC_READS}
    bulk_register(p.unit, APRIL, 600)
    bulk_register(province.units.commune, APRIL, 400, start=1000)
    bulk_register(province.units.dept_sub, APRIL, 200, start=2000)
    with clock.frozen("2026-05-14T09:00:00+07:00"):
        services.province_publish(root=province.units.root, month=APRIL, actor=p.users.office)
    large = {url: _queries(url.format(month="2026-04")) for url in PUBLIC_READS}
    assert large == small
    for url in PUBLIC_READS:
        with django_assert_max_num_queries(12):
            Client().get(url.format(month="2026-04"))
