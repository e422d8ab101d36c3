"""Load the demo province through the product's own services, each step at a frozen time in the past year.

Every item is a *story*: a generator that yields the moment of its next step and, when resumed by the
scheduler under `clock.frozen(that moment)`, performs the step with the real services (`case_submit`,
`case_transition`, `case_forward` …). The scheduler runs all stories in one global time order, so the
audit log, the clocks and the notifications read like a year of real work. Randomness comes from
`random.Random(seed)`; tracking codes and secrets are the only random parts outside the seed.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import json
import logging
import os
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generator

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings

from minhbach.accounts.models import User
from minhbach.cases.models import Case, Category, Channel, ItemType, LetterClass, LetterKind, LetterTemplate, Message
from minhbach.cases.services import (
    Receipt, SubmissionInput, SubmitterInput, case_accept, case_add_message, case_assign, case_citizen_message,
    case_classify, case_extend, case_forward, case_merge, case_split, case_submit, case_transition, deadlines_sweep,
    letter_generate,
)
from minhbach.cases.services.routing import denunciation_conflict
from minhbach.core import clock
from minhbach.demo import data as D
from minhbach.orgs.models import Membership, OrgUnit, Role

RECEIPTS_FILE = "demo_receipts.json"
BATCH_STEPS = 250
# Receipt secrets of demo items are hashed with a lighter Argon2id profile: the full profile costs ~50 ms
# a hash and would dominate the load; the data is fictitious and the hash records its own parameters.
DEMO_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 8192, "parallelism": 1}
GENERATED_NAMES_SEED = "minhbach-demo-staff"

STAFF_CHANNELS = (Channel.PAPER, Channel.BOX, Channel.RECEPTION, Channel.EMAIL, Channel.PHONE, Channel.FRONT,
                  Channel.VOTERS)
PETITION_TYPES = (ItemType.GOP_Y, ItemType.PHAN_ANH, ItemType.KIEN_NGHI)
EXTENDABLE = (ItemType.KHIEU_NAI, ItemType.TO_CAO, ItemType.GIAI_TRINH)
CHANNEL_WEIGHTS = {Channel.WEB: 30, Channel.PAPER: 18, Channel.RECEPTION: 12, Channel.EMAIL: 10, Channel.PHONE: 6,
                   Channel.FRONT: 7, Channel.VOTERS: 6, Channel.API: 6, Channel.BOX: 5}
TYPE_WEIGHTS = {ItemType.PHAN_ANH: 30, ItemType.KIEN_NGHI: 24, ItemType.KHIEU_NAI: 15, ItemType.GOP_Y: 14,
                ItemType.TO_CAO: 10, ItemType.GIAI_TRINH: 7}
# Days from acceptance to the recorded result, by type (the statutory periods are P1 15 working days,
# C2 30 days, D3 30 days, A2 15 days; a few run late on purpose).
RESOLVE_DAYS = {ItemType.GOP_Y: (5, 16), ItemType.PHAN_ANH: (5, 18), ItemType.KIEN_NGHI: (6, 20),
                ItemType.KHIEU_NAI: (12, 32), ItemType.TO_CAO: (14, 34), ItemType.GIAI_TRINH: (5, 14)}


@dataclass(frozen=True)
class Scenario:
    name: str
    weight: int
    ages: tuple[int, int]                 # days between receipt and now
    types: tuple[str, ...] = ()           # empty = any type


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("received_new", 5, (0, 9)),
    Scenario("received_overdue", 4, (20, 100)),
    Scenario("awaiting", 4, (5, 45), (ItemType.GOP_Y, ItemType.PHAN_ANH, ItemType.KIEN_NGHI, ItemType.KHIEU_NAI,
                                       ItemType.GIAI_TRINH)),
    Scenario("accepted", 8, (6, 18)),
    Scenario("accepted_overdue", 4, (50, 150)),
    Scenario("accepted_extended", 3, (30, 55), EXTENDABLE),
    Scenario("result_recorded", 5, (14, 30)),
    Scenario("answered", 14, (30, 330)),
    Scenario("closed", 18, (50, 365)),
    Scenario("refused", 5, (8, 365), (ItemType.KHIEU_NAI, ItemType.TO_CAO, ItemType.GIAI_TRINH, ItemType.KIEN_NGHI)),
    Scenario("guided", 5, (6, 365), (ItemType.KHIEU_NAI, ItemType.KIEN_NGHI, ItemType.PHAN_ANH)),
    Scenario("forwarded", 7, (4, 320)),
    Scenario("split", 2, (25, 300), (ItemType.KHIEU_NAI, ItemType.PHAN_ANH)),
    Scenario("merged", 3, (20, 300), (ItemType.PHAN_ANH, ItemType.KIEN_NGHI, ItemType.KHIEU_NAI)),
    Scenario("archived", 4, (5, 365), (ItemType.TO_CAO, ItemType.KHIEU_NAI)),
    Scenario("reopened", 3, (75, 365), (ItemType.KHIEU_NAI, ItemType.PHAN_ANH, ItemType.KIEN_NGHI)),
    Scenario("round2", 3, (120, 365), (ItemType.KHIEU_NAI,)),
    Scenario("supplemented", 3, (40, 300), (ItemType.PHAN_ANH, ItemType.KIEN_NGHI, ItemType.KHIEU_NAI,
                                             ItemType.GIAI_TRINH)),
    Scenario("anonymous_evidence", 1, (45, 300), (ItemType.TO_CAO,)),
)
# Texts in which the sender's own house is the subject (the address must match it).
OWN_HOUSE_TEXTS = {"xd-xu-phat"}
# Receipts kept for the tracking page: the first item of each of these scenarios.
RECEIPT_SCENARIOS = ("answered", "awaiting", "accepted")


# --- accounts -------------------------------------------------------------------------------------


def demo_accounts() -> list[D.Account]:
    """Every demo staff account, in a fixed order; independent of the seed so the README can list them."""
    rng = random.Random(GENERATED_NAMES_SEED)
    taken = {a.full_name for a in D.KEY_ACCOUNTS}
    covered = {(a.unit, a.role) for a in D.KEY_ACCOUNTS}
    out = list(D.KEY_ACCOUNTS)

    def person(remote: bool) -> tuple[str, bool]:
        while True:
            name, female = person_name(rng, remote=remote)
            if name not in taken:
                taken.add(name)
                return name, female

    for spec in D.UNITS:
        if spec.active_to:
            continue
        if spec.kind in D.LEADER_POSITION:
            name_in_title = spec.name.removeprefix("UBND ") if spec.kind == "commune" else spec.name
            if (spec.code, "leader") not in covered:
                full, female = person(spec.remote_area)
                title = D.LEADER_POSITION[spec.kind].format(name=("UBND " + name_in_title) if spec.kind == "commune"
                                                             else spec.name)
                out.append(D.Account(f"{spec.code}.ld", full, spec.code, "leader", title, is_head=True, female=female))
            if (spec.code, "handler") not in covered:
                full, female = person(spec.remote_area)
                out.append(D.Account(f"{spec.code}.cv", full, spec.code, "handler",
                                     D.HANDLER_POSITION[spec.kind].format(name=spec.name), female=female))
        if spec.code in D.CLERK_UNITS:
            full, female = person(spec.remote_area)
            out.append(D.Account(f"{spec.code}.vt", full, spec.code, "clerk", D.CLERK_POSITION.format(name=spec.name),
                                 female=female))
        if spec.code in D.CADASTRAL_COMMUNES:
            full, female = person(spec.remote_area)
            out.append(D.Account(f"{spec.code}.dc", full, spec.code, "handler",
                                 D.CADASTRAL_POSITION.format(name=spec.name), female=female))
    return out


def person_name(rng: random.Random, *, remote: bool = False) -> tuple[str, bool]:
    """A plausible Vietnamese full name and whether it is a woman's."""
    female = rng.random() < 0.48
    surname = rng.choice(D.ETHNIC_SURNAMES if remote and rng.random() < 0.6 else D.SURNAMES)
    middle = rng.choice(D.MIDDLE_FEMALE if female else D.MIDDLE_MALE)
    given = rng.choice(D.GIVEN_FEMALE if female else D.GIVEN_MALE)
    while given == middle:
        given = rng.choice(D.GIVEN_FEMALE if female else D.GIVEN_MALE)
    return f"{surname} {middle} {given}", female


