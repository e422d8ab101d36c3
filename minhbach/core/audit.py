"""Append to and verify the hash-chained audit log."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from minhbach.core.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def audit_append(*, actor=None, actor_label: str = "", verb: str, obj=None, object_type: str = "",
                 object_id: str | int = "", reason: str = "", data: dict | None = None) -> AuditEvent:
    """Append one event to the audit log, chained to the last one; must run inside the caller's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    with transaction.atomic():
        # Locking the head row makes concurrent writers (several web processes, workers) take turns,
        # and each sees the hash its predecessor committed: the chain never forks.
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
            head = AuditHead.objects.select_for_update().get(pk=1)
        event = AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=actor_label or ("" if getattr(actor, "pk", None) else "system"),
            verb=verb,
            object_type=object_type,
            object_id=str(object_id),
            reason=reason,
            data=data or {},
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
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
