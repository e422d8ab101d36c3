"""Helpers for the test suite (no test framework imports here)."""
import importlib

DATA_MIGRATIONS = (
    ("minhbach.rules.migrations.0002_load_rules", "load_rules"),
    ("minhbach.cases.migrations.0002_letter_templates", "load"),
    ("minhbach.core.migrations.0002_audit_head", "create_head"),
)


def restore_migration_data() -> None:
    """Reload the rows data migrations put in (rules, letter templates, the audit head); each loader is idempotent."""
    from django.apps import apps

    from minhbach.rules import selectors as rule_selectors

    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    rule_selectors.cache_clear()
