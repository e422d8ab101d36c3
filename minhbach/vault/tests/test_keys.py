"""Master keys: from the environment or a key file, never the database; rotation keeps every item readable."""
import os
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from minhbach.cases.models import Attachment, Submitter
from minhbach.cases.services import (
    SubmissionInput, SubmitterInput, attachment_add, intakes_register, submission_accept,
)
from minhbach.core.uploads import check_upload
from minhbach.vault import crypto, services
from minhbach.vault.tests.conftest import CANARY


def _vault_errors():
    return [m for m in run_checks() if m.id.startswith("minhbach.vault")]


def test_production_refuses_to_start_without_a_master_key(settings, tmp_path):
    settings.PRODUCTION = True
    settings.VAULT_MASTER_KEY = ""
    settings.VAULT_KEY_FILE = ""
    assert [m.id for m in _vault_errors()] == ["minhbach.vault.E001"]
    with pytest.raises(ImproperlyConfigured):
        crypto.keyring()
    settings.VAULT_MASTER_KEY = "bm90IGEga2V5"
    assert [m.id for m in _vault_errors()] == ["minhbach.vault.E002"]
    settings.VAULT_MASTER_KEY = crypto.new_key_text()
    assert _vault_errors() == []


def test_development_creates_a_private_key_file_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.VAULT_MASTER_KEY = ""
    settings.VAULT_KEY_FILE = ""
    ring = crypto.keyring()
    path = tmp_path / crypto.DEV_KEY_FILE_NAME
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    crypto._cache.clear()
    assert crypto.keyring().primary.key_id == ring.primary.key_id


def _use(settings, primary: Path, *extra: Path):
    settings.VAULT_MASTER_KEY = ""
    settings.VAULT_KEY_FILE = str(primary)
    settings.VAULT_EXTRA_KEY_FILES = [str(p) for p in extra]


def test_rotating_the_master_key_keeps_identities_and_documents_readable(settings, tmp_path, province, submit, capsys):
    old, new = tmp_path / "old.key", tmp_path / "new.key"
    crypto.write_key_file(old)
    _use(settings, old)
    cases = [submit(type="to_cao", name=f"{CANARY.name} {i}", address=CANARY.address, category="tham-nhung").case
             for i in range(3)]
    attachment_add(case=cases[0], upload=check_upload(name="thu.pdf", content=b"%PDF-1.4\n% letter\n%%EOF"),
                   from_citizen=True, identifying=True)
    # A submission accepted while the worker is stopped waits, sealed, to be registered: it is rotated too.
    settings.INTAKE_INLINE = False
    waiting = submission_accept(data=SubmissionInput(
        type="to_cao", title="Chờ vào sổ", content="Nội dung tố cáo chờ vào sổ.", category="tham-nhung",
        submitter=SubmitterInput(name="Người chờ", address="Thôn 1")), channel="api")
    call_command("vault", "generate-key", "--out", str(new))
    assert (new.stat().st_mode & 0o777) == 0o600
    new_id = crypto.read_key_file(new).key_id

    call_command("vault", "rotate-master-key", "--new-key-file", str(new), "--batch", "2")
    assert "rewrapped 4, already 0, unreadable 0" in capsys.readouterr().out
    call_command("vault", "rotate-master-key", "--new-key-file", str(new))  # idempotent
    assert "rewrapped 0, already 4" in capsys.readouterr().out
    # A process still on the old key reads everything; so does one switched to the new key.
    for config in ((old,), (new, old), (new,)):
        _use(settings, *config)
        for i, c in enumerate(cases):
            assert Submitter.objects.get(case=c).name == f"{CANARY.name} {i}"
    _use(settings, new, old)
    late = submit(type="to_cao", name="Người mới", address="Thôn 2", category="tham-nhung").case  # written during the switch
    assert set(Submitter.objects.get(case=late).key_wraps) == {new_id, crypto.read_key_file(old).key_id}
    call_command("vault", "retire-old-keys")
    assert "retired old wraps on 5" in capsys.readouterr().out
    _use(settings, new)
    intakes_register()  # the worker comes back after the old key is gone: the waiting submission still opens
    assert Submitter.objects.get(case__tracking_code=waiting.tracking_code).name == "Người chờ"
    assert all(set(w) == {new_id} for w in Submitter.objects.values_list("key_wraps", flat=True))
    assert Submitter.objects.get(case=late).name == "Người mới"
    att = Attachment.objects.get(case=cases[0], identifying=True)
    with att.file.open("rb") as fh:
        assert services.file_open(case=cases[0], blob=fh.read()) == ("thu.pdf", b"%PDF-1.4\n% letter\n%%EOF")
    _use(settings, old)  # the retired key opens nothing any more
    with pytest.raises(crypto.VaultError):
        Submitter.objects.get(case=cases[1]).name


def test_rotation_without_a_new_key_or_with_an_unknown_key_fails_loudly(settings, tmp_path, province, submit):
    with pytest.raises(CommandError):
        call_command("vault", "rotate-master-key")
    submit(type="to_cao", category="tham-nhung")
    stranger, other = tmp_path / "s.key", tmp_path / "o.key"
    crypto.write_key_file(stranger)
    crypto.write_key_file(other)
    _use(settings, stranger)  # this process holds none of the keys that wrapped the data keys
    with pytest.raises(CommandError):
        call_command("vault", "rotate-master-key", "--new-key-file", str(other))


def test_the_master_key_can_come_from_the_environment(settings, province, submit):
    settings.VAULT_MASTER_KEY = crypto.new_key_text()
    settings.VAULT_KEY_FILE = ""
    case = submit(type="to_cao", name=CANARY.name, address=CANARY.address, category="tham-nhung").case
    assert list(Submitter.objects.get(case=case).key_wraps) == [crypto.parse_key(settings.VAULT_MASTER_KEY).key_id]
    assert Submitter.objects.get(case=case).name == CANARY.name
