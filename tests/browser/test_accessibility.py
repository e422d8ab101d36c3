"""axe-core (bundled by the pinned `axe-playwright-python` test dependency) finds no WCAG 2.1 A/AA violation on any
public page, at 360 px, in Vietnamese: the citizen's pages, everything published, and the error pages."""
from pathlib import Path

import axe_playwright_python
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from tests.browser._published import ensure_rules, publish_everything

pytestmark = pytest.mark.django_db(transaction=True)

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(autouse=True)
def _rules(transactional_db):
    ensure_rules()


@pytest.fixture(scope="module", autouse=True)
def _leave_migrated_data(django_db_blocker):
    """The last test's flush removed what data migrations loaded: put it back for the modules that follow."""
    yield
    with django_db_blocker.unblock():
        ensure_rules()


def violations(page) -> list[str]:
    """Run axe-core on the page; one line per violation with the offending nodes."""
    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                           TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
            for v in result["violations"]]


@pytest.fixture
def axe_page(browser, live_server):
    # The app's CSP forbids injected scripts (rightly); the test context lets the test inject axe-core itself.
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 800}, bypass_csp=True)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base = live_server.url
    yield pg
    context.close()


def _error_html(status: int) -> str:
    from minhbach.portal import views

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    view = {400: views.error_400, 403: views.error_403, 500: views.error_500}[status]
    return (view(request) if status == 500 else view(request, None)).content.decode()


def _serve(html: str):
    def handler(route, request):
        route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")

    return handler


def test_every_public_page_has_no_axe_violation(axe_page, province, submit, transactional_db):
    page = axe_page
    data = publish_everything(province, submit)
    entry_number = data.register.entries.get(case=data.answered).number
    urls = [
        "/", "/gui-y-kien/", "/theo-doi/",
        "/so-theo-doi/", "/so-theo-doi/so-tnmt/", "/so-theo-doi/so-tnmt/2026-03/",
        f"/so-theo-doi/so-tnmt/2026-03/muc/{entry_number}/", "/so-theo-doi/ubnd-tinh/",
        "/so-theo-doi/ubnd-tinh/tong-hop/2026-03/",
        "/cong-bo/", "/cong-bo/?luu-tru=1", f"/cong-bo/{data.publication.pk}/",
        "/danh-ba/", "/danh-ba/so-tnmt/",
        "/thong-ke/", "/thong-ke/?group_by=month", "/thong-ke/?unit=so-tnmt&group_by=category",
        "/tim-kiem/", "/tim-kiem/?q=dat+dai", "/tim-kiem/?q=khong+co+gi+ca",
        "/khong-co-trang-nay/",
    ]
    found = {}
    for url in urls:
        page.goto(page.base + url)
        found[url] = violations(page)

    # The submit form sent back with errors, then the receipt, the tracked item, the track form with an error.
    page.goto(page.base + "/gui-y-kien/")
    page.locator("form.stack button[type=submit]").click()
    found["/gui-y-kien/ (errors)"] = violations(page)
    page.locator("#id_type_phan_anh").check()
    page.locator("#id_title").fill("Đèn đường hỏng ở thôn 2")
    page.locator("#id_content").fill("Ba cột đèn đường ở thôn 2 không sáng từ một tuần nay, đi lại ban đêm rất nguy hiểm.")
    page.locator("#id_unit").select_option("xa-an-phu")
    page.locator("#id_name").fill("Phạm Văn Đèn")
    page.locator("#id_address").fill("Thôn 2, xã An Phú")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url("**/gui-y-kien/bien-nhan/")
    found["receipt"] = violations(page)
    page.goto(page.base + "/theo-doi/ho-so/")
    found["tracked item"] = violations(page)
    page.goto(page.base + "/theo-doi/")
    page.locator("#id_tracking_code").fill("MB26-XXXXXXXX")
    page.locator("#id_secret").fill("AAAAA-BBBBB")
    page.locator("form.stack button[type=submit]").click()
    found["/theo-doi/ (no match)"] = violations(page)

    for status in (400, 403, 500):
        html = _error_html(status)
        page.route(f"**/__error_{status}", _serve(html))
        page.goto(page.base + f"/__error_{status}")
        found[f"error {status}"] = violations(page)

    problems = {k: v for k, v in found.items() if v}
    assert len(found) == len(urls) + 7
    assert problems == {}


def test_the_check_itself_catches_a_violation(axe_page):
    axe_page.goto(axe_page.base + "/khong-co-trang-nay/")
    axe_page.evaluate("() => { const i = document.createElement('img'); i.src = '/x.png'; document.querySelector('main').append(i); }")
    assert any(v.startswith("image-alt") for v in violations(axe_page))