def ascii_slug(text: str) -> str:
    """'Nguyễn Thị Ánh' → 'nguyenthianh' (for invented e-mail addresses)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum()).lower()


# --- the world the stories act in ----------------------------------------------------------------


@dataclass
class World:
    units: dict[str, OrgUnit]
    users: dict[str, User]
    accounts: dict[str, D.Account]
    members: dict[tuple[str, str], list[User]]
    heads: dict[str, User]
    letter_kinds: set[str]

    def handlers(self, code: str, *, exclude: User | None = None) -> list[User]:
        people = self.members.get((code, Role.HANDLER), []) + self.members.get((code, Role.INSPECTOR), [])
        people = [u for u in people if exclude is None or u.pk != exclude.pk]
        if code in D.CADASTRAL_COMMUNES and len(people) > 1:
            # The cadastral officer handles land files, not the general inbox.
            people = [u for u in people if not u.username.endswith(".dc")] or people
        return people

    def leader(self, code: str) -> User:
        return self.heads[code]

    def intake_actor(self, code: str) -> User:
        return (self.members.get((code, Role.CLERK)) or self.handlers(code))[0]


def build_org_tree() -> dict[str, OrgUnit]:
    """Create the demo province's units (parents first)."""
    units: dict[str, OrgUnit] = {}
    for spec in D.UNITS:
        units[spec.code] = OrgUnit.objects.create(
            parent=units[spec.parent] if spec.parent else None, kind=spec.kind, code=spec.code, name=spec.name,
            short_name=spec.short_name, place_name=spec.place_name, remote_area=spec.remote_area,
            active_from=dt.date.fromisoformat(spec.active_from) if spec.active_from else dt.date(2025, 7, 1),
            active_to=dt.date.fromisoformat(spec.active_to) if spec.active_to else None,
            email=f"{spec.code}@{D.STAFF_MAIL_DOMAIN}" if not spec.active_to else "",
            phone=spec.phone, address=spec.address or _unit_address(spec),
        )
    return units


def _unit_address(spec: D.UnitSpec) -> str:
    if spec.kind == "commune":
        loc = next((x for x in D.LOCALITIES if x.unit == spec.code), None)
        if loc is not None:
            return f"Trụ sở UBND, {loc.hamlets[0]}, {loc.label}, {D.PROVINCE}"
    return f"Khu liên cơ quan, phường Đông Thành, {D.PROVINCE}"


def build_staff(units: dict[str, OrgUnit]) -> dict[str, User]:
    """Create every demo account with its membership; one password for all, set without the validators."""
    users: dict[str, User] = {}
    password_hash = None
    for acc in demo_accounts():
        user = User(username=acc.username, full_name=acc.full_name, position=acc.position, email=acc.email,
                    is_staff=acc.superuser, is_superuser=acc.superuser,
                    first_name=acc.full_name.rsplit(" ", 1)[-1], last_name=acc.full_name.rsplit(" ", 1)[0])
        if password_hash is None:
            user.set_password(D.DEMO_PASSWORD)  # validators apply to forms, not here
            password_hash = user.password
        else:
            # One salted hash for all: the password is public anyway, and Argon2 per user would dominate the load.
            user.password = password_hash
        user.save()
        Membership.objects.create(user=user, unit=units[acc.unit], role=acc.role, is_head=acc.is_head)
        users[acc.username] = user
    return users


def build_categories() -> dict[str, Category]:
    """Create (or keep) the demo categories."""
    out = {}
    for code, name, name_en in D.CATEGORIES:
        out[code], _ = Category.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    return out


# --- plans ---------------------------------------------------------------------------------------


@dataclass
class Plan:
    index: int
    scenario: Scenario
    t0: dt.datetime
    type: str
    channel: str
    rng: random.Random
    text: D.ItemText | None = None
    loc: D.Locality | None = None
    unit: str = ""                           # the competent (handling) unit
    fill: dict = field(default_factory=dict)
    denounced_unit: str = ""
    denounced_person: str = ""
    keep_receipt: bool = False


def _weighted(rng: random.Random, weights: dict) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _allowed_channels(type_: str, *, anonymous: bool = False) -> list[str]:
    if anonymous:
        return [Channel.BOX, Channel.PAPER]
    out = [Channel.WEB, Channel.PAPER, Channel.RECEPTION, Channel.EMAIL, Channel.PHONE, Channel.BOX]
    if type_ in PETITION_TYPES:
        out += [Channel.FRONT, Channel.VOTERS, Channel.API]
    return out


