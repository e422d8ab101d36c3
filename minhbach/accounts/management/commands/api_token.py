"""`minhbach api_token create USERNAME --name NAME [--code CODE]`, `minhbach api_token revoke PREFIX`, `minhbach api_token list`.

A user whose roles require TOTP gets a token only with a current code from their own authenticator app (asked for
when run in a terminal); see `accounts.services.api_token_create` and docs/security.md.
"""
from __future__ import annotations

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from minhbach.accounts import totp
from minhbach.accounts.models import ApiToken
from minhbach.accounts.services import api_token_create
from minhbach.core import clock
from minhbach.core.audit import audit_append
from minhbach.core.errors import DomainError

USAGE_ERROR = 2


class Command(BaseCommand):
    help = _("Staff API tokens: create one (the raw token is printed once), revoke one by its prefix, or list them.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help=_("Create a token for a user and print it once."))
        create.add_argument("username")
        create.add_argument("--name", required=True, help=_("What the token is for, e.g. the integration's name."))
        create.add_argument("--code", default="", help=_("A current code from the user's authenticator app: required for "
                                                         "custodians, inspectors and administrators (asked for when "
                                                         "run in a terminal)."))
        revoke = sub.add_parser("revoke", help=_("Revoke the live token whose value starts with PREFIX."))
        revoke.add_argument("prefix", help=_("The first characters of the token, e.g. mb_Ab3dE"))
        listing = sub.add_parser("list", help=_("List tokens (prefix, user, name, last use, revoked)."))
        listing.add_argument("username", nargs="?", default="")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "create":
            self._create(options["username"], options["name"], options["code"])
        elif subcommand == "revoke":
            self._revoke(options["prefix"])
        else:
            self._list(options["username"])

    def _create(self, username: str, name: str, code: str) -> None:
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError(_("Give the token a name of 1 to 100 characters."), returncode=USAGE_ERROR)
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user %(username)s.") % {"username": username}, returncode=USAGE_ERROR)
        if not code and totp.required_for(user) and sys.stdin.isatty():
            code = input(_("Code from %(username)s's authenticator app: ") % {"username": user.username})
        try:
            token, raw = api_token_create(user=user, name=name, code=code)
        except DomainError as exc:
            raise CommandError(str(exc.message), returncode=USAGE_ERROR) from None
        self.stderr.write(_("Token “%(name)s” for %(username)s. It is shown only this once; store it now.")
                          % {"name": name, "username": user.username})
        self.stdout.write(raw)

    def _revoke(self, prefix: str) -> None:
        prefix = prefix.strip()
        # The stored prefix is the token's first 8 characters; a longer value is cut to it.
        matches = list(ApiToken.objects.select_related("user").filter(prefix=prefix[:8], revoked_at__isnull=True))
        if len(prefix) < 8 or not matches:
            raise CommandError(_("No live token starts with %(prefix)s (give its first 8 characters).")
                               % {"prefix": prefix}, returncode=USAGE_ERROR)
        if len(matches) > 1:
            raise CommandError(_("Several live tokens start with %(prefix)s; revoke them in the admin.")
                               % {"prefix": prefix}, returncode=USAGE_ERROR)
        token = matches[0]
        with transaction.atomic():
            token.revoked_at = clock.now()
            token.save(update_fields=["revoked_at"])
            audit_append(actor_label="cli", verb="api_token_revoke", obj=token,
                         data={"user": token.user.username, "name": token.name, "prefix": token.prefix})
        self.stdout.write(_("Revoked token %(prefix)s (“%(name)s”, %(username)s).")
                          % {"prefix": token.prefix, "name": token.name, "username": token.user.username})

    def _list(self, username: str) -> None:
        qs = ApiToken.objects.select_related("user").order_by("created_at")
        if username:
            qs = qs.filter(user__username=username)
        for t in qs:
            last = t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "-"
            state = _("revoked") if t.revoked_at else _("live")
            self.stdout.write(f"{t.prefix}\t{t.user.username}\t{t.name}\t{last}\t{state}")
