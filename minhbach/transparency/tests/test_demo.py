"""The demo publishing runs over existing items, publishes something of every kind, and can run twice."""
import datetime as dt

from minhbach.core import clock
from minhbach.core.models import AuditEvent
from minhbach.transparency import selectors
from minhbach.transparency.demo import load_demo_transparency
from minhbach.transparency.models import (
    Disclosure, Publication, PublicationKind, ReceptionSchedule, RegisterMonth, RegisterScope, UrgeNotice,
)


def test_demo_publishing_covers_every_kind_and_is_idempotent(march):
    today = dt.date(2026, 5, 10)
    with clock.frozen("2026-05-10T08:00:00+07:00"):
        report = load_demo_transparency(today=today, months=3)
        again = load_demo_transparency(today=today, months=3)
    moments = list(AuditEvent.objects.order_by("id").values_list("at", flat=True))
    assert moments == sorted(moments)  # nothing is written in the past
    months = set(RegisterMonth.objects.filter(scope=RegisterScope.UNIT).values_list("unit__code", "month"))
    assert months == {("so-tnmt", dt.date(2026, 3, 1))}  # the only unit and month with items
    assert RegisterMonth.objects.filter(scope=RegisterScope.PROVINCE).count() == 3
    assert set(Publication.objects.values_list("kind", flat=True)) == set(PublicationKind.values)
    with clock.frozen("2026-05-10T08:00:00+07:00"):
        assert [p.title for p in selectors.publications_public(archive=True)] == ["Kế hoạch tiếp công dân quý III"]
        assert selectors.publications_public().count() == len(PublicationKind.values)
    assert Disclosure.objects.exists() and ReceptionSchedule.objects.filter(rule_code="T2").exists()
    assert UrgeNotice.objects.count() == 1 and report.corrections >= 1
    assert (again.registers, again.provincial, again.publications, again.urges) == (0, 0, 0, 0)
