"""Every route has an access rule: a new page or API operation cannot ship without one.

Walks every URL pattern (Django's, the admin's and django-ninja's) and every operation of /api/openapi.json, and
calls each as an anonymous visitor and as a user of each role, with path parameters naming objects the user may
not see (an item of another unit) or that do not exist (999999). Nothing may answer 5xx; and anything not in the
explicit PUBLIC allow-lists below must refuse an anonymous visitor: a redirect to a login page, 401, 403 or 404.
A route that answers GET with 405 is tried with POST too.

Adding a route: protect it, or — if citizens must reach it without an account — add it to PUBLIC with a reason.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from minhbach.accounts.testing import login_verified

# Django routes (by namespaced name) that anyone may open without an account.
PUBLIC = {
    "healthz",                                            # load balancer health check
    "api:openapi-json", "api:openapi-view", "api:api-root",  # API description (no data)
    "set_language",                                       # language switch
    "accounts:login", "accounts:logout", "admin:login", "admin:logout",  # logging in and out
    # The citizen portal: submit, follow with the receipt, and what is published.
    "portal:home", "portal:submit", "portal:receipt", "portal:track", "portal:item", "portal:forget",
    "portal:register_index", "portal:register_unit", "portal:register_month", "portal:register_month_csv",
    "portal:register_month_json", "portal:register_entry", "portal:register_province", "portal:register_province_csv",
    "portal:register_province_json", "portal:publications", "portal:publication", "portal:publication_document",
    "portal:directory", "portal:disclosure_document", "portal:directory_unit", "portal:stats", "portal:stats_csv",
    "portal:stats_json", "portal:search",
}
# API operations (method, OpenAPI path) that need no account.
PUBLIC_API = {
    ("POST", "/api/v1/submissions"),                             # submit an item
    ("GET", "/api/v1/submissions/challenge"),                    # a proof-of-work challenge for submitting
    ("GET", "/api/v1/submissions/{tracking_code}"),              # follow it with the receipt
    ("POST", "/api/v1/submissions/{tracking_code}/messages"),    # reply with the receipt
    ("GET", "/api/v1/register"),                                 # the published register
    ("GET", "/api/v1/stats"),                                    # published statistics
}
# Django URL patterns that django-ninja serves and that are not operations of the OpenAPI document.
API_NON_OPERATIONS = {"api:openapi-json", "api:openapi-view", "api:api-root"}

# One user of each role (orgs.models.Role), all from the `province` fixture.
ROLE_USERS = ["clerk", "handler", "leader", "office", "inspector", "custodian", "home", "front", "admin"]
MISSING = 999999
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
REFUSED = {401, 403, 404}
# Regex patterns cannot be filled from their converters: a concrete path for each.
REGEX_PATHS = {"admin:app_list": "admin/accounts/", "admin:": "admin/no-such-page/"}


def _walk(patterns, prefix="", ns=""):
    """(route template, namespaced name, is_regex) for every pattern, resolvers included recursively."""
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            name = f"{ns}:{p.name or ''}" if ns else (p.name or "")
            yield prefix + str(p.pattern), name, isinstance(p.pattern, RegexPattern) or "(?P<" in prefix


def _fill(template: str, values: dict[str, object]) -> str:
    def one(m):
        name = m.group(2)
        return str(values.get(name, MISSING))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", one, template).lstrip("^").rstrip("$")


def _openapi_fill(path: str, values: dict[str, object]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), MISSING)), path)


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].split("?")[0].endswith(LOGIN_PATHS)


@pytest.fixture
def world(province, submit):
    """An item of a unit none of the sample department users belongs to, and parameters naming it."""
    cache.clear()
    other = submit(unit="so-xd", title="Công trình xây dựng trái phép").case
    # An R4 retention run whose report holds that item (the retention pages are read by office, inspector, admin).
    from minhbach.cases.models import RetentionReason, RetentionRecord, RetentionRun

    run = RetentionRun.objects.create(as_of=dt.date(2026, 1, 5), decided_on_or_before=dt.date(2025, 1, 4))
    RetentionRecord.objects.create(run=run, case=other, tracking_code=other.tracking_code, type=other.type,
                                   decision="archived", decided_on=dt.date(2025, 1, 2), unit=other.unit,
                                   reason=RetentionReason.INELIGIBLE)
    values = {"case_id": other.pk, "id": other.pk, "unit_code": "so-xd", "root_code": "ubnd-tinh", "month": "2026-01",
              "action": "publish", "tracking_code": "PA-2026-999999", "content_type_id": MISSING, "object_id": MISSING,
              "run_id": run.pk}
    yield province, values
    cache.clear()


def _django_routes(values):
    routes = []
    for template, name, is_regex in _walk(get_resolver().url_patterns):
        if template.startswith("api/") and name not in API_NON_OPERATIONS:
            continue  # API operations are checked from the OpenAPI document (with their own methods)
        path = "/" + REGEX_PATHS[name] if is_regex else _fill(template, values)
        routes.append((name, template, path))
    return routes


def _api_operations(client) -> list[tuple[str, str]]:
    spec = client.get("/api/openapi.json").json()
    return [(method.upper(), path) for path, ops in spec["paths"].items() for method in ops
            if method in {"get", "post", "put", "patch", "delete"}]


def _call(client, method: str, path: str):
    if method == "GET":
        return client.get(path)
    return client.generic(method, path, data="{}", content_type="application/json")


@pytest.mark.django_db
def test_every_route_has_an_access_rule_and_none_fails(world):
    province, values = world
    anon = Client()
    routes = _django_routes(values)
    operations = _api_operations(anon)
    names = {name for name, _t, _p in routes}
    problems: list[str] = []

    # The allow-lists name only what exists.
    problems += [f"PUBLIC names no route: {n}" for n in sorted(PUBLIC - names)]
    problems += [f"PUBLIC_API names no operation: {m} {p}" for m, p in sorted(PUBLIC_API - set(operations))]
    # Every django-ninja route is an operation of the OpenAPI document (nothing hidden from this check).
    api_paths = {p for _m, p in operations}
    for template, name, _r in _walk(get_resolver().url_patterns):
        if template.startswith("api/") and name not in API_NON_OPERATIONS:
            as_openapi = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", template)
            if as_openapi not in api_paths:
                problems.append(f"API route missing from /api/openapi.json: {as_openapi} ({name})")

    # Anonymous.
    for name, template, path in routes:
        r = anon.get(path)
        if r.status_code == 405:
            r = anon.post(path)
        if r.status_code >= 500:
            problems.append(f"anonymous GET {path} ({name}) → {r.status_code}")
        elif name not in PUBLIC and not (_is_login_redirect(r) or r.status_code in REFUSED):
            problems.append(f"unclassified route {template} ({name}): anonymous → {r.status_code}; "
                            "protect it or add it to PUBLIC")
    for method, op_path in operations:
        r = _call(anon, method, _openapi_fill(op_path, values))
        if r.status_code >= 500:
            problems.append(f"anonymous {method} {op_path} → {r.status_code}")
        elif (method, op_path) not in PUBLIC_API and r.status_code not in REFUSED:
            problems.append(f"unclassified API operation {method} {op_path}: anonymous → {r.status_code}; "
                            "protect it or add it to PUBLIC_API")

    # Each role: never a server error, whatever it asks for. (The admin site only for the administrator.)
    for username in ROLE_USERS:
        client = Client()
        login_verified(client, getattr(province.users, username))  # past the TOTP step where the role requires it
        for name, _template, path in routes:
            if name.startswith("admin:") and username != "admin":
                continue
            if name == "accounts:logout":
                continue  # would end the session the rest of the loop uses
            r = client.get(path)
            if r.status_code >= 500:
                problems.append(f"{username} GET {path} ({name}) → {r.status_code}")
        for method, op_path in operations:
            r = _call(client, method, _openapi_fill(op_path, values))
            if r.status_code >= 500:
                problems.append(f"{username} {method} {op_path} → {r.status_code}")

    assert not problems, "\n".join(problems)


# Staff routes readable by some roles only: (namespaced name) → the roles that get 200; every other role is refused.
ROLE_ONLY = {
    "cases:retention_runs": {"office", "inspector", "admin"},      # R4 retention runs
    "cases:retention_run": {"office", "inspector", "admin"},       # one run's report
    "cases:retention_run_csv": {"office", "inspector", "admin"},   # its CSV export
}


@pytest.mark.django_db
def test_role_only_routes_answer_their_roles_and_refuse_the_others(world):
    province, values = world
    routes = {name: path for name, _template, path in _django_routes(values)}
    problems = [f"ROLE_ONLY names no route: {n}" for n in sorted(set(ROLE_ONLY) - set(routes))]
    for username in ROLE_USERS:
        client = Client()
        login_verified(client, getattr(province.users, username))
        for name, allowed in ROLE_ONLY.items():
            status = client.get(routes[name]).status_code
            if (status == 200) != (username in allowed) or (username not in allowed and status not in REFUSED):
                problems.append(f"{username} GET {routes[name]} ({name}) → {status}")
    assert not problems, "\n".join(problems)
