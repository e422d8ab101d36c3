"""Writes of what is published: each checks its permission, saves, and appends to the audit log in one transaction."""
from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from minhbach.cases.models import Case, ItemType
from minhbach.cases.services.notify import notify_users
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError, NotFound, PermissionDenied
from minhbach.core.uploads import CheckedUpload
from minhbach.orgs.models import Membership, OrgUnit
from minhbach.orgs.selectors import unit_heads
from minhbach.transparency import policies, redaction, search, selectors
from minhbach.transparency.models import (
    DirectoryEntry, Disclosure, DisclosureKind, FigureDimension, ItemReview, Publication, PublicationKind,
    PublicationState, ReceptionSchedule, RegisterCorrection, RegisterEntry, RegisterFigure, RegisterMonth, RegisterScope,
    UrgeNotice,
)

# C5: a complaint decision stays online at least 15 consecutive days (Decree 124/2020 art. 29).
MIN_ONLINE_DAYS = {PublicationKind.COMPLAINT_DECISION: 15}
# Default windows: C5 for complaint decisions; G2 (posting ≥ 30 days, unverified) for everything else.
DEFAULT_ONLINE_DAYS = {PublicationKind.COMPLAINT_DECISION: 15}
DEFAULT_ONLINE_DAYS_OTHER = 30
# K3: declarations are posted 15 days (Decree 130/2020 art. 11, unverified): the default disclosure window.
DEFAULT_DISCLOSURE_DAYS = 15
CORRECTABLE = {"summary", "result_summary"}
REFRESHED = ("status", "handled", "answered_on", "days_to_answer", "deadlines_met", "deadlines_missed", "due_date",
             "overdue", "on_time")


def _deny():
    return PermissionDenied(_("You may not do this for this unit."))


# --- the monthly register ---------------------------------------------------------------------


def review_save(*, case: Case, actor, summary: str, result_summary: str = "") -> ItemReview:
    """Save the public wording of one item; refused if it still carries the sender's or anyone's contact data."""
    if not policies.can_sign_register(actor, case.unit):
        raise _deny()
    summary, result_summary = summary.strip(), result_summary.strip()
    if not summary:
        raise DomainError(_("Write the public summary of item %(code)s.") % {"code": case.tracking_code}, field="summary")
    problems = redaction.personal_data_in(f"{summary}\n{result_summary}", identity=selectors.case_identity(case))
    if problems:
        raise DomainError(_("The public text of item %(code)s still contains personal data (%(kinds)s).") % {
            "code": case.tracking_code, "kinds": ", ".join(str(redaction.KIND_LABELS[k]) for k in problems)},
            field="summary")
    with transaction.atomic():
        review, created = ItemReview.objects.update_or_create(
            case=case, defaults={"summary": summary, "result_summary": result_summary, "reviewed_by": actor,
                                 "reviewed_at": clock.now()})
        audit_append(actor=actor, verb="register_review", obj=case, data={"created": created})
    return review


def entry_search_text(e: RegisterEntry, *, fold=search.fold) -> str:
    """The diacritics-free text a published entry is searched by (`fold`: see `search.build`)."""
    return search.build(e.tracking_code, e.unit_name, e.category_name, dict(ItemType.choices).get(e.type, e.type),
                        e.summary, e.result_summary, f"{e.received_on:%d/%m/%Y}", fold=fold)


def register_figures_refresh(*, register: RegisterMonth) -> int:
    """Rewrite a unit register's stored figures from its entries; run in the transaction that wrote the entries.

    One GROUP BY over this register's entries only (never the whole register of the province). The register row
    is locked first, so two writers of the same month rewrite its figures one after the other.
    """
    RegisterMonth.objects.select_for_update().only("pk").get(pk=register.pk)
    RegisterFigure.objects.filter(register=register).delete()
    sums: dict[tuple[str, str], dict] = {}
    rows = (RegisterEntry.objects.filter(register=register).order_by().values("type", "category_name")
            .annotate(**selectors.entry_counts(), days_total=Sum("days_to_answer"), days_count=Count("days_to_answer")))
    for row in rows:
        for key in ((FigureDimension.TOTAL, ""), (FigureDimension.TYPE, row["type"]),
                    (FigureDimension.CATEGORY, row["category_name"])):
            acc = sums.setdefault(key, dict.fromkeys(selectors.FIGURE_SUMS, 0))
            for name in selectors.FIGURE_SUMS:
                acc[name] += row[name] or 0
    RegisterFigure.objects.bulk_create([
        RegisterFigure(register=register, unit_id=register.unit_id, month=register.month, dimension=dimension, key=key,
                       **acc)
        for (dimension, key), acc in sums.items()])
    return len(sums)


