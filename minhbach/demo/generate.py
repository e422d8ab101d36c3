"""A synthetic province at national scale, written with bulk inserts (`minhbach demo generate`).

The small demo (loader.py) drives every step through the services, which is faithful but costs
milliseconds per step. Here the same facts are computed in Python and written in chunks:

* every item gets a planned life (received → classified → accepted → result → signed off → closed, or
  refused, guided, archived, forwarded, split, merged, paused for a supplement, extended, left stalled …);
  what happened up to *now* becomes the row; later steps simply have not happened yet;
* clocks come from the pure functions (`rules.deadlines.compute_due` with the working-day calendar) and the
  rule version in force on each start date, exactly as `cases.services.clocks` computes them;
* the sender's identity is sealed like `Submitter.save` seals it (per-item data key, wrapped by the master key);
* one receipt secret is hashed once (Argon2id, production parameters) and shared by every generated item;
  it is printed once so the tracking page can be tried;
* the audit log is chained in Python in time order and bulk inserted under the head-row lock;
* every complete month of every unit is published like `register_publish` would have on its publication
  day (state as of that day), with its stored figures, and the provincial month is consolidated like
  `province_publish` does.

Everything random comes from `random.Random(seed)`; the same seed on an empty database gives the same data.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import heapq
import json
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from minhbach.accounts.models import User
from minhbach.cases import receipts
from minhbach.cases.models import (
    IDENTITY_FIELDS, OPEN_STATUSES, Case, Category, Channel, Deadline, ItemType, LetterClass, Status,
    Submitter,
)
from minhbach.cases.services.clocks import PAUSABLE, PROCESS_RULE, RESOLVE_RULE
from minhbach.core import clock
from minhbach.core.audit import GENESIS
from minhbach.core.models import AuditEvent, AuditHead
from minhbach.demo import data as D
from minhbach.orgs.models import Membership, OrgUnit, Role, UnitKind
from minhbach.rules import selectors as rule_selectors
from minhbach.rules.deadlines import compute_due
from minhbach.rules.models import Rule
from minhbach.transparency import selectors as tx_selectors
from minhbach.transparency.models import RegisterEntry, RegisterMonth, RegisterScope
from minhbach.transparency.selectors import result_text_for
from minhbach.transparency import search
from minhbach.transparency.services import entry_search_text, register_figures_refresh
from minhbach.vault import crypto

CHUNK = 5000
ALPHABET = receipts.ALPHABET
# A database "has more than the demo" beyond this many items (the demo loads a few hundred by default).
DEMO_MAX_ITEMS = 5000
# Share of all items handled by the largest unit (the provincial office, where unaddressed items land) and how
# often its items stall: together they give it a backlog of ~5 % of all items (≈ 50,000 open at 1,000,000).
LARGEST_SHARE = 0.30
STALL_LARGEST = 0.16
STALL_OTHER = 0.04
GEN_PREFIX = "sinh"

TYPE_WEIGHTS = {ItemType.PHAN_ANH: 30, ItemType.KIEN_NGHI: 24, ItemType.KHIEU_NAI: 15, ItemType.GOP_Y: 14,
                ItemType.TO_CAO: 10, ItemType.GIAI_TRINH: 7}
CHANNEL_WEIGHTS = {Channel.WEB: 30, Channel.PAPER: 18, Channel.RECEPTION: 12, Channel.EMAIL: 10, Channel.PHONE: 6,
                   Channel.FRONT: 7, Channel.VOTERS: 6, Channel.API: 6, Channel.BOX: 5}
PETITIONS = (ItemType.GOP_Y, ItemType.PHAN_ANH, ItemType.KIEN_NGHI)
EXTENDABLE = (ItemType.KHIEU_NAI, ItemType.TO_CAO, ItemType.GIAI_TRINH)
PUBLIC_ACTIONS = {"accept", "refuse", "guide", "archive", "forward", "split", "merge", "request_supplement",
                  "resume", "sign_off", "close", "extend"}

# --- text fragments ------------------------------------------------------------------------------
# Composed so that no fragment carries a personal name, a contact, an ID or a house number: the public
# summary of a generated item is its title, as the register's redaction would leave it.

SUBJECTS: dict[str, tuple[str, ...]] = {
    "dat-dai": ("việc cấp giấy chứng nhận quyền sử dụng đất", "tranh chấp ranh giới thửa đất giữa các hộ",
                "việc đo đạc lại diện tích đất ở", "việc chuyển mục đích sử dụng đất nông nghiệp"),
    "boi-thuong-gpmb": ("mức bồi thường khi thu hồi đất làm đường", "việc chậm chi trả tiền hỗ trợ tái định cư",
                        "phương án bố trí đất tái định cư"),
    "moi-truong": ("tình trạng xả nước thải chưa qua xử lý ra kênh", "khói bụi từ xưởng sản xuất gạch",
                   "rác thải tồn đọng lâu ngày ở bãi tập kết", "mùi hôi từ trại chăn nuôi tập trung"),
    "nguoi-co-cong": ("việc giải quyết chế độ trợ cấp người có công", "hồ sơ đề nghị công nhận liệt sĩ"),
    "an-sinh-xa-hoi": ("việc xét hộ nghèo, hộ cận nghèo", "việc chi trả trợ cấp xã hội hằng tháng",
                       "danh sách hỗ trợ người bị ảnh hưởng bởi bão lũ"),
    "dao-duc-can-bo": ("thái độ phục vụ của cán bộ tại bộ phận một cửa", "việc cán bộ hẹn nhiều lần nhưng không giải quyết"),
    "tham-nhung": ("dấu hiệu thu sai quy định khi làm thủ tục", "việc nghiệm thu công trình không đúng khối lượng",
                   "việc sử dụng kinh phí hỗ trợ sai mục đích"),
    "thu-tuc-hanh-chinh": ("thời gian giải quyết hồ sơ đăng ký kinh doanh", "việc yêu cầu nộp thêm giấy tờ không có trong quy định",
                           "việc trả kết quả hồ sơ trực tuyến quá hạn"),
    "xay-dung-do-thi": ("công trình xây dựng lấn chiếm hành lang an toàn", "việc xây dựng không phép trong khu dân cư",
                        "vật liệu xây dựng để tràn ra lòng đường"),
    "giao-thong": ("tuyến đường liên thôn xuống cấp nghiêm trọng", "đèn tín hiệu giao thông hỏng kéo dài",
                   "xe quá tải làm hư hỏng mặt đường"),
    "y-te": ("chất lượng khám chữa bệnh tại trạm y tế", "việc thanh toán bảo hiểm y tế khi khám bệnh"),
    "giao-duc": ("các khoản thu đầu năm học", "tình trạng dạy thêm, học thêm trái quy định",
                 "cơ sở vật chất phòng học xuống cấp"),
    "dien-nuoc": ("tình trạng mất điện kéo dài vào giờ cao điểm", "nước sinh hoạt có mùi lạ, đục",
                  "việc lắp đặt đồng hồ nước cho khu dân cư mới"),
    "thi-truong": ("hàng giả, hàng kém chất lượng bày bán tại chợ", "việc niêm yết giá không đúng quy định"),
    "an-ninh-trat-tu": ("tụ tập gây mất trật tự vào ban đêm", "tiếng ồn từ cơ sở karaoke quá giờ quy định"),
    "van-hoa-du-lich": ("việc sử dụng nhà văn hóa thôn", "hoạt động lễ hội gây ách tắc giao thông"),
    "rung-nong-nghiep": ("việc cung ứng giống cây trồng kém chất lượng", "tình trạng khai thác rừng trái phép",
                         "việc hỗ trợ thiệt hại do dịch bệnh trên vật nuôi"),
    "khac": ("việc niêm yết công khai thông tin tại trụ sở", "việc bố trí lịch tiếp dân định kỳ tại trụ sở"),
}
TYPE_LEADS = {
    ItemType.GOP_Y: ("Góp ý về", "Đề xuất cải thiện"),
    ItemType.PHAN_ANH: ("Phản ánh", "Phản ánh về"),
    ItemType.KIEN_NGHI: ("Kiến nghị giải quyết", "Kiến nghị xem xét"),
    ItemType.KHIEU_NAI: ("Khiếu nại quyết định liên quan đến", "Khiếu nại về"),
    ItemType.TO_CAO: ("Tố cáo hành vi vi phạm liên quan đến", "Tố cáo sai phạm trong"),
    ItemType.GIAI_TRINH: ("Yêu cầu giải trình về", "Đề nghị giải trình"),
}
PLACES = ("thôn Đông", "thôn Tây", "thôn Trung", "khu phố Một", "khu phố Hai", "xóm Bãi", "ấp Mới", "tổ dân phố Ba")
DETAILS = (
    "Tình trạng này kéo dài nhiều tháng nay, ảnh hưởng đến sinh hoạt của bà con trong khu vực.",
    "Người dân đã nhiều lần phản ánh tại các buổi họp thôn nhưng chưa được giải quyết dứt điểm.",
    "Đề nghị cơ quan có thẩm quyền kiểm tra thực tế và có biện pháp xử lý kịp thời.",
    "Kèm theo đơn là hình ảnh hiện trạng do người dân tự chụp.",
    "Việc này gây bức xúc trong nhân dân và ảnh hưởng đến lòng tin vào chính quyền cơ sở.",
    "Đề nghị trả lời bằng văn bản để người dân được biết.",
    "Sự việc xảy ra vào đầu tháng, đến nay vẫn chưa có cán bộ nào xuống làm việc.",
    "Các hộ dân liền kề cũng có ý kiến tương tự và sẵn sàng phối hợp cung cấp thông tin.",
)
RESULTS = (
    "Đơn vị đã kiểm tra thực tế, làm việc với các bên liên quan và yêu cầu khắc phục trong thời hạn quy định.",
    "Qua xác minh, nội dung phản ánh là có cơ sở; đơn vị đã chỉ đạo xử lý và sẽ tiếp tục giám sát.",
    "Qua xác minh, nội dung phản ánh không có cơ sở; đơn vị đã giải thích rõ quy định cho người gửi.",
    "Đơn vị tiếp thu ý kiến, đưa vào kế hoạch sửa chữa, nâng cấp trong năm.",
    "Đơn vị đã ban hành văn bản trả lời, nêu rõ căn cứ pháp lý và hướng giải quyết tiếp theo.",
    "Nội dung khiếu nại đúng một phần; đơn vị đã điều chỉnh quyết định và thông báo cho người khiếu nại.",
)
REFUSALS = ("Đơn không thuộc thẩm quyền giải quyết và đã được hướng dẫn theo quy định.",
            "Nội dung đã được giải quyết đúng quy định trước đó, không có tình tiết mới.",
            "Đơn không đủ điều kiện thụ lý theo quy định của pháp luật.")
GUIDES = ("Tòa án nhân dân khu vực", "Cơ quan thi hành án dân sự tỉnh", "Chi nhánh Văn phòng đăng ký đất đai")
ARCHIVE_REASONS = ("Đơn nặc danh, không có thông tin, tài liệu, chứng cứ cụ thể để xem xét (R3).",)
SUPPLEMENT_REASONS = ("Đề nghị bổ sung giấy tờ chứng minh quyền sử dụng đất.", "Đề nghị bổ sung hình ảnh, tài liệu liên quan.")
EXTENSION_REASONS = ("Vụ việc phức tạp, cần thêm thời gian xác minh tại nhiều nơi.",)
COMMUNE_NAMES = ("An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Phước", "Mỹ", "Đông", "Tây", "Nam", "Bắc",
                 "Trung", "Hưng", "Thịnh", "Lộc", "Quang", "Vĩnh", "Xuân", "Hải", "Sơn", "Thủy", "Lâm")
DEPARTMENTS = ("Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Công Thương", "Sở Tư pháp",
               "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo",
               "Sở Ngoại vụ", "Công an tỉnh", "Ban Quản lý các khu công nghiệp")


class FastRandom(random.Random):
    """`random.Random` with randint/choice from one `random()` call each (a few times faster than rejection sampling).

    Synthetic data only: the tiny bias of scaling a float is irrelevant here, and the output stays a pure function
    of the seed.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


