"""Serve the portal, back office and API with waitress, plus the background worker, in one command."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Minh Bạch on HOST:PORT with waitress and run the background worker alongside (no other service needed)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="do not start the worker (e.g. when workers run elsewhere)")

    def handle(self, *args, host, port, threads, no_worker, **options):
        from waitress import serve

        from config.wsgi import application

        worker = None
        if not no_worker and not settings.HUEY.get("immediate"):
            worker = subprocess.Popen([sys.executable, "-m", "minhbach", "run_huey", "--quiet"], env=os.environ.copy())
            self.stdout.write(f"Worker started (pid {worker.pid}); queue: {'Redis' if settings.REDIS_URL else 'SQLite'}.")

        def stop(*_):
            if worker and worker.poll() is None:
                worker.terminate()
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Minh Bạch: http://{host}:{port}/  (back office: /staff/, API: /api/docs)")
        try:
            proxy = os.environ.get("MINHBACH_TRUSTED_PROXY", "")
            proxy_options = {"trusted_proxy": proxy, "trusted_proxy_count": 1,
                             "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"}} if proxy else {}
            serve(application, host=host, port=port, threads=threads, ident="minhbach", clear_untrusted_proxy_headers=True,
                  **proxy_options)
        finally:
            if worker and worker.poll() is None:
                worker.terminate()
                worker.wait(10)