def register_publish(*, unit: OrgUnit, month: dt.date, actor, reviews: dict[int, tuple[str, str]] | None = None,
                     today: dt.date | None = None) -> RegisterMonth:
    """Sign a unit's month off: save the reviewed wording and freeze every item of the month as a register entry."""
    today = today or clock.today()
    month = selectors.month_start(month)
    if not policies.can_sign_register(actor, unit):
        raise _deny()
    if not selectors.month_is_over(month, today):
        raise DomainError(_("A month can be signed off only once it is over."), field="month")
    with transaction.atomic():
        if RegisterMonth.objects.select_for_update().filter(unit=unit, scope=RegisterScope.UNIT, month=month).exists():
            raise DomainError(_("This month is already published; correct it instead."), field="month")
        draft = selectors.register_draft(unit=unit, month=month, as_of=today)
        for row in draft:
            if reviews and row.case.pk in reviews:
                summary, result = reviews[row.case.pk]
                review = review_save(case=row.case, actor=actor, summary=summary, result_summary=result)
                row.summary, row.result_summary = review.summary, review.result_summary
            elif row.problems or not row.summary.strip():
                raise DomainError(_("Review the public text of item %(code)s before publishing.")
                                  % {"code": row.case.tracking_code}, field="summary")
        register = RegisterMonth.objects.create(
            unit=unit, scope=RegisterScope.UNIT, month=month, published_at=clock.now(), published_by=actor,
            signer_name=actor.display_name, signer_position=getattr(actor, "position", ""))
        entries = []
        for number, row in enumerate(draft, start=1):
            c = row.case
            e = RegisterEntry(register=register, number=number, case=c, tracking_code=c.tracking_code, unit=unit,
                              unit_name=unit.name, month=month, type=c.type, category=c.category,
                              category_name=c.category.name if c.category else "", channel=c.channel,
                              received_on=clock.local_date(c.received_at), summary=row.summary,
                              result_summary=row.result_summary, **row.values)
            e.search_text = entry_search_text(e)
            entries.append(e)
        RegisterEntry.objects.bulk_create(entries)
        register_figures_refresh(register=register)
        audit_append(actor=actor, verb="register_publish", obj=register,
                     data={"unit": unit.code, "month": register.month_key, "entries": len(entries)})
    return register


def register_correct(*, entry: RegisterEntry, actor, field: str, value: str, reason: str) -> RegisterCorrection:
    """Correct a published entry's wording: the change, its date and reason are published with it, never silently."""
    register = entry.register
    if register.scope != RegisterScope.UNIT or not policies.can_sign_register(actor, register.unit):
        raise _deny()
    if field not in CORRECTABLE:
        raise DomainError(_("This part of the register cannot be corrected by hand."), field="field")
    value, reason = value.strip(), reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for the correction."), field="reason")
    if field == "summary" and not value:
        raise DomainError(_("Write the public summary."), field="value")
    identity = selectors.case_identity(entry.case) if entry.case else {}
    if redaction.personal_data_in(f"{value}\n{reason}", identity=identity):
        raise DomainError(_("The correction contains personal data; remove it."), field="value")
    with transaction.atomic():
        entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
        old = getattr(entry, field)
        if old == value:
            raise DomainError(_("Nothing changes: the new text is the same as the published one."), field="value")
        correction = RegisterCorrection.objects.create(register=register, entry=entry, field=field, old_value=old,
                                                       new_value=value, reason=reason, by=actor, at=clock.now())
        setattr(entry, field, value)
        entry.corrected = True
        entry.search_text = entry_search_text(entry)
        entry.save(update_fields=[field, "corrected", "search_text"])
        if entry.case_id and field in {"summary", "result_summary"}:
            ItemReview.objects.filter(case_id=entry.case_id).update(**{field: value})
        register_figures_refresh(register=register)
        audit_append(actor=actor, verb="register_correct", obj=register, reason=reason,
                     data={"entry": entry.number, "field": field, "correction": correction.pk})
    return correction


