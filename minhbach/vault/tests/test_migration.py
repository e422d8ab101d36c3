"""The data migration seals identities stored in clear before the vault existed, and identifying documents too."""
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from minhbach.vault import crypto

pytestmark = pytest.mark.usefixtures("statutory_rules")  # real migrations need real transactions

BEFORE = [("cases", "0002_letter_templates")]
AFTER = [("cases", "0003_seal_submitter_identity"), ("vault", "0002_seal_identifying_documents")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_existing_clear_identities_and_identifying_documents_are_sealed(province, settings):
    old = _migrate(BEFORE)
    Case, Submitter, Attachment = (old.get_model("cases", m) for m in ("Case", "Submitter", "Attachment"))
    OrgUnit = old.get_model("orgs", "OrgUnit")
    case = Case.objects.create(tracking_code="MB26-OLD00001", secret_hash="x", type_claimed="to_cao", type="to_cao",
                               title="Đơn cũ", content="Nội dung đơn cũ.", unit=OrgUnit.objects.get(code="so-tnmt"))
    Submitter.objects.create(case=case, name="Canaryson Cũ", address="Thôn Cũ", email="cu@example.test",
                             id_number="079100000001")
    path = default_storage.save("attachments/old/scan.pdf", ContentFile(b"%PDF-1.4\n% Canaryson handwriting\n%%EOF"))
    Attachment.objects.create(case=case, file=path, name="Canaryson.pdf", content_type="application/pdf", size=30,
                              sha256="0" * 64, identifying=True)

    _migrate(AFTER)
    _migrate(_latest())  # the current models below read the current schema (and later tests need it)
    from minhbach.cases.models import Attachment as NewAttachment, Submitter as NewSubmitter
    from minhbach.vault.services import file_open

    sub = NewSubmitter.objects.get(case_id=case.pk)
    assert (sub.name, sub.address, sub.email, sub.id_number) == ("Canaryson Cũ", "Thôn Cũ", "cu@example.test", "079100000001")
    assert crypto.is_sealed(sub.sealed) and b"Canaryson" not in bytes(sub.sealed) and len(sub.pseudonym) == 4
    att = NewAttachment.objects.get(case_id=case.pk)
    with att.file.open("rb") as fh:
        blob = fh.read()
    assert b"Canaryson" not in blob and "Canaryson" not in att.name
    assert file_open(case=sub.case, blob=blob) == ("Canaryson.pdf", b"%PDF-1.4\n% Canaryson handwriting\n%%EOF")
    assert not default_storage.exists(path)
