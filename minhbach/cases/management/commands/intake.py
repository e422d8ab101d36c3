"""`minhbach intake status|register`: the citizens' submissions accepted and waiting to be registered as items.

The worker registers them within moments (woken by each submission, and every minute as a safety net); these
commands let an operator see the queue and drain it by hand, e.g. after a worker outage.
"""
import json

from django.core.management.base import BaseCommand
from django.db.models import Max, Min

from minhbach.cases.models import Intake
from minhbach.cases.services.intake import intakes_register
from minhbach.core import clock


class Command(BaseCommand):
    help = "Show or register the submissions waiting to become items."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "register"])
        parser.add_argument("--batch", type=int, default=500, help="submissions per round (register)")

    def handle(self, *args, action: str, batch: int, **options):
        if action == "register":
            total = {"registered": 0, "failed": 0}
            while True:
                report = intakes_register(limit=batch)
                total = {"registered": total["registered"] + report["registered"],
                         "failed": total["failed"] + report["failed"]}
                if not report["registered"]:
                    break
            total["waiting"] = Intake.objects.count()
            self.stdout.write(json.dumps(total))
            return
        agg = Intake.objects.aggregate(oldest=Min("received_at"), attempts=Max("attempts"))
        oldest = agg["oldest"]
        self.stdout.write(json.dumps({
            "waiting": Intake.objects.count(),
            "failing": Intake.objects.filter(attempts__gt=0).count(),
            "oldest_age_s": round((clock.now() - oldest).total_seconds(), 1) if oldest else 0,
            "max_attempts": agg["attempts"] or 0,
        }))
