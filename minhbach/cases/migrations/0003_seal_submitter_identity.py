"""Seal the sender's identity: name, address, phone, e-mail, ID number and organisation move into one encrypted blob.

Existing rows are encrypted in place (per-item data key, wrapped by the vault's master key), then the clear
columns are dropped. After migrating a database that already held identities, reclaim the freed pages so no old
plaintext survives in the file: `minhbach vault compact` (SQLite VACUUM) or VACUUM FULL on PostgreSQL.
"""
from django.db import migrations, models

FIELDS = ("name", "address", "phone", "email", "id_number", "organisation")


def seal_existing(apps, schema_editor):
    from minhbach.vault import crypto

    Submitter = apps.get_model("cases", "Submitter")
    for sub in Submitter.objects.filter(sealed=b"").iterator(chunk_size=500):
        owner = f"case:{sub.case_id}"
        data_key = crypto.new_data_key()
        identity = {f: (getattr(sub, f) or "") for f in FIELDS}
        sub.key_wraps = crypto.wrap(data_key, owner=owner)
        sub.sealed = crypto.encrypt_json(data_key, identity, aad=f"identity/{owner}")
        sub.pseudonym = crypto.pseudonym_code(sub.case_id)
        for f in FIELDS:
            setattr(sub, f, "")
        sub.save(update_fields=["key_wraps", "sealed", "pseudonym", *FIELDS])


def unseal_existing(apps, schema_editor):
    from minhbach.vault import crypto

    Submitter = apps.get_model("cases", "Submitter")
    for sub in Submitter.objects.exclude(sealed=b"").iterator(chunk_size=500):
        owner = f"case:{sub.case_id}"
        identity = crypto.decrypt_json(crypto.unwrap(sub.key_wraps, owner=owner), sub.sealed, aad=f"identity/{owner}")
        for f in FIELDS:
            setattr(sub, f, identity.get(f, ""))
        sub.save(update_fields=list(FIELDS))


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_letter_templates")]

    operations = [
        migrations.AddField("submitter", "sealed", models.BinaryField(default=b"", editable=False)),
        migrations.AddField("submitter", "key_wraps", models.JSONField(default=dict, editable=False)),
        migrations.AddField("submitter", "pseudonym",
                            models.CharField(blank=True, editable=False, max_length=8, verbose_name="pseudonym")),
        migrations.RunPython(seal_existing, unseal_existing),
        *[migrations.RemoveField("submitter", f) for f in FIELDS],
    ]
