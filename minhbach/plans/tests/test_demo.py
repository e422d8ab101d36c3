"""The demo plans: two imported plans, one implementing a task of the other, with reports in every state."""
import datetime as dt

from minhbach.plans.demo import load_demo_plans
from minhbach.plans.models import Plan, PlanReview, ProgressReport, Urge
from minhbach.plans.selectors import obligation_state


def test_demo_plans_cover_every_state_and_are_loaded_once(province):
    today = dt.date(2026, 5, 20)
    demo = load_demo_plans(province_root=province.units.root, today=today)
    prov, dept = demo.provincial, demo.department
    assert prov.number == "48/KH-UBND" and prov.issue_date == dt.date(2026, 1, 12)
    assert "Thử Nghiệm" in prov.source_text and "Nghệ An" not in prov.source_text
    assert dept.issuing_unit == province.units.home and dept.parent_task.plan == prov
    assert dept.parent_task.path == "II.3.b" and prov.pk in dept.implements_plans.values_list("pk", flat=True)
    states = {obligation_state(ob, today) for p in (prov, dept) for ob in p.obligations.all()}
    assert {"accepted", "submitted", "returned", "overdue", "not_reported"} <= states
    reviews = set(ProgressReport.objects.values_list("review_state", flat=True))
    assert reviews == {"draft", "submitted", "accepted", "returned"}
    assert PlanReview.objects.filter(plan=prov, kind="so_ket").exists()
    assert Urge.objects.exists()
    again = load_demo_plans(province_root=province.units.root, today=today)
    assert again.provincial == prov and again.department == dept and Plan.objects.count() == 2
