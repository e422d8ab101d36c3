"""Test-wide setup and fixtures: a small province with a user for every role."""
import os
from types import SimpleNamespace

import pytest

os.environ.setdefault("MINHBACH_TESTING", "1")


@pytest.fixture(autouse=True)
def _tests_read_english(request, settings):
    """Assertions on text read English unless a test is marked `vietnamese` (the default language is Vietnamese)."""
    from django.utils import translation

    if request.node.get_closest_marker("vietnamese"):
        yield
        return
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _migration_data_after_flush(request):
    """A transactional test starts from a flushed database: put back what the migrations loaded."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or {
        "transactional_db", "live_server"} & set(request.fixturenames)
    if transactional:
        from minhbach.core.testing import restore_migration_data

        request.getfixturevalue("transactional_db")
        restore_migration_data()
    yield


@pytest.fixture(autouse=True)
def _fresh_rule_cache():
    """A rolled-back test leaves no cached rule or calendar behind for the next one."""
    from minhbach.cases.services.intake import lookups_clear
    from minhbach.rules.selectors import cache_clear

    cache_clear()
    lookups_clear()
    yield
    cache_clear()
    lookups_clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters, spent challenges and throttles live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_and_outbox(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def province(db):
    """Province → office, inspectorate, home affairs, two departments (one with a sub-unit), two communes; and a Front."""
    from minhbach.accounts.models import User
    from minhbach.orgs.models import Membership, OrgUnit, Role

    def unit(code, name, kind, parent=None, **kw):
        return OrgUnit.objects.create(code=code, name=name, kind=kind, parent=parent, **kw)

    root = unit("ubnd-tinh", "UBND tỉnh Thử Nghiệm", "province", place_name="Thử Nghiệm")
    u = SimpleNamespace(root=root)
    u.office = unit("vp-ubnd", "Văn phòng UBND tỉnh", "office", root, short_name="VP")
    u.inspectorate = unit("thanh-tra", "Thanh tra tỉnh", "inspectorate", root, short_name="TTr")
    u.home = unit("so-noi-vu", "Sở Nội vụ", "department", root, short_name="SNV")
    u.dept = unit("so-tnmt", "Sở Nông nghiệp và Môi trường", "department", root, short_name="SNNMT")
    u.dept_sub = unit("chi-cuc-mt", "Chi cục Bảo vệ môi trường", "unit", u.dept, short_name="CCBVMT")
    u.dept2 = unit("so-xd", "Sở Xây dựng", "department", root, short_name="SXD")
    u.commune = unit("xa-an-phu", "UBND xã An Phú", "commune", root, short_name="AP", place_name="An Phú")
    u.commune2 = unit("xa-binh-minh", "UBND xã Bình Minh", "commune", root, short_name="BM", remote_area=True)
    u.front = unit("mttq", "Ủy ban MTTQ Việt Nam tỉnh", "front", root)

    users = SimpleNamespace()

    def user(name, role, at, head=False, email=None):
        usr = User.objects.create_user(username=name, password="Mat-khau-thu-2026", full_name=name.replace("_", " ").title(),
                                       email=email if email is not None else f"{name}@example.test",
                                       position="Giám đốc" if head else "Chuyên viên")
        Membership.objects.create(user=usr, unit=at, role=role, is_head=head)
        setattr(users, name, usr)
        return usr

    user("clerk", Role.CLERK, u.dept)
    user("handler", Role.HANDLER, u.dept)
    user("sub_handler", Role.HANDLER, u.dept_sub)
    user("leader", Role.LEADER, u.dept, head=True)
    user("commune_handler", Role.HANDLER, u.commune)
    user("commune_leader", Role.LEADER, u.commune, head=True)
    user("office", Role.PROVINCIAL_OFFICE, u.office)
    user("office_handler", Role.HANDLER, u.office)
    user("office_leader", Role.LEADER, u.office, head=True)
    user("inspector", Role.INSPECTOR, u.inspectorate)
    user("inspect_leader", Role.LEADER, u.inspectorate, head=True)
    user("custodian", Role.CUSTODIAN, u.inspectorate)
    user("home", Role.HOME_AFFAIRS, u.home)
    user("front", Role.FRONT_LIAISON, u.front)
    user("admin", Role.ADMIN, root)
    user("province_leader", Role.LEADER, root, head=True)
    return SimpleNamespace(units=u, users=users)


@pytest.fixture
def categories(db):
    from minhbach.cases.models import Category

    return {c: Category.objects.create(code=c, name=n, name_en=e) for c, n, e in [
        ("dat-dai", "Đất đai", "Land"), ("moi-truong", "Môi trường", "Environment"),
        ("tham-nhung", "Tham nhũng – tiêu cực", "Corruption"),
    ]}


@pytest.fixture
def submit(province, categories):
    """Submit an item as a citizen would; returns the Receipt."""
    from minhbach.cases.services import SubmissionInput, SubmitterInput, case_submit

    def _submit(type="phan_anh", unit="so-tnmt", title="Nước thải xả ra kênh", content="Nhà máy xả nước thải chưa xử lý ra kênh.",
                name="Nguyễn Văn An", address="Thôn 3, xã An Phú", email="an@example.test", channel="web", actor=None, **kw):
        data = SubmissionInput(type=type, title=title, content=content, unit=unit, category=kw.pop("category", "moi-truong"),
                               submitter=SubmitterInput(name=name, address=address, email=email,
                                                        phone=kw.pop("phone", ""), id_number=kw.pop("id_number", "")), **kw)
        return case_submit(data=data, channel=channel, actor=actor, require_identity=actor is None)

    return _submit
