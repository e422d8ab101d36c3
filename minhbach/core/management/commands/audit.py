"""`minhbach audit verify`: walk the hash chain of the audit log and report the first broken link."""
from django.core.management.base import BaseCommand, CommandError

from minhbach.core.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        report = audit_verify()
        if report.first_broken_id is not None:
            raise CommandError(
                f"Chuỗi nhật ký bị phá vỡ tại bản ghi #{report.first_broken_id} (sau {report.checked} bản ghi hợp lệ) / "
                f"audit chain broken at entry #{report.first_broken_id} after {report.checked} valid entries"
            )
        self.stdout.write(f"OK: {report.checked} bản ghi, chuỗi nguyên vẹn / {report.checked} entries, chain intact")
