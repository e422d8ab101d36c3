"""A waiting submission's unit without a foreign-key constraint: no lookup and no row lock per submission.

SQLite rebuilds the table to alter the field, which drops its triggers: the code-is-not-an-item's trigger of 0007 is
put back (as in 0008).
"""
import django.db.models.deletion
from django.db import migrations, models

from minhbach.cases.migrations._triggers import sqlite_intake_triggers_back


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_intake_code_unique_without_like_index'),
        ('orgs', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='intake',
            name='unit',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='orgs.orgunit'),
        ),
        migrations.RunPython(sqlite_intake_triggers_back, migrations.RunPython.noop, elidable=False),
    ]
