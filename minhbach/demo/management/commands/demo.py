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
        gen = sub.add_parser("generate", help="A synthetic province at scale, written with bulk inserts.")
        gen.add_argument("--items", type=int, required=True, help="number of items (e.g. 1000000)")
        gen.add_argument("--years", type=float, default=3, help="years of history ending today (default 3)")
        gen.add_argument("--units", type=int, default=100, help="handling units under the province (created if missing)")
        gen.add_argument("--seed", type=int, default=D.DEFAULT_SEED, help="random seed (same seed, same data)")
        gen.add_argument("--append", action="store_true", help="add to a database that already holds more than the demo")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "accounts":
            self._accounts()
            return
        if settings.PRODUCTION:
            raise CommandError("Không nạp dữ liệu mẫu khi MINHBACH_ENV=production. / "
                               "Demo data is never loaded when MINHBACH_ENV=production.", returncode=USAGE_ERROR)
        if subcommand == "generate":
            self._generate(**options)
            return
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

    def _generate(self, *, items: int, years: float, units: int, seed: int, append: bool, **_options) -> None:
        from minhbach.demo.generate import GenerateRefused, generate

        if items < 1 or years <= 0 or units < 1:
            raise CommandError("--items, --years và --units phải dương / must be positive", returncode=USAGE_ERROR)
        out = self.stdout.write
        try:
            result = generate(items=items, years=years, units=units, seed=seed, append=append, log=out)
        except GenerateRefused:
            raise CommandError("Cơ sở dữ liệu đã có nhiều hơn dữ liệu mẫu; dùng --append để thêm. / The database already "
                               "holds more than the demo; use --append to add to it.", returncode=USAGE_ERROR) from None
        out(f"Đã sinh / generated: {result.items} hồ sơ (items), {result.deadlines} thời hạn (deadlines), "
            f"{result.audit_events} sự kiện nhật ký (audit events), {result.registers} sổ tháng đơn vị (unit registers, "
            f"{result.register_entries} entries), {result.provincial_registers} sổ tổng hợp (provincial registers) "
            f"in {result.units} units ({result.users} new accounts).")
        out(f"{result.seconds:.1f} s — {result.items / result.seconds:,.0f} items/s, {result.rows / result.seconds:,.0f} rows/s.")
        out(f"Largest unit: {result.largest_unit} with {result.largest_open} open items.")
        out("Trạng thái / status: " + ", ".join(f"{k} {v}" for k, v in sorted(result.by_status.items())))
        out("Mã bí mật chung của các hồ sơ sinh ra (chỉ in một lần) / the access secret shared by every generated item "
            f"(printed once): {result.access_secret}")
        out("Thử / try: " + ", ".join(result.sample_codes))

    def _accounts(self) -> None:
        out = self.stdout.write
        out(f"Tài khoản mẫu — mật khẩu chung / demo accounts — one password: {D.DEMO_PASSWORD}")
        rows = [(a.username, a.role + (" ★" if a.is_head else ""), a.unit, a.full_name, a.position)
                for a in demo_accounts()]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for r in rows:
            out(f"  {r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]} — {r[4]}")