def register_refresh(*, register: RegisterMonth, actor, reason: str = "", today: dt.date | None = None) -> list[RegisterCorrection]:
    """Bring the handling results of a published month up to date; each change is a visible, dated correction."""
    today = today or clock.today()
    if register.scope != RegisterScope.UNIT or not policies.can_sign_register(actor, register.unit):
        raise _deny()
    reason = reason.strip() or _("Handling results updated after publication.")
    rows = {r.case.pk: r for r in selectors.register_draft(unit=register.unit, month=register.month, as_of=today)}
    made: list[RegisterCorrection] = []
    with transaction.atomic():
        for entry in register.entries.select_for_update().order_by("number"):
            row = rows.get(entry.case_id)
            if row is None:
                continue
            changed = []
            new_values = dict(row.values)
            if row.result_summary != entry.result_summary and not row.problems:
                new_values["result_summary"] = row.result_summary
            for name, value in new_values.items():
                old = getattr(entry, name)
                if old != value:
                    made.append(RegisterCorrection(register=register, entry=entry, field=name,
                                                   old_value=_show(old), new_value=_show(value), reason=reason, by=actor,
                                                   at=clock.now()))
                    setattr(entry, name, value)
                    changed.append(name)
            if changed:
                entry.corrected = True
                entry.search_text = entry_search_text(entry)
                entry.save(update_fields=[*changed, "corrected", "search_text"])
        RegisterCorrection.objects.bulk_create(made)
        register_figures_refresh(register=register)
        if made:
            audit_append(actor=actor, verb="register_refresh", obj=register, reason=reason, data={"changes": len(made)})
    return made


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def province_publish(*, root: OrgUnit, month: dt.date, actor, today: dt.date | None = None) -> RegisterMonth:
    """Publish the consolidated provincial month: every unit register published so far, and the units still missing."""
    today = today or clock.today()
    month = selectors.month_start(month)
    if root.parent_id is not None or not policies.can_publish_province(actor, root):
        raise _deny()
    if not selectors.month_is_over(month, today):
        raise DomainError(_("A month can be consolidated only once it is over."), field="month")
    with transaction.atomic():
        if RegisterMonth.objects.filter(unit=root, scope=RegisterScope.PROVINCE, month=month).exists():
            raise DomainError(_("The provincial register of this month is already published."), field="month")
        included = list(RegisterMonth.objects.filter(scope=RegisterScope.UNIT, month=month, unit__path__startswith=root.path))
        done = {r.unit_id for r in included}
        missing = [{"code": unit.code, "name": unit.name, "received": received}
                   for unit, received in selectors.month_received_by_unit(root=root, month=month)
                   if received and unit.pk not in done]
        register = RegisterMonth.objects.create(unit=root, scope=RegisterScope.PROVINCE, month=month, published_by=actor,
                                                published_at=clock.now(), signer_name=actor.display_name,
                                                signer_position=getattr(actor, "position", ""), missing_units=missing)
        register.included.set(included)
        audit_append(actor=actor, verb="register_consolidate", obj=register,
                     data={"month": register.month_key, "units": len(included), "missing": [m["code"] for m in missing]})
    return register


