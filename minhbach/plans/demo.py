"""Demo content for plan tracking: two imported plans, their obligations, reports in every state and a review.

The provincial plan is the annotated 2023 administrative-reform plan (demo_data/, copied from the test
fixtures); the department's plan is a short Home Affairs plan attached to the provincial task it
implements (II.3.b). Both are moved to the demo's current year and province so that their periods are
live: the years of the text are shifted and the province name replaced, as in any fictitious demo.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from minhbach.core import clock
from minhbach.orgs.models import OrgUnit, Role
from minhbach.plans.importing import draft_from_extraction, extract
from minhbach.plans.matching import UnitIndex
from minhbach.plans.models import Plan, ReportObligation, ReviewState, Task
from minhbach.plans.services import (
    plan_create_from_draft, report_review, report_submit, review_document_generate, urge_send,
)

DATA = Path(__file__).with_name("demo_data")
PROVINCIAL = "ke_hoach_48_cai_cach_hanh_chinh.txt"
DEPARTMENT = "ke_hoach_so_noi_vu_danh_gia_cong_chuc.txt"
SOURCE_YEAR = 2023
SOURCE_PROVINCE = "Nghệ An"
MAX_REPORTS = 120  # per plan


@dataclass
class DemoPlans:
    provincial: Plan
    department: Plan
    counts: dict = field(default_factory=dict)


def _localise(text: str, *, year: int, province: str) -> str:
    """Shift the text's years so that SOURCE_YEAR becomes `year`, and name the demo province."""
    delta = year - SOURCE_YEAR
    text = re.sub(r"(?<!\d)(20[12]\d)(?!\d)", lambda m: str(int(m.group(1)) + delta), text)
    if province:
        text = text.replace(SOURCE_PROVINCE.upper(), province.upper()).replace(SOURCE_PROVINCE, province)
    return text


def _unit(root: OrgUnit, name: str, kind: str | None = None) -> OrgUnit | None:
    qs = OrgUnit.objects.filter(path__startswith=root.path, name__iexact=name)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.first()


def _person(unit: OrgUnit, roles) -> object | None:
    return get_user_model().objects.filter(memberships__unit=unit, memberships__role__in=roles).order_by("pk").first()


def _home_affairs_user(root: OrgUnit):
    return (get_user_model().objects.filter(memberships__role=Role.HOME_AFFAIRS, memberships__unit__path__startswith=root.path)
            .order_by("pk").first())


def _import(root: OrgUnit, issuing_unit: OrgUnit, filename: str, *, year: int, today: dt.date,
            parent_task: Task | None = None, issuing_body: str = "") -> Plan:
    """Import one demo document as a reviewer would: matched units kept, unmatched leads given to the issuer."""
    province = root.place_name or ""
    text = _localise((DATA / filename).read_text(encoding="utf-8"), year=year, province=province)
    index = UnitIndex(root)
    extracted = extract(text, index)
    draft = draft_from_extraction(extracted, text, index)
    for task in draft["tasks"]:
        if not task["lead_ids"]:
            # The reviewer's correction: what the plan gives to bodies not in the system, the issuer follows itself.
            task["lead_ids"] = [issuing_unit.pk]
    if issuing_body:
        draft["document"]["issuing_body"] = issuing_body
    if parent_task is not None:
        draft["parent_task"] = parent_task.pk
    plan = plan_create_from_draft(draft=draft, actor=None, issuing_unit=issuing_unit, text=text, extracted=extracted,
                                  source_name=filename, source_content=text.encode("utf-8"), today=today)
    return plan


def load_demo_plans(*, province_root: OrgUnit, today: dt.date | None = None) -> DemoPlans:
    """Import the two demo plans into the province, generate obligations, and create reports in every state."""
    today = today or clock.today()
    # Plans are dated in the current year once its first quarter has begun to fall due, else the previous year.
    year = today.year if today.month >= 4 else today.year - 1
    root = province_root
    home_unit = _unit(root, "Sở Nội vụ") or OrgUnit.objects.filter(path__startswith=root.path, kind="department").first()
    if home_unit is None:
        raise ValueError("the demo province has no department to issue the department's plan")
    existing = Plan.objects.filter(issuing_unit=root, number="48/KH-UBND").first()
    if existing:
        department = Plan.objects.filter(parent_task__plan=existing).first()
        return DemoPlans(existing, department, {})
    with transaction.atomic(), clock.frozen(dt.date(year, 1, 12)):
        provincial = _import(root, root, PROVINCIAL, year=year, today=today)
        parent = provincial.tasks.filter(path="II.3.b").first()
        department = _import(root, home_unit, DEPARTMENT, year=year, today=today, parent_task=parent,
                             issuing_body=home_unit.name)
    counts = _reports(provincial, today)
    dept_counts = _reports(department, today)
    counts = {k: counts.get(k, 0) + dept_counts.get(k, 0) for k in set(counts) | set(dept_counts)}
    reviewer = _home_affairs_user(root)
    due = sorted(provincial.obligations.filter(due_date__lt=today).values_list("period_end", flat=True))
    if due:
        end = due[-1]
        period = f"01/01/{end.year} - {end:%d/%m/%Y}"
        with clock.frozen(min(today, end + dt.timedelta(days=20))):
            review_document_generate(plan=provincial, kind="so_ket", period=period, actor=reviewer,
                                     today=min(today, end + dt.timedelta(days=20)))
    return DemoPlans(provincial, department, counts)


