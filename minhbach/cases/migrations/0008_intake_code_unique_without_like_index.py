"""The intake's code stays unique without PostgreSQL's extra LIKE index (one index fewer per submission).

SQLite rebuilds the table to alter the field, which drops its triggers: the code-is-not-an-item's trigger of 0007 is
put back.
"""
from django.db import migrations, models

from minhbach.cases.migrations._triggers import sqlite_intake_triggers_back


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0007_intake_code_never_an_items'),
        ('orgs', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='intake',
            name='tracking_code',
            field=models.CharField(max_length=20),
        ),
        migrations.AddConstraint(
            model_name='intake',
            constraint=models.UniqueConstraint(fields=('tracking_code',), name='cases_intake_code_unique'),
        ),
        migrations.RunPython(sqlite_intake_triggers_back, migrations.RunPython.noop, elidable=False),
    ]
