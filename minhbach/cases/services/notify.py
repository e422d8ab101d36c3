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


def notify_many(notices: list[tuple]) -> int:
    """Queue many notices at once: `(users, subject, body, dedupe_key)` each; keys already queued are skipped.

    One INSERT for all (the unique dedupe key makes a repeat a no-op) and one delivery task per call, after commit.
    """
    rows = []
    for users, subject, body, dedupe_key in notices:
        for user in users:
            rows.append(OutboxMessage(
                channel=OutboxMessage.Channel.EMAIL if user.email else OutboxMessage.Channel.INTERNAL,
                recipient_user=user, to_address=user.email, subject=subject[:255], body=body,
                dedupe_key=f"{dedupe_key}:u{user.pk}"[:200]))
    if not rows:
        return 0
    OutboxMessage.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    # Delivery is idempotent (outbox_deliver locks and checks sent_at), so re-queuing a key another sweep wrote is harmless.
    ids = list(OutboxMessage.objects.filter(dedupe_key__in=[r.dedupe_key for r in rows], sent_at__isnull=True)
               .exclude(to_address="").values_list("pk", flat=True))
    if ids:
        from minhbach.cases.tasks import deliver_outbox_batch

        transaction.on_commit(lambda: deliver_outbox_batch(ids))
    return len(rows)


def notify_citizen(*, case, subject: str, body: str, dedupe_key: str) -> bool:
    """Queue an e-mail to the citizen if they gave an address."""
    email = getattr(getattr(case, "submitter", None), "email", "")
    if not email:
        return False
    try:
        with transaction.atomic():
            msg = OutboxMessage.objects.create(recipient_ref=f"case:{case.pk}", subject=subject[:255], body=body,
                                               dedupe_key=dedupe_key[:200])
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
        address = _address_of(msg) if msg is not None else ""
        if not address:
            return False
        msg.attempts += 1
        try:
            send_mail(msg.subject, msg.body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:  # delivery failures are retried by the next sweep; never log the address
            log.warning("E-mail delivery failed for outbox message %s", msg.pk)
            msg.save(update_fields=["attempts"])
            return False
        msg.sent_at = clock.now()
        msg.save(update_fields=["attempts", "sent_at"])
    return True


def _address_of(msg: OutboxMessage) -> str:
    """The recipient's address: a staff user's own, or the citizen's, unsealed only to send."""
    if msg.to_address:
        return msg.to_address
    if msg.recipient_ref.startswith("case:"):
        from minhbach.cases.models import Submitter

        submitter = Submitter.objects.filter(case_id=int(msg.recipient_ref[5:])).first()
        return submitter.email if submitter else ""
    return ""


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
