"""Figures agree with the register they are counted from; search ignores diacritics and case."""
import csv
import io
import json

from django.test import Client

from minhbach.core import clock
from minhbach.transparency import search, selectors
from minhbach.transparency.tests.conftest import AFTER


def test_stats_equal_the_register_counts_everywhere(published):
    entries = list(published.register.entries.all())
    expected = {"received": len(entries), "handled": sum(e.handled for e in entries),
                "on_time": sum(e.on_time for e in entries), "overdue": sum(e.overdue for e in entries)}
    assert expected == {"received": 4, "handled": 2, "on_time": 2, "overdue": 2}
    web = Client()
    api = web.get("/api/v1/stats", {"unit": "so-tnmt", "month": "2026-03", "group_by": "type"}).json()
    assert {k: api["totals"][k] for k in expected} == expected
    assert sum(r["received"] for r in api["rows"]) == 4
    register = web.get("/api/v1/register", {"unit": "so-tnmt", "month": "2026-03"}).json()
    assert {k: register["figures"][k] for k in expected} == expected and len(register["entries"]) == 4
    download = web.get("/so-theo-doi/so-tnmt/2026-03/tai-ve.csv")  # streamed: the month is never held whole
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 4 and sum(r["overdue"] == "True" for r in rows) == 2
    by_month = json.loads(b"".join([web.get("/thong-ke/tai-ve.json", {"group_by": "month"}).content]))
    assert by_month["rows"] == [{**by_month["rows"][0], "key": "2026-03", **expected}]
    stats_csv = list(csv.DictReader(io.StringIO(web.get("/thong-ke/tai-ve.csv?group_by=unit").content.decode("utf-8-sig"))))
    assert [(r["key"], r["received"], r["overdue"]) for r in stats_csv] == [("so-tnmt", "4", "2")]
    page = web.get("/so-theo-doi/so-tnmt/").content.decode()
    assert selectors.figures(published.register.entries.all())["received"] == 4 and ">4<" in page


def test_later_corrections_flow_into_the_figures(published):
    from minhbach.transparency import services
    from minhbach.transparency.tests.conftest import handle

    with clock.frozen("2026-04-20T09:00:00+07:00"):
        handle(published.overdue, published.users, result="Đã xử lý.")
        services.register_refresh(register=published.register, actor=published.users.leader)
    api = Client().get("/api/v1/stats", {"unit": "so-tnmt", "month": "2026-03"}).json()
    assert api["totals"]["handled"] == 3 and api["totals"]["received"] == 4


def test_folding_ignores_diacritics_case_and_d_stroke():
    assert search.fold("ĐẤT ĐAI  Ô nhiễm") == "dat dai o nhiem"
    assert search.terms("  Dat   DAI ") == ["dat", "dai"]


def test_search_without_diacritics_finds_published_text(published):
    web = Client(headers={"accept-language": "en"})
    with clock.frozen(AFTER):
        body = web.get("/tim-kiem/", {"q": "o nhiem DAT dai"}).content.decode()
    assert "ô nhiễm đất đai" in body
    entry = published.register.entries.get(case=published.answered)
    assert f"/so-theo-doi/so-tnmt/2026-03/muc/{entry.number}/" in body
    assert "Leader" in web.get("/tim-kiem/", {"q": "so nong nghiep"}).content.decode()  # an official of the unit
    nothing = web.get("/tim-kiem/", {"q": "hoang thi canary"}).content.decode()  # the sender's name was never published
    assert "Nothing published matches" in nothing


def test_unpublished_items_are_not_found(march):
    with clock.frozen(AFTER):
        assert "Khói bụi" not in Client().get("/tim-kiem/", {"q": "khoi bui"}).content.decode()


def test_figures_by_unit_have_one_row_per_unit(published):
    """Grouping must ignore the entries' default ordering, or each entry becomes its own 'unit' row."""
    from minhbach.transparency import selectors

    rows = selectors.stats_grouped(selectors.stats_entries(unit=published.unit).order_by("number"), group_by="unit")
    assert [r["key"] for r in rows] == [published.unit.code]
    assert rows[0]["received"] == 4
