"""Writes: calendar overrides and administrators' edits of rule figures, each with an audit entry."""
from __future__ import annotations

import datetime as dt
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.rules.models import CalendarOverride, Rule

RULE_EDITABLE_FIELDS = (
    "title_vi", "title_en", "days", "day_type", "extension_days", "max_extensions",
    "variant_days", "figure_text", "note", "effective_to",
)


@transaction.atomic
def calendar_override_create(*, date: dt.date, kind: str, name: str, created_by=None) -> CalendarOverride:
    """Add a day off or a working day to the calendar (one per date); deadlines computed later use it."""
    override = CalendarOverride(date=date, kind=kind, name=name, created_by=created_by)
    override.full_clean()
    override.save()
    audit_append(actor=created_by, verb="rules.calendar_override_created", obj=override,
                 data={"date": override.date.isoformat(), "kind": kind, "name": name})
    return override


@transaction.atomic
def calendar_override_delete(*, override: CalendarOverride, actor=None) -> None:
    """Remove a calendar override; deadlines already stored on items are not recomputed here."""
    audit_append(actor=actor, verb="rules.calendar_override_deleted", obj=override,
                 data={"date": override.date.isoformat(), "kind": override.kind, "name": override.name})
    override.delete()


@transaction.atomic
def rule_update(*, rule: Rule, data: dict, actor=None) -> Rule:
    """Change an administrator-editable figure or note of a rule version, keeping it valid and audited."""
    unknown = set(data) - set(RULE_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    rule = Rule.objects.select_for_update().get(pk=rule.pk)
    changed = {field: value for field, value in data.items() if getattr(rule, field) != value}
    if not changed:
        return rule
    before = {field: getattr(rule, field) for field in changed}
    for field, value in changed.items():
        setattr(rule, field, value)
    rule.updated_at = clock.now()
    rule.full_clean()
    rule.save(update_fields=[*changed, "updated_at"])
    audit_append(actor=actor, verb="rules.rule_updated", obj=rule,
                 data=_jsonable({"before": before, "after": changed}))
    return rule


def _jsonable(value: dict) -> dict:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
