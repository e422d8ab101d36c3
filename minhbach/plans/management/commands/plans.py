"""`minhbach plans import FILE --json`: read a plan (.txt or .docx) and print its tasks as JSON.
`minhbach plans sweep [--today YYYY-MM-DD]`: roll obligations forward and send reminders (idempotent)."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minhbach.plans.extract import extract_plan_file


class Command(BaseCommand):
    help = "Plan documents: `import FILE --json` prints the extracted metadata and tasks (offline, deterministic)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="extract a plan's structure")
        imp.add_argument("file")
        imp.add_argument("--json", action="store_true", help="print the structure as JSON (GUIDE format)")
        sweep = sub.add_parser("sweep", help="generate due report obligations and send reminders")
        sweep.add_argument("--today", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, action, file=None, json: bool = False, today=None, **options):
        if action == "sweep":
            import datetime as dt

            from minhbach.plans.services import plans_sweep

            try:
                day = dt.date.fromisoformat(today) if today else None
            except ValueError:
                raise CommandError("Ngày không hợp lệ / invalid date: use YYYY-MM-DD") from None
            self.stdout.write(_dumps(plans_sweep(today=day)))
            return
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file} / file not found: {file}")
        if path.suffix.lower() not in {".txt", ".docx"}:
            raise CommandError("Chỉ nhận tệp .txt hoặc .docx / only .txt and .docx files are read")
        try:
            result = extract_plan_file(path)
        except (UnicodeDecodeError, ValueError, KeyError) as exc:
            raise CommandError(f"Không đọc được tệp kế hoạch / cannot read the plan file: {exc.__class__.__name__}") from None
        if json:
            self.stdout.write(_dumps(result))
        else:
            doc = result["document"]
            self.stdout.write(f"{doc.get('number') or '-'}  {doc.get('title') or ''}")
            for task in result["tasks"]:
                lead = ", ".join(task.get("lead") or []) or "-"
                self.stdout.write(f"  {task['path']:<10} {lead:<40} {task.get('timing_text') or ''}")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
