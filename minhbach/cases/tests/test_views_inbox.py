"""The inbox: filters, search, pagination, and a bounded number of queries."""
import datetime as dt

from django.urls import reverse

from minhbach.cases.models import Case
from minhbach.core import clock


def test_inbox_with_30_items_runs_a_bounded_number_of_queries(client, province, submit, django_assert_max_num_queries):
    for i in range(30):
        submit(title=f"Phản ánh số {i}")
    Case.objects.filter(pk__in=Case.objects.values("pk")[:10]).update(assignee=province.users.handler)
    client.force_login(province.users.leader)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("cases:inbox"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="code" href="/staff/items/') == 30
    assert province.users.handler.display_name in html


def test_inbox_filter_links_mark_the_current_one(client, province, submit):
    submit()
    client.force_login(province.users.handler)
    html = client.get(reverse("cases:inbox"), {"filter": "overdue"}).content.decode()
    assert 'href="?filter=overdue" aria-current="page"' in html
    assert 'href="?filter=open" aria-current' not in html


def test_inbox_searches_by_tracking_code_and_title(client, province, submit):
    a = submit(title="Đường hỏng ở thôn 2").case
    b = submit(title="Rác thải ven sông").case
    client.force_login(province.users.handler)
    html = client.get(reverse("cases:inbox"), {"q": b.tracking_code.lower().replace("-", " ")}).content.decode()
    assert b.tracking_code in html and a.tracking_code not in html
    html = client.get(reverse("cases:inbox"), {"q": "hỏng"}).content.decode()
    assert a.tracking_code in html and b.tracking_code not in html


def test_inbox_type_filter(client, province, submit):
    a = submit(type="gop_y").case
    b = submit(type="khieu_nai").case
    client.force_login(province.users.handler)
    html = client.get(reverse("cases:inbox"), {"type": "khieu_nai"}).content.decode()
    assert b.tracking_code in html and a.tracking_code not in html


def test_inbox_shows_overdue_badge_with_the_rule(client, province, submit):
    case = submit().case
    Case.objects.filter(pk=case.pk).update(due_date=clock.today() - dt.timedelta(days=2))
    client.force_login(province.users.handler)
    html = client.get(reverse("cases:inbox"), {"filter": "overdue"}).content.decode()
    assert case.tracking_code in html
    assert 'class="badge overdue"' in html and "rule R2" in html


def test_inbox_paginates_by_50(client, province, submit):
    first = submit().case
    clone = {f.attname: getattr(first, f.attname) for f in Case._meta.concrete_fields if f.attname != "id"}
    Case.objects.bulk_create([Case(**{**clone, "tracking_code": f"MB26-T{i:07d}"}) for i in range(55)])
    client.force_login(province.users.handler)
    page1 = client.get(reverse("cases:inbox")).content.decode()
    assert page1.count('class="code" href="/staff/items/') == 50
    assert "Page 1 of 2" in page1 and 'href="?page=2"' in page1
    page2 = client.get(reverse("cases:inbox"), {"page": 2}).content.decode()
    assert page2.count('class="code" href="/staff/items/') == 6
    assert client.get(reverse("cases:inbox"), {"page": "zzz"}).status_code == 200


def test_unknown_filter_falls_back_to_open(client, province, submit):
    case = submit().case
    client.force_login(province.users.handler)
    response = client.get(reverse("cases:inbox"), {"filter": "<script>", "type": "nope"})
    assert response.status_code == 200
    assert case.tracking_code in response.content.decode()
