"""Demo publishing on top of the demo items: reviewed and signed-off months, the consolidated province, publications
of every kind, the directory's responsibilities and reception days, disclosures and an urging. Idempotent.

Everything is written at the clock's "now" (so the audit log stays in time order); documents carry their own
past dates, and months already published (e.g. by the demo's own timeline) are left as they are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min

from minhbach.cases.models import CLOCK_STATUSES, Case
from minhbach.core import clock
from minhbach.core.errors import DomainError
from minhbach.core.officialdoc import OfficialDocument, render_official_document
from minhbach.core.uploads import check_upload
from minhbach.orgs.models import Membership, OrgUnit, Role
from minhbach.transparency import selectors, services
from minhbach.transparency.models import (
    DirectoryEntry, Disclosure, DisclosureKind, Publication, PublicationKind, ReceptionSchedule, RegisterMonth,
    RegisterScope, UrgeNotice,
)

PUBLICATIONS = [
    (PublicationKind.COMPLAINT_DECISION, "Quyết định giải quyết khiếu nại lần đầu về việc bồi thường, hỗ trợ khi thu hồi đất",
     "QĐ-GQKN"),
    (PublicationKind.DENUNCIATION_CONCLUSION, "Kết luận nội dung tố cáo đối với công chức địa chính", "KL-TC"),
    (PublicationKind.INSPECTION_CONCLUSION, "Kết luận thanh tra việc quản lý, sử dụng đất công", "KL-TTr"),
    (PublicationKind.CORRUPTION_RESULT, "Kết quả xử lý vụ việc tiêu cực trong cấp giấy chứng nhận quyền sử dụng đất",
     "TB-XL"),
    (PublicationKind.ADMIN_PROCEDURE, "Công bố thủ tục hành chính lĩnh vực tiếp công dân, xử lý đơn thư", "QĐ-TTHC"),
    (PublicationKind.PLAN, "Kế hoạch tiếp công dân định kỳ năm 2026", "KH-TCD"),
]
RESPONSIBILITY = {
    "head": "Phụ trách chung; trực tiếp tiếp công dân định kỳ; ký quyết định giải quyết khiếu nại, kết luận tố cáo.",
    Role.LEADER: "Phụ trách lĩnh vực tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh.",
    Role.INSPECTOR: "Xác minh nội dung khiếu nại, tố cáo được giao.",
    Role.HANDLER: "Tiếp nhận, phân loại, xử lý đơn và dự thảo văn bản trả lời công dân.",
    Role.CLERK: "Tiếp công dân thường xuyên, tiếp nhận đơn thư, cấp phiếu hẹn và biên nhận.",
    Role.PROVINCIAL_OFFICE: "Theo dõi, đôn đốc các cơ quan giải quyết đơn thư; tổng hợp kết quả hằng tháng.",
}


@dataclass
class DemoReport:
    registers: int = 0
    provincial: int = 0
    publications: int = 0
    disclosures: int = 0
    schedules: int = 0
    urges: int = 0
    corrections: int = 0
    skipped_units: list[str] = field(default_factory=list)


def _leader(unit: OrgUnit):
    m = (Membership.objects.filter(unit=unit, role=Role.LEADER).select_related("user")
         .order_by("-is_head", "id").first())
    return m.user if m else None


def _office(root: OrgUnit):
    m = (Membership.objects.filter(role=Role.PROVINCIAL_OFFICE, unit__path__startswith=root.path)
         .select_related("user").order_by("id").first())
    return m.user if m else None


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.LOCAL_TZ)


def _document(unit: OrgUnit, title: str, symbol: str, day: dt.date):
    body = ["Văn bản minh họa của hệ thống Minh Bạch (dữ liệu thử nghiệm, không có giá trị pháp lý).",
            f"{unit.name} công khai văn bản này theo quy định của pháp luật."]
    content = render_official_document(OfficialDocument(issuing_body=unit.name, title=title, body=body, symbol=symbol,
                                                        number=str(day.timetuple().tm_yday), place=unit.place_name or "Minh Bạch",
                                                        date=day, signer_title="Thủ trưởng đơn vị"))
    return check_upload(name=f"{symbol.lower()}.docx", content=content)


def _publish_months(today: dt.date, months: int, report: DemoReport) -> list[dt.date]:
    first = selectors.month_start(today)
    wanted = []
    m = first
    for _i in range(months):
        m = selectors.month_start(m - dt.timedelta(days=1))
        wanted.append(m)
    wanted.reverse()
    start, _end = selectors.month_bounds(wanted[0])
    units = (OrgUnit.objects.filter(cases__received_at__gte=start, cases__received_at__lt=_at(first, 0))
             .annotate(n=Count("cases")).order_by("path"))
    for unit in units:
        leader = _leader(unit)
        if leader is None:
            report.skipped_units.append(unit.code)
            continue
        for month in wanted:
            if RegisterMonth.objects.filter(unit=unit, scope=RegisterScope.UNIT, month=month).exists():
                continue
            rows = selectors.register_draft(unit=unit, month=month, as_of=today)
            if not rows:
                continue
            reviews = {r.case.pk: (r.summary.strip() or str(r.case.get_type_display()),
                                   "" if r.problems else r.result_summary) for r in rows}
            try:
                services.register_publish(unit=unit, month=month, actor=leader, reviews=reviews, today=today)
                report.registers += 1
            except DomainError:
                report.skipped_units.append(f"{unit.code}:{month:%Y-%m}")
    return wanted


def _consolidate(today: dt.date, months: list[dt.date], report: DemoReport) -> None:
    for root in OrgUnit.objects.filter(parent__isnull=True):
        office = _office(root)
        if office is None:
            continue
        for month in months:
            if RegisterMonth.objects.filter(unit=root, scope=RegisterScope.PROVINCE, month=month).exists():
                continue
            services.province_publish(root=root, month=month, actor=office, today=today)
            report.provincial += 1


def _refresh_and_correct(today: dt.date, report: DemoReport) -> None:
    """Bring the oldest published month up to date (dated corrections) and correct one wording by hand."""
    register = RegisterMonth.objects.filter(scope=RegisterScope.UNIT).order_by("month", "unit__path").first()
    if register is None or register.corrections.exists():
        return
    leader = _leader(register.unit)
    if leader is None:
        return
    report.corrections += len(services.register_refresh(register=register, actor=leader, today=today,
                                                        reason="Cập nhật kết quả giải quyết sau khi công khai."))
    entry = register.entries.order_by("number").first()
    if entry is not None:
        services.register_correct(entry=entry, actor=leader, field="summary",
                                  value=f"{entry.summary} (tóm tắt bổ sung)".strip(),
                                  reason="Bổ sung nội dung tóm tắt cho đầy đủ.")
        report.corrections += 1


def _publications(today: dt.date, report: DemoReport) -> None:
    if Publication.objects.exists():
        return
    units = list(OrgUnit.objects.exclude(kind="front").filter(memberships__role=Role.LEADER).distinct().order_by("path"))
    inspectorate = next((u for u in units if u.kind == "inspectorate"), None)
    for i, (kind, title, symbol) in enumerate(PUBLICATIONS):
        unit = inspectorate if kind in (PublicationKind.DENUNCIATION_CONCLUSION, PublicationKind.INSPECTION_CONCLUSION) \
            and inspectorate else units[i % len(units)]
        leader = _leader(unit)
        issued = today - dt.timedelta(days=2 + i)
        pub = services.publication_create(actor=leader, unit=unit, kind=kind, title=title, issued_on=issued,
                                          number=f"{10 + i}/{symbol}", upload=_document(unit, title, symbol, issued),
                                          summary="Tóm tắt nội dung văn bản công khai (dữ liệu thử nghiệm).",
                                          posted_from=max(issued, today), no_denouncer_confirmed=True)
        services.publication_publish(publication=pub, actor=leader, today=today)
        report.publications += 1
    # An older plan whose posting period is over: the public finds it in the archive. (Everything is written now:
    # the audit log stays in time order; only the documents' own dates lie in the past.)
    unit = units[0]
    issued = today - dt.timedelta(days=75)
    pub = services.publication_create(actor=_leader(unit), unit=unit, kind=PublicationKind.PLAN, issued_on=issued,
                                      title="Kế hoạch tiếp công dân quý III", number="3/KH-TCD",
                                      posted_from=issued, posted_until=issued + dt.timedelta(days=29),
                                      upload=_document(unit, "Kế hoạch tiếp công dân quý III", "KH-TCD", issued))
    services.publication_publish(publication=pub, actor=_leader(unit), today=today)
    report.publications += 1


def _directory(today: dt.date, report: DemoReport) -> None:
    services.directory_sync(audit=False)
    for entry in DirectoryEntry.objects.filter(responsibilities="").select_related("unit", "user"):
        ms = list(Membership.objects.filter(user=entry.user, unit=entry.unit))
        key = "head" if any(m.is_head for m in ms) else next((m.role for m in ms if m.role in RESPONSIBILITY), None)
        leader = _leader(entry.unit)
        if key is None or leader is None:
            continue
        services.directory_entry_update(entry=entry, actor=leader, responsibilities=RESPONSIBILITY[key], listed=True)
    for unit in OrgUnit.objects.exclude(kind="front").filter(active_to__isnull=True):
        if ReceptionSchedule.objects.filter(unit=unit).exists():
            continue
        leader = _leader(unit)
        if leader is None:
            continue
        head = Membership.objects.filter(unit=unit, is_head=True).select_related("user").first()
        if unit.parent_id is None:
            days, rule = "Ngày 15 hằng tháng (nếu trùng ngày nghỉ thì vào ngày làm việc tiếp theo)", "T1"
        elif unit.kind == "commune":
            days, rule = "Thứ Năm hằng tuần", "T2"
        else:
            days, rule = "Ngày 20 hằng tháng", "T3"
        services.reception_schedule_save(actor=leader, unit=unit, days=days, hours="7h30 – 11h30",
                                         place=f"Phòng tiếp công dân, {unit.address or unit.name}"[:255],
                                         person=head.user if head else None, rule_code=rule)
        report.schedules += 1


def _disclosures(today: dt.date, report: DemoReport) -> None:
    if Disclosure.objects.exists():
        return
    heads = Membership.objects.filter(is_head=True, role=Role.LEADER).select_related("user", "unit").order_by("unit__path")[:4]
    for i, m in enumerate(heads):
        start = today - dt.timedelta(days=3 + i)
        kind = DisclosureKind.ASSETS if i % 2 == 0 else DisclosureKind.COMMITMENT
        title = ("Bản kê khai tài sản, thu nhập hằng năm" if kind == DisclosureKind.ASSETS
                 else "Bản cam kết tu dưỡng, rèn luyện, phấn đấu năm 2026")
        services.disclosure_create(actor=m.user, person=m.user, unit=m.unit, kind=kind, title=f"{title} — {m.user.display_name}",
                                   upload=_document(m.unit, title, "BKK", start), window_start=start)
        report.disclosures += 1


def _urge(today: dt.date, report: DemoReport) -> None:
    if UrgeNotice.objects.exists():
        return
    worst = (Case.objects.filter(status__in=CLOCK_STATUSES, due_date__lt=today).values("unit")
             .annotate(n=Count("id"), oldest=Min("due_date")).order_by("-n").first())
    if not worst:
        return
    unit = OrgUnit.objects.get(pk=worst["unit"])
    office = _office(OrgUnit.objects.get(path=unit.root_path))
    if office is None:
        return
    services.unit_urge(unit=unit, actor=office, month=selectors.month_start(today - dt.timedelta(days=28)), today=today,
                       text="Văn phòng UBND tỉnh đề nghị đơn vị khẩn trương giải quyết dứt điểm các đơn thư đã quá "
                            "hạn, báo cáo kết quả trước ngày 25 của tháng.")
    report.urges += 1


def load_demo_transparency(*, today: dt.date, months: int = 12) -> DemoReport:
    """Publish the demo province's last `months` months, the consolidated province, documents, directory and more."""
    report = DemoReport()
    published = _publish_months(today, months, report)
    _consolidate(today, published, report)
    _refresh_and_correct(today, report)
    _publications(today, report)
    _directory(today, report)
    _disclosures(today, report)
    _urge(today, report)
    return report

