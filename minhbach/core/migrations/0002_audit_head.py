from django.db import migrations, models

GENESIS = "0" * 64


def create_head(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditHead = apps.get_model("core", "AuditHead")
    last = AuditEvent.objects.order_by("-id").first()
    AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": last.hash if last else GENESIS})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("last_hash", models.CharField(max_length=64)),
            ],
            options={"constraints": [models.CheckConstraint(condition=models.Q(("id", 1)), name="audit_head_singleton")]},
        ),
        migrations.RunPython(create_head, migrations.RunPython.noop),
    ]
