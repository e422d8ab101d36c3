"""A denunciation never reaches the unit or official it denounces: recorded at classification, checked against the tree."""
import pytest
from django.urls import reverse

from minhbach.cases.models import Case
from minhbach.cases.services import case_accept, case_assign, case_forward
from minhbach.core.errors import DomainError, PermissionDenied
from minhbach.core.models import AuditEvent
from minhbach.vault import selectors, services


@pytest.fixture
def denunciation(submit):
    return submit(type="to_cao", unit="so-tnmt", category="tham-nhung").case


def test_denunciation_against_a_unit_is_never_accepted_there_nor_forwarded_below_it(province, denunciation):
    u, users = province.units, province.users
    case = services.case_set_denounced(case=denunciation, actor=users.handler, unit=u.dept, reason="Tố cáo Sở")
    assert case._conflict and AuditEvent.objects.filter(verb="vault.denounced_recorded").exists()
    with pytest.raises(DomainError) as exc:
        case_accept(case=case, actor=users.handler)
    assert exc.value.code == "conflict_of_interest"
    with pytest.raises(DomainError):
        case_forward(case=case, actor=users.handler, to_unit=u.dept_sub)
    assert selectors.denunciation_competent_unit(case=case) == u.root
    new = case_forward(case=case, actor=users.handler, to_unit=u.root, reason="Cấp trên trực tiếp")
    assert new.denounced_unit == u.dept
    case_accept(case=new, actor=users.province_leader)


def test_denunciation_against_a_units_head_goes_to_the_head_of_the_superior_body(province, denunciation):
    u, users = province.units, province.users
    case = services.case_set_denounced(case=denunciation, actor=users.handler, person=users.leader)
    with pytest.raises(DomainError):
        case_accept(case=case, actor=users.handler)
    with pytest.raises(DomainError):  # nor a unit under the head's unit
        case_forward(case=case, actor=users.handler, to_unit=u.dept_sub)
    assert selectors.denunciation_competent_unit(case=case) == u.root
    new = case_forward(case=case, actor=users.handler, to_unit=u.root, reason="Tố cáo người đứng đầu Sở")
    case_accept(case=new, actor=users.province_leader)


def test_denunciation_against_a_named_official_is_never_assigned_to_them(province, denunciation):
    users = province.users
    case = services.case_set_denounced(case=denunciation, actor=users.leader, person=users.handler)
    assert selectors.denunciation_competent_unit(case=case) is None  # not a head: the unit itself may resolve it
    with pytest.raises(DomainError):
        case_assign(case=case, actor=users.leader, assignee=users.handler)
    case_assign(case=case, actor=users.leader, assignee=users.sub_handler)
    case_accept(case=Case.objects.get(pk=case.pk), actor=users.leader)


def test_a_sibling_unit_may_handle_a_denunciation_against_another_unit(province, submit):
    u, users = province.units, province.users
    case = submit(type="to_cao", unit="so-xd", category="tham-nhung").case
    from minhbach.orgs.models import Membership, Role

    Membership.objects.create(user=users.handler, unit=u.dept2, role=Role.HANDLER)
    users.handler._mb_grants = None
    case = services.case_set_denounced(case=case, actor=users.handler, unit=u.dept)
    assert not case._conflict
    case_accept(case=case, actor=users.handler)


def test_only_handlers_of_a_denunciation_record_the_denounced_and_the_form_shows_the_conflict(client, province, denunciation, submit):
    u, users = province.units, province.users
    with pytest.raises(PermissionDenied):
        services.case_set_denounced(case=denunciation, actor=users.clerk, unit=u.dept)
    with pytest.raises(PermissionDenied):  # only denunciations
        services.case_set_denounced(case=submit(type="phan_anh").case, actor=users.handler, unit=u.dept)
    client.force_login(users.handler)
    url = reverse("vault:denounced", args=[denunciation.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"denounced_unit": u.dept.pk, "denounced_person": users.leader.pk, "reason": "Theo đơn"})
    assert r.status_code == 302
    case = Case.objects.get(pk=denunciation.pk)
    assert (case.denounced_unit, case.denounced_person) == (u.dept, users.leader)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert u.root.name in page  # the competent body is named
    assert reverse("vault:denounced", args=[case.pk]) in client.get(reverse("cases:item", args=[case.pk])).content.decode()
