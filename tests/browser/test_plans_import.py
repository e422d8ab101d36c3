"""Home Affairs imports a real plan document, corrects a lead unit in the review table and saves the plan."""
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "synthetic_nghean_ubnd.txt"


@pytest.mark.django_db(transaction=True)
def test_home_affairs_imports_a_plan_and_corrects_a_lead_unit(page, transactional_db, province):
    from minhbach.plans.models import Plan

    page.goto(page.base + "/accounts/login/?next=/plans/import/")
    page.fill("#id_username", "home")
    page.fill("#id_password", "Mat-khau-thu-2026")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/plans/import/")

    page.set_input_files("#id_file", str(FIXTURE))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/plans/import/*/")
    # The document is shown beside the table, each task's line anchored and marked.
    assert page.locator("#L43.task-anchor").count() == 1
    row = page.locator("tr", has=page.locator("input[name$='-path'][value='II.3.c']"))
    assert row.locator("select[name$='-lead'] option:checked").all_inner_texts() == ["Thanh tra tỉnh"]
    row.locator("select[name$='-lead']").select_option(label="Sở Xây dựng")
    page.click("button[name=save_plan]")
    page.wait_for_url("**/plans/*/")

    assert page.locator("h1").inner_text().startswith("Kế hoạch 48/KH-UBND")
    task_row = page.locator("tr", has=page.locator("td.code", has_text="II.3.c"))
    assert "Sở Xây dựng" in task_row.inner_text()
    assert page.locator("table.tasks tbody tr").count() == 12
    plan = Plan.objects.get(number="48/KH-UBND")
    assert [a.unit.name for a in plan.tasks.get(path="II.3.c").assignments.filter(role="lead")] == ["Sở Xây dựng"]
    # Narrow screens: nothing overflows the 360 px viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
