"""The officials' directory: from roles and users, with authority and responsibilities; disclosures only in their window."""
import datetime as dt

import pytest
from django.test import Client

from minhbach.core import clock
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.core.uploads import check_upload
from minhbach.orgs.models import Membership, Role
from minhbach.transparency import services
from minhbach.transparency.models import DirectoryEntry, DisclosureKind

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def web():
    return Client(headers={"accept-language": "en"})


def test_the_directory_lists_citizen_facing_officials_with_their_authority(province, web):
    entry = DirectoryEntry.objects.get(user=province.users.leader, unit=province.units.dept)
    services.directory_entry_update(entry=entry, actor=province.users.leader, listed=True,
                                    responsibilities="Phụ trách lĩnh vực đất đai và môi trường")
    services.reception_schedule_save(actor=province.users.leader, unit=province.units.dept, days="Thứ Năm hằng tuần",
                                     hours="7:30–11:30", person=province.users.leader, rule_code="T3")
    body = web.get("/danh-ba/so-tnmt/").content.decode()
    assert "Leader" in body and "Giám đốc" in body and "Phụ trách lĩnh vực đất đai" in body
    assert "Heads the unit" in body and "Thứ Năm hằng tuần" in body
    assert "Custodian" not in web.get("/danh-ba/").content.decode()  # the identity custodian is not citizen-facing
    assert "leader@example.test" not in body  # an official's own e-mail is not the unit's contact


def test_an_official_unlisted_or_without_a_role_leaves_the_directory(province, web):
    entry = DirectoryEntry.objects.get(user=province.users.handler, unit=province.units.dept)
    services.directory_entry_update(entry=entry, actor=province.users.leader, listed=False, responsibilities="")
    assert "Handler" not in web.get("/danh-ba/so-tnmt/").content.decode()
    Membership.objects.filter(user=province.users.clerk).delete()
    assert not DirectoryEntry.objects.filter(user=province.users.clerk).exists()
    Membership.objects.create(user=province.users.clerk, unit=province.units.dept, role=Role.CLERK)
    assert DirectoryEntry.objects.filter(user=province.users.clerk, unit=province.units.dept).exists()


def test_only_a_leader_over_the_unit_edits_its_directory(province):
    entry = DirectoryEntry.objects.get(user=province.users.handler, unit=province.units.dept)
    for who in ("handler", "commune_leader", "office"):
        with pytest.raises(PermissionDenied):
            services.directory_entry_update(entry=entry, actor=getattr(province.users, who), listed=True, responsibilities="x")
    c = Client()
    c.force_login(province.users.commune_leader)
    assert c.get("/staff/publishing/danh-ba/so-tnmt/").status_code == 404


def test_a_disclosure_is_public_only_inside_its_window(province, web):
    with clock.frozen("2026-04-01"):
        d = services.disclosure_create(actor=province.users.leader, person=province.users.leader, unit=province.units.dept,
                                       kind=DisclosureKind.ASSETS, title="Bản kê khai tài sản, thu nhập năm 2025",
                                       upload=check_upload(name="kk.pdf", content=PDF), window_start=dt.date(2026, 4, 5))
    assert d.window_end == dt.date(2026, 4, 19)  # K3: 15 days by default
    for day, visible in (("2026-04-04", False), ("2026-04-05", True), ("2026-04-19", True), ("2026-04-20", False)):
        with clock.frozen(day):
            assert ("Bản kê khai tài sản" in web.get("/danh-ba/so-tnmt/").content.decode()) is visible, day
            assert web.get(f"/danh-ba/cong-khai/{d.pk}/").status_code == (200 if visible else 404), day
            assert ("Bản kê khai" in web.get("/tim-kiem/?q=ban ke khai").content.decode()) is visible, day


def test_a_disclosure_window_must_be_ordered(province):
    with pytest.raises(DomainError):
        services.disclosure_create(actor=province.users.leader, person=province.users.leader, unit=province.units.dept,
                                   kind=DisclosureKind.COMMITMENT, title="Cam kết", upload=check_upload(name="a.pdf", content=PDF),
                                   window_start=dt.date(2026, 4, 5), window_end=dt.date(2026, 4, 1))
