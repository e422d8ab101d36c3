"""The demo province: what it creates, that the same seed gives the same data, and that it keeps the product's rules."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings

from minhbach.accounts.models import User
from minhbach.cases import selectors
from minhbach.cases.models import Case, Category, Channel, ItemType, Letter, LetterKind, LetterTemplate, Message, Status
from minhbach.cases.services.routing import denunciation_conflict
from minhbach.core import clock
from minhbach.core.audit import audit_verify
from minhbach.core.models import AuditEvent, OutboxMessage
from minhbach.demo import data as D
from minhbach.demo.loader import RECEIPTS_FILE, Stories, Tally, demo_accounts, demo_load
from minhbach.orgs.models import Membership, OrgUnit, Role

NOW = dt.datetime(2026, 11, 20, 10, 30, tzinfo=clock.LOCAL_TZ)
ITEMS = 60
SEED = 7


def _snapshot() -> list[tuple]:
    """Everything about the items that does not depend on the random tracking codes."""
    return sorted(
        (c.received_at, c.title, c.status, c.type, c.channel, c.unit.code, c.submitter.name, c.result,
         c.due_date, c.reopened_count, c.complaint_round)
        for c in Case.objects.select_related("unit", "submitter")
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo twice with the same seed (the first load rolled back), keep the second for the tests."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir), clock.frozen(NOW):
        with transaction.atomic():
            before = transaction.savepoint()
            demo_load(items=ITEMS, seed=SEED)
            first = _snapshot()
            transaction.savepoint_rollback(before)
            out = io.StringIO()
            call_command("demo", "load", "--items", str(ITEMS), "--seed", str(SEED), stdout=out)
            yield SimpleNamespace(first=first, second=_snapshot(), output=out.getvalue(), data_dir=data_dir)
            transaction.set_rollback(True)


def test_the_province_has_its_office_inspectorate_departments_communes_front_and_history(demo, db):
    count = lambda **kw: OrgUnit.objects.filter(**kw).count()  # noqa: E731
    assert count(kind="province") == 1 and count(kind="office") == 1 and count(kind="inspectorate") == 1
    assert count(kind="department") >= 1 + 8 and OrgUnit.objects.filter(code=D.HOME_AFFAIRS, kind="department").exists()
    assert count(kind="front") == 1
    assert count(kind="unit", parent__kind="department") >= 2
    assert count(kind="commune", active_to__isnull=True) >= 12
    assert count(kind="commune", active_to__isnull=True, remote_area=True) >= 2
    district = OrgUnit.objects.get(kind="district")
    assert district.active_to == dt.date(2025, 6, 30)
    assert OrgUnit.objects.filter(parent=district, kind="commune", active_to=dt.date(2025, 6, 30)).exists()
    assert "dữ liệu mẫu" in OrgUnit.objects.get(kind="province").name
    assert not OrgUnit.objects.filter(short_name="").exists()


def test_every_role_has_a_demo_user_and_every_department_and_commune_a_handler_and_a_head(demo, db):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for unit in OrgUnit.objects.filter(kind__in=["department", "commune"], active_to__isnull=True):
        assert unit.memberships.filter(role=Role.HANDLER).exists(), unit.code
        head = unit.memberships.get(is_head=True)
        assert head.role == Role.LEADER and head.user.position, unit.code
    assert set(User.objects.values_list("username", flat=True)) == {a.username for a in demo_accounts()}
    for username in ("admin", "vanphong", "thanhtra", "baomat", "noivu", "mttq", "tiepdan", "chuyenvien", "giamdoc",
                     "xa.chuyenvien", "xa.chutich", "chutich"):
        user = User.objects.get(username=username)
        assert user.check_password(D.DEMO_PASSWORD) and user.email.endswith(".example"), username
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert Membership.objects.get(user__username="chutich").unit.kind == "province"


def test_every_listed_category_exists(demo, db):
    codes = set(Category.objects.values_list("code", flat=True))
    assert {"dat-dai", "boi-thuong-gpmb", "moi-truong", "nguoi-co-cong", "an-sinh-xa-hoi", "dao-duc-can-bo",
            "tham-nhung", "thu-tuc-hanh-chinh", "xay-dung-do-thi", "giao-thong", "y-te", "giao-duc"} <= codes
    assert len(codes) >= 15


def test_items_reach_every_status_and_use_every_type_and_channel(demo, db):
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Case.objects.values_list("type", flat=True)) == set(ItemType.values)
    assert set(Case.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert Case.objects.filter(reopened_count__gt=0).exists()
    assert Case.objects.filter(status=Status.ACCEPTED, assignee__isnull=False, deadlines__extensions__gt=0).exists()
    assert Message.objects.filter(kind=Message.Kind.FROM_CITIZEN).exists()
    assert Message.objects.filter(kind=Message.Kind.TO_CITIZEN).exists()
    assert Message.objects.filter(kind=Message.Kind.NOTE).exists()


def test_the_same_seed_gives_the_same_items(demo, db):
    assert len(demo.first) >= ITEMS
    assert demo.first == demo.second


def test_everything_happened_in_the_past_year_in_time_order_and_the_audit_chain_holds(demo, db):
    received = Case.objects.values_list("received_at", flat=True)
    assert min(received) >= NOW - dt.timedelta(days=366) and max(received) <= NOW
    assert not Message.objects.filter(at__gt=NOW).exists()
    # The items' stories run in one global time order; the plans demo back-dates its own events afterwards.
    moments = list(AuditEvent.objects.filter(object_type="cases.case").order_by("id").values_list("at", flat=True))
    assert moments == sorted(moments) and moments[-1] <= NOW
    assert audit_verify().first_broken_id is None
    received_dates = Case.objects.filter(status=Status.RECEIVED).values_list("due_date", flat=True)
    assert any(d < NOW.date() for d in received_dates) and any(d >= NOW.date() for d in received_dates)
    assert OutboxMessage.objects.filter(dedupe_key__startswith="sweep:").exists()


def test_denunciations_are_never_handled_by_or_assigned_to_the_denounced(demo, db):
    denounced = Case.objects.filter(type=ItemType.TO_CAO).exclude(denounced_unit=None, denounced_person=None)
    assert denounced.exists()
    handled = denounced.exclude(status__in=[Status.RECEIVED, Status.FORWARDED])
    assert handled.exists()
    for case in denounced.select_related("unit", "assignee"):
        assert denunciation_conflict(case=case, unit=case.unit, person=case.assignee) == "", case.title


def test_anonymous_letters_are_archived_unless_they_give_verifiable_evidence(demo, db):
    anonymous = Case.objects.filter(anonymous=True, type__in=[ItemType.KHIEU_NAI, ItemType.TO_CAO])
    assert anonymous.filter(verifiable_evidence=False).exists()
    assert set(anonymous.filter(verifiable_evidence=False).values_list("status", flat=True)) == {Status.ARCHIVED}
    assert anonymous.filter(verifiable_evidence=True).exclude(accepted_at=None).exists()


def test_second_complaints_point_to_a_decided_first_complaint_of_the_same_person(demo, db):
    seconds = Case.objects.filter(complaint_round=2).select_related("previous_case", "submitter")
    assert seconds.exists()
    for case in seconds:
        first = case.previous_case
        assert first.type == ItemType.KHIEU_NAI and first.answered_at is not None
        assert first.submitter.name == case.submitter.name and first.unit != case.unit


def test_forwarded_split_and_merged_items_keep_their_links(demo, db):
    for case in Case.objects.filter(status=Status.FORWARDED):
        new = case.forwards.get()
        assert new.unit != case.unit and new.title == case.title
    for case in Case.objects.filter(status=Status.SPLIT):
        assert case.split_items.count() >= 2
    for case in Case.objects.filter(status=Status.MERGED):
        assert case.merged_into.status != Status.MERGED and case.merged_into.unit == case.unit


def test_letters_are_generated_only_from_existing_templates(demo, db):
    kinds = set(LetterTemplate.objects.values_list("kind", flat=True))
    assert set(Letter.objects.values_list("kind", flat=True)) <= kinds
    if LetterKind.ACCEPTANCE in kinds:
        accepted = Case.objects.filter(type=ItemType.TO_CAO).exclude(accepted_at=None)
        assert accepted.exists()
        assert all(c.letters.filter(kind=LetterKind.ACCEPTANCE).exists() for c in accepted)


def test_without_templates_no_letter_is_attempted():
    world = SimpleNamespace(letter_kinds=set())
    stories = Stories.__new__(Stories)
    stories.w, stories.tally = world, Tally(letter_budget=10)
    # Were the template check missing, letter_generate would fail on these placeholders.
    stories.letter(None, None, LetterKind.ACCEPTANCE, required=True)
    stories.letter(None, None, LetterKind.RESULT)
    assert stories.tally.letters == 0 and stories.tally.letter_budget == 10


def test_sample_receipts_open_their_items_and_stay_in_the_data_directory(demo, db):
    path = demo.data_dir / RECEIPTS_FILE
    assert os.stat(path).st_mode & 0o077 == 0
    receipts = json.loads(path.read_text(encoding="utf-8"))["receipts"]
    assert 2 <= len(receipts) <= 3
    for r in receipts:
        case = selectors.case_find_by_receipt(tracking_code=r["tracking_code"], secret=r["access_secret"])
        assert case is not None and case.status == r["status"]
        assert r["tracking_code"] in demo.output and r["access_secret"] in demo.output
    assert not OutboxMessage.objects.filter(body__contains=receipts[0]["access_secret"]).exists()


def test_the_load_prints_the_credentials_table(demo, db):
    assert D.DEMO_PASSWORD in demo.output
    for account in demo_accounts():
        assert account.username in demo.output


def test_if_empty_is_a_no_op_once_units_exist_and_a_plain_load_refuses(demo, db):
    counts = (OrgUnit.objects.count(), User.objects.count(), Case.objects.count())
    out = io.StringIO()
    call_command("demo", "load", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()
    assert (OrgUnit.objects.count(), User.objects.count(), Case.objects.count()) == counts
    with pytest.raises(CommandError):
        call_command("demo", "load", stdout=io.StringIO())


def test_the_demo_is_never_loaded_in_production(db, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from minhbach.orgs.models import OrgUnit

    before = OrgUnit.objects.count()
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo", "load", "--if-empty")
    assert OrgUnit.objects.count() == before