class Planner:
    """Decide, from the seed alone, what each item is and how its story ends."""

    def __init__(self, *, seed: int, now: dt.datetime, world: World):
        self.rng = random.Random(seed)
        self.seed = seed
        self.now = now
        self.world = world
        self.used_types: set[str] = set()
        self.used_channels: set[str] = set()
        self.by_type: dict[str, list[D.ItemText]] = {}
        for text in D.ITEM_TEXTS:
            self.by_type.setdefault(text.type, []).append(text)

    def plans(self, n: int) -> list[Plan]:
        out = []
        first_pass = list(SCENARIOS)
        kept: set[str] = set()
        for i in range(n):
            scenario = first_pass[i] if i < len(first_pass) else self.rng.choices(
                SCENARIOS, weights=[s.weight for s in SCENARIOS])[0]
            plan = self._plan(i, scenario)
            if scenario.name in RECEIPT_SCENARIOS and scenario.name not in kept and plan.type != ItemType.TO_CAO:
                plan.keep_receipt = True
                kept.add(scenario.name)
            out.append(plan)
        return out

    def _pick_type(self, scenario: Scenario) -> str:
        allowed = list(scenario.types or TYPE_WEIGHTS)
        fresh = [t for t in TYPE_WEIGHTS if t in allowed and t not in self.used_types]
        chosen = fresh[0] if fresh else _weighted(self.rng, {t: TYPE_WEIGHTS[t] for t in allowed})
        self.used_types.add(chosen)
        return chosen

    def _pick_channel(self, type_: str, *, anonymous: bool = False) -> str:
        allowed = _allowed_channels(type_, anonymous=anonymous)
        fresh = [c for c in CHANNEL_WEIGHTS if c in allowed and c not in self.used_channels]
        chosen = fresh[0] if fresh else _weighted(self.rng, {c: CHANNEL_WEIGHTS[c] for c in allowed})
        self.used_channels.add(chosen)
        return chosen

    def _plan(self, i: int, scenario: Scenario) -> Plan:
        rng = self.rng
        age_days = rng.randint(*scenario.ages)
        t0 = self.now - dt.timedelta(days=age_days, hours=rng.randint(0, 10), minutes=rng.randint(0, 59))
        story_rng = random.Random(f"{self.seed}:{i}")
        anonymous = scenario.name in ("archived", "anonymous_evidence")
        type_ = self._pick_type(scenario)
        channel = self._pick_channel(type_, anonymous=anonymous)
        if scenario.name == "round2":
            channel = Channel.RECEPTION if channel in (Channel.BOX, Channel.API) else channel
        plan = Plan(index=i, scenario=scenario, t0=t0, type=type_, channel=channel, rng=story_rng)
        if anonymous:
            return self._place(plan, text=None)
        candidates = self.by_type[type_]
        if scenario.name in ("round2", "split"):
            candidates = [t for t in candidates if t.unit == "commune" and not t.target] or candidates
        if scenario.name == "forwarded":
            candidates = [t for t in candidates if t.unit != D.OFFICE] or candidates
        return self._place(plan, text=rng.choice(candidates))

    def _place(self, plan: Plan, *, text: D.ItemText | None) -> Plan:
        """Choose where it happens and who handles it; for denunciations, who is denounced."""
        rng = self.rng
        plan.text = text
        units = {s.code: s for s in D.UNITS}
        place = text.place if text else "any"
        pool = [loc for loc in D.LOCALITIES if _matches(loc, place, units)]
        if text and text.unit in units and units[text.unit].kind == "commune":
            pool = [loc for loc in D.LOCALITIES if loc.unit == text.unit]
        if text and text.target == "cadastral":
            pool = [loc for loc in pool if loc.unit in D.CADASTRAL_COMMUNES] or \
                [loc for loc in D.LOCALITIES if loc.unit in D.CADASTRAL_COMMUNES]
        plan.loc = rng.choice(pool)
        if text is None:
            plan.unit = rng.choice([D.INSPECTORATE, plan.loc.unit, plan.loc.unit])
        elif text.unit == "commune":
            plan.unit = plan.loc.unit
        else:
            plan.unit = text.unit
        if plan.scenario.name == "round2":
            plan.unit = plan.loc.unit
        plan.fill = self._fill(plan)
        if text and text.target:
            self._denounce(plan, text.target)
        return plan

    def _denounce(self, plan: Plan, target: str) -> None:
        w = self.world
        if target == "cadastral":
            person = next(u for u in w.members[(plan.loc.unit, Role.HANDLER)] if u.username.endswith(".dc"))
            plan.denounced_person = person.username
            plan.unit = plan.loc.unit          # the commune chair resolves it; the officer never handles it
        elif target == "chair":
            plan.denounced_person = w.leader(plan.loc.unit).username
            plan.unit = D.INSPECTORATE
        elif target == "department":
            dept = self.rng.choice(["so-y-te", "so-gddt", "so-xay-dung", "so-cong-thuong", "so-tai-chinh"])
            plan.denounced_unit = dept
            plan.fill["don_vi_bi_to"] = w.units[dept].name
            plan.unit = D.INSPECTORATE
        if plan.denounced_person:
            acc = w.accounts[plan.denounced_person]
            plan.fill.update(cb=acc.full_name, cb_xung="bà" if acc.female else "ông", cb_chuc_vu=acc.position)

    def _fill(self, plan: Plan) -> dict:
        rng, loc = self.rng, plan.loc
        day0 = clock.local_date(plan.t0)

        def before(lo: int, hi: int) -> str:
            return (day0 - dt.timedelta(days=rng.randint(lo, hi))).strftime("%d/%m/%Y")

        month = day0 - dt.timedelta(days=rng.randint(30, 150))
        return {
            "xa": loc.label, "xa_short": loc.short, "ubnd_xa": self.world.units[loc.unit].name,
            "thon": rng.choice(loc.hamlets), "duong": rng.choice(loc.streets), "so_nha": rng.randint(2, 250),
            "so_qd": f"{rng.randint(12, 980)}/QĐ-UBND", "ngay": before(2, 25), "ngay_qd": before(20, 80),
            "thang": f"tháng {month.month}/{month.year}", "nam": day0.year, "nam_sau": day0.year + 1,
            "dt": f"{rng.randint(60, 2400)},{rng.randint(0, 9)}",
            "tien": f"{rng.randint(2, 80) * 1_000_000:,}".replace(",", "."),
            "thua": f"thửa đất số {rng.randint(12, 980)}, tờ bản đồ số {rng.randint(1, 45)}",
            "du_an": rng.choice(D.PROJECTS), "cong_ty": rng.choice(D.COMPANIES), "song": rng.choice(D.RIVERS),
            "truong": f"{rng.choice(['Trường Tiểu học', 'Trường THCS', 'Trường Mầm non'])} {loc.short}",
            "tram": f"Trạm Y tế {loc.label}", "benh_vien": rng.choice(D.HOSPITALS), "cho": f"chợ {loc.short}",
            "cb": "", "cb_xung": "", "cb_chuc_vu": "", "don_vi_bi_to": "",
        }


