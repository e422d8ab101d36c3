"""Master-key rotation: re-wrap every data key under a new master key, in batches, without downtime.

Data keys never change, so ciphertexts (identities, sealed documents, masked spans) are not touched: only the small
wrapped keys are. Rows keep their old wraps until `retire` removes them, so processes still holding only the old key
keep reading throughout.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from minhbach.cases.models import Intake, Submitter
from minhbach.core.audit import audit_append
from minhbach.vault import crypto


# Every model holding a wrapped data key, with the owner its wraps are bound to. A submission waiting to be registered
# (Intake) lives for seconds, but a stopped worker can leave some for longer: they are rotated like the rest.
WRAPPED = (
    (Submitter, "case_id", lambda row: f"case:{row.case_id}"),
    (Intake, "tracking_code", lambda row: f"intake:{row.tracking_code}"),
)


@dataclass
class RotationReport:
    rewrapped: int = 0
    already: int = 0
    unreadable: int = 0
    retired: int = 0

    def as_dict(self) -> dict:
        return {"rewrapped": self.rewrapped, "already": self.already, "unreadable": self.unreadable,
                "retired": self.retired}


def keys_rewrap(*, new_key: crypto.MasterKey, batch: int = 500) -> RotationReport:
    """Add a wrap under `new_key` to every data key lacking one (idempotent; a re-run only finishes what is left)."""
    ring = crypto.keyring()
    report = RotationReport()
    for model, field, owner in WRAPPED:
        last_id = 0
        while True:
            with transaction.atomic():
                rows = list(model.objects.select_for_update().filter(pk__gt=last_id).order_by("pk")
                            .only("pk", field, "key_wraps")[:batch])
                if not rows:
                    break
                for row in rows:
                    last_id = row.pk
                    if new_key.key_id in (row.key_wraps or {}):
                        report.already += 1
                        continue
                    try:
                        row.key_wraps = crypto.rewrap(row.key_wraps, owner=owner(row), add=new_key, ring=ring)
                    except crypto.VaultError:
                        report.unreadable += 1
                        continue
                    model.objects.filter(pk=row.pk).update(key_wraps=row.key_wraps)
                    report.rewrapped += 1
    with transaction.atomic():
        audit_append(actor_label="system", verb="vault.rewrapped", object_type="vault.keyring", object_id=new_key.key_id,
                     data={"public": False, **report.as_dict()})
    return report


def keys_retire(*, keep: crypto.MasterKey, batch: int = 500) -> RotationReport:
    """Drop every wrap not under `keep`, only on rows that `keep` already opens (never leaves a row unreadable)."""
    report = RotationReport()
    owner_ring = crypto.Keyring(primary=keep)
    for model, field, owner in WRAPPED:
        last_id = 0
        while True:
            with transaction.atomic():
                rows = list(model.objects.select_for_update().filter(pk__gt=last_id).order_by("pk")
                            .only("pk", field, "key_wraps")[:batch])
                if not rows:
                    break
                for row in rows:
                    last_id = row.pk
                    wraps = row.key_wraps or {}
                    if keep.key_id not in wraps:
                        report.unreadable += 1
                        continue
                    try:
                        crypto.unwrap({keep.key_id: wraps[keep.key_id]}, owner=owner(row), ring=owner_ring)
                    except crypto.VaultError:
                        report.unreadable += 1
                        continue
                    if set(wraps) == {keep.key_id}:
                        report.already += 1
                        continue
                    model.objects.filter(pk=row.pk).update(key_wraps={keep.key_id: wraps[keep.key_id]})
                    report.retired += 1
    with transaction.atomic():
        audit_append(actor_label="system", verb="vault.retired_keys", object_type="vault.keyring", object_id=keep.key_id,
                     data={"public": False, **report.as_dict()})
    return report


def keys_status() -> dict[str, int]:
    """How many data keys are wrapped under each master key id."""
    counts: dict[str, int] = {}
    for model, _field, _owner in WRAPPED:
        for wraps in model.objects.values_list("key_wraps", flat=True).iterator(chunk_size=2000):
            for kid in wraps or {}:
                counts[kid] = counts.get(kid, 0) + 1
    return counts
