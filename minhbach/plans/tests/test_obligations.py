"""The obligation generator: periodic clause and task timings, across years, idempotent."""
import datetime as dt

from minhbach.plans.models import Plan, ReportObligation, Task, TaskAssignment
from minhbach.plans.periods import cadence_periods, parse_period, task_periods
from minhbach.plans.services import obligations_generate

D = dt.date


def _labels(periods):
    return [(p.label, p.due) for p in periods]


def test_quarterly_reports_are_due_on_the_15th_of_the_last_month_across_years():
    periods = cadence_periods(["quarterly"], first=D(2025, 11, 1), last=D(2026, 8, 1), day=15)
    assert _labels(periods) == [("Quý IV/2025", D(2025, 12, 15)), ("Quý I/2026", D(2026, 3, 15)),
                                ("Quý II/2026", D(2026, 6, 15)), ("Quý III/2026", D(2026, 9, 15))]


def test_default_report_day_is_a_setting(settings, province):
    settings.PLANS_REPORT_DAY = 20
    plan = _plan(province, report_cadences=["quarterly"], issue_date=D(2026, 1, 5))
    TaskAssignment.objects.create(task=_task(plan, "ongoing"), unit=province.units.dept)
    obligations_generate(plan=plan, until=D(2026, 2, 1))
    assert list(plan.obligations.values_list("due_date", flat=True)) == [D(2026, 3, 20)]


def test_quarterly_6_monthly_and_yearly_clause_replaces_the_quarter_that_a_longer_report_covers():
    periods = cadence_periods(["quarterly", "semiannual", "yearly"], first=D(2023, 1, 1), last=D(2023, 12, 31), day=15)
    assert _labels(periods) == [("Quý I/2023", D(2023, 3, 15)), ("6 tháng đầu năm 2023", D(2023, 6, 15)),
                                ("Quý III/2023", D(2023, 9, 15)), ("Năm 2023", D(2023, 12, 15))]


def test_six_monthly_alone_gives_both_halves_and_yearly_takes_its_stated_day():
    assert _labels(cadence_periods(["semiannual"], first=D(2024, 1, 1), last=D(2024, 12, 31), day=15)) == [
        ("6 tháng đầu năm 2024", D(2024, 6, 15)), ("6 tháng cuối năm 2024", D(2024, 12, 15))]
    assert _labels(cadence_periods(["yearly"], first=D(2024, 3, 1), last=D(2026, 1, 1), day=15, yearly_due=(11, 15))) == [
        ("Năm 2024", D(2024, 11, 15)), ("Năm 2025", D(2025, 11, 15)), ("Năm 2026", D(2026, 11, 15))]


def test_a_period_whose_report_fell_due_before_the_plan_was_issued_is_skipped():
    periods = cadence_periods(["quarterly"], first=D(2026, 3, 20), last=D(2026, 4, 1), day=15)
    assert _labels(periods) == [("Quý II/2026", D(2026, 6, 15))]


def test_task_timings_give_their_own_obligations():
    start, until = D(2020, 6, 26), D(2022, 12, 31)
    dl = task_periods({"kind": "deadline", "due": "2020-07-10"}, kind="deadline", due_date=None, plan_start=start,
                      until=until, day=15)
    assert _labels(dl) == [("Hạn 10/07/2020", D(2020, 7, 10))]
    win = task_periods({"kind": "window", "start": "2022-04-01", "due": "2022-06-30"}, kind="window", due_date=None,
                       plan_start=start, until=until, day=15)
    assert [(p.label, p.start, p.due) for p in win] == [("Quý II/2022", D(2022, 4, 1), D(2022, 6, 30))]
    yearly = task_periods({"kind": "recurring", "recurrence": "yearly:11-15"}, kind="recurring", due_date=None,
                          plan_start=start, until=until, day=15)
    assert _labels(yearly) == [("Năm 2020", D(2020, 11, 15)), ("Năm 2021", D(2021, 11, 15)), ("Năm 2022", D(2022, 11, 15))]
    monthly = task_periods({"kind": "recurring", "recurrence": "monthly:05"}, kind="recurring", due_date=None,
                           plan_start=D(2022, 10, 10), until=until, day=15)
    assert _labels(monthly) == [("Tháng 11/2022", D(2022, 11, 5)), ("Tháng 12/2022", D(2022, 12, 5))]
    for kind in ("ongoing", "event", "none"):
        assert task_periods({"kind": kind}, kind=kind, due_date=None, plan_start=start, until=until, day=15) == []


def _plan(province, **kw):
    return Plan.objects.create(issuing_unit=province.units.root, title="Kế hoạch thử", **kw)


def _task(plan, kind, path=None, **kw):
    n = plan.tasks.count() + 1
    return Task.objects.create(plan=plan, path=path or f"II.{n}", order=n, text=f"Nhiệm vụ {n}", timing_kind=kind,
                               timing={"kind": kind, **kw.pop("timing", {})}, **kw)