def _matches(loc: D.Locality, place: str, units: dict[str, D.UnitSpec]) -> bool:
    if place == "rural":
        return loc.label.startswith("xã")
    if place == "ward":
        return loc.label.startswith("phường")
    if place == "remote":
        return units[loc.unit].remote_area
    return True


# --- the scheduler -------------------------------------------------------------------------------


# A story yields the moment of its next step and is resumed with it, under the frozen clock.
Story = Generator[dt.datetime, dt.datetime, None]


class Scheduler:
    """Run stories in one global time order, each step under the frozen clock, committing in batches."""

    def __init__(self):
        self._heap: list[tuple[dt.datetime, int, Story]] = []
        self._seq = 0
        self.steps = 0

    def spawn(self, story: Story) -> None:
        first = next(story, None)
        if first is not None:
            self._push(first, story)

    def _push(self, moment: dt.datetime, story: Story) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (moment, self._seq, story))

    def run(self) -> None:
        while self._heap:
            atomic = transaction.atomic()
            atomic.__enter__()
            last = None
            try:
                for _ in range(BATCH_STEPS):
                    if not self._heap:
                        break
                    moment, _seq, story = heapq.heappop(self._heap)
                    with clock.frozen(moment):
                        try:
                            following = story.send(moment)
                        except StopIteration:
                            following = None
                    self.steps += 1
                    last = moment
                    if following is not None:
                        if following < moment:
                            raise RuntimeError("A demo story went back in time.")
                        self._push(following, story)
            except BaseException:
                atomic.__exit__(*sys.exc_info())
                raise
            # Deliveries queued on commit run at the batch's last moment, not at load time.
            with clock.frozen(last or clock.now()):
                atomic.__exit__(None, None, None)


# --- the stories ---------------------------------------------------------------------------------


@dataclass
class Tally:
    submissions: int = 0
    letters: int = 0
    letter_budget: int = 0
    receipts: list[dict] = field(default_factory=list)


