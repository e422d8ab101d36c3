"""The citizen's path through what is published, in a real browser at 360 px: find a unit's register, open an
item, download the CSV, search without diacritics; then submit an opinion and follow it with the receipt."""
import csv
import io
import re

import pytest

from tests.browser._published import CANARY, ensure_rules, publish_everything

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _rules(transactional_db):
    ensure_rules()


@pytest.fixture(scope="module", autouse=True)
def _leave_migrated_data(django_db_blocker):
    """The last test's flush removed what data migrations loaded: put it back for the modules that follow."""
    yield
    with django_db_blocker.unblock():
        ensure_rules()


def test_find_a_units_register_open_an_item_and_download_the_csv(page, province, submit, transactional_db):
    publish_everything(province, submit)
    page.goto(page.base + "/")
    page.locator("header nav a[href='/so-theo-doi/']").click()
    page.wait_for_url("**/so-theo-doi/")
    page.get_by_role("link", name="Sở Nông nghiệp và Môi trường").click()
    page.get_by_role("link", name="03/2026").click()
    page.wait_for_url("**/so-theo-doi/so-tnmt/2026-03/")
    assert "Kiến nghị nạo vét kênh thủy lợi" in page.content()
    page.locator("table.register a").first.click()
    page.wait_for_url(re.compile(r".*/muc/1/$"))
    assert "lấn chiếm đất đai công cộng" in page.locator("p.lead").inner_text()
    assert CANARY.name not in page.content() and CANARY.phone not in page.content()
    page.go_back()
    with page.expect_download() as info:
        page.locator("p.downloads a").first.click()
    download = info.value
    assert download.suggested_filename == "so-theo-doi-so-tnmt-2026-03.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
    assert len(rows) == 2 and CANARY.name not in str(rows)


def test_search_without_diacritics_finds_the_published_item(page, province, submit, transactional_db):
    publish_everything(province, submit)
    page.goto(page.base + "/tim-kiem/")
    page.locator("#id_q").fill("lan chiem dat dai")
    page.locator("form[role=search] button[type=submit]").click()
    link = page.locator("ul.results a").first
    assert "lấn chiếm đất đai" in link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r".*/so-theo-doi/so-tnmt/2026-03/muc/\d+/$"))


def test_submit_an_opinion_and_follow_it_with_the_receipt(page, browser, live_server, province, categories,
                                                           transactional_db):
    page.goto(page.base + "/gui-y-kien/")
    page.locator("#id_type_gop_y").check()
    page.locator("#id_title").fill("Góp ý về giờ tiếp dân của Sở")
    page.locator("#id_content").fill("Đề nghị Sở mở thêm buổi tiếp dân vào sáng thứ Bảy để người đi làm có thể đến.")
    page.locator("#id_unit").select_option("so-tnmt")
    page.locator("#id_name").fill("Lê Thị Góp Ý")
    page.locator("#id_address").fill("Thôn 5, xã An Phú")
    page.locator("#id_email").fill("gopy@example.test")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url("**/gui-y-kien/bien-nhan/")
    code = page.locator("dd.code").first.inner_text().strip()
    secret = page.locator("dd.secret").inner_text().strip()
    assert code and secret
    # On another device, with only the receipt.
    other = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 800}).new_page()
    try:
        other.goto(live_server.url + "/theo-doi/")
        other.locator("#id_tracking_code").fill(code.lower())
        other.locator("#id_secret").fill(secret)
        other.locator("form.stack button[type=submit]").click()
        other.wait_for_url("**/theo-doi/ho-so/")
        assert "Góp ý về giờ tiếp dân của Sở" in other.content()
        assert code in other.content()
    finally:
        other.context.close()
