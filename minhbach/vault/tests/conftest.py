"""Vault test helpers: a canary denunciation whose identity must never leak."""
from types import SimpleNamespace

import pytest

CANARY = SimpleNamespace(
    name="Canaryson Phạm Thị Kim",
    address="Số 77 ngõ Canaryhouse, thôn Bí Mật",
    phone="0987 654 321",
    email="canaryson.kim@example.test",
    id_number="079188123456",
)
# Tokens that must be absent wherever the identity must not be (ASCII ones match any encoding).
CANARY_TOKENS = ["Canaryson", "Canaryhouse", "canaryson.kim", "079188123456", "0987 654 321", "Bí Mật"]


def leaks(text: str | bytes) -> list[str]:
    """The canary tokens found in `text` (raw bytes are checked in UTF-8 and UTF-16/escaped forms too)."""
    if isinstance(text, bytes):
        found = []
        for t in CANARY_TOKENS:
            forms = {t.encode(), t.encode("utf-16-le"), t.encode("unicode_escape"),
                     t.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00")}
            if any(f in text for f in forms):
                found.append(t)
        return found
    return [t for t in CANARY_TOKENS if t in text]


@pytest.fixture
def canary(submit):
    """Submit the canary denunciation through the public path; returns the Receipt."""
    def _make(**kw):
        kw.setdefault("type", "to_cao")
        kw.setdefault("title", "Tố cáo cán bộ địa chính thu tiền trái phép")
        kw.setdefault("content", "Cán bộ địa chính xã thu tiền trái phép khi cấp giấy chứng nhận quyền sử dụng đất.")
        kw.setdefault("category", "tham-nhung")
        return submit(name=CANARY.name, address=CANARY.address, email=CANARY.email, phone=CANARY.phone,
                      id_number=CANARY.id_number, **kw)

    return _make


def _load_rules():
    import importlib

    from django.apps import apps

    importlib.import_module("minhbach.rules.migrations.0002_load_rules").load_rules(apps, None)


@pytest.fixture
def _rules_back_after_flush(django_db_blocker):
    """Set up before `transactional_db`, so torn down after its flush: later tests find the rules as migrations left them."""
    yield
    with django_db_blocker.unblock():
        _load_rules()


@pytest.fixture
def statutory_rules(_rules_back_after_flush, transactional_db):
    """A transactional test starts from a flushed database: reload the rules that migrations load."""
    _load_rules()
