"""Schema-driven fuzzing of the whole API: every operation of our OpenAPI document, through the real WSGI app.

Schemathesis reads `/api/openapi.json` from `config.wsgi.application` and, for each operation, sends valid and
invalid requests (boundary values, wrong types, NUL bytes, huge integers, unknown fields, odd headers) to the
same in-process app, on a real database holding a small province with items in several states, a generated
letter and a published register. Anonymous calls reach the public endpoints; staff endpoints are called with a
real bearer token (usually of a provincial leader, who may do everything, sometimes of a clerk, who may not),
and path, query and body values are often swapped for ones that exist so that the handlers run, not only the
validation; now and then a NUL character is slipped into an otherwise plausible value (PostgreSQL cannot take one).
Every response must:

* never be a 5xx (the main check);
* use a status code the document declares for the operation, with the declared content type;
* have a body that validates against the declared schema.

The run is deterministic (Hypothesis seeded with `FUZZ_SEED`, no example database, no constants picked up from the
source tree, the steering drawn from each generated case itself) and bounded
(`FUZZ_EXAMPLES` examples per operation, plus Schemathesis's coverage cases). Run it alone with
`.venv/bin/python -m pytest tests/test_api_fuzz.py -q`.
"""
import copy
import datetime as dt
import hashlib
import random

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

from config.wsgi import application
from minhbach.core import clock

FUZZ_SEED = 20260406
FUZZ_EXAMPLES = 40
NOW = "2026-04-06T10:00:00+07:00"  # a Monday: the province's March register is published, clocks are running
MONTH = "2026-03"

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

CONFIG = SchemathesisConfig.from_dict({
    "seed": FUZZ_SEED,
    "generation": {"mode": "all", "max-examples": FUZZ_EXAMPLES, "database": "none"},
    # Coverage cases (boundaries, wrong types, missing fields) come first; one unexpected method per operation is
    # enough to show that routing refuses it cleanly. No examples in the document, no stateful run (one test each).
    "phases": {"examples": {"enabled": False}, "coverage": {"unexpected-methods": ["DELETE"]},
               "stateful": {"enabled": False}},
    # Inputs come from the seed alone, not from string constants read in the project's source (see below).
    "analysis": {"constants": {"enabled": False}},
})

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.fixture(scope="module", autouse=True)
def inputs_from_the_seed_alone():
    """Hypothesis also mixes in constants found in every local module loaded so far; then the inputs would change
    with any edit anywhere in the tree and with the tests that happened to run before. (Private API of the pinned
    Hypothesis version: if it moves, this fails loudly rather than silently.)"""
    from hypothesis.internal.conjecture import providers

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(providers, "_get_local_constants", lambda: providers.Constants())
        providers.CONSTANTS_CACHE.cache.clear()
        yield
    providers.CONSTANTS_CACHE.cache.clear()


