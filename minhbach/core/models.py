"""Base models and the tamper-evident audit log."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minhbach.core import clock


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One append-only entry of the audit log, chained to the previous one by a SHA-256 hash."""

    at = models.DateTimeField(_("at"), default=clock.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("actor"),
    )
    # A label for actors that are not staff users: "citizen", "system", "api".
    actor_label = models.CharField(_("actor label"), max_length=64, blank=True)
    verb = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="audit_object_idx")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def compute_hash(self) -> str:
        """Hash of this entry's content and the previous entry's hash."""
        payload = json.dumps(
            {
                "at": self.at.astimezone(dt.timezone.utc).isoformat(),
                "actor": self.actor_id,
                "actor_label": self.actor_label,
                "verb": self.verb,
                "object": [self.object_type, str(self.object_id)],
                "reason": self.reason,
                "data": self.data,
                "prev": self.prev_hash,
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Audit events cannot be edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events cannot be deleted")


class AuditHead(models.Model):
    """The single row that serialises appends to the audit chain (locked FOR UPDATE by each writer)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton")]


class OutboxMessage(models.Model):
    """A notification queued for a user or a citizen, sent after commit by a task (idempotent)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        INTERNAL = "internal", _("In-app")

    created_at = models.DateTimeField(default=clock.now, db_index=True)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    to_address = models.CharField(max_length=254, blank=True)
    # A citizen's address is never copied here: the message names the item ("case:<id>") and the
    # address is read from the sealed identity at sending time.
    recipient_ref = models.CharField(max_length=64, blank=True)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    # Idempotency: the same key is never queued twice.
    dedupe_key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["recipient_user", "read_at"], name="outbox_unread_idx")]