def unit_urge(*, unit: OrgUnit, actor, text: str, month: dt.date | None = None, today: dt.date | None = None) -> UrgeNotice:
    """The provincial office urges an agency: audited, notified to the agency's heads, shown on its public figures."""
    today = today or clock.today()
    if not policies.can_oversee(actor, unit):
        raise _deny()
    text = text.strip()
    if not text:
        raise DomainError(_("Write what the agency is urged to do."), field="text")
    if redaction.personal_data_in(text):
        raise DomainError(_("The urging is published: leave contact data and ID numbers out of it."), field="text")
    root = OrgUnit.objects.get(path=unit.root_path)
    overdue = len(selectors.overdue_items(root=root, unit=unit, today=today, limit=10_000))
    with transaction.atomic():
        notice = UrgeNotice.objects.create(unit=unit, month=selectors.month_start(month) if month else None, text=text,
                                           overdue_count=overdue, by=actor, at=clock.now())
        audit_append(actor=actor, verb="urge", obj=unit, reason=text,
                     data={"notice": notice.pk, "overdue": overdue, "month": f"{month:%Y-%m}" if month else ""})
        notify_users(users=unit_heads(unit), subject=_("The provincial office urges %(unit)s") % {"unit": unit.name},
                     body=_("%(text)s\n\nOverdue items at the time: %(n)d.") % {"text": text, "n": overdue},
                     dedupe_key=f"urge{notice.pk}")
    return notice


# --- documents ----------------------------------------------------------------------------------


def _store(obj, upload: CheckedUpload) -> None:
    obj.sha256 = hashlib.sha256(upload.content).hexdigest()
    obj.document_name = upload.name
    obj.content_type = upload.content_type
    obj.size = len(upload.content)
    obj.document.save(upload.name, ContentFile(upload.content), save=False)


def default_window(kind: str, start: dt.date) -> tuple[dt.date, dt.date]:
    """The default posting window of a publication kind, starting on `start` (inclusive days)."""
    days = DEFAULT_ONLINE_DAYS.get(kind, DEFAULT_ONLINE_DAYS_OTHER)
    return start, start + dt.timedelta(days=days - 1)


def validate_window(*, kind: str, posted_from: dt.date, posted_until: dt.date, issued_on: dt.date | None = None,
                    today: dt.date | None = None) -> None:
    """Refuse a posting window that ends before it starts, starts before the document exists, or is too short (C5)."""
    today = today or clock.today()
    if posted_until < posted_from:
        raise DomainError(_("The posting must end on or after the day it starts."), field="posted_until")
    if issued_on and posted_from < issued_on:
        raise DomainError(_("A document cannot be posted before it is issued."), field="posted_from")
    minimum = MIN_ONLINE_DAYS.get(kind)
    if minimum:
        online = (posted_until - max(posted_from, today)).days + 1
        if online < minimum:
            raise DomainError(_("A complaint decision must stay online at least %(n)d consecutive days (rule C5, "
                                "Decree 124/2020 art. 29); this window gives %(days)d.") % {"n": minimum, "days": max(online, 0)},
                              field="posted_until")


def publication_create(*, actor, unit: OrgUnit, kind: str, title: str, issued_on: dt.date, upload: CheckedUpload,
                       number: str = "", summary: str = "", posted_from: dt.date | None = None,
                       posted_until: dt.date | None = None, no_denouncer_confirmed: bool = False) -> Publication:
    """Prepare a publication (draft) with its checked document and posting window."""
    if not policies.can_draft_publication(actor, unit):
        raise _deny()
    if kind not in PublicationKind.values:
        raise DomainError(_("Choose the kind of document."), field="kind")
    title, summary = title.strip(), summary.strip()
    if not title:
        raise DomainError(_("Write the title."), field="title")
    if kind == PublicationKind.DENUNCIATION_CONCLUSION and not no_denouncer_confirmed:
        raise DomainError(_("Confirm that the document and the summary do not identify the denouncer (rule D4)."),
                          field="no_denouncer_confirmed")
    if redaction.personal_data_in(f"{title}\n{summary}"):
        raise DomainError(_("The title or summary contains contact data or ID numbers; remove them."), field="summary")
    start = posted_from or max(issued_on, clock.today())
    default_start, default_end = default_window(kind, start)
    posted_until = posted_until or default_end
    validate_window(kind=kind, posted_from=start, posted_until=posted_until, issued_on=issued_on)
    with transaction.atomic():
        pub = Publication(kind=kind, title=title, number=number.strip(), issued_on=issued_on, unit=unit, summary=summary,
                          posted_from=start, posted_until=posted_until, created_by=actor, created_at=clock.now())
        pub.search_text = search.build(title, number, summary, unit.name, PublicationKind(kind).label)
        _store(pub, upload)
        pub.save()
        audit_append(actor=actor, verb="publication_create", obj=pub, data={"kind": kind, "unit": unit.code})
    return pub