@pytest.fixture
def requests_share_the_test_transaction():
    """Like Django's test client: the app must not close the connection that holds the test's transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(province, categories, submit, settings, requests_share_the_test_transaction):
    """Items in several states (received, accepted, awaiting sign-off or the citizen, answered; a denunciation, an
    anonymous letter), a letter, the department's published March register, and API tokens of a provincial leader
    (who may do everything) and of a clerk (who may not)."""
    from django.core.cache import cache

    from minhbach.accounts.models import ApiToken
    from minhbach.cases.services import case_accept, case_transition, letter_generate
    from minhbach.transparency.services import register_publish

    # The fuzzer submits hundreds of items from one address: the submission limits would answer 429 to almost all.
    settings.MINHBACH_SUBMIT_PER_IP = 0
    settings.MINHBACH_SUBMIT_GLOBAL = 0
    settings.MINHBACH_POW_ENABLED = False  # no proof of work asked for: the fuzzer cannot solve challenges
    cache.clear()
    users, units = province.users, province.units
    with clock.frozen("2026-03-05T10:00:00+07:00"):
        answered = submit()
        case_accept(case=answered.case, actor=users.handler)
        case_transition(case=answered.case, action="record_result", actor=users.handler,
                        data={"result": "Đã kiểm tra và xử phạt cơ sở gây ô nhiễm."})
        case_transition(case=answered.case, action="sign_off", actor=users.leader)
    with clock.frozen("2026-03-20T10:00:00+07:00"):
        denunciation = submit(type="to_cao", title="Tố cáo cán bộ địa chính", category="tham-nhung")
    with clock.frozen(NOW):
        register_publish(unit=units.dept, month=dt.date(2026, 3, 1), actor=users.leader)
        received = submit(type="khieu_nai", title="Khiếu nại quyết định thu hồi đất", category="dat-dai")
        accepted = submit(type="kien_nghi", unit="xa-an-phu", title="Kiến nghị sửa đường", category="dat-dai")
        case_accept(case=accepted.case, actor=users.commune_handler)
        anonymous = submit(type="phan_anh", name="", address="", email="", actor=users.clerk, channel="paper")
        letter = letter_generate(case=accepted.case, actor=users.commune_leader, kind="acceptance")
        to_sign = submit(type="gop_y", title="Góp ý về lịch tiếp dân")
        case_accept(case=to_sign.case, actor=users.handler)
        case_transition(case=to_sign.case, action="record_result", actor=users.handler, data={"result": "Đã tiếp thu."})
        waiting = submit(type="khieu_nai", title="Khiếu nại về bồi thường", category="dat-dai")
        case_accept(case=waiting.case, actor=users.handler)
        case_transition(case=waiting.case, action="request_supplement", actor=users.handler,
                        reason="Bổ sung bản sao quyết định.")
    receipts = [received, accepted, answered, denunciation, to_sign, waiting]
    # As `minhbach api_token create` issues them (after the owner's second factor where their roles require one).
    _leader, leader_token = ApiToken.issue(user=users.province_leader, name="fuzz", second_factor_at=clock.now())
    _clerk, clerk_token = ApiToken.issue(user=users.clerk, name="fuzz", second_factor_at=clock.now())
    return {
        "receipts": [(r.tracking_code, r.access_secret) for r in receipts],
        "ids": [r.case.pk for r in receipts] + [anonymous.case.pk],
        "letters": [letter.pk],
        "units": [u.code for u in vars(units).values()],
        "categories": list(categories),
        "usernames": ["handler", "sub_handler", "commune_handler", "leader", "clerk"],
        "months": [MONTH, "2026-04", "2025-12"],
        "register": (units.dept.code, MONTH),
        "tokens": {"leader": leader_token, "clerk": clerk_token},
    }


STEERED_PARTS = ("path_parameters", "query", "headers", "body")
ITEM_TYPES = ["gop_y", "phan_anh", "kien_nghi", "khieu_nai", "to_cao", "giai_trinh"]


def _chooser(case):
    """A random source that is a pure function of the generated case, so that a failing example replays (and
    shrinks) exactly; Schemathesis's coverage phase only runs when the test draws nothing else from Hypothesis."""
    body = case.body if isinstance(case.body, (dict, list, str, bytes, int, float, bool, type(None))) else "no body"
    seen = repr((case.operation.label, case.path_parameters, case.query, case.headers, body))
    return random.Random(hashlib.sha256(f"{FUZZ_SEED}:{seen}".encode()).digest())


def _insert_nul(rng, containers) -> None:
    """Put a NUL character into one string value, at any depth, of the given dicts (if they hold any)."""
    slots = []

    def walk(node):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(value, str):
                slots.append((node, key))
            else:
                walk(value)

    for container in containers:
        walk(container)
    if slots:
        node, key = rng.choice(slots)
        node[key] = node[key] + "\x00" + node[key]


