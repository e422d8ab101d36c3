"""Seal identifying documents stored before the vault existed: encrypt each file with its item's data key."""
import hashlib

from django.core.files.base import ContentFile
from django.db import migrations


def seal_documents(apps, schema_editor):
    from minhbach.vault import crypto

    Attachment = apps.get_model("cases", "Attachment")
    Submitter = apps.get_model("cases", "Submitter")
    for att in Attachment.objects.filter(identifying=True).iterator(chunk_size=200):
        try:
            with att.file.open("rb") as fh:
                content = fh.read()
        except (FileNotFoundError, OSError, ValueError):
            continue
        if crypto.is_sealed(content):
            continue
        owner = f"case:{att.case_id}"
        sub = Submitter.objects.filter(case_id=att.case_id).first()
        if sub is None or not sub.key_wraps:
            data_key = crypto.new_data_key()
            if sub is None:
                sub = Submitter(case_id=att.case_id)
            sub.key_wraps = crypto.wrap(data_key, owner=owner)
            sub.sealed = crypto.encrypt_json(data_key, {}, aad=f"identity/{owner}")
            sub.pseudonym = sub.pseudonym or crypto.pseudonym_code(att.case_id)
            sub.save()
        else:
            data_key = crypto.unwrap(sub.key_wraps, owner=owner)
        raw_name = att.name.encode()[:1000]
        blob = crypto.encrypt(data_key, len(raw_name).to_bytes(2, "big") + raw_name + content, aad=f"file/{owner}")
        old_name = att.file.name
        digest = hashlib.sha256(blob).hexdigest()
        ext = att.name.rsplit(".", 1)[-1].lower() if "." in att.name else "bin"
        att.sha256 = digest
        att.file.save(f"{digest}.{ext}", ContentFile(blob), save=False)
        att.name = f"sealed-document-{digest[:8]}.{ext[:8]}"
        att.save(update_fields=["file", "name", "sha256"])
        if not Attachment.objects.filter(file=old_name).exists():
            att.file.storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [("vault", "0001_initial"), ("cases", "0003_seal_submitter_identity")]

    operations = [migrations.RunPython(seal_documents, migrations.RunPython.noop)]