def publication_publish(*, publication: Publication, actor, today: dt.date | None = None) -> Publication:
    """Put a draft online (a leader of the issuing unit); its window is checked again against today (C5)."""
    today = today or clock.today()
    if not policies.can_lead(actor, publication.unit):
        raise _deny()
    with transaction.atomic():
        pub = Publication.objects.select_for_update().get(pk=publication.pk)
        if pub.state != PublicationState.DRAFT:
            raise DomainError(_("Only a draft can be published."))
        validate_window(kind=pub.kind, posted_from=pub.posted_from, posted_until=pub.posted_until, issued_on=pub.issued_on,
                        today=today)
        pub.state = PublicationState.PUBLISHED
        pub.published_by = actor
        pub.published_at = clock.now()
        pub.save(update_fields=["state", "published_by", "published_at"])
        audit_append(actor=actor, verb="publication_publish", obj=pub,
                     data={"from": pub.posted_from.isoformat(), "until": pub.posted_until.isoformat()})
    return pub


def publication_archive(*, publication: Publication, actor, today: dt.date | None = None) -> Publication:
    """Move a publication to the archive; a complaint decision only after its statutory days online (C5)."""
    today = today or clock.today()
    if not policies.can_lead(actor, publication.unit):
        raise _deny()
    with transaction.atomic():
        pub = Publication.objects.select_for_update().get(pk=publication.pk)
        if pub.state != PublicationState.PUBLISHED:
            raise DomainError(_("Only a published document can be archived."))
        minimum = MIN_ONLINE_DAYS.get(pub.kind)
        online_since = max(pub.posted_from, clock.local_date(pub.published_at))
        if minimum and (today - online_since).days + 1 <= minimum:
            raise DomainError(_("A complaint decision must stay online at least %(n)d consecutive days (rule C5).")
                              % {"n": minimum})
        pub.state = PublicationState.ARCHIVED
        pub.archived_at = clock.now()
        pub.save(update_fields=["state", "archived_at"])
        audit_append(actor=actor, verb="publication_archive", obj=pub)
    return pub


def publication_get_for_staff(*, user, pk: int) -> Publication:
    """A publication the user may draft for; missing and forbidden both raise NotFound."""
    pub = Publication.objects.select_related("unit").filter(pk=pk).first()
    if pub is None or not policies.can_draft_publication(user, pub.unit):
        raise NotFound(_("Publication not found."))
    return pub


# --- directory, reception days, disclosures -----------------------------------------------------


def _directory_search_text(entry: DirectoryEntry) -> str:
    u = entry.user
    return search.build(u.display_name, u.position, entry.unit.name, entry.unit.short_name, entry.responsibilities)


def directory_sync(*, unit: OrgUnit | None = None, user=None, audit: bool = True) -> int:
    """Keep one directory row per official and unit with a citizen-facing role, and their search text current."""
    ms = Membership.objects.filter(role__in=selectors.DIRECTORY_ROLES)
    existing = DirectoryEntry.objects.all()
    if unit is not None:
        ms, existing = ms.filter(unit=unit), existing.filter(unit=unit)
    if user is not None:
        ms, existing = ms.filter(user=user), existing.filter(user=user)
    wanted = set(ms.values_list("user_id", "unit_id"))
    changed = 0
    with transaction.atomic():
        for e in existing.select_related("user", "unit"):
            if (e.user_id, e.unit_id) not in wanted:
                e.delete()
                changed += 1
                continue
            wanted.discard((e.user_id, e.unit_id))
            text = _directory_search_text(e)
            if text != e.search_text:
                e.search_text = text
                e.save(update_fields=["search_text"])
                changed += 1
        for user_id, unit_id in wanted:
            e = DirectoryEntry(user_id=user_id, unit_id=unit_id)
            e.search_text = _directory_search_text(e)
            try:
                with transaction.atomic():
                    e.save()
            except IntegrityError:
                continue
            changed += 1
        if changed and audit:
            audit_append(actor_label="system", verb="directory_sync", object_type="transparency.directoryentry",
                         object_id=unit.pk if unit else "", data={"changed": changed})
    return changed