def _steer(case, world) -> dict:
    """Point the case at things that exist (half the time for each value) and pick the caller; returns the headers."""
    rng = _chooser(case)

    def maybe(value, choices):
        return rng.choice(choices) if rng.random() < 0.5 else value

    headers = {"Accept-Language": rng.choice(["vi", "en"])}
    path = case.path_parameters if isinstance(case.path_parameters, dict) else {}
    if "id" in path:
        path["id"] = maybe(path["id"], world["ids"])
    if "letter_id" in path:
        path["letter_id"] = maybe(path["letter_id"], world["letters"])
    if "tracking_code" in path and rng.random() < 0.5:
        path["tracking_code"], headers["X-Access-Secret"] = rng.choice(world["receipts"])
    query = case.query if isinstance(case.query, dict) else {}
    for name, choices in (("unit", world["units"]), ("month", world["months"]), ("from", world["months"]),
                          ("to", world["months"]), ("scope", ["unit", "province"])):
        if name in query:
            query[name] = maybe(query[name], choices)
    if {"unit", "month"} <= query.keys() and rng.random() < 0.5:  # the published register
        query.update(unit=world["register"][0], month=world["register"][1])
    body = case.body if isinstance(case.body, dict) else {}
    if "title" in body and "content" in body and rng.random() < 0.5:  # a submission the services accept
        body.update(title="Nước thải xả ra kênh", content="Nhà máy xả nước thải chưa xử lý ra kênh thủy lợi.")
        body["submitter"] = {"name": "Nguyễn Văn An", "address": "Thôn 3, xã An Phú"}
    for name, choices in (("type", ITEM_TYPES), ("unit", world["units"]), ("to_unit", world["units"]),
                          ("category", world["categories"]), ("assignee", world["usernames"]),
                          ("into", world["ids"]),
                          ("previous_tracking_code", [code for code, _secret in world["receipts"]])):
        if name in body:
            body[name] = maybe(body[name], choices)
    if rng.random() < 0.2:  # a NUL character in an otherwise plausible request: PostgreSQL cannot take one
        _insert_nul(rng, [path, query, body])
    if case.operation.path.startswith("/api/v1/staff/"):
        caller = rng.choice(["leader", "leader", "leader", "leader", "clerk", "as generated"])
        if caller != "as generated":
            headers["Authorization"] = f"Bearer {world['tokens'][caller]}"
    return headers


@schema.parametrize()
# Inputs follow FUZZ_SEED, the same locally and in CI (whose Hypothesis profile would otherwise derandomise), with no
# example database. The province is built once per operation and shared by its examples on purpose: later examples
# meet the items earlier ones accepted, forwarded, split or closed.
@settings(derandomize=False, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_operation_answers_5xx_and_every_answer_matches_the_document(case, world, db):
    # Generated cases may share their dicts with other cases or run again (coverage cases, a replayed failure): steer
    # copies and put the generated objects back untouched, so that no case ever sees an earlier example's values
    # (tracking codes are random, and the run must not depend on them).
    generated = {part: getattr(case, part) for part in STEERED_PARTS}
    for part, value in generated.items():
        object.__setattr__(case, part, copy.deepcopy(value))  # bypasses Schemathesis's change tracking on purpose
    try:
        with clock.frozen(NOW):
            headers = _steer(case, world)
            case.call_and_validate(headers=headers, checks=CHECKS)
    finally:
        for part, value in generated.items():
            object.__setattr__(case, part, value)


def test_the_values_the_fuzzer_is_steered_to_reach_the_handlers(client, world):
    """If tokens, receipts or the register stopped working, the run above would pass on 401s and 404s alone."""
    leader = {"Authorization": f"Bearer {world['tokens']['leader']}"}
    clerk = {"Authorization": f"Bearer {world['tokens']['clerk']}"}
    item, (code, secret), letter = world["ids"][1], world["receipts"][1], world["letters"][0]
    assert client.get(f"/api/v1/staff/items/{item}", headers=leader).status_code == 200
    assert client.get(f"/api/v1/staff/items/{item}/letters/{letter}", headers=leader).status_code == 200
    accept = client.post(f"/api/v1/staff/items/{world['ids'][0]}/accept", data={}, content_type="application/json",
                         headers=clerk)
    assert accept.status_code == 403
    assert client.get(f"/api/v1/submissions/{code}", headers={"X-Access-Secret": secret}).status_code == 200
    unit, month = world["register"]
    assert client.get(f"/api/v1/register?unit={unit}&month={month}").status_code == 200
    body = {"type": "phan_anh", "title": "Nước thải xả ra kênh", "content": "Nhà máy xả nước thải ra kênh thủy lợi.",
            "unit": unit, "submitter": {"name": "Nguyễn Văn An", "address": "Thôn 3, xã An Phú"}}
    for _ in range(3):  # more than a proof of work or a rate limit would let through in a real flood
        assert client.post("/api/v1/submissions", data=body, content_type="application/json").status_code == 201
