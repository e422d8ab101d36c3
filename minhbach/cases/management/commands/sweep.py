"""`minhbach sweep`: run the deadline sweep now (it also runs every 30 minutes in the worker)."""
import json

from django.core.management.base import BaseCommand

from minhbach.cases.services.sweep import deadlines_sweep


class Command(BaseCommand):
    help = "Notify handlers, leaders and the office about items due soon or overdue (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(deadlines_sweep().as_dict()))
