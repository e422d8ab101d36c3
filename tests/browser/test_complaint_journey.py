"""The main job in a real browser: a citizen complains, staff handle it on the clock, the citizen reads the answer."""
import re

import pytest

PASSWORD = "Mat-khau-thu-2026"


def login(page, username):
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/"))


def logout(page):
    page.context.clear_cookies()


def act(page, action, **fields):
    form = page.locator(f'form[action$="/act/{action}/"]')
    summary = form.locator("xpath=ancestor::details[1]/summary")
    if summary.count():
        summary.first.click()
    for name, value in fields.items():
        field = form.locator(f'[name="{name}"]')
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value) if not value.isdigit() else field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_a_complaint_from_submission_to_answer_in_the_browser(page, province, categories, screenshot_dir):
    # The citizen submits a complaint in Vietnamese, addressed to the department.
    page.goto(page.base + "/gui-y-kien/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.check("#id_type_khieu_nai")
    page.fill("#id_title", "Khiếu nại quyết định thu hồi đất của UBND xã")
    page.fill("#id_content", "Tôi không đồng ý với quyết định thu hồi 200 m² đất vườn vì chưa được bồi thường thỏa đáng.")
    page.select_option("#id_unit", label="Sở Nông nghiệp và Môi trường")
    page.fill("#id_name", "Nguyễn Văn An")
    page.fill("#id_address", "Thôn 3, xã An Phú")
    page.click("form.stack button[type=submit]")
    code = page.locator("dd.code").first.inner_text().strip()
    secret = page.locator("dd.code.secret").inner_text().strip()
    assert re.fullmatch(r"MB\d\d-[0-9A-Z]{8}", code)
    assert "C1" in page.content()  # the acceptance clock and its rule are shown on the receipt
    page.screenshot(path=str(screenshot_dir / "receipt.png"), full_page=True)

    # The handler accepts it from the inbox.
    login(page, "handler")
    page.click(f"text={code}")
    assert "Nguyễn Văn An" in page.content()  # a complainant (not a denouncer) is visible to the handler
    act(page, "accept")
    assert "C2" in page.content()
    logout(page)

    # The leader assigns it to the handler.
    login(page, "leader")
    page.click(f"text={code}")
    act(page, "assign", assignee=str(province.users.handler.pk))
    logout(page)

    # The handler records the result.
    login(page, "handler")
    page.click(f"text={code}")
    act(page, "record_result", result="Sở đã kiểm tra: UBND xã sẽ bồi thường bổ sung theo giá đất năm 2026.")
    logout(page)

    # The leader signs it off.
    login(page, "leader")
    page.goto(page.base + "/staff/?filter=awaiting_signoff")
    page.click(f"text={code}")
    act(page, "sign_off")
    logout(page)

    # The citizen follows the item with the receipt, typed carelessly, and reads the answer.
    page.goto(page.base + "/theo-doi/")
    page.fill("#id_tracking_code", code.lower())
    page.fill("#id_secret", secret.lower().replace("-", " "))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/theo-doi/ho-so/"))
    body = page.content()
    assert "bồi thường bổ sung theo giá đất năm 2026" in body
    page.screenshot(path=str(screenshot_dir / "answer.png"), full_page=True)
    assert secret not in page.url and code not in page.url
