"""Custodian-approved access to a protected sender's identity, and masked or redacted text spans."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minhbach.cases.models import Case, Message
from minhbach.core import clock


class RevealRequest(models.Model):
    """A handler's motivated request to see one protected identity; a custodian approves (for a time) or denies it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the custodian")
        APPROVED = "approved", _("Approved")
        DENIED = "denied", _("Denied")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("requested by"))
    reason = models.TextField(_("why the identity is needed"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("requested at"), default=clock.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    expires_at = models.DateTimeField(_("access until"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("identity access request")
        verbose_name_plural = _("identity access requests")
        indexes = [models.Index(fields=["state", "created_at"], name="vault_request_queue_idx"),
                   models.Index(fields=["case", "requester", "state"], name="vault_request_grant_idx")]
        constraints = [
            models.UniqueConstraint(fields=["case", "requester"], condition=Q(state="pending"),
                                    name="vault_one_pending_request"),
            # Nobody approves their own request.
            models.CheckConstraint(condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requester")),
                                   name="vault_not_self_decided"),
            models.CheckConstraint(
                condition=Q(state="pending") | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="vault_decided_has_decider"),
            models.CheckConstraint(condition=~Q(state="approved") | Q(expires_at__isnull=False),
                                   name="vault_approval_expires"),
        ]

    def is_active(self, at=None) -> bool:
        return self.state == self.State.APPROVED and self.expires_at is not None and (at or clock.now()) < self.expires_at


class TextMask(models.Model):
    """A span of an item's content or message replaced by "[…]": masked (original sealed, reversible) or redacted (gone)."""

    class Kind(models.TextChoices):
        MASK = "mask", _("Masked (reversible)")
        REDACT = "redact", _("Redacted (permanent)")

    class Field(models.TextChoices):
        CONTENT = "content", _("Content of the item")
        MESSAGE = "message", _("A message or note")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=12, choices=Field.choices)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    start = models.PositiveIntegerField(help_text="offset of the marker in the current text")
    original_length = models.PositiveIntegerField()
    sealed_original = models.BinaryField(default=b"", editable=False)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    restored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    restored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case_id", "field", "message_id", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(field="content", message__isnull=True) | Q(field="message", message__isnull=False),
                                   name="vault_mask_target"),
            models.CheckConstraint(condition=Q(kind="mask") | Q(restored_at__isnull=True), name="vault_redaction_final"),
        ]

    @property
    def active(self) -> bool:
        return self.restored_at is None
