"""Keep the directory's derived rows (and their search text) in step with users and their roles."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from minhbach.orgs.models import Membership

User = get_user_model()


def _refresh(user_id: int) -> None:
    from minhbach.transparency.services import directory_sync

    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        directory_sync(user=user, audit=False)


@receiver(post_save, sender=Membership, dispatch_uid="transparency_membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="transparency_membership_deleted")
def membership_changed(sender, instance, **kwargs):
    """A role was given or taken: list or unlist the official."""
    _refresh(instance.user_id)


@receiver(post_save, sender=User, dispatch_uid="transparency_user_saved")
def user_changed(sender, instance, created, update_fields=None, **kwargs):
    """A name or position changed: refresh the official's search text (logins are ignored)."""
    if created or (update_fields and set(update_fields) <= {"last_login", "password"}):
        return
    _refresh(instance.pk)
