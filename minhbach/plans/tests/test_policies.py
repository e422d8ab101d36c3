"""The plans policy: Home Affairs and the office see the province; a unit sees its own subtree's tasks; others get 404."""
import datetime as dt

import pytest

from minhbach.accounts.testing import login_verified
from minhbach.orgs.models import Membership, OrgUnit, Role
from minhbach.plans import policies
from minhbach.plans.models import Plan, ReportObligation, Task, TaskAssignment
from minhbach.plans.selectors import obligations_for_user, plan_tasks_for_user, plans_for_user

D = dt.date


@pytest.fixture
def plan(province):
    """Task 1 led by the environment department's sub-unit, task 2 by a commune; quarterly reports."""
    u = province.units
    plan = Plan.objects.create(issuing_unit=u.root, title="Kế hoạch thử", number="1/KH-UBND", issue_date=D(2026, 1, 5),
                               report_cadences=["quarterly"])
    t1 = Task.objects.create(plan=plan, path="II.1", order=1, text="Chi cục kiểm tra", timing_kind="ongoing")
    t2 = Task.objects.create(plan=plan, path="II.2", order=2, text="Xã đối thoại", timing_kind="ongoing")
    TaskAssignment.objects.create(task=t1, unit=u.dept_sub)
    TaskAssignment.objects.create(task=t2, unit=u.commune)
    from minhbach.plans.services import obligations_generate

    obligations_generate(plan=plan, until=D(2026, 4, 1))
    return plan


def test_home_affairs_and_office_see_every_plan_and_task_of_their_province(plan, province):
    for user in (province.users.home, province.users.office):
        assert list(plans_for_user(user)) == [plan]
        assert [t.path for t in plan_tasks_for_user(user, plan)] == ["II.1", "II.2"]
        assert policies.can(user, "urge", plan) and policies.can(user, "review", plan)
        assert len(obligations_for_user(user, plan=plan, today=D(2026, 4, 1))) == 4


def test_a_unit_sees_only_its_own_and_its_descendants_tasks_and_obligations(plan, province):
    users = province.users
    # The department's handler sees the sub-unit's task, not the commune's.
    assert list(plans_for_user(users.handler)) == [plan]
    assert [t.path for t in plan_tasks_for_user(users.handler, plan)] == ["II.1"]
    obs = obligations_for_user(users.handler, plan=plan, today=D(2026, 4, 1), only_own=True)
    assert {ob.unit for ob in obs} == {province.units.dept_sub}
    assert [t.path for t in plan_tasks_for_user(users.commune_leader, plan)] == ["II.2"]
    # The sub-unit does not see its parent's tasks: give the department one of its own.
    t3 = Task.objects.create(plan=plan, path="II.3", order=3, text="Sở tổng hợp")
    TaskAssignment.objects.create(task=t3, unit=province.units.dept)
    assert [t.path for t in plan_tasks_for_user(users.sub_handler, plan)] == ["II.1"]
    assert not policies.can(users.handler, "urge", plan) and not policies.can(users.handler, "review", plan)


def test_unrelated_units_and_other_provinces_see_nothing(plan, province):
    assert list(plans_for_user(province.users.inspector)) == []
    assert list(plans_for_user(province.users.front)) == []
    other = OrgUnit.objects.create(code="tinh-khac", name="UBND tỉnh Khác", kind="province")
    from minhbach.accounts.models import User

    stranger = User.objects.create_user(username="home2", password="x-Mat-khau-2026")
    Membership.objects.create(user=stranger, unit=other, role=Role.HOME_AFFAIRS)
    assert list(plans_for_user(stranger)) == []
    assert not policies.can(stranger, "view", plan)


def test_administrator_views_but_does_not_manage(plan, province):
    admin = province.users.admin
    assert list(plans_for_user(admin)) == [plan] and policies.can(admin, "view", plan)
    assert not policies.can(admin, "urge", plan)
    ob = ReportObligation.objects.filter(plan=plan).first()
    assert policies.can(admin, "view", ob) and not policies.can(admin, "prepare", ob)


def test_issuing_units_leader_manages_its_own_plan(province):
    u = province.users
    own = Plan.objects.create(issuing_unit=province.units.dept, title="Kế hoạch của Sở", issue_date=D(2026, 2, 1))
    assert policies.can(u.leader, "manage", own) and policies.can(u.leader, "review", own)
    assert policies.can(u.handler, "view", own) and not policies.can(u.handler, "manage", own)
    assert not policies.can(u.commune_leader, "view", own)


def test_forbidden_is_404_on_every_page(client, plan, province):
    ob_sub = ReportObligation.objects.filter(plan=plan, unit=province.units.dept_sub).first()
    ob_commune = ReportObligation.objects.filter(plan=plan, unit=province.units.commune).first()
    client.force_login(province.users.commune_leader)
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    assert client.get(f"/plans/obligations/{ob_commune.pk}/").status_code == 200
    assert client.get(f"/plans/obligations/{ob_sub.pk}/").status_code == 404
    assert client.post(f"/plans/obligations/{ob_sub.pk}/", {"status": "done", "text": "x", "sign": "1"}).status_code == 404
    assert client.get(f"/plans/{plan.pk}/follow-up/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/review-document/").status_code == 404
    assert client.get("/plans/999999/").status_code == 404
    login_verified(client, province.users.inspector)  # past the TOTP step an inspector must take
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert client.get("/plans/").status_code == 200


def test_plan_page_shows_a_unit_only_its_tasks(client, plan, province):
    client.force_login(province.users.handler)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Chi cục kiểm tra" in html and "Xã đối thoại" not in html
    client.force_login(province.users.home)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Chi cục kiểm tra" in html and "Xã đối thoại" in html


def test_user_without_a_role_is_refused(client, province):
    from minhbach.accounts.models import User

    nobody = User.objects.create_user(username="nobody", password="x-Mat-khau-2026")
    client.force_login(nobody)
    assert client.get("/plans/").status_code == 403
    client.logout()
    assert client.get("/plans/").status_code == 302