def test_generator_creates_each_lead_units_obligations_across_years_and_is_idempotent(province):
    u = province.units
    plan = _plan(province, issue_date=D(2025, 10, 1), report_cadences=["quarterly", "yearly"], report_yearly_due="11-15")
    ongoing = _task(plan, "ongoing")
    dated = _task(plan, "deadline", due_date=D(2026, 2, 10))
    window = _task(plan, "window", due_date=D(2026, 6, 30), timing={"start": "2026-01-01", "due": "2026-06-30"})
    yearly = _task(plan, "recurring", timing={"recurrence": "yearly:11-15"})
    event = _task(plan, "event")
    TaskAssignment.objects.create(task=ongoing, unit=u.dept)
    TaskAssignment.objects.create(task=ongoing, unit=u.commune)
    TaskAssignment.objects.create(task=ongoing, unit=u.dept2, role="coordinate")
    for t in (dated, window, yearly, event):
        TaskAssignment.objects.create(task=t, unit=u.dept)

    created = obligations_generate(plan=plan, until=D(2026, 12, 31))
    rows = set(ReportObligation.objects.filter(plan=plan).values_list("task__path", "unit__code", "period_label", "due_date"))
    periodic = {(lbl, due) for (p, c, lbl, due) in rows if p is None and c == "so-tnmt"}
    # Q4/2025 gives way to the 2025 yearly report, itself due 15/11/2025 after the plan was issued.
    assert periodic == {("Năm 2025", D(2025, 11, 15)), ("Quý I/2026", D(2026, 3, 15)), ("Quý II/2026", D(2026, 6, 15)),
                        ("Quý III/2026", D(2026, 9, 15)), ("Năm 2026", D(2026, 11, 15))}
    assert {(lbl, due) for (p, c, lbl, due) in rows if p is None and c == "xa-an-phu"} == periodic
    assert not any(c == "so-xd" for (p, c, lbl, due) in rows), "coordinating units do not owe the reports"
    assert (dated.path, "so-tnmt", "Hạn 10/02/2026", D(2026, 2, 10)) in rows
    assert (window.path, "so-tnmt", "6 tháng đầu năm 2026", D(2026, 6, 30)) in rows
    assert {(lbl, due) for (p, c, lbl, due) in rows if p == yearly.path} == {("Năm 2025", D(2025, 11, 15)),
                                                                             ("Năm 2026", D(2026, 11, 15))}
    assert not any(p in (ongoing.path, event.path) for (p, c, lbl, due) in rows)
    assert created == len(rows)

    assert obligations_generate(plan=plan, until=D(2026, 12, 31)) == 0
    assert ReportObligation.objects.filter(plan=plan).count() == created
    # Rolling forward into a new year adds only the new periods.
    more = obligations_generate(plan=plan, until=D(2027, 4, 1))
    labels = set(ReportObligation.objects.filter(plan=plan, unit=u.dept, task=None).values_list("period_label", flat=True))
    assert {"Quý I/2027", "Quý II/2027", "Năm 2027"} <= labels
    assert more == 2 * 3 + 1  # two units × (2 quarters and the year begun) + the yearly task's 2027 deadline


def test_plan_period_bounds_the_periodic_reports(province):
    plan = _plan(province, issue_date=D(2023, 1, 12), period_start=D(2023, 1, 1), period_end=D(2023, 12, 31),
                 report_cadences=["quarterly"])
    TaskAssignment.objects.create(task=_task(plan, "ongoing"), unit=province.units.dept)
    obligations_generate(plan=plan, until=D(2025, 6, 1))
    assert list(plan.obligations.values_list("period_label", flat=True)) == ["Quý I/2023", "Quý II/2023", "Quý III/2023",
                                                                             "Quý IV/2023"]


def test_closed_plan_gets_no_new_obligations(province):
    plan = _plan(province, issue_date=D(2026, 1, 1), report_cadences=["monthly"], status="closed")
    TaskAssignment.objects.create(task=_task(plan, "ongoing"), unit=province.units.dept)
    assert obligations_generate(plan=plan, until=D(2026, 6, 1)) == 0


def test_imported_plan_obligations_follow_its_reporting_clause(nghean_plan, province):
    labels = list(nghean_plan.obligations.filter(unit=province.units.home, task=None).values_list("period_label", "due_date"))
    assert labels == [("Quý I/2023", D(2023, 3, 15)), ("6 tháng đầu năm 2023", D(2023, 6, 15)),
                      ("Quý III/2023", D(2023, 9, 15)), ("Năm 2023", D(2023, 12, 15))]
    # "tổng hợp, báo cáo UBND tỉnh trước ngày 20/12 hằng năm" → a yearly obligation of the Home Affairs task.
    assert nghean_plan.obligations.filter(task__path="II.3.b", unit=province.units.home, due_date=D(2023, 12, 20)).exists()


def test_typed_periods_are_understood():
    q = parse_period("Quý II/2026")
    assert (q.start, q.end) == (D(2026, 4, 1), D(2026, 6, 30))
    assert parse_period("6 tháng đầu năm 2026").label == "6 tháng đầu năm 2026"
    y = parse_period("2026")
    assert (y.start, y.end, y.label) == (D(2026, 1, 1), D(2026, 12, 31), "Năm 2026")
    assert parse_period("01/01/2026 - 30/06/2026").label == "6 tháng đầu năm 2026"
    assert parse_period("quý 5/2026") is None and parse_period("31/02/2026 - 01/03/2026") is None
