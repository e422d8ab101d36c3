"""Who may publish: only the unit's own leader signs its month; the provincial office consolidates and urges;
staff pages answer 404 to everyone else."""
import pytest
from django.test import Client

from minhbach.core import clock
from minhbach.core.errors import PermissionDenied
from minhbach.core.models import AuditEvent, OutboxMessage
from minhbach.transparency import services
from minhbach.transparency.models import RegisterMonth, UrgeNotice
from minhbach.transparency.tests.conftest import AFTER, MONTH


def _client(user):
    c = Client(headers={"accept-language": "en"})
    c.force_login(user)
    return c


@pytest.mark.parametrize("who", ["handler", "clerk", "commune_leader", "office", "province_leader", "admin", "inspect_leader"])
def test_only_the_units_own_leader_signs_its_month_off(march, who):
    with clock.frozen(AFTER), pytest.raises(PermissionDenied):
        services.register_publish(unit=march.unit, month=MONTH, actor=getattr(march.users, who))
    assert not RegisterMonth.objects.exists()


@pytest.mark.parametrize("who", ["handler", "commune_leader", "office", "province_leader"])
def test_the_review_page_is_not_found_for_anyone_else(march, who):
    with clock.frozen(AFTER):
        r = _client(getattr(march.users, who)).get(f"/staff/publishing/so-theo-doi/{march.unit.code}/2026-03/")
    assert r.status_code == 404


def test_the_leader_reviews_and_signs_off_from_the_page(march):
    c = _client(march.users.leader)
    url = f"/staff/publishing/so-theo-doi/{march.unit.code}/2026-03/"
    with clock.frozen(AFTER):
        page = c.get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert "Stripped from the title" in body
        data = {f"summary_{march.answered.pk}": "Phản ánh ô nhiễm đất đai ở thôn", f"result_{march.answered.pk}": "Đã xử phạt",
                "action": "publish"}
        r = c.post(url, data)
    assert r.status_code == 302 and r["Location"] == f"/so-theo-doi/{march.unit.code}/2026-03/"
    register = RegisterMonth.objects.get()
    assert register.entries.get(case=march.answered).summary == "Phản ánh ô nhiễm đất đai ở thôn"


def test_the_office_publishes_the_province_and_unit_leaders_cannot(published):
    root = published.province.units.root
    for who in ["leader", "province_leader", "handler"]:
        with clock.frozen(AFTER), pytest.raises(PermissionDenied):
            services.province_publish(root=root, month=MONTH, actor=getattr(published.users, who))
        with clock.frozen(AFTER):
            assert _client(getattr(published.users, who)).get(f"/staff/publishing/van-phong/{root.code}/").status_code == 404
    with clock.frozen(AFTER):
        reg = services.province_publish(root=root, month=MONTH, actor=published.users.office)
    assert list(reg.included.all()) == [published.register]
    assert reg.missing_units == []  # only the department received items in March


def test_the_office_sees_every_agency_and_urges_one(published):
    root = published.province.units.root
    c = _client(published.users.office)
    with clock.frozen(AFTER):
        page = c.get(f"/staff/publishing/van-phong/{root.code}/?month=2026-03")
        assert page.status_code == 200 and published.overdue.tracking_code in page.content.decode()
        r = c.post(f"/staff/publishing/don-doc/{published.unit.code}/",
                   {"text": "Đề nghị giải quyết dứt điểm các vụ việc quá hạn trước 15/4.", "month": "2026-03"})
    assert r.status_code == 302
    notice = UrgeNotice.objects.get()
    assert notice.unit == published.unit and notice.overdue_count == 2  # the report and the denunciation
    assert AuditEvent.objects.filter(verb="urge", object_type="orgs.orgunit", object_id=str(published.unit.pk)).exists()
    assert OutboxMessage.objects.filter(recipient_user=published.users.leader, subject__contains=published.unit.name).exists()
    # Shown on the agency's public figures.
    with clock.frozen(AFTER):
        body = Client().get(f"/so-theo-doi/{published.unit.code}/").content.decode()
    assert "Đề nghị giải quyết dứt điểm" in body


def test_a_unit_leader_cannot_urge(published):
    with clock.frozen(AFTER), pytest.raises(PermissionDenied):
        services.unit_urge(unit=published.province.units.commune, actor=published.users.leader, text="Đôn đốc")
    with clock.frozen(AFTER):
        r = _client(published.users.leader).post(f"/staff/publishing/don-doc/{published.province.units.commune.code}/",
                                                 {"text": "Đôn đốc"})
    assert r.status_code == 404 and not UrgeNotice.objects.exists()


def test_corrections_only_by_the_units_leader(published):
    entry = published.register.entries.first()
    with pytest.raises(PermissionDenied):
        services.register_correct(entry=entry, actor=published.users.office, field="summary", value="x", reason="y")
    r = _client(published.users.commune_leader).post(f"/staff/publishing/so-theo-doi/muc/{entry.pk}/dinh-chinh/",
                                                     {"field": "summary", "value": "x", "reason": "y"})
    assert r.status_code == 404
