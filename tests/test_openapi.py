"""The OpenAPI document is served, describes every operation and its errors, and matches the committed snapshot.

Regenerate the snapshot after an intended API change with `UPDATE_SNAPSHOTS=1 pytest tests/test_openapi.py`.
"""
import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).with_name("openapi_snapshot.json")
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(client, db):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
    return r.json()


def _operations(document):
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", op


def test_every_operation_has_a_summary_and_a_description(document):
    ops = dict(_operations(document))
    assert len(ops) >= 30
    missing = [name for name, op in ops.items() if not op.get("summary") or not op.get("description")]
    assert missing == []


def test_every_operation_declares_its_error_responses_with_the_error_shape(document):
    error_ref = "#/components/schemas/ErrorOut"
    for name, op in _operations(document):
        errors = {code: resp for code, resp in op["responses"].items() if code.startswith("4")}
        assert errors, f"{name} declares no error response"
        for code, resp in errors.items():
            assert resp["content"]["application/json"]["schema"] == {"$ref": error_ref}, (name, code)
        if op.get("security"):
            assert "401" in errors, f"{name} needs authentication but does not declare 401"
            if name.startswith("POST"):
                assert "403" in errors, f"{name} can fail the session's CSRF check but does not declare 403"
        if "requestBody" in op:
            assert "400" in errors, f"{name} takes a body but does not declare 400"
        if any(p["in"] == "path" for p in op.get("parameters", [])):
            assert "404" in errors, f"{name} names an object but does not declare 404"


def test_staff_operations_require_the_staff_auth_and_public_ones_do_not(document):
    for name, op in _operations(document):
        if "/api/v1/staff/" in name:
            assert op["security"] == [{"StaffAuth": []}] and op["tags"] == ["staff"], name
        else:
            assert "security" not in op, name
    scheme = document["components"]["securitySchemes"]["StaffAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"


def test_the_document_matches_the_committed_snapshot(document):
    rendered = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert SNAPSHOT.exists(), "run with UPDATE_SNAPSHOTS=1 to write tests/openapi_snapshot.json"
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == document, (
        "the API changed: review the difference and regenerate with UPDATE_SNAPSHOTS=1")
