"""Notifications: queued as outbox rows inside the transaction, delivered by a task after commit.

Bodies carry the tracking code, type and deadlines — never the sender's identity nor a secret.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from minhbach.core.models import OutboxMessage

log = logging.getLogger(__name__)


def notify_users(*, users, subject: str, body: str, dedupe_key: str) -> int:
    """Queue one in-app + e-mail notice per user; a key already queued is skipped (idempotent)."""
    queued = 0
    for user in users:
        key = f"{dedupe_key}:u{user.pk}"
        try:
            with transaction.atomic():
                msg = OutboxMessage.objects.create(
                    channel=OutboxMessage.Channel.EMAIL if user.email else OutboxMessage.Channel.INTERNAL,
                    recipient_user=user, to_address=user.email, subject=subject[:255], body=body, dedupe_key=key[:200],
                )
        except IntegrityError:
            continue
        queued += 1
        if msg.to_address:
            _deliver_on_commit(msg.pk)
    return queued


def notify_citizen(*, case, subject: str, body: str, dedupe_key: str) -> bool:
    """Queue an e-mail to the citizen if they gave an address."""
    email = getattr(getattr(case, "submitter", None), "email", "")
    if not email:
        return False
    try:
        with transaction.atomic():
            msg = OutboxMessage.objects.create(to_address=email, subject=subject[:255], body=body, dedupe_key=dedupe_key[:200])
    except IntegrityError:
        return False
    _deliver_on_commit(msg.pk)
    return True


def _deliver_on_commit(message_id: int) -> None:
    from minhbach.cases.tasks import deliver_outbox_message

    transaction.on_commit(lambda: deliver_outbox_message(message_id))


def outbox_deliver(message_id: int) -> bool:
    """Send one queued e-mail if not sent yet; safe to run twice."""
    from minhbach.core import clock

    with transaction.atomic():
        msg = OutboxMessage.objects.select_for_update().filter(pk=message_id, sent_at__isnull=True).first()
        if msg is None or not msg.to_address:
            return False
        msg.attempts += 1
        try:
            send_mail(msg.subject, msg.body, settings.DEFAULT_FROM_EMAIL, [msg.to_address])
        except Exception:  # delivery failures are retried by the next sweep; never log the address
            log.warning("E-mail delivery failed for outbox message %s", msg.pk)
            msg.save(update_fields=["attempts"])
            return False
        msg.sent_at = clock.now()
        msg.save(update_fields=["attempts", "sent_at"])
    return True


def send_receipt_email(*, email: str, tracking_code: str, secret: str, track_url: str, language: str = "vi") -> None:
    """Send the receipt (code and secret) straight to the citizen after commit; the secret is never stored."""
    def _send():
        with translation.override(language):
            body = _(
                "Your item has been received.\n\nTracking code: %(code)s\nAccess secret: %(secret)s\n\n"
                "Keep the secret: it is shown only once and is needed to follow your item at %(url)s\n"
            ) % {"code": tracking_code, "secret": secret, "url": track_url}
            subject = _("Receipt %(code)s") % {"code": tracking_code}
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        except Exception:
            log.warning("Receipt e-mail could not be sent for %s", tracking_code)

    transaction.on_commit(_send)