# --- the result --------------------------------------------------------------------------------


@dataclass
class GenerateResult:
    items: int = 0
    submitters: int = 0
    deadlines: int = 0
    audit_events: int = 0
    registers: int = 0
    register_entries: int = 0
    provincial_registers: int = 0
    units: int = 0
    users: int = 0
    seconds: float = 0.0
    access_secret: str = ""
    sample_codes: list[str] = field(default_factory=list)
    largest_unit: str = ""
    largest_open: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return (self.items + self.submitters + self.deadlines + self.audit_events + self.registers
                + self.register_entries + self.provincial_registers)


class GenerateRefused(Exception):
    """The database already holds more than the demo (use --append to add to it)."""


# --- clocks: the rule version in force on each start date, computed once per (code, start, variant) ---


class Clocks:
    """Due dates by the pure functions, memoised: a 3-year history has only a few thousand distinct starts."""

    def __init__(self):
        self.calendar = rule_selectors.calendar_get()
        self.rules: dict[str, list[Rule]] = defaultdict(list)
        for rule in Rule.objects.order_by("code", "effective_from"):
            self.rules[rule.code].append(rule)
        self._spec: dict[int, object] = {}
        self._due: dict[tuple, dt.date] = {}

    def rule(self, code: str, on: dt.date) -> Rule:
        found = None
        for r in self.rules.get(code, ()):
            if r.effective_from <= on and (r.effective_to is None or r.effective_to >= on):
                found = r
        if found is None:
            raise Rule.DoesNotExist(f"no rule {code} in force on {on}")
        return found

    def due(self, code: str, start: dt.date, *, variant: str = "", extensions: int = 0, paused_days: int = 0) -> dt.date:
        key = (code, start, variant, extensions, paused_days)
        hit = self._due.get(key)
        if hit is None:
            rule = self.rule(code, start)
            spec = self._spec.get(rule.pk)
            if spec is None:
                spec = self._spec[rule.pk] = rule_selectors.rule_spec(rule)
            hit = self._due[key] = compute_due(rule=spec, start=start + dt.timedelta(days=paused_days),
                                               extensions=extensions, calendar=self.calendar, variant=variant)
        return hit


# --- an item's planned life ----------------------------------------------------------------------


@dataclass(slots=True)
class Step:
    at: dt.datetime
    action: str
    actor_id: int | None
    reason: str = ""
    data: dict | None = None


@dataclass(slots=True)
class Item:
    seq: int
    unit: OrgUnit
    type: str
    channel: str
    category: Category
    received_at: dt.datetime
    title: str
    content: str
    place: str
    identity: dict
    people_count: int
    anonymous: bool
    evidence: bool
    handler_id: int
    leader_id: int
    clerk_id: int | None
    steps: list[Step]
    result: str = ""
    refusal_reason: str = ""
    guided_to: str = ""
    complex: bool = False
    link: str = ""                 # "forwarded_from" / "split_from" for an item created from another
    parent: "Item | None" = None
    merged_into: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    case_id: int | None = None
    tracking_code: str = ""


