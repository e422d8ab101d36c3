"""The permission matrix: role × item in the same unit / a descendant / an ancestor / a sibling / elsewhere."""
import pytest

from minhbach.cases import policies, selectors
from minhbach.cases.models import Case
from minhbach.core.errors import NotFound
from minhbach.cases.services.workflow import case_get_for_action


@pytest.fixture
def items(province, submit):
    u = province.units
    return {
        "same": submit(unit="so-tnmt").case,           # the department itself
        "descendant": submit(unit="chi-cuc-mt").case,  # a unit under it
        "ancestor": submit(unit="ubnd-tinh").case,     # the province root above it
        "sibling": submit(unit="so-xd").case,          # another department
        "commune": submit(unit="xa-an-phu").case,      # unrelated branch
        "_units": u,
    }


# role → (username, expected view reach over same/descendant/ancestor/sibling/commune)
MATRIX = {
    "clerk": ("clerk", {"same": True, "descendant": True, "ancestor": False, "sibling": False, "commune": False}),
    "handler": ("handler", {"same": True, "descendant": True, "ancestor": False, "sibling": False, "commune": False}),
    "leader": ("leader", {"same": True, "descendant": True, "ancestor": False, "sibling": False, "commune": False}),
    "sub_handler": ("sub_handler", {"same": False, "descendant": True, "ancestor": False, "sibling": False, "commune": False}),
    "provincial_office": ("office", {"same": True, "descendant": True, "ancestor": True, "sibling": True, "commune": True}),
    "admin_at_root": ("admin", {"same": True, "descendant": True, "ancestor": True, "sibling": True, "commune": True}),
    "custodian": ("custodian", {k: False for k in ("same", "descendant", "ancestor", "sibling", "commune")}),
    "home_affairs": ("home", {k: False for k in ("same", "descendant", "ancestor", "sibling", "commune")}),
    "front_liaison": ("front", {k: False for k in ("same", "descendant", "ancestor", "sibling", "commune")}),
}


@pytest.mark.parametrize("role", MATRIX)
def test_view_reach_follows_the_tree(role, province, items):
    username, expected = MATRIX[role]
    user = getattr(province.users, username)
    visible = set(selectors.case_list(user=user, filter="all").values_list("pk", flat=True))
    for where, allowed in expected.items():
        assert policies.can(user, "view", items[where]) is allowed, (role, where)
        assert (items[where].pk in visible) is allowed, (role, where)


@pytest.mark.parametrize("action,clerk,handler,leader,office", [
    ("accept", False, True, True, False),
    ("refuse", False, True, True, False),
    ("forward", False, True, True, False),
    ("assign", False, False, True, False),
    ("extend", False, False, True, False),
    ("sign_off", False, False, True, False),
    ("reopen", False, False, True, False),
    ("note", True, True, True, True),
    ("urge", False, False, False, True),
])
def test_actions_per_role_in_the_same_unit(action, clerk, handler, leader, office, province, items):
    case = items["same"]
    users = province.users
    assert policies.can(users.clerk, action, case) is clerk
    assert policies.can(users.handler, action, case) is handler
    assert policies.can(users.leader, action, case) is leader
    assert policies.can(users.office, action, case) is office


def test_sibling_handler_cannot_act_on_an_item_even_by_id(province, items):
    with pytest.raises(NotFound):
        case_get_for_action(user=province.users.commune_handler, case_id=items["same"].pk, action="accept")


def test_forbidden_and_missing_items_raise_the_same_error(province, items):
    missing_id = Case.objects.order_by("-pk").first().pk + 1000
    with pytest.raises(NotFound) as forbidden:
        case_get_for_action(user=province.users.commune_handler, case_id=items["same"].pk)
    with pytest.raises(NotFound) as missing:
        case_get_for_action(user=province.users.commune_handler, case_id=missing_id)
    assert str(forbidden.value) == str(missing.value)


def test_anonymous_user_sees_nothing(province, items):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.case_list(user=AnonymousUser(), filter="all").exists()
    assert not policies.can(AnonymousUser(), "view", items["same"])
