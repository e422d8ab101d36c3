"""A waiting submission never holds a tracking code that an item already has (enforced by the database).

The submission's INSERT is the hot path of a burst: a trigger checks the item table on the unique index and refuses
the row as a unique violation (the service then draws another code), where a separate SELECT would cost a round trip
and an INSERT … SELECT … WHERE NOT EXISTS a planner run on every submission.
"""
from django.db import migrations

PG_FORWARD = """
CREATE FUNCTION cases_intake_code_free() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM cases_case WHERE tracking_code = NEW.tracking_code) THEN
    RAISE EXCEPTION 'tracking code held by an item' USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cases_intake_code_free BEFORE INSERT OR UPDATE OF tracking_code ON cases_intake
  FOR EACH ROW EXECUTE FUNCTION cases_intake_code_free();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS cases_intake_code_free ON cases_intake;
DROP FUNCTION IF EXISTS cases_intake_code_free();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER cases_intake_code_free_insert BEFORE INSERT ON cases_intake
       WHEN EXISTS (SELECT 1 FROM cases_case WHERE tracking_code = NEW.tracking_code)
       BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: tracking code held by an item'); END""",
    """CREATE TRIGGER cases_intake_code_free_update BEFORE UPDATE OF tracking_code ON cases_intake
       WHEN EXISTS (SELECT 1 FROM cases_case WHERE tracking_code = NEW.tracking_code)
       BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: tracking code held by an item'); END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS cases_intake_code_free_insert",
                   "DROP TRIGGER IF EXISTS cases_intake_code_free_update"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_intake_unit_without_index")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