@dataclass(slots=True)
class Clock:
    stage: str
    rule_code: str
    variant: str
    start: dt.date
    due: dt.date
    state: str = Deadline.State.OPEN
    paused_days: int = 0
    extensions: int = 0
    completed_on: dt.date | None = None
    paused_on: dt.date | None = None


def state_at(item: Item, when: dt.datetime, clocks: Clocks) -> SimpleNamespace:
    """Replay the item's steps up to `when`: the case fields and its clocks, as the services would have left them."""
    s = SimpleNamespace(status=Status.RECEIVED, status_changed_at=item.received_at, accepted_at=None, result_at=None,
                        answered_at=None, closed_at=None, classified_at=None, assignee_id=None, result_by_id=None,
                        signed_off_by_id=None, status_before_pause="", paused_on=None, result="", refusal_reason="",
                        guided_to="", clocks=[], last=item.received_at, letter_class="")
    resolve_code = RESOLVE_RULE[item.type]  # generated complaints are first-time ones (C2)
    variant_of = lambda code: "remote" if code in {"C2", "C3"} and item.unit.remote_area else ""  # noqa: E731
    for step in item.steps:
        if step.at > when:
            break
        day = clock.local_date(step.at)
        a = step.action
        if a == "received":
            code = PROCESS_RULE[item.type]
            s.clocks.append(Clock("process", code, "", day, clocks.due(code, day)))
        elif a == "classify":
            s.classified_at = step.at
            s.letter_class = {ItemType.KHIEU_NAI: LetterClass.COMPLAINT, ItemType.TO_CAO: LetterClass.DENUNCIATION}.get(
                item.type, LetterClass.PETITION_REPORT)
            continue
        elif a == "assign":
            s.assignee_id = step.data["assignee"]
            continue
        elif a == "accept":
            s.status, s.accepted_at = Status.ACCEPTED, step.at
            _complete(s.clocks, day, stages={"process"})
            variant = variant_of(resolve_code)
            s.clocks.append(Clock("resolve", resolve_code, variant, day, clocks.due(resolve_code, day, variant=variant)))
            if item.type == ItemType.TO_CAO:
                c = Clock("notify", "D2", "", day, clocks.due("D2", day))
                c.state, c.completed_on = Deadline.State.MET, day  # the acceptance notice goes out the same day
                s.clocks.append(c)
        elif a == "request_supplement":
            s.status_before_pause, s.paused_on, s.status = s.status, day, Status.AWAITING_CITIZEN
            for c in s.clocks:
                if c.state == Deadline.State.OPEN and c.rule_code in PAUSABLE:
                    c.state, c.paused_on = Deadline.State.PAUSED, day
        elif a == "resume":
            waited = max((day - (s.paused_on or day)).days, 0)
            for c in s.clocks:
                if c.state == Deadline.State.PAUSED:
                    c.paused_days += waited
                    c.due = clocks.due(c.rule_code, c.start, variant=c.variant, extensions=c.extensions,
                                       paused_days=c.paused_days)
                    c.state = Deadline.State.OPEN
            s.status, s.status_before_pause, s.paused_on = s.status_before_pause or Status.RECEIVED, "", None
        elif a == "extend":
            for c in s.clocks:
                if c.stage == "resolve" and c.state == Deadline.State.OPEN:
                    c.extensions += 1
                    c.due = clocks.due(c.rule_code, c.start, variant=c.variant, extensions=c.extensions,
                                       paused_days=c.paused_days)
            s.last = step.at
            continue
        elif a == "record_result":
            s.status, s.result_at, s.result_by_id, s.result = Status.RESULT_RECORDED, step.at, step.actor_id, item.result
        elif a == "sign_off":
            s.status, s.signed_off_by_id, s.answered_at = Status.ANSWERED, step.actor_id, step.at
            _complete(s.clocks, day)
        elif a == "close":
            s.status, s.closed_at = Status.CLOSED, step.at
        elif a in ("refuse", "guide", "archive"):
            s.status = {"refuse": Status.REFUSED, "guide": Status.GUIDED, "archive": Status.ARCHIVED}[a]
            s.refusal_reason = item.refusal_reason if a == "refuse" else ""
            s.guided_to = item.guided_to if a == "guide" else ""
            _complete(s.clocks, day)
        elif a in ("forward", "split", "merge"):
            s.status = {"forward": Status.FORWARDED, "split": Status.SPLIT, "merge": Status.MERGED}[a]
            _complete(s.clocks, day, stages={"process"})
            for c in s.clocks:
                if c.state in (Deadline.State.OPEN, Deadline.State.PAUSED):
                    c.state = Deadline.State.CANCELLED
        s.status_changed_at = step.at
        s.last = step.at
    running = [c for c in s.clocks if c.state == Deadline.State.OPEN]
    first = min(running, key=lambda c: c.due) if running else None
    s.due_date = first.due if first else None
    s.due_rule = first.rule_code if first else ""
    return s


def _complete(clks: list[Clock], day: dt.date, stages: set[str] | None = None) -> None:
    for c in clks:
        if c.state in (Deadline.State.OPEN, Deadline.State.PAUSED) and (stages is None or c.stage in stages):
            c.completed_on = day
            c.state = Deadline.State.MET if day <= c.due else Deadline.State.MISSED


# --- the generator ---------------------------------------------------------------------------------


