"""Shared by migrations that make SQLite rebuild the intake table (which drops the triggers of 0007)."""
import importlib

_0007 = importlib.import_module("minhbach.cases.migrations.0007_intake_code_never_an_items")


def sqlite_intake_triggers_back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _0007.backward(apps, schema_editor)
        _0007.forward(apps, schema_editor)
