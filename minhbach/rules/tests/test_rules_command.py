"""`minhbach rules due …` and `minhbach rules list`: output and refusals."""
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.core.management import base as management_base

from minhbach.rules import services
from minhbach.rules.management.commands.rules import Command

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("rules", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("args, expected", [
    # Fri 13/2 + 10 working days: 23–27/2, 2–6/3 -> 6/3.
    (["due", "R2", "2026-02-13"], "2026-03-06"),
    # Tue 10/2 + 10 = Fri 20/2 (Tết) -> Mon 23/2.
    (["due", "C1", "2026-02-10"], "2026-02-23"),
    # Sun 4/1 + 30 = Tue 3/2; complex 45 = Wed 18/2 (Tết) -> Mon 23/2.
    (["due", "C2", "2026-01-04"], "2026-02-03"),
    (["due", "C2", "2026-01-04", "--variant", "complex"], "2026-02-23"),
    (["due", "C2", "2026-01-04", "--extensions", "1"], "2026-02-23"),
    # Sat 20/12/2025 + 60 = 18/2 -> 23/2.
    (["due", "c2", "2025-12-20", "--variant", "remote_complex"], "2026-02-23"),
    # Fri 13/2: 7th working day Tue 3/3; with the extension of 3, Fri 6/3.
    (["due", "D1", "2026-02-13"], "2026-03-03"),
    (["due", "D1", "2026-02-13", "--extensions", "1"], "2026-03-06"),
    # Mon 2/3 + 30/60/90: Wed 1/4; Fri 1/5 -> Mon 4/5; Sun 31/5 -> Mon 1/6.
    (["due", "D3", "2026-03-02"], "2026-04-01"),
    (["due", "D3", "2026-03-02", "--extensions", "1"], "2026-05-04"),
    (["due", "D3", "2026-03-02", "--extensions", "2"], "2026-06-01"),
    # Thu 20/8: Fri 21, Sat 22 (working), Mon 24, 25, Wed 26/8.
    (["due", "A1", "2026-08-20"], "2026-08-26"),
    # Fri 13/2 + 15 working days -> Fri 13/3.
    (["due", "P1", "2026-02-13"], "2026-03-13"),
])
def test_due_prints_only_the_date(args, expected):
    assert run(*args) == expected + "\n"


def test_due_uses_the_administrators_days_off():
    services.calendar_override_create(date=dt.date(2026, 3, 10), kind="day_off", name="Provincial day")
    # P1 from Fri 13/2 with Tue 10/3 off: Mon 9 (11), Wed 11 (12), 12 (13), 13 (14), Mon 16/3 (15).
    assert run("due", "P1", "2026-02-13") == "2026-03-16\n"


@pytest.mark.parametrize("args, fragment_vi, fragment_en", [
    (["due", "X9", "2026-02-13"], "Không có quy tắc", "unknown rule code"),
    (["due", "C2", "2026-02-30"], "Ngày không hợp lệ", "invalid date"),
    (["due", "C2", "13/02/2026"], "Ngày không hợp lệ", "invalid date"),
    (["due", "D3", "2026-03-02", "--extensions", "3"], "tối đa 2 lần gia hạn", "at most 2 extension"),
    (["due", "D3", "2026-03-02", "--extensions", "two"], "Số lần gia hạn", "number of extensions"),
    (["due", "C2", "2026-03-02", "--variant", "urgent"], "không có trường hợp", "no variant"),
    (["due", "T1", "2026-03-02"], "không có thời hạn", "no time limit"),
    (["due", "T4", "2026-03-02"], "không có hiệu lực", "not in force"),
])
def test_bad_input_is_refused_with_one_bilingual_line_and_exit_code_2(args, fragment_vi, fragment_en):
    with pytest.raises(CommandError) as error:
        run(*args)
    message = str(error.value)
    assert error.value.returncode == 2
    assert fragment_vi in message and fragment_en in message and "\n" not in message


def test_bad_input_from_the_command_line_goes_to_stderr_without_traceback(monkeypatch):
    # run_from_argv closes the connections when done; keep the test transaction's connection open.
    monkeypatch.setattr(management_base.connections, "close_all", lambda: None)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        Command(stdout=out, stderr=err).run_from_argv(["minhbach", "rules", "due", "X9", "2026-02-13"])
    assert exit_info.value.code == 2
    assert out.getvalue() == ""
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "unknown rule code" in lines[0] and "Traceback" not in err.getvalue()


def test_list_shows_the_rules_in_force_with_their_legal_basis():
    output = run("list", "--on", "2026-07-01")
    lines = output.splitlines()
    assert any(line.startswith("C2 ") and "Điều 28 Luật Khiếu nại 2011" in line for line in lines)
    assert any(line.startswith("K2 ") and "132/2025/QH15" in line for line in lines)
    assert not any(line.startswith("T4 ") for line in lines)   # districts abolished 1/7/2025
