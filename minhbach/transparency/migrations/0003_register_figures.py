"""Stored monthly figures: the sums of each published unit register's entries in all, per type and per category.

The statistics, the league table and the register pages summed every published entry on every request (p95
350–1,200 ms at 200,000 entries, growing with the register); they now sum these rows. The backfill is one
INSERT … SELECT … GROUP BY per dimension, done inside the database, so it stays a matter of seconds on a
register of millions of entries; the services and `demo generate` keep the rows current from then on.
"""
import django.db.models.deletion
import django.db.models.expressions
from django.db import migrations, models

# (dimension, the entries' column it is keyed by; None: one row per register)
DIMENSIONS = (("total", None), ("type", "type"), ("category", "category_name"))


def backfill(apps, schema_editor):
    figure = apps.get_model("transparency", "RegisterFigure")._meta.db_table
    entry = apps.get_model("transparency", "RegisterEntry")._meta.db_table
    month = apps.get_model("transparency", "RegisterMonth")._meta.db_table
    qn = schema_editor.connection.ops.quote_name
    for dimension, column in DIMENSIONS:
        key, group = (f"e.{qn(column)}", f", e.{qn(column)}") if column else ("%s", "")
        # The same definition as `services.register_figures_refresh` (and the entry-by-entry count it replaces).
        schema_editor.execute(
            f"INSERT INTO {qn(figure)} (register_id, unit_id, month, dimension, {qn('key')}, received, handled, "
            f"on_time, overdue, days_total, days_count) "
            f"SELECT e.register_id, r.unit_id, r.month, %s, {key}, COUNT(*), "
            f"SUM(CASE WHEN e.handled THEN 1 ELSE 0 END), SUM(CASE WHEN e.on_time THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN e.overdue THEN 1 ELSE 0 END), COALESCE(SUM(e.days_to_answer), 0), COUNT(e.days_to_answer) "
            f"FROM {qn(entry)} e JOIN {qn(month)} r ON r.id = e.register_id "
            f"GROUP BY e.register_id, r.unit_id, r.month{group}",
            [dimension] if column else [dimension, ""],
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ANALYZE {qn(figure)}")


def clear(apps, schema_editor):
    apps.get_model("transparency", "RegisterFigure").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0001_initial"),
        ("transparency", "0002_register_entry_search_trgm"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegisterFigure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField(verbose_name="month")),
                ("dimension", models.CharField(choices=[("total", "Total"), ("type", "Type"), ("category", "Category")],
                                                max_length=8)),
                ("key", models.CharField(blank=True, max_length=150)),
                ("received", models.PositiveIntegerField(default=0)),
                ("handled", models.PositiveIntegerField(default=0)),
                ("on_time", models.PositiveIntegerField(default=0)),
                ("overdue", models.PositiveIntegerField(default=0)),
                ("days_total", models.PositiveIntegerField(default=0)),
                ("days_count", models.PositiveIntegerField(default=0)),
                ("register", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="stored_figures",
                                               to="transparency.registermonth")),
                ("unit", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                           to="orgs.orgunit")),
            ],
            options={
                "verbose_name": "stored register figures",
                "verbose_name_plural": "stored register figures",
                "indexes": [models.Index(fields=["dimension", "month"], name="register_figure_dim_month_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("register", "dimension", "key"), name="register_figure_unique"),
                    models.CheckConstraint(
                        condition=models.Q(("handled__lte", models.F("received")),
                                           ("days_count__lte", models.F("received")),
                                           ("on_time__lte", django.db.models.expressions.CombinedExpression(
                                               models.F("received"), "-", models.F("overdue")))),
                        name="register_figure_consistent"),
                ],
            },
        ),
        migrations.RunPython(backfill, clear),
    ]