class Generator:
    def __init__(self, *, items: int, years: float, units: int, seed: int, now: dt.datetime, log=None):
        self.n = items
        self.years = years
        self.unit_target = units
        self.seed = seed
        self.rng = FastRandom(seed)
        self.now = now.replace(microsecond=0)
        self.today = clock.local_date(self.now)
        self.log = log or (lambda msg: None)
        self.result = GenerateResult()
        self.seq = 0
        self.codes: set[str] = set()
        self.heap: list[tuple] = []
        self.heap_seq = 0
        self.pending_audit: list[AuditEvent] = []
        # (unit_id, month) -> items received that month, kept until the month is published
        self.month_items: dict[tuple[int, dt.date], list[Item]] = defaultdict(list)
        self.unit_registers: dict[dt.date, list[RegisterMonth]] = defaultdict(list)
        self.figures_pending: list[RegisterMonth] = []  # published in the current transaction, figures not yet counted
        self._fold = functools.lru_cache(maxsize=200_000)(search.fold)  # titles, units and results repeat

    # world ------------------------------------------------------------------------------------

    def setup(self) -> None:
        from minhbach.demo.loader import build_categories, build_org_tree, build_staff

        with transaction.atomic():
            root = OrgUnit.objects.filter(parent__isnull=True, kind=UnitKind.PROVINCE).order_by("path").first()
            if root is None:
                units = build_org_tree()
                build_staff(units)
                root = next(u for u in units.values() if u.parent_id is None)
            build_categories()
            self.root = root
            self.categories = list(Category.objects.filter(active=True).order_by("code"))
            self._ensure_units()
        self.clocks = Clocks()
        self.unit_by_id = {u.pk: u for u in self.units}
        leaders = User.objects.in_bulk([st["leader"] for st in self.staff.values()])
        self.leaders = {unit_id: leaders[st["leader"]] for unit_id, st in self.staff.items()}
        self.w_case, self.w_submitter, self.w_deadline = RowWriter(Case), RowWriter(Submitter), RowWriter(Deadline)
        self.w_audit, self.w_entry = RowWriter(AuditEvent), RowWriter(RegisterEntry)
        self.secret = receipts.new_access_secret()
        self.secret_hash = receipts.hash_secret(self.secret)   # once for the whole generation
        self.result.access_secret = self.secret

    def _handling_units(self):
        return (OrgUnit.objects.filter(path__startswith=self.root.path, active_to__isnull=True)
                .exclude(kind__in=[UnitKind.FRONT, UnitKind.PROVINCE]).order_by("path"))

    def _ensure_units(self) -> None:
        existing = list(self._handling_units())
        missing = max(self.unit_target - len(existing), 0)
        if missing:
            self._create_units(missing)
        units = list(self._handling_units())[: max(self.unit_target, 1)]
        members = defaultdict(lambda: defaultdict(list))
        for m in Membership.objects.filter(unit__in=units).select_related("user"):
            members[m.unit_id][m.role].append(m)
        self.staff: dict[int, dict] = {}
        for u in units:
            ms = members[u.pk]
            handlers = [m.user_id for m in ms[Role.HANDLER] + ms[Role.INSPECTOR]]
            leaders = [m.user_id for m in ms[Role.LEADER] if m.is_head] or [m.user_id for m in ms[Role.LEADER]]
            if not handlers or not leaders:
                self._create_staff(u)
                return self._ensure_units()
            clerks = [m.user_id for m in ms[Role.CLERK]] or handlers
            self.staff[u.pk] = {"handlers": handlers, "leader": leaders[0], "clerk": clerks[0]}
        largest = next((u for u in units if u.kind == UnitKind.OFFICE), units[0])
        others = [u for u in units if u.pk != largest.pk]
        weights = [1 / (i + 1) ** 0.8 for i in range(len(others))]
        total = sum(weights) or 1
        self.units = [largest] + others
        self.unit_weights = [LARGEST_SHARE if others else 1.0] + [(1 - LARGEST_SHARE) * w / total for w in weights]
        self.largest = largest
        self.result.units = len(self.units)
        # Where denunciations about a commune go, and where items are forwarded to.
        self.inspectorate = next((u for u in units if u.kind == UnitKind.INSPECTORATE), largest)

    def _create_units(self, count: int) -> None:
        rng = random.Random(f"{self.seed}:units")
        taken = set(OrgUnit.objects.values_list("code", flat=True))
        n_depts = max(count // 4, 0)
        created = 0
        i = 0
        while created < count:
            i += 1
            if created < n_depts:
                base = DEPARTMENTS[(i - 1) % len(DEPARTMENTS)]
                name = base if (i - 1) < len(DEPARTMENTS) else f"{base} (cơ sở {(i - 1) // len(DEPARTMENTS) + 1})"
                kind, code = UnitKind.DEPARTMENT, f"{GEN_PREFIX}-so-{i:04d}"
                short = "".join(w[0] for w in base.split() if w[0].isupper())[:10]
            else:
                word = f"{rng.choice(COMMUNE_NAMES)} {rng.choice(COMMUNE_NAMES)}"
                ward = rng.random() < 0.3
                name = f"UBND {'phường' if ward else 'xã'} {word} {i}"
                kind, code, short = UnitKind.COMMUNE, f"{GEN_PREFIX}-xa-{i:04d}", f"{word} {i}"
            if code in taken:
                continue
            unit = OrgUnit(parent=self.root, kind=kind, code=code, name=name, short_name=short,
                           place_name=self.root.place_name, remote_area=kind == UnitKind.COMMUNE and rng.random() < 0.15,
                           active_from=dt.date(2025, 7, 1), email=f"{code}@{D.STAFF_MAIL_DOMAIN}")
            unit.save()  # one by one: the materialised path is assigned from the siblings
            self._create_staff(unit)
            taken.add(code)
            created += 1

    def _create_staff(self, unit: OrgUnit) -> None:
        password = getattr(self, "_password", None)
        if password is None:
            probe = User(username="-")
            probe.set_password(D.DEMO_PASSWORD)
            password = self._password = probe.password  # one salted hash for every generated account
        from minhbach.demo.loader import person_name

        rng = random.Random(f"{self.seed}:staff:{unit.code}")
        users = []
        for suffix, role, head, position in ((".ld", Role.LEADER, True, "Thủ trưởng đơn vị"),
                                             (".cv", Role.HANDLER, False, "Chuyên viên"),
                                             (".cv2", Role.HANDLER, False, "Chuyên viên")):
            full, _female = person_name(rng)
            users.append((User(username=f"{unit.code}{suffix}", full_name=full, position=f"{position}, {unit.name}",
                               email=f"{unit.code}{suffix.replace('.', '-')}@{D.STAFF_MAIL_DOMAIN}", password=password,
                               first_name=full.rsplit(" ", 1)[-1], last_name=full.rsplit(" ", 1)[0]), role, head))
        created = User.objects.bulk_create([u for u, _r, _h in users])
        Membership.objects.bulk_create([Membership(user=u, unit=unit, role=r, is_head=h)
                                        for u, (_u, r, h) in zip(created, users)])
        self.result.users += len(created)

    # planning ---------------------------------------------------------------------------------

    def months(self) -> list[dt.date]:
        start = (self.today - dt.timedelta(days=round(365.25 * self.years))).replace(day=1)
        out, m = [], start
        while m <= self.today:
            out.append(m)
            m = tx_selectors.month_next(m)
        return out

    def month_counts(self, months: list[dt.date]) -> list[int]:
        """Items per month: growing by ~15 % a year, fewer around Tết, the last (current) month pro rata."""
        weights = []
        for i, m in enumerate(months):
            w = 1.15 ** (i / 12)
            if m.month == 2:
                w *= 0.7
            if m == months[-1]:
                days_in = (tx_selectors.month_next(m) - m).days
                w *= max(self.today.day - 1, 0) / days_in
            weights.append(w)
        total = sum(weights)
        counts = [int(self.n * w / total) for w in weights]
        counts[-2 if len(counts) > 1 else 0] += self.n - sum(counts)
        return counts

    def _moment(self, day: dt.date, rng: random.Random, office: bool = True) -> dt.datetime:
        if office:
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            t = dt.time(rng.randint(7, 16), rng.randint(0, 59), rng.randint(0, 59))
        else:
            t = dt.time(rng.randint(6, 22), rng.randint(0, 59), rng.randint(0, 59))
        return dt.datetime.combine(day, t, tzinfo=clock.LOCAL_TZ)

    def _after(self, t: dt.datetime, lo: int, hi: int, rng: random.Random) -> dt.datetime:
        m = self._moment(clock.local_date(t) + dt.timedelta(days=rng.randint(lo, hi)), rng)
        return max(m, t + dt.timedelta(minutes=rng.randint(10, 90)))

    def _code(self, year: int) -> str:
        while True:
            bits = self.rng.getrandbits(40)  # 8 characters of 5 bits, as receipts.new_tracking_code draws them
            code = f"MB{year % 100:02d}-" + "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(8))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _identity(self, rng: random.Random, type_: str, channel: str) -> tuple[dict, int, bool]:
        from minhbach.demo.loader import ascii_slug, person_name

        if channel in (Channel.BOX, Channel.PAPER) and type_ in (ItemType.TO_CAO, ItemType.KHIEU_NAI) and rng.random() < 0.08:
            return {}, 1, True
        name, female = person_name(rng)
        place = rng.choice(PLACES)
        ident = {"name": name, "address": f"{place}, {self.root.place_name or D.PROVINCE}",
                 "phone": f"09{rng.randint(0, 9)}{rng.randint(1, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                 "email": "", "id_number": "", "organisation": ""}
        if channel in (Channel.WEB, Channel.EMAIL, Channel.API) and rng.random() < 0.7:
            ident["email"] = f"{ascii_slug(name)}{rng.randint(10, 99)}@{rng.choice(D.CITIZEN_MAIL_DOMAINS)}"
        if type_ in EXTENDABLE and rng.random() < 0.6:
            born = rng.randint(1950, 2000)
            ident["id_number"] = f"0{rng.randint(10, 99)}{(2 if born >= 2000 else 0) + female}{born % 100:02d}{rng.randint(0, 999999):06d}"
        people = 1
        if channel == Channel.FRONT:
            ident["organisation"] = rng.choice(D.FRONT_ORGANISATIONS)
            people = rng.choice((1, 1, 3, 12))
        elif channel == Channel.VOTERS:
            ident["name"] = f"Cử tri {place}"
            people = rng.randint(5, 40)
        return ident, people, False

    def plan_item(self, received_at: dt.datetime, unit: OrgUnit | None = None, link: str = "",
                  parent: Item | None = None) -> Item:
        rng = self.rng
        self.seq += 1
        if unit is None:
            unit = rng.choices(self.units, weights=self.unit_weights)[0]
        if parent is not None:
            type_, channel, category = parent.type, parent.channel, parent.category
            ident, people, anonymous = parent.identity, parent.people_count, parent.anonymous
        else:
            type_ = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
            allowed = [c for c in CHANNEL_WEIGHTS if type_ in PETITIONS or c not in (Channel.FRONT, Channel.VOTERS, Channel.API)]
            channel = rng.choices(allowed, weights=[CHANNEL_WEIGHTS[c] for c in allowed])[0]
            category = rng.choice(self.categories)
            ident, people, anonymous = self._identity(rng, type_, channel)
        subject = rng.choice(SUBJECTS.get(category.code, SUBJECTS["khac"]))
        place = f"{rng.choice(PLACES)}, {unit.short_name or unit.name}"
        title = f"{rng.choice(TYPE_LEADS[type_])} {subject} tại {place}"[:255]
        content = " ".join([title + "."] + rng.sample(DETAILS, rng.randint(2, 4)))
        staff = self.staff[unit.pk]
        handler = rng.choice(staff["handlers"])
        item = Item(seq=self.seq, unit=unit, type=type_, channel=channel, category=category, received_at=received_at,
                    title=title, content=content, place=place, identity=ident, people_count=people,
                    anonymous=anonymous, evidence=anonymous and rng.random() < 0.3, handler_id=handler,
                    leader_id=staff["leader"],
                    clerk_id=None if channel in (Channel.WEB, Channel.API) else staff["clerk"], steps=[],
                    link=link, parent=parent)
        self._plan_life(item, rng)
        return item

    def _plan_life(self, item: Item, rng: random.Random) -> None:
        """The whole planned life; steps after `now` simply have not happened (yet)."""
        t = item.received_at
        st = item.steps
        st.append(Step(t, "received", item.clerk_id, data={"public": True, "channel": item.channel, "type": item.type,
                                                           "unit": item.unit.name, "previous": ""}))
        stall = STALL_LARGEST if item.unit.pk == self.largest.pk else STALL_OTHER
        if item.anonymous and not item.evidence:
            st.append(Step(self._after(t, 1, 6, rng), "archive", item.handler_id, rng.choice(ARCHIVE_REASONS)))
            return
        if rng.random() < stall * 0.4:
            return  # never classified: sits in "received" until the sweep shouts
        late = rng.random() < 0.12
        t = self._after(t, 0, 2, rng)
        st.append(Step(t, "classify", item.handler_id, data={"public": False, "type": item.type,
                                                             "category": item.category.name}))
        fate = rng.random()
        if fate < 0.05 and item.type in (ItemType.KHIEU_NAI, ItemType.TO_CAO, ItemType.GIAI_TRINH, ItemType.KIEN_NGHI):
            item.refusal_reason = rng.choice(REFUSALS)
            st.append(Step(self._after(t, 1, 8, rng), "refuse", item.handler_id, item.refusal_reason))
            return
        if fate < 0.09 and item.type in (ItemType.KHIEU_NAI, ItemType.KIEN_NGHI, ItemType.PHAN_ANH):
            item.guided_to = rng.choice(GUIDES)
            st.append(Step(self._after(t, 1, 8, rng), "guide", item.handler_id, "Hướng dẫn người gửi đến cơ quan có thẩm quyền.",
                           data={"guided_to": item.guided_to}))
            return
        if fate < 0.14 and item.parent is None and len(self.units) > 1:
            when = self._after(t, 1, 6, rng)
            target = self.inspectorate if item.type == ItemType.TO_CAO else rng.choices(self.units[1:], k=1)[0]
            if target.pk == item.unit.pk:
                target = self.units[0]
            st.append(Step(when, "forward", item.handler_id, data={"to": target.name}))
            item.children.append(self.plan_item(when, unit=target, link="forwarded_from", parent=item))
            return
        if fate < 0.16 and item.parent is None and item.type in (ItemType.KHIEU_NAI, ItemType.PHAN_ANH):
            when = self._after(t, 1, 6, rng)
            st.append(Step(when, "split", item.handler_id, data={"into": 2}))
            item.children += [self.plan_item(when, unit=item.unit, link="split_from", parent=item) for _ in range(2)]
            return
        if fate < 0.19 and item.type in PETITIONS:
            # A duplicate of an earlier item of the same unit (set when it is written).
            st.append(Step(self._after(t, 1, 5, rng), "merge", item.handler_id, data={"public": True}))
            return
        if rng.random() < 0.06 and item.type != ItemType.TO_CAO:
            t = self._after(t, 1, 4, rng)
            st.append(Step(t, "request_supplement", item.handler_id, rng.choice(SUPPLEMENT_REASONS)))
            if rng.random() < 0.3 * (1 + stall):
                return  # the citizen never supplied what was asked
            t = self._after(t, 3, 20, rng)
            st.append(Step(t, "resume", None))
        t = self._after(t, 2, 14 if late else 6, rng)
        st.append(Step(t, "accept", item.handler_id))
        st.append(Step(t + dt.timedelta(minutes=20), "assign", item.leader_id, data={"public": False, "assignee": item.handler_id}))
        if rng.random() < stall:
            return  # stalls in "accepted": the backlog that runs overdue
        resolve_days = {ItemType.KHIEU_NAI: 30, ItemType.TO_CAO: 30, ItemType.GIAI_TRINH: 15}.get(item.type, 21)
        if item.type in EXTENDABLE and rng.random() < 0.15:
            t = self._after(t, resolve_days - 8, resolve_days - 2, rng)
            item.complex = True
            st.append(Step(t, "extend", item.leader_id, rng.choice(EXTENSION_REASONS)))
            resolve_days = 20
        t = self._after(t, max(resolve_days // 3, 3), resolve_days + (20 if late else -2), rng)
        item.result = rng.choice(RESULTS)
        st.append(Step(t, "record_result", item.handler_id))
        t = self._after(t, 0, 3, rng)
        st.append(Step(t, "sign_off", item.leader_id))
        if rng.random() < 0.55:
            st.append(Step(self._after(t, 4, 25, rng), "close", item.leader_id))

    # writing ----------------------------------------------------------------------------------

    def run(self) -> GenerateResult:
        started = time.monotonic()
        self.setup()
        months = self.months()
        counts = self.month_counts(months)
        existing_codes = set(Case.objects.values_list("tracking_code", flat=True))
        self.codes |= existing_codes
        unit_days, province_days = self._publication_days(months)
        written = 0
        for month, count in zip(months, counts):
            next_month = tx_selectors.month_next(month)
            end = min(dt.datetime.combine(next_month, dt.time(), tzinfo=clock.LOCAL_TZ), self.now)
            days = [month + dt.timedelta(days=i) for i in range((next_month - month).days) if month + dt.timedelta(days=i) < self.today]
            if not days:
                continue
            moments = sorted(self._moment(self.rng.choice(days), self.rng, office=self.rng.random() < 0.7)
                             for _ in range(count))
            moments = [m for m in moments if m < self.now]
            for unit_id, when in unit_days.get(month, []):
                self._push(when, "publish", (unit_id, month))
            if month in province_days:
                self._push(province_days[month], "consolidate", month)
            with self._transaction():
                for i in range(0, len(moments), CHUNK):
                    self._write_chunk([self.plan_item(m) for m in moments[i:i + CHUNK]])
                self._flush(until=end)
            written += len(moments)
            self.log(f"{month:%Y-%m}: {len(moments):>7} items  (total {self.result.items:>8}, "
                     f"{self.result.items / max(time.monotonic() - started, 1e-9):,.0f} items/s)")
        with self._transaction():
            self._flush(until=self.now)
        CopyWriter.stop_current()
        self._finish()
        self.result.seconds = time.monotonic() - started
        return self.result

    @contextlib.contextmanager
    def _transaction(self):
        """One transaction (a month of data): every row handed to the COPY writer is in before it commits, and none
        is written after it rolls back."""
        with transaction.atomic():
            try:
                yield
                CopyWriter.sync_current()
                for register in self.figures_pending:
                    register_figures_refresh(register=register)
                self.figures_pending = []
            except BaseException:
                CopyWriter.abort_current()
                raise

    def _publication_days(self, months: list[dt.date]) -> tuple[dict, dict]:
        """Each unit signs a complete month off 3–10 days after it ends; the province consolidates on the 12th–14th."""
        rng = random.Random(f"{self.seed}:publication")
        out: dict[dt.date, list] = defaultdict(list)
        # With --append, months already signed off stay as published (a register is corrected, never redone).
        done = set(RegisterMonth.objects.values_list("unit_id", "scope", "month"))
        prov: dict[dt.date, dt.datetime] = {}
        for month in months:
            nxt = tx_selectors.month_next(month)
            if nxt > self.today:
                continue
            for unit in self.units:
                if rng.random() < 0.04:
                    continue  # some units are late: the consolidated month lists them as missing
                when = self._moment(nxt + dt.timedelta(days=rng.randint(2, 9)), rng)
                if when < self.now and (unit.pk, RegisterScope.UNIT, month) not in done:
                    out[month].append((unit.pk, when))
            when = self._moment(nxt + dt.timedelta(days=rng.randint(11, 13)), rng)
            if when < self.now and (self.root.pk, RegisterScope.PROVINCE, month) not in done:
                prov[month] = when
        return out, prov

    def _push(self, at: dt.datetime, kind: str, payload) -> None:
        self.heap_seq += 1
        heapq.heappush(self.heap, (at, self.heap_seq, kind, payload))

    def _write_chunk(self, items: list[Item]) -> None:
        # Parents before the items made from them; ids are reserved first so that links need no round trip.
        order, queue = [], list(items)
        while queue:
            order += queue
            for it in queue:  # an item forwarded or split after now has no offspring yet
                it.children = [c for c in it.children if c.received_at <= self.now]
            queue = [c for it in queue for c in it.children]
        for it, pk in zip(order, self.w_case.ids(len(order))):
            it.case_id = pk
        last_of_unit: dict[int, Item] = {}
        cases, states = [], []
        for it in order:
            s = state_at(it, self.now, self.clocks)
            if s.status == Status.MERGED:
                target = last_of_unit.get(it.unit.pk)
                if target is None:
                    # nothing to merge into yet: the duplicate stays received
                    it.steps = [x for x in it.steps if x.action != "merge"]
                    s = state_at(it, self.now, self.clocks)
                else:
                    it.merged_into = target
            if s.status not in (Status.MERGED, Status.FORWARDED, Status.SPLIT):
                last_of_unit[it.unit.pk] = it
            it.tracking_code = self._code(it.received_at.year)
            cases.append(self._case(it, s))
            states.append(s)
        self.w_case.write(cases)
        self._write_dependants(order, states)

    def _case(self, it: Item, s) -> dict:
        return {
            "id": it.case_id, "tracking_code": it.tracking_code, "secret_hash": self.secret_hash, "type_claimed": it.type,
            "type": it.type, "letter_class": s.letter_class, "classified_at": s.classified_at, "title": it.title,
            "content": it.content, "category_id": it.category.pk, "unit_id": it.unit.pk,
            "addressed_unit_id": it.unit.pk if it.parent is None else None, "place": it.place, "channel": it.channel,
            "received_at": it.received_at, "received_by_id": it.clerk_id, "anonymous": it.anonymous,
            "verifiable_evidence": it.evidence, "confidential": it.type == ItemType.TO_CAO, "complex": it.complex,
            "forwarded_from_id": it.parent.case_id if it.link == "forwarded_from" else None,
            "split_from_id": it.parent.case_id if it.link == "split_from" else None,
            "merged_into_id": it.merged_into.case_id if it.merged_into is not None and s.status == Status.MERGED else None,
            "status": s.status, "status_changed_at": s.status_changed_at, "status_before_pause": s.status_before_pause,
            "paused_on": s.paused_on, "accepted_at": s.accepted_at, "result_at": s.result_at, "answered_at": s.answered_at,
            "closed_at": s.closed_at, "assignee_id": s.assignee_id, "due_date": s.due_date, "due_rule": s.due_rule,
            "escalation_level": 0, "result": s.result, "result_by_id": s.result_by_id,
            "signed_off_by_id": s.signed_off_by_id, "refusal_reason": s.refusal_reason, "guided_to": s.guided_to,
            "updated_at": s.last,
        }

    def _write_dependants(self, items: list[Item], states: list) -> None:
        submitters, deadlines = [], []
        n_clocks = sum(len(s.clocks) for s in states)
        sub_ids = iter(self.w_submitter.ids(len(items)))
        dl_ids = iter(self.w_deadline.ids(n_clocks))
        keys = crypto.keyring().all
        for it, s in zip(items, states):
            submitters.append({"id": next(sub_ids), "case_id": it.case_id, "people_count": it.people_count,
                               **_seal_submitter(it.case_id, it.identity, keys)})
            for c in s.clocks:
                rule = self.clocks.rule(c.rule_code, c.start)
                deadlines.append({"id": next(dl_ids), "case_id": it.case_id, "stage": c.stage, "rule_code": c.rule_code,
                                  "rule_title": rule.title_vi, "legal_basis": rule.legal_basis, "variant": c.variant,
                                  "start_date": c.start, "paused_days": c.paused_days, "extensions": c.extensions,
                                  "due_date": c.due, "state": c.state, "completed_on": c.completed_on})
            for step in it.steps:
                if step.at <= self.now:
                    self._push(step.at, "audit", (it, step))
            self.month_items[(it.unit.pk, tx_selectors.month_start(clock.local_date(it.received_at)))].append(it)
            self.result.by_status[s.status] = self.result.by_status.get(s.status, 0) + 1
            self.result.by_type[it.type] = self.result.by_type.get(it.type, 0) + 1
            self.result.by_channel[it.channel] = self.result.by_channel.get(it.channel, 0) + 1
            if len(self.result.sample_codes) < 5 and it.channel in (Channel.WEB, Channel.API):
                self.result.sample_codes.append(it.tracking_code)
            it.content = ""  # written; only what the register needs is kept until the month is published
        self.w_submitter.write(submitters)
        self.w_deadline.write(deadlines)
        self.result.items += len(items)
        self.result.submitters += len(submitters)
        self.result.deadlines += len(deadlines)

    # the time-ordered part: audit events and publications -----------------------------------------

    def _flush(self, *, until: dt.datetime) -> None:
        while self.heap and self.heap[0][0] < until:
            at, _seq, kind, payload = heapq.heappop(self.heap)
            if kind == "audit":
                it, step = payload
                self.pending_audit.append(self._event(it, step))
            elif kind == "publish":
                self._publish(*payload, at=at)
            elif kind == "consolidate":
                self._consolidate(payload, at=at)
            if len(self.pending_audit) >= 50000:
                self._write_audit()
        self._write_audit()

    def _event(self, it: Item, step: Step) -> SimpleNamespace:
        data = dict(step.data or {})
        if step.action not in ("received", "classify", "assign"):
            data.setdefault("public", step.action in PUBLIC_ACTIONS)
        if step.action == "assign":
            data["assignee"] = str(data["assignee"])
        return _audit_row(at=step.at, actor_id=step.actor_id,
                          actor_label="" if step.actor_id else ("citizen" if step.action in ("received", "resume") else "system"),
                          verb=step.action, object_type="cases.case", object_id=str(it.case_id), reason=step.reason, data=data)

    def _write_audit(self) -> None:
        if not self.pending_audit:
            return
        # The head row is locked for the batch: a concurrent writer waits, and nobody forks the chain.
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
            head = AuditHead.objects.select_for_update().get(pk=1)
        prev = head.last_hash
        compute = AuditEvent.compute_hash  # the model's own definition, applied to plain rows
        rows = []
        for e, pk in zip(self.pending_audit, self.w_audit.ids(len(self.pending_audit))):
            e.prev_hash = prev
            e.hash = prev = compute(e)
            rows.append({"id": pk, "at": e.at, "actor_id": e.actor_id, "actor_label": e.actor_label, "verb": e.verb,
                         "object_type": e.object_type, "object_id": e.object_id, "reason": e.reason, "data": e.data,
                         "prev_hash": e.prev_hash, "hash": e.hash})
        self.w_audit.write(rows)
        head.last_hash = prev
        head.save(update_fields=["last_hash"])
        self.result.audit_events += len(rows)
        self.pending_audit = []

    def _result_text(self, it: Item, s) -> str:
        """The register's wording of this state (`transparency.selectors.result_text_for`)."""
        return result_text_for(
            type=it.type, status=s.status, result=s.result, refusal_reason=s.refusal_reason, guided_to=s.guided_to,
            forwarded_to=[c.unit.name for c in it.children] if s.status == Status.FORWARDED else [],
            merged_into=it.merged_into.tracking_code if it.merged_into is not None else "",
            split_into=[c.tracking_code for c in it.children] if s.status == Status.SPLIT else [],
        )

    def _publish(self, unit_id: int, month: dt.date, *, at: dt.datetime) -> None:
        """What `register_publish` freezes on its day: every item of the unit-month, as it stood that day."""
        items = sorted(self.month_items.pop((unit_id, month), []), key=lambda x: (x.received_at, x.case_id))
        unit = self.unit_by_id[unit_id]
        as_of = clock.local_date(at)
        leader = self.leaders[unit_id]
        register = RegisterMonth.objects.create(unit=unit, scope=RegisterScope.UNIT, month=month, published_at=at,
                                                published_by=leader, signer_name=leader.display_name,
                                                signer_position=leader.position)
        entries = []
        ids = iter(self.w_entry.ids(len(items)))
        for number, it in enumerate(items, start=1):
            s = state_at(it, at, self.clocks)
            case_like = SimpleNamespace(status=s.status, received_at=it.received_at, answered_at=s.answered_at,
                                        status_changed_at=s.status_changed_at, due_date=s.due_date)
            dls = [SimpleNamespace(state=c.state, due_date=c.due) for c in s.clocks if c.state != Deadline.State.CANCELLED]
            e = SimpleNamespace(id=next(ids), register_id=register.pk, number=number, case_id=it.case_id,
                                tracking_code=it.tracking_code, unit_id=unit.pk, unit_name=unit.name, month=month,
                                type=it.type, category_id=it.category.pk, category_name=it.category.name,
                                channel=it.channel, received_on=clock.local_date(it.received_at), summary=it.title,
                                result_summary=self._result_text(it, s), corrected=False,
                                **tx_selectors.entry_values(case_like, as_of=as_of, deadlines=dls))
            e.search_text = entry_search_text(e, fold=self._fold)
            entries.append(vars(e))
        self.w_entry.write(entries)
        # Its stored figures, as `register_publish` writes them, are counted from these entries once they are in:
        # at the end of this transaction, for every register published in it (one wait for the writer, not one each).
        self.figures_pending.append(register)
        self.unit_registers[month].append(register)
        self.pending_audit.append(_audit_row(at=at, actor_id=leader.pk, actor_label="", verb="register_publish",
                                             object_type="transparency.registermonth", object_id=str(register.pk),
                                             data={"unit": unit.code, "month": register.month_key, "entries": len(entries)}))
        self.result.registers += 1
        self.result.register_entries += len(entries)

    def _consolidate(self, month: dt.date, *, at: dt.datetime) -> None:
        """What `province_publish` records: the unit registers published so far and the units still missing."""
        included = self.unit_registers.get(month, [])
        done = {r.unit_id for r in included}
        received = defaultdict(int)
        for (unit_id, m), items in self.month_items.items():
            if m == month:
                received[unit_id] += len(items)
        missing = [{"code": u.code, "name": u.name, "received": received[u.pk]} for u in self.units
                   if received[u.pk] and u.pk not in done]
        office = User.objects.filter(memberships__role=Role.PROVINCIAL_OFFICE).order_by("pk").first() or \
            User.objects.get(pk=self.staff[self.largest.pk]["leader"])
        register = RegisterMonth.objects.create(unit=self.root, scope=RegisterScope.PROVINCE, month=month,
                                                published_at=at, published_by=office, signer_name=office.display_name,
                                                signer_position=office.position, missing_units=missing)
        register.included.set(included)
        self.pending_audit.append(_audit_row(at=at, actor_id=office.pk, actor_label="", verb="register_consolidate",
                                             object_type="transparency.registermonth", object_id=str(register.pk),
                                             data={"month": register.month_key, "units": len(included),
                                                   "missing": [m["code"] for m in missing]}))
        self.result.provincial_registers += 1

    def _finish(self) -> None:
        from minhbach.transparency.services import directory_sync

        directory_sync(audit=False)
        # Fresh planner statistics after a bulk load: without them PostgreSQL plans the statistics queries for
        # a near-empty register (nested loops over 3 estimated rows) until autovacuum catches up.
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
        self.result.largest_unit = self.largest.code
        self.result.largest_open = Case.objects.filter(unit=self.largest, status__in=OPEN_STATUSES).count()


def _audit_row(*, at: dt.datetime, reason: str = "", **fields) -> SimpleNamespace:
    """An audit entry as a plain row (no model instance: millions of them are written)."""
    return SimpleNamespace(at=at.astimezone(dt.timezone.utc), reason=reason, prev_hash="", hash="", **fields)


class RowWriter:
    """Bulk insert of plain rows: COPY on PostgreSQL, executemany on SQLite; ids are reserved up front.

    Every concrete column is written (missing values take the field's default), so rows are exactly what the ORM
    would have saved.
    """

    def __init__(self, model):
        self.model = model
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.defaults = {f.column: (f.get_default() if f.has_default() else None) for f in self.fields}
        for f in self.fields:
            if not f.has_default() and not f.null and f.empty_strings_allowed and not f.primary_key:
                self.defaults[f.column] = ""
        self.json = {f.column for f in self.fields if isinstance(f, models.JSONField)}
        self.vendor = connection.vendor
        self._next_id: int | None = None

    def ids(self, n: int) -> list[int]:
        if not n:
            return []
        with connection.cursor() as cur:
            if self.vendor == "postgresql":
                # Drawn from the sequence (safe beside other writers); usually one contiguous run, returned as its bounds
                # rather than as n rows (fetching 50,000 rows cost a sixth of the whole generation).
                cur.execute("SELECT min(v), max(v) FROM (SELECT nextval(pg_get_serial_sequence(%s, 'id')) AS v "
                            "FROM generate_series(1, %s)) AS drawn", [self.table, n])
                lo, hi = cur.fetchone()
                if hi - lo + 1 == n:
                    return list(range(lo, hi + 1))
                cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [self.table, n])
                return [r[0] for r in cur.fetchall()]  # interleaved with another writer: a fresh set, one row each
            cur.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{self.table}"')
            start = max(cur.fetchone()[0], self._next_id or 0) + 1
        self._next_id = start + n - 1
        return list(range(start, start + n))

    def write(self, rows: list[dict]) -> None:
        """Write the rows: handed to the background COPY writer on PostgreSQL (see `CopyWriter`), at once on SQLite."""
        if not rows:
            return
        if self.vendor == "postgresql":
            CopyWriter.get().submit(self, rows)
            return
        cols, defaults, json_cols = self.columns, self.defaults, self.json
        ops = connection.ops
        dt_cols = {f.column for f in self.fields if isinstance(f, models.DateTimeField)}
        date_cols = {f.column for f in self.fields if isinstance(f, models.DateField) and f.column not in dt_cols}

        def adapt(c, v):
            if v is None:
                return None
            if c in json_cols:
                return json.dumps(v)
            if c in dt_cols:
                return ops.adapt_datetimefield_value(v)
            if c in date_cols:
                return ops.adapt_datefield_value(v)
            return v

        placeholders = ", ".join(["%s"] * len(cols))
        cols_sql = ", ".join(f'"{c}"' for c in cols)
        with connection.cursor() as cur:
            cur.executemany(f'INSERT INTO "{self.table}" ({cols_sql}) VALUES ({placeholders})',
                            [[adapt(c, r.get(c, defaults[c])) for c in cols] for r in rows])

    def copy(self, raw_connection, rows: list[dict]) -> None:
        """COPY the rows through the psycopg connection (called by the writer thread)."""
        from psycopg.types.json import Jsonb

        cols, defaults, json_cols = self.columns, self.defaults, self.json
        cols_sql = ", ".join(f'"{c}"' for c in cols)
        with raw_connection.cursor() as cur:
            with cur.copy(f'COPY "{self.table}" ({cols_sql}) FROM STDIN') as copy:
                for r in rows:
                    copy.write_row([Jsonb(r.get(c, defaults[c])) if c in json_cols else r.get(c, defaults[c])
                                    for c in cols])


class CopyWriter:
    """One background thread that COPYs rows on the main thread's own PostgreSQL connection, in submission order.

    psycopg's connection is thread-safe (one statement at a time), so the COPYs run inside the generator's current
    transaction while the main thread plans the next items: PostgreSQL's work and the wait for it overlap Python's.
    Whatever reads rows written so far, and every commit, calls `sync()` first; foreign keys are checked at commit
    (Django creates them DEFERRABLE INITIALLY DEFERRED), so tables may be written in any order within it.
    """

    _current: "CopyWriter | None" = None

    def __init__(self):
        import queue
        import threading

        connection.ensure_connection()
        self.raw = connection.connection
        self.queue: queue.Queue = queue.Queue(maxsize=8)  # bounded: planning never runs far ahead of the database
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="generate-copy", daemon=True)
        self.thread.start()

    @classmethod
    def get(cls) -> "CopyWriter":
        if cls._current is None or cls._current.raw is not connection.connection:
            cls._current = cls()
        return cls._current

    @classmethod
    def sync_current(cls) -> None:
        """Wait until every row handed over so far is written (a no-op on SQLite or before any write)."""
        if cls._current is not None:
            cls._current.sync()

    @classmethod
    def abort_current(cls) -> None:
        """Drop what is still queued and stop the thread (the transaction is about to roll back)."""
        if cls._current is not None:
            writer, cls._current = cls._current, None
            writer.error = writer.error or RuntimeError("aborted")
            writer.queue.put(None)
            writer.thread.join()

    @classmethod
    def stop_current(cls) -> None:
        if cls._current is not None:
            writer, cls._current = cls._current, None
            writer.queue.put(None)
            writer.thread.join()
            writer._raise()

    def submit(self, writer: RowWriter, rows: list[dict]) -> None:
        self._raise()
        self.queue.put((writer, rows))

    def sync(self) -> None:
        self.queue.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise RuntimeError("bulk COPY failed") from self.error

    def _run(self) -> None:
        while True:
            job = self.queue.get()
            try:
                if job is None:
                    return
                if self.error is None:  # after a failure, drain without writing: the transaction is rolled back
                    writer, rows = job
                    writer.copy(self.raw, rows)
            except BaseException as exc:  # reported to the main thread at its next submit or sync
                self.error = exc
            finally:
                self.queue.task_done()


def _seal_submitter(case_id: int, identity: dict, keys) -> dict:
    """The sealed columns `Submitter.save` writes for this identity (per-item data key wrapped by every master key)."""
    ident = {f: identity.get(f, "") for f in IDENTITY_FIELDS}
    owner = Submitter.owner_of(case_id)
    data_key = crypto.new_data_key()
    return {"key_wraps": crypto.wrap(data_key, owner=owner, keys=keys),
            "sealed": crypto.encrypt_json(data_key, ident, aad=Submitter.identity_aad(owner)),
            "pseudonym": crypto.pseudonym_code(case_id)}


def database_is_beyond_demo() -> bool:
    """True if the database holds more than the small demo (many items, or items from an earlier generation)."""
    if Case.objects.count() > DEMO_MAX_ITEMS:
        return True
    return OrgUnit.objects.filter(code__startswith=f"{GEN_PREFIX}-").filter(~Q(cases=None)).exists()


def generate(*, items: int, years: float = 3, units: int = 100, seed: int = D.DEFAULT_SEED, append: bool = False,
             now: dt.datetime | None = None, log=None) -> GenerateResult:
    """Write a synthetic province of `items` items over `years` years in `units` units (refuses a non-demo db)."""
    if items < 1 or years <= 0 or units < 1:
        raise ValueError("items, years and units must be positive")
    if not append and database_is_beyond_demo():
        raise GenerateRefused("The database already holds more than the demo; use --append to add to it.")
    gen = Generator(items=items, years=years, units=units, seed=seed, now=now or clock.now(), log=log)
    return gen.run()