class Stories:
    """The ways an item lives, written against the services."""

    def __init__(self, *, world: World, sched: Scheduler, horizon: dt.datetime, letter_budget: int):
        self.w = world
        self.sched = sched
        self.horizon = horizon
        self.tally = Tally(letter_budget=letter_budget)

    # time ---------------------------------------------------------------------------------------

    def later(self, rng: random.Random, t: dt.datetime, lo: int, hi: int, *, reserve: int = 0,
              office_hours: bool = True) -> dt.datetime:
        """A moment lo..hi days after t (on a working day in office hours), leaving `reserve` days before now."""
        room = (self.horizon - t).days - reserve
        hi = max(lo, min(hi, room))
        day = clock.local_date(t) + dt.timedelta(days=rng.randint(lo, hi))
        if office_hours:
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            moment = dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.choice((5, 15, 30, 40, 50))),
                                         tzinfo=clock.LOCAL_TZ)
        else:
            moment = dt.datetime.combine(day, dt.time(rng.randint(6, 22), rng.randint(0, 59)), tzinfo=clock.LOCAL_TZ)
        moment = min(moment, self.horizon)
        return max(moment, t + dt.timedelta(minutes=rng.randint(5, 45)))

    def room(self, t: dt.datetime) -> int:
        return (self.horizon - t).days

    # intake -------------------------------------------------------------------------------------

    def citizen(self, plan: Plan) -> SubmitterInput:
        rng, loc = plan.rng, plan.loc
        remote = any(s.code == loc.unit and s.remote_area for s in D.UNITS)
        name, female = person_name(rng, remote=remote)
        hamlet = plan.fill["thon"]
        if plan.text and plan.text.key in OWN_HOUSE_TEXTS:
            address = f"Số {plan.fill['so_nha']} {plan.fill['duong']}, {hamlet}, {loc.label}, {D.PROVINCE}"
        elif loc.label.startswith(("phường", "đặc khu")):
            address = f"Số {rng.randint(3, 320)} {rng.choice(loc.streets)}, {hamlet}, {loc.label}, {D.PROVINCE}"
        else:
            address = f"{hamlet}, {loc.label}, {D.PROVINCE}"
        phone = f"09{rng.randint(0, 9)}{rng.randint(1, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        email = ""
        if plan.channel in (Channel.WEB, Channel.EMAIL, Channel.API) and rng.random() < 0.7:
            email = f"{ascii_slug(name)}{rng.randint(50, 99)}@{rng.choice(D.CITIZEN_MAIL_DOMAINS)}"
        id_number = ""
        if plan.type in (ItemType.KHIEU_NAI, ItemType.TO_CAO, ItemType.GIAI_TRINH) and rng.random() < 0.6:
            born = rng.randint(1950, 2000)
            century = (2 if born >= 2000 else 0) + (1 if female else 0)
            id_number = f"0{rng.randint(10, 99)}{century}{born % 100:02d}{rng.randint(0, 999999):06d}"
        people = 1
        organisation = ""
        if plan.channel == Channel.FRONT:
            organisation = rng.choice(D.FRONT_ORGANISATIONS)
            people = rng.choice((1, 1, 3, 12))
        elif plan.channel == Channel.VOTERS:
            name = f"Cử tri {hamlet}, {loc.label}"
            organisation = D.VOTERS_ORGANISATION.format(n=rng.randint(1, 12))
            people, phone, email, id_number = rng.randint(15, 120), "", "", ""
            address = f"{hamlet}, {loc.label}, {D.PROVINCE}"
        elif plan.channel == Channel.RECEPTION and plan.type in (ItemType.KIEN_NGHI, ItemType.KHIEU_NAI) \
                and rng.random() < 0.15:
            people = rng.randint(6, 25)  # a group delegation
        return SubmitterInput(name=name, address=address, phone=phone, email=email, id_number=id_number,
                              organisation=organisation, people_count=people)

    def submit(self, plan: Plan, *, unit: str | None = None, title: str | None = None, content: str | None = None,
               type_: str | None = None, channel: str | None = None, submitter: SubmitterInput | None = None,
               previous: str = "", anonymous: bool = False, evidence: bool = False) -> Receipt:
        """Record one letter through `case_submit`, keyed in by staff unless it came by web or API."""
        w = self.w
        unit = plan.unit if unit is None else unit
        channel = channel or plan.channel
        staff_unit = unit or D.OFFICE
        actor = None if channel in (Channel.WEB, Channel.API) else w.intake_actor(staff_unit)
        text = plan.text
        data = SubmissionInput(
            type=type_ or plan.type,
            title=(title or text.title).format(**plan.fill),
            content=(content or text.content).format(**plan.fill),
            category=text.category if text else "",
            unit=unit,
            place=f"{plan.fill['thon']}, {plan.loc.label}",
            submitter=SubmitterInput() if anonymous else (submitter or self.citizen(plan)),
            verifiable_evidence=evidence,
            previous_tracking_code=previous,
        )
        receipt = case_submit(data=data, channel=channel, actor=actor, require_identity=actor is None)
        self.tally.submissions += 1
        case = receipt.case
        if plan.denounced_unit or plan.denounced_person:
            # No intake field names the denounced yet: the handler records it when reading the letter.
            case.denounced_unit = w.units[plan.denounced_unit] if plan.denounced_unit else None
            case.denounced_person = w.users[plan.denounced_person] if plan.denounced_person else None
            case.save(update_fields=["denounced_unit", "denounced_person"])
            reason = denunciation_conflict(case=case, unit=w.units[plan.unit])
            if reason:
                raise RuntimeError(f"Demo data would route a denunciation to the denounced: {reason}")
        return receipt

    def keep(self, plan: Plan, receipt: Receipt) -> None:
        if plan.keep_receipt:
            self.tally.receipts.append({"tracking_code": receipt.tracking_code, "access_secret": receipt.access_secret,
                                        "scenario": plan.scenario.name, "case_id": receipt.case.pk})

    # steps --------------------------------------------------------------------------------------

    def people(self, plan: Plan, case: Case) -> tuple[User, User]:
        code = case.unit.code
        exclude = self.w.users.get(plan.denounced_person) if plan.denounced_person else None
        return plan.rng.choice(self.w.handlers(code, exclude=exclude)), self.w.leader(code)

    def classify(self, plan: Plan, case: Case, handler: User, **kw) -> Case:
        category = kw.pop("category", None) or (plan.text.category if plan.text else "khac")
        return case_classify(case=case, actor=handler, type=kw.pop("type", case.type), category=category, **kw)

    def letter(self, case: Case, actor: User, kind: str, *, required: bool = False) -> None:
        """Generate a letter if its template exists: always when `required`, else while the budget lasts.

        Rendering a .docx costs ~70 ms, so only "a few" optional letters are made; a denunciation's
        acceptance notice is required because it completes the D2 notification clock.
        """
        if kind not in self.w.letter_kinds:
            return
        if not required:
            if self.tally.letter_budget <= 0:
                return
            self.tally.letter_budget -= 1
        letter_generate(case=case, actor=actor, kind=kind)
        self.tally.letters += 1

    def accept(self, plan: Plan, case: Case, handler: User, leader: User) -> Case:
        case = case_accept(case=case, actor=handler)
        case = case_assign(case=case, actor=leader, assignee=handler)
        if plan.rng.random() < 0.6:
            case_add_message(case=case, actor=leader, kind=Message.Kind.NOTE,
                             body=plan.rng.choice(D.LEADER_NOTES).format(nguoi_xl=handler.display_name))
        if case.type == ItemType.TO_CAO:
            self.letter(case, handler, LetterKind.ACCEPTANCE, required=True)
        elif case.type in EXTENDABLE and plan.rng.random() < 0.5:
            self.letter(case, handler, LetterKind.ACCEPTANCE)
        return case

    def result_text(self, plan: Plan, case: Case, leader: User) -> str:
        rng = plan.rng
        if case.complaint_round == 2:
            template = D.ROUND2_RESULT
        elif plan.text and plan.text.result and case.type == plan.text.type and rng.random() < 0.7:
            template = plan.text.result
        else:
            template = rng.choice(D.RESULTS[case.type])
        return template.format(**plan.fill, ngay_xl=clock.today().strftime("%d/%m/%Y"), don_vi=case.unit.name,
                               chuc_danh=leader.position or "Thủ trưởng cơ quan")

    def converse(self, plan: Plan, case: Case, handler: User) -> None:
        rng = plan.rng
        if rng.random() < 0.45:
            case_add_message(case=case, actor=handler, kind=Message.Kind.TO_CITIZEN,
                             body=rng.choice(D.STAFF_MESSAGES).format(don_vi=case.unit.name))
        if rng.random() < 0.35:
            case_add_message(case=case, actor=handler, kind=Message.Kind.NOTE, body=rng.choice(D.HANDLER_NOTES))

    def resolve(self, plan: Plan, case: Case, handler: User, leader: User, t: dt.datetime, *, end: str) -> Story:
        """From acceptance to `end` ∈ accepted | result_recorded | answered | closed."""
        rng = plan.rng
        case = self.accept(plan, case, handler, leader)
        if end == "accepted":
            return
        lo, hi = RESOLVE_DAYS[case.type]
        if case.type in EXTENDABLE and rng.random() < 0.25 and self.room(t) > lo + 20:
            t = yield self.later(rng, t, min(lo + 8, 20), 24, reserve=6)
            case = case_extend(case=case, actor=leader, reason=rng.choice(D.EXTENSION_REASONS))
            self.letter(case, handler, LetterKind.EXTENSION)
        t = yield self.later(rng, t, 2, 6, reserve=4)
        self.converse(plan, case, handler)
        if rng.random() < 0.3:
            t = yield self.later(rng, t, 1, 4, office_hours=False, reserve=3)
            case_citizen_message(case=case, body=rng.choice(D.CITIZEN_FOLLOWUPS))
        t = yield self.later(rng, t, lo, hi, reserve=3 if end != "result_recorded" else 0)
        case = case_transition(case=case, action="record_result", actor=handler,
                               data={"result": self.result_text(plan, case, leader)})
        if end == "result_recorded":
            return
        t = yield self.later(rng, t, 0, 3, reserve=1)
        case = case_transition(case=case, action="sign_off", actor=leader)
        if rng.random() < 0.4:
            self.letter(case, handler, LetterKind.RESULT)
        if end == "answered":
            return
        t = yield self.later(rng, t, 4, 20)
        case_transition(case=case, action="close", actor=leader)

    def end_for(self, rng: random.Random, room: int) -> str:
        """A plausible end state for an item with `room` days left before now."""
        if room < 6:
            return "received"
        if room < 22:
            return rng.choice(("accepted", "accepted", "result_recorded"))
        if room < 50:
            return rng.choice(("result_recorded", "answered", "answered", "closed"))
        return rng.choice(("answered", "closed", "closed"))

    def continue_at(self, plan: Plan, case: Case, t: dt.datetime) -> Story:
        """A story for an item created by forwarding or splitting: handled at its new unit."""
        rng = plan.rng
        end = self.end_for(rng, self.room(t))
        if end == "received":
            return
        t = yield self.later(rng, t, 0, 3, reserve=2)
        handler, leader = self.people(plan, case)
        case = self.classify(plan, case, handler)
        t = yield self.later(rng, t, 1, 3, reserve=1)
        yield from self.resolve(plan, case, handler, leader, t, end=end)

    # the scenarios ------------------------------------------------------------------------------

    def story(self, plan: Plan) -> Story:
        t = yield plan.t0 if plan.channel in (Channel.WEB, Channel.API) else self.later(plan.rng, plan.t0, 0, 0)
        yield from getattr(self, "s_" + plan.scenario.name)(plan, t)

    def _start(self, plan: Plan, t: dt.datetime):
        receipt = self.submit(plan)
        self.keep(plan, receipt)
        handler, leader = self.people(plan, receipt.case)
        return receipt.case, handler, leader

    def s_received_new(self, plan: Plan, t: dt.datetime) -> Story:
        self._start(plan, t)
        return
        yield

    def s_received_overdue(self, plan: Plan, t: dt.datetime) -> Story:
        case, handler, _leader = self._start(plan, t)
        rng = plan.rng
        if rng.random() < 0.5:
            t = yield self.later(rng, t, 1, 3)
            case = self.classify(plan, case, handler)
        if rng.random() < 0.7 and self.room(t) > 16:
            t = yield self.later(rng, t, 15, 40)
            case_add_message(case=case, actor=self.w.users["vanphong"], kind=Message.Kind.NOTE,
                             body=rng.choice(D.OFFICE_NOTES))

    def s_awaiting(self, plan: Plan, t: dt.datetime) -> Story:
        case, handler, _leader = self._start(plan, t)
        t = yield self.later(plan.rng, t, 1, 4)
        case = self.classify(plan, case, handler)
        case_transition(case=case, action="request_supplement", actor=handler,
                        reason=plan.rng.choice(D.SUPPLEMENT_REQUESTS))

    def s_accepted(self, plan: Plan, t: dt.datetime) -> Story:
        yield from self._through(plan, t, end="accepted")

    def s_accepted_overdue(self, plan: Plan, t: dt.datetime) -> Story:
        case, handler, leader = self._start(plan, t)
        rng = plan.rng
        t = yield self.later(rng, t, 1, 3)
        case = self.classify(plan, case, handler)
        t = yield self.later(rng, t, 1, 3)
        case = self.accept(plan, case, handler, leader)
        t = yield self.later(rng, t, 3, 10)
        self.converse(plan, case, handler)
        if self.room(t) > 40:
            t = yield self.later(rng, t, 35, 60)
            case_add_message(case=case, actor=self.w.users["vanphong"], kind=Message.Kind.NOTE,
                             body=rng.choice(D.OFFICE_NOTES))

    def s_accepted_extended(self, plan: Plan, t: dt.datetime) -> Story:
        case, handler, leader = self._start(plan, t)
        rng = plan.rng
        t = yield self.later(rng, t, 1, 2)
        case = self.classify(plan, case, handler, complex=True)
        t = yield self.later(rng, t, 1, 3)
        case = self.accept(plan, case, handler, leader)
        t = yield self.later(rng, t, 8, 24)
        case = case_extend(case=case, actor=leader, reason=rng.choice(D.EXTENSION_REASONS))
        self.letter(case, handler, LetterKind.EXTENSION)

    def s_result_recorded(self, plan: Plan, t: dt.datetime) -> Story:
        yield from self._through(plan, t, end="result_recorded")

    def s_answered(self, plan: Plan, t: dt.datetime) -> Story:
        yield from self._through(plan, t, end="answered")

    def s_closed(self, plan: Plan, t: dt.datetime) -> Story:
        yield from self._through(plan, t, end="closed")

    def _through(self, plan: Plan, t: dt.datetime, *, end: str) -> Story:
        case, handler, leader = self._start(plan, t)
        rng = plan.rng
        t = yield self.later(rng, t, 0, 2, reserve=2)
        reclassify = {}
        if case.type == ItemType.KHIEU_NAI and rng.random() < 0.08:
            # R1: classified by content, not by what the sender wrote.
            reclassify = {"type": ItemType.KIEN_NGHI, "reason": "Nội dung đơn là kiến nghị, không phải khiếu nại "
                                                                 "một quyết định hành chính (R1)."}
        case = self.classify(plan, case, handler, **reclassify)
        t = yield self.later(rng, t, 1, 4, reserve=1)
        yield from self.resolve(plan, case, handler, leader, t, end=end)

    def s_refused(self, plan: Plan, t: dt.datetime) -> Story:
        case, handler, _leader = self._start(plan, t)
        rng = plan.rng
        t = yield self.later(rng, t, 1, 3)
        case = self.classify(plan, case, handler)
        t = yield self.later(rng, t, 0, 4)
        reason = rng.choice(D.REFUSALS.get(case.type, D.REFUSALS["default"]))
        case = case_transition(case=case, action="refuse", actor=handler, reason=reason)
        self.letter(case, handler, LetterKind.REFUSAL)

    def s_guided(self, plan: Plan, t: dt.datetime) -> Story:
        case, handler, _leader = self._start(plan, t)
        rng = plan.rng
        t = yield self.later(rng, t, 1, 3)
        case = self.classify(plan, case, handler)
        t = yield self.later(rng, t, 0, 3)
        body, reason = rng.choice(D.GUIDANCE)
        case = case_transition(case=case, action="guide", actor=handler, reason=reason, data={"guided_to": body})
        self.letter(case, handler, LetterKind.GUIDANCE)

    def s_forwarded(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        w = self.w
        wrong = ""
        if plan.type != ItemType.TO_CAO and rng.random() < 0.4:
            # Sent to a unit that is not competent: a commune for a department's matter, or the reverse.
            wrong = plan.loc.unit if w.units[plan.unit].kind != "commune" else rng.choice(
                [s.code for s in D.UNITS if s.kind == "department"])
        if plan.channel == Channel.RECEPTION and not wrong:
            wrong = D.OFFICE  # the provincial reception office keyed it in
        receipt = self.submit(plan, unit=wrong)
        self.keep(plan, receipt)
        case = receipt.case
        handler = rng.choice(w.handlers(case.unit.code))
        t = yield self.later(rng, t, 0, 2)
        case = case_classify(case=case, actor=handler, type=case.type,
                             category=plan.text.category if plan.text else None)
        t = yield self.later(rng, t, 1, 4)
        target = w.units[plan.unit]
        reason = rng.choice(D.FORWARD_REASONS).format(den=target.name)
        new = case_forward(case=case, actor=handler, to_unit=target, reason=reason)
        self.letter(case, handler, LetterKind.FORWARDING)
        self.sched.spawn(self.continue_at(plan, new, t))

    def s_split(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        letter = rng.choice(D.SPLIT_LETTERS)
        plan.text = D.ItemText("split", letter["category"], letter["type"], "commune", letter["title"],
                               letter["content"])
        receipt = self.submit(plan, type_=letter["type"])
        self.keep(plan, receipt)
        case = receipt.case
        handler, _leader = self.people(plan, case)
        t = yield self.later(rng, t, 0, 2)
        case = self.classify(plan, case, handler, letter_class=LetterClass.SEVERAL)
        t = yield self.later(rng, t, 1, 3)
        parts = [{"type": ty, "title": ti.format(**plan.fill), "content": co.format(**plan.fill)}
                 for ty, ti, co in letter["parts"]]
        children = case_split(case=case, actor=handler, parts=parts, reason=D.SPLIT_REASON)
        for child in children:
            self.sched.spawn(self.continue_at(plan, child, t))

    def s_merged(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        case, handler, leader = self._start(plan, t)
        submitter = case.submitter
        same_person = SubmitterInput(name=submitter.name, address=submitter.address, phone=submitter.phone,
                                     email=submitter.email, id_number=submitter.id_number)
        t = yield self.later(rng, t, 0, 2)
        case = self.classify(plan, case, handler)
        t = yield self.later(rng, t, 1, 3)
        case = self.accept(plan, case, handler, leader)
        t = yield self.later(rng, t, 1, 4, office_hours=False)
        dup = self.submit(plan, title=plan.text.title + D.DUPLICATE_SUFFIX, submitter=same_person,
                          channel=rng.choice((Channel.PAPER, Channel.EMAIL, Channel.WEB))).case
        t = yield self.later(rng, t, 1, 3)
        case_merge(case=dup, actor=handler, into=case, reason=D.MERGE_REASON)
        end = "answered" if self.room(t) < 45 else rng.choice(("answered", "closed"))
        if self.room(t) < 20:
            return
        yield from self._finish(plan, case, handler, leader, t, end=end)

    def _finish(self, plan: Plan, case: Case, handler: User, leader: User, t: dt.datetime, *, end: str) -> Story:
        """From accepted to answered or closed."""
        rng = plan.rng
        lo, hi = RESOLVE_DAYS[case.type]
        t = yield self.later(rng, t, lo, hi, reserve=3)
        case = case_transition(case=case, action="record_result", actor=handler,
                               data={"result": self.result_text(plan, case, leader)})
        t = yield self.later(rng, t, 0, 3, reserve=1)
        case = case_transition(case=case, action="sign_off", actor=leader)
        if end == "closed":
            t = yield self.later(rng, t, 4, 20)
            case_transition(case=case, action="close", actor=leader)

    def s_archived(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        kind, category, title, content = rng.choice(D.ANONYMOUS_TEXTS)
        plan.text = D.ItemText("anonymous", category, kind, plan.unit, title, content)
        case = self.submit(plan, type_=kind, anonymous=True).case
        handler, _leader = self.people(plan, case)
        t = yield self.later(rng, t, 1, 3)
        case = self.classify(plan, case, handler)
        t = yield self.later(rng, t, 0, 2)
        case_transition(case=case, action="archive", actor=handler, reason=D.ARCHIVE_REASON)

    def s_anonymous_evidence(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        kind, category, title, content = D.ANONYMOUS_WITH_EVIDENCE
        plan.unit = D.INSPECTORATE
        plan.text = D.ItemText("anonymous-evidence", category, kind, plan.unit, title, content)
        case = self.submit(plan, type_=kind, anonymous=True, evidence=True).case
        handler, leader = self.people(plan, case)
        t = yield self.later(rng, t, 1, 3)
        case = self.classify(plan, case, handler, verifiable_evidence=True,
                             reason="Đơn nặc danh nhưng nêu rõ người vi phạm, kèm tài liệu có cơ sở thẩm tra (R3).")
        t = yield self.later(rng, t, 1, 4)
        yield from self.resolve(plan, case, handler, leader, t, end=rng.choice(("answered", "closed")))

    def s_reopened(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        case, handler, leader = self._start(plan, t)
        t = yield self.later(rng, t, 0, 2)
        case = self.classify(plan, case, handler)
        t = yield self.later(rng, t, 1, 3)
        case = self.accept(plan, case, handler, leader)
        yield from self._finish(plan, case, handler, leader, t, end=rng.choice(("answered", "closed")))
        t = clock.now()
        if rng.random() < 0.4 and self.room(t) > 20:
            # The citizen came back recently: still being handled again now.
            t = yield self.later(rng, self.horizon - dt.timedelta(days=rng.randint(4, 15)), 0, 0)
        else:
            t = yield self.later(rng, t, 8, 30, reserve=2)
        case.refresh_from_db()
        case = case_transition(case=case, action="reopen", actor=leader, reason=rng.choice(D.REOPEN_REASONS))
        if self.room(t) > 20:
            yield from self._finish(plan, case, handler, leader, t, end="answered")

    def s_round2(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        receipt = self.submit(plan)
        first = receipt.case
        handler, leader = self.people(plan, first)
        sub = first.submitter
        t = yield self.later(rng, t, 0, 2)
        first = self.classify(plan, first, handler)
        t = yield self.later(rng, t, 1, 4)
        first = self.accept(plan, first, handler, leader)
        t = yield self.later(rng, t, 15, 28)
        first = case_transition(case=first, action="record_result", actor=handler,
                                data={"result": rng.choice(D.RESULTS[ItemType.KHIEU_NAI][0::2]).format(
                                    **plan.fill, ngay_xl=clock.today().strftime("%d/%m/%Y"), don_vi=first.unit.name,
                                    chuc_danh=leader.position)})
        t = yield self.later(rng, t, 1, 3)
        first = case_transition(case=first, action="sign_off", actor=leader)
        decided = clock.local_date(clock.now())
        t = yield self.later(rng, t, 10, 30)
        # The citizen disagrees and complains a second time, to the province (inspectorate advises).
        plan.fill.update(so_qd=f"{rng.randint(12, 980)}/QĐ-UBND", ngay_qd=decided.strftime("%d/%m/%Y"),
                         ma_truoc=first.tracking_code)
        second = self.submit(
            plan, unit=D.INSPECTORATE, title=D.ROUND2_TITLE, content=D.ROUND2_CONTENT, previous=first.tracking_code,
            channel=rng.choice((Channel.PAPER, Channel.RECEPTION, Channel.WEB)),
            submitter=SubmitterInput(name=sub.name, address=sub.address, phone=sub.phone, email=sub.email,
                                     id_number=sub.id_number),
        )
        self.keep(plan, second)
        case = second.case
        case_transition(case=first, action="close", actor=leader)
        inspector, chief = self.people(plan, case)
        t = yield self.later(rng, t, 1, 3)
        case = self.classify(plan, case, inspector)
        t = yield self.later(rng, t, 1, 5)
        room = self.room(t)
        end = "accepted" if room < 30 else "result_recorded" if room < 50 else rng.choice(("answered", "closed"))
        yield from self.resolve(plan, case, inspector, chief, t, end=end)

    def s_supplemented(self, plan: Plan, t: dt.datetime) -> Story:
        rng = plan.rng
        case, handler, leader = self._start(plan, t)
        t = yield self.later(rng, t, 1, 3)
        case = self.classify(plan, case, handler)
        case = case_transition(case=case, action="request_supplement", actor=handler,
                               reason=rng.choice(D.SUPPLEMENT_REQUESTS))
        t = yield self.later(rng, t, 3, 14, office_hours=False)
        case_citizen_message(case=case, body=rng.choice(D.CITIZEN_SUPPLEMENTS))
        case.refresh_from_db()
        t = yield self.later(rng, t, 1, 3)
        end = self.end_for(rng, self.room(t))
        if end == "received":
            return
        yield from self.resolve(plan, case, handler, leader, t, end=end)


# --- entry points ----------------------------------------------------------------------------------


@dataclass
class DemoResult:
    submissions: int
    cases: int
    steps: int
    letters: int
    by_status: dict[str, int]
    by_type: dict[str, int]
    by_channel: dict[str, int]
    receipts: list[dict]
    receipts_path: Path | None
    sweep: dict


def database_has_units() -> bool:
    """True once any org unit exists (the demo goes only into an empty installation)."""
    return OrgUnit.objects.exists()


@contextlib.contextmanager
def contained_deliveries():
    """Demo people are fictitious: run queued deliveries in-process against a null mail backend.

    Without this, thousands of notices would wait in the task queue for the worker and then be
    written to the e-mail outbox (or sent over SMTP if configured), receipts with secrets included.
    """
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    huey_log = logging.getLogger("huey")
    was_level = huey_log.level
    HUEY.immediate = True
    huey_log.setLevel(logging.WARNING)  # one INFO line per delivered notice otherwise
    try:
        lighter = {k: min(v, settings.RECEIPT_ARGON2.get(k, v)) for k, v in DEMO_RECEIPT_ARGON2.items()}
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", RECEIPT_ARGON2=lighter):
            yield
    finally:
        HUEY.immediate = was
        huey_log.setLevel(was_level)


def demo_load(*, items: int = 360, seed: int = D.DEFAULT_SEED, write_receipts: bool = True) -> DemoResult:
    """Create the demo province, its staff and `items` letters driven through the real services."""
    if items < len(SCENARIOS):
        raise ValueError(f"--items must be at least {len(SCENARIOS)} so that every end state appears.")
    if database_has_units():
        raise RuntimeError("The database already has organisation units; load the demo into an empty database.")
    now = clock.now()
    with contained_deliveries():
        with transaction.atomic():
            units = build_org_tree()
            users = build_staff(units)
            build_categories()
        world = _world(units, users)
        sched = Scheduler()
        stories = Stories(world=world, sched=sched, horizon=now - dt.timedelta(hours=1),
                          letter_budget=max(6, items // 30))
        for plan in Planner(seed=seed, now=now, world=world).plans(items):
            sched.spawn(stories.story(plan))
        sched.run()
        sweep = deadlines_sweep().as_dict()
        _load_other_modules(units)
    receipts = _describe_receipts(stories.tally.receipts)
    path = _write_receipts(receipts, seed=seed) if write_receipts and receipts else None
    return DemoResult(
        submissions=stories.tally.submissions, cases=Case.objects.count(), steps=sched.steps,
        letters=stories.tally.letters, by_status=_count("status"), by_type=_count("type"),
        by_channel=_count("channel"), receipts=receipts, receipts_path=path, sweep=sweep,
    )


def _load_other_modules(units: dict[str, OrgUnit]) -> None:
    """Plans (with reports in every state) and, once items exist, what the province publishes."""
    from minhbach.plans.demo import load_demo_plans
    from minhbach.transparency.demo import load_demo_transparency

    root = next(u for u in units.values() if u.parent_id is None)
    with transaction.atomic():
        load_demo_plans(province_root=root, today=clock.today())
    with transaction.atomic():
        load_demo_transparency(today=clock.today())


def _world(units: dict[str, OrgUnit], users: dict[str, User]) -> World:
    accounts = {a.username: a for a in demo_accounts()}
    members: dict[tuple[str, str], list[User]] = {}
    heads: dict[str, User] = {}
    for acc in accounts.values():
        members.setdefault((acc.unit, acc.role), []).append(users[acc.username])
        if acc.is_head:
            heads[acc.unit] = users[acc.username]
    return World(units=units, users=users, accounts=accounts, members=members, heads=heads,
                 letter_kinds=set(LetterTemplate.objects.values_list("kind", flat=True)))


def _count(field_name: str) -> dict[str, int]:
    rows = Case.objects.values(field_name).annotate(n=Count("id")).order_by(field_name)
    return {r[field_name]: r["n"] for r in rows}


def _describe_receipts(kept: list[dict]) -> list[dict]:
    out = []
    for r in kept:
        case = Case.objects.get(pk=r["case_id"])
        out.append({"tracking_code": r["tracking_code"], "access_secret": r["access_secret"],
                    "status": case.status, "title": case.title})
    return out


def _write_receipts(receipts: list[dict], *, seed: int) -> Path:
    """Keep the sample receipts in DATA_DIR (owner-readable only): demo data, never logged elsewhere."""
    path = Path(settings.DATA_DIR) / RECEIPTS_FILE
    payload = {
        "note": "Dữ liệu mẫu — mã tra cứu và mã bí mật để thử trang theo dõi của người dân. / "
                "Demo data: tracking codes and secrets for trying the citizen's tracking page.",
        "generated_at": clock.now().isoformat(timespec="seconds"),
        "seed": seed,
        "receipts": receipts,
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=2)
    return path

