"""`minhbach vault …`: master keys of the identity vault (generate, rotate, retire, status) and SQLite compaction."""
from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Identity vault: generate-key, rotate-master-key, retire-old-keys, status, compact (see docs/security.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate-key", help="write a new master key file (mode 0600)")
        gen.add_argument("--out", required=True, help="path of the key file to create (must not exist)")
        rot = sub.add_parser("rotate-master-key", help="wrap every data key under a new master key as well (idempotent)")
        rot.add_argument("--new-key-file", help="file holding the new key (or set MINHBACH_VAULT_NEW_MASTER_KEY)")
        rot.add_argument("--batch", type=int, default=500)
        ret = sub.add_parser("retire-old-keys",
                             help="drop wraps under every key but the configured primary (run once all processes use it)")
        ret.add_argument("--batch", type=int, default=500)
        sub.add_parser("status", help="which master key ids wrap how many data keys")
        sub.add_parser("compact", help="SQLite: VACUUM and truncate the WAL so freed pages keep no old plaintext")

    def handle(self, *args, action, **opts):
        from minhbach.vault import crypto, rotation

        try:
            if action == "generate-key":
                key = crypto.write_key_file(Path(opts["out"]))
                self.stdout.write(f"Created {opts['out']} (key id {key.key_id}). Keep an offline copy: without it "
                                  "the identities sealed under it cannot be recovered.")
            elif action == "rotate-master-key":
                if opts.get("new_key_file"):
                    new_key = crypto.read_key_file(opts["new_key_file"])
                elif os.environ.get("MINHBACH_VAULT_NEW_MASTER_KEY"):
                    new_key = crypto.parse_key(os.environ["MINHBACH_VAULT_NEW_MASTER_KEY"],
                                               source="key MINHBACH_VAULT_NEW_MASTER_KEY")
                else:
                    raise CommandError("Give --new-key-file FILE or set MINHBACH_VAULT_NEW_MASTER_KEY.")
                report = rotation.keys_rewrap(new_key=new_key, batch=opts["batch"])
                self.stdout.write(f"New key id {new_key.key_id}: rewrapped {report.rewrapped}, already {report.already}, "
                                  f"unreadable {report.unreadable}.")
                if report.unreadable:
                    raise CommandError(f"{report.unreadable} data keys could not be opened with the configured keys.")
                self.stdout.write("Next: make it the primary key of every process (keep the old one in "
                                  "MINHBACH_VAULT_EXTRA_KEY_FILES), run this command again, then `vault retire-old-keys`.")
            elif action == "retire-old-keys":
                keep = crypto.keyring().primary
                report = rotation.keys_retire(keep=keep, batch=opts["batch"])
                self.stdout.write(f"Kept key id {keep.key_id}: retired old wraps on {report.retired}, already clean "
                                  f"{report.already}, not yet under this key {report.unreadable}.")
                if report.unreadable:
                    raise CommandError("Some data keys are not wrapped under the primary key yet: run "
                                       "`vault rotate-master-key --new-key-file <primary>` first.")
            elif action == "status":
                ring = crypto.keyring()
                self.stdout.write(f"Primary key id {ring.primary.key_id} (source: {crypto.configured_source()}); "
                                  f"extra: {', '.join(k.key_id for k in ring.extra) or '—'}")
                for kid, n in sorted(rotation.keys_status().items()):
                    known = "known" if ring.get(kid) else "NOT HELD BY THIS PROCESS"
                    self.stdout.write(f"  {kid}: {n} data keys ({known})")
            elif action == "compact":
                if connection.vendor != "sqlite":
                    self.stdout.write("Not SQLite: on PostgreSQL run VACUUM FULL on cases_submitter, cases_case and "
                                      "cases_message after migrating (see docs/security.md).")
                    return
                with connection.cursor() as cur:
                    cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    cur.execute("VACUUM")
                    cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.stdout.write("SQLite database compacted.")
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