def directory_entry_update(*, entry: DirectoryEntry, actor, responsibilities: str, listed: bool) -> DirectoryEntry:
    """Set an official's public responsibilities and whether they are listed (a leader of the unit)."""
    if not policies.can_lead(actor, entry.unit):
        raise _deny()
    if redaction.personal_data_in(responsibilities):
        raise DomainError(_("Responsibilities are published: leave personal contact data out."), field="responsibilities")
    with transaction.atomic():
        entry.responsibilities = responsibilities.strip()
        entry.listed = listed
        entry.updated_at = clock.now()
        entry.search_text = _directory_search_text(entry)
        entry.save(update_fields=["responsibilities", "listed", "updated_at", "search_text"])
        audit_append(actor=actor, verb="directory_update", obj=entry, data={"listed": listed})
    return entry


def reception_schedule_save(*, actor, unit: OrgUnit, days: str, hours: str = "", place: str = "", person=None,
                            rule_code: str = "", note: str = "", schedule: ReceptionSchedule | None = None) -> ReceptionSchedule:
    """Publish (or change) when and where a unit receives citizens."""
    if not policies.can_lead(actor, unit) or (schedule is not None and schedule.unit_id != unit.pk):
        raise _deny()
    if not days.strip():
        raise DomainError(_("Say on which days citizens are received."), field="days")
    if person is not None and not Membership.objects.filter(user=person, unit=unit).exists():
        raise DomainError(_("The person receiving must hold a role in the unit."), field="person")
    with transaction.atomic():
        s = schedule or ReceptionSchedule(unit=unit)
        s.days, s.hours, s.place, s.person = days.strip(), hours.strip(), place.strip(), person
        s.rule_code, s.note = rule_code.strip()[:8], note.strip()
        s.save()
        audit_append(actor=actor, verb="reception_schedule_save", obj=s, data={"unit": unit.code})
    return s


def reception_schedule_delete(*, actor, schedule: ReceptionSchedule) -> None:
    """Withdraw a reception schedule."""
    if not policies.can_lead(actor, schedule.unit):
        raise _deny()
    with transaction.atomic():
        audit_append(actor=actor, verb="reception_schedule_delete", obj=schedule, data={"unit": schedule.unit.code})
        schedule.delete()


def disclosure_create(*, actor, person, unit: OrgUnit, kind: str, title: str, upload: CheckedUpload,
                      window_start: dt.date | None = None, window_end: dt.date | None = None) -> Disclosure:
    """Disclose an official's commitment or declaration for its window (K3); it is public only inside it."""
    if not policies.can_lead(actor, unit):
        raise _deny()
    if kind not in DisclosureKind.values:
        raise DomainError(_("Choose the kind of disclosure."), field="kind")
    if not Membership.objects.filter(user=person, unit=unit).exists():
        raise DomainError(_("The official must hold a role in the unit."), field="person")
    if not title.strip():
        raise DomainError(_("Write the title."), field="title")
    start = window_start or clock.today()
    end = window_end or start + dt.timedelta(days=DEFAULT_DISCLOSURE_DAYS - 1)
    if end < start:
        raise DomainError(_("The disclosure must end on or after the day it starts."), field="window_end")
    with transaction.atomic():
        d = Disclosure(kind=kind, person=person, unit=unit, title=title.strip(), window_start=start, window_end=end,
                       created_by=actor, created_at=clock.now())
        d.search_text = search.build(person.display_name, person.position, unit.name, title, DisclosureKind(kind).label)
        _store(d, upload)
        d.save()
        audit_append(actor=actor, verb="disclosure_create", obj=d,
                     data={"kind": kind, "from": start.isoformat(), "until": end.isoformat()})
    return d
