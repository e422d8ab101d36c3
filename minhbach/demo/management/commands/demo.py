"""`minhbach demo load [--if-empty] [--items N] [--seed S]` and `minhbach demo accounts`."""
from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from minhbach.cases.models import Status
from minhbach.demo import data as D
from minhbach.demo.loader import SCENARIOS, database_has_units, demo_accounts, demo_load

USAGE_ERROR = 2


class Command(BaseCommand):
    help = _("Demo province: load it into an empty database, or list its accounts.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help=_("Load the demo province, its staff and a year of items."))
        load.add_argument("--if-empty", action="store_true",
                          help=_("Do nothing if the database already has organisation units."))
        load.add_argument("--items", type=int, default=360, help=_("Number of letters to load (default 360)."))
        load.add_argument("--seed", type=int, default=D.DEFAULT_SEED, help=_("Random seed (same seed, same data)."))
        sub.add_parser("accounts", help=_("Print the demo accounts."))

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "accounts":
            self._accounts()
            return
        if settings.PRODUCTION:
            raise CommandError("Không nạp dữ liệu mẫu khi MINHBACH_ENV=production. / "
                               "Demo data is never loaded when MINHBACH_ENV=production.", returncode=USAGE_ERROR)
        if database_has_units():
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu đơn vị; không nạp dữ liệu mẫu. / "
                                  "The database already has organisation units; demo data not loaded.")
                return
            raise CommandError("Cơ sở dữ liệu đã có dữ liệu đơn vị; chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống "
                               "(dùng --if-empty để bỏ qua). / The database already has organisation units; the demo "
                               "loads only into an empty database (use --if-empty to skip).", returncode=USAGE_ERROR)
        if options["items"] < len(SCENARIOS):
            raise CommandError(f"--items phải ≥ {len(SCENARIOS)} / --items must be at least {len(SCENARIOS)}",
                               returncode=USAGE_ERROR)
        started = time.monotonic()
        result = demo_load(items=options["items"], seed=options["seed"])
        elapsed = time.monotonic() - started
        out = self.stdout.write
        out(f"Đã nạp dữ liệu mẫu / Demo loaded: {result.submissions} đơn (letters), {result.cases} hồ sơ (items), "
            f"{result.steps} bước xử lý (steps), {result.letters} văn bản (letters generated) — {elapsed:.1f} s.")
        if not result.letters:
            out("Chưa có mẫu văn bản nên không tạo văn bản. / No letter templates yet: no letters generated.")
        out("")
        out("Trạng thái / status:")
        for value, label in Status.choices:
            out(f"  {value:<18} {result.by_status.get(value, 0):>5}")
        out(f"Quét thời hạn / deadline sweep: {result.sweep}")
        out("")
        self._accounts()
        if result.receipts:
            out("")
            out("Thử trang theo dõi của người dân / try the citizen's tracking page (dữ liệu mẫu / demo only):")
            for r in result.receipts:
                out(f"  {r['tracking_code']}  {r['access_secret']}  [{r['status']}] {r['title'][:70]}")
            if result.receipts_path:
                out(f"  (lưu tại / kept in {result.receipts_path})")

    def _accounts(self) -> None:
        out = self.stdout.write
        out(f"Tài khoản mẫu — mật khẩu chung / demo accounts — one password: {D.DEMO_PASSWORD}")
        rows = [(a.username, a.role + (" ★" if a.is_head else ""), a.unit, a.full_name, a.position)
                for a in demo_accounts()]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for r in rows:
            out(f"  {r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]} — {r[4]}")
