"""Append to and verify the hash-chained audit log."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from minhbach.core.models import AuditEvent

GENESIS = "0" * 64


def audit_append(*, actor=None, actor_label: str = "", verb: str, obj=None, object_type: str = "",
                 object_id: str | int = "", reason: str = "", data: dict | None = None) -> AuditEvent:
    """Append one event to the audit log, chained to the last one; must run inside the caller's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    with transaction.atomic():
        last = AuditEvent.objects.select_for_update().order_by("-id").only("hash").first()
        event = AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=actor_label or ("" if getattr(actor, "pk", None) else "system"),
            verb=verb,
            object_type=object_type,
            object_id=str(object_id),
            reason=reason,
            data=data or {},
            prev_hash=last.hash if last else GENESIS,
        )
        event.hash = event.compute_hash()
        event.save()
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None


def audit_verify(*, batch: int = 5000) -> ChainReport:
    """Walk the whole chain and report the first entry whose hash or link does not match."""
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return ChainReport(checked, None)
        for event in rows:
            if event.prev_hash != prev or event.compute_hash() != event.hash:
                return ChainReport(checked, event.id)
            prev = event.hash
            checked += 1
            last_id = event.id
