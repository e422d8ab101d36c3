"""`minhbach plans import FILE --json` prints the GUIDE's structure for a real plan."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

FIXTURES = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "plans"


def test_import_prints_every_gold_task_path():
    out = io.StringIO()
    call_command("plans", "import", str(FIXTURES / "000_32a8145889d22aef.txt"), "--json", stdout=out)
    result = json.loads(out.getvalue())
    gold = json.loads((FIXTURES / "000_32a8145889d22aef.json").read_text(encoding="utf-8"))
    assert result["document"]["number"] == gold["document"]["number"]
    assert [t["path"] for t in result["tasks"]] == [t["path"] for t in gold["tasks"]]


def test_import_refuses_other_file_types(tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError):
        call_command("plans", "import", str(bad), "--json")