def _reports(plan: Plan, today: dt.date) -> dict:
    """Reports on the obligations already due: most accepted, one returned, one awaiting review, one draft, some missing."""
    reviewer = _home_affairs_user(OrgUnit.objects.get(path=plan.issuing_unit.root_path))
    obligations = list(ReportObligation.objects.filter(plan=plan, period_start__lte=today)
                       .select_related("unit", "task").order_by("due_date", "unit__path"))
    counts = {"accepted": 0, "returned": 0, "submitted": 0, "draft": 0, "missing": 0}
    overdue_units: list[OrgUnit] = []
    current = 0
    for i, ob in enumerate(obligations):
        leader = _person(ob.unit, [Role.LEADER])
        handler = _person(ob.unit, [Role.HANDLER])
        signer_time = min(ob.due_date - dt.timedelta(days=2), today)
        if ob.due_date >= today:
            # Current period: a draft awaiting its leader, a report returned, one awaiting review, the rest to come.
            current += 1
            if current == 1 and handler is not None:
                with clock.frozen(today):
                    report_submit(obligation=ob, actor=handler, status="on_track", sign=False,
                                  text="Dự thảo báo cáo: đơn vị đang triển khai theo kế hoạch, đã hoàn thành phần lớn "
                                       "nội dung của kỳ.")
                counts["draft"] += 1
            elif current in (2, 3):
                with clock.frozen(today):
                    rep = report_submit(obligation=ob, actor=leader, status="on_track",
                                        text=f"{ob.unit.name} báo cáo sơ bộ kết quả {ob.period_label}.")
                    if current == 2:
                        report_review(report=rep, actor=reviewer, decision="return",
                                      comment="Báo cáo còn sơ sài; đề nghị nêu rõ kết quả từng nhiệm vụ được giao.")
                counts["returned" if current == 2 else "submitted"] += 1
            continue
        pattern = i % 7
        if sum(counts.values()) >= MAX_REPORTS:
            # Large demo provinces: the remaining units simply have not reported (keeps loading fast).
            pattern = 6
        if pattern == 6:
            counts["missing"] += 1
            overdue_units.append(ob.unit)
            continue
        figures = {}
        if ob.task_id is None:
            lines = {}
            for j, task in enumerate(plan.tasks.filter(assignments__unit=ob.unit, assignments__role="lead")):
                lines[str(task.pk)] = {"status": ["done", "on_track", "delayed"][(i + j) % 3],
                                       "text": f"Kết quả thực hiện nhiệm vụ {task.path} trong kỳ {ob.period_label}."}
            figures = {"tasks": lines} if lines else {}
        status = ["done", "on_track", "on_track", "delayed", "done", "on_track"][pattern]
        with clock.frozen(signer_time):
            rep = report_submit(obligation=ob, actor=leader, status=status, figures=figures,
                                text=f"{ob.unit.name} báo cáo kết quả thực hiện {plan.doc_type} {plan.number}, "
                                     f"{ob.period_label}: đã quán triệt, phân công và triển khai các nhiệm vụ được giao; "
                                     f"những khó khăn, vướng mắc và đề xuất được nêu cụ thể trong báo cáo.")
        if pattern == 5:
            counts["submitted"] += 1
            continue
        with clock.frozen(min(today, ob.due_date + dt.timedelta(days=3))):
            if pattern == 3:
                report_review(report=rep, actor=reviewer, decision="return",
                              comment="Đề nghị bổ sung số liệu cụ thể và kết quả so với chỉ tiêu được giao.")
                counts["returned"] += 1
            else:
                report_review(report=rep, actor=reviewer, decision="accept")
                counts["accepted"] += 1
    if overdue_units and reviewer is not None:
        unit = overdue_units[0]
        with clock.frozen(today):
            urge_send(plan=plan, unit=unit, actor=reviewer,
                      text=f"Đề nghị {unit.name} khẩn trương gửi báo cáo kết quả thực hiện {plan.doc_type} {plan.number}.")
    elif overdue_units:
        urge_send(plan=plan, unit=overdue_units[0], actor=None,
                  text=f"Đề nghị {overdue_units[0].name} khẩn trương gửi báo cáo kết quả thực hiện kế hoạch.")
    return counts
