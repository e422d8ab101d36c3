"""Fixtures of the plan tests: the annotated fixture plans and a plan imported from one of them."""
import datetime as dt
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "plans"
NGHEAN = FIXTURES / "synthetic_nghean_ubnd.txt"


@pytest.fixture
def nghean_text():
    return NGHEAN.read_text(encoding="utf-8")


@pytest.fixture
def nghean_plan(province, nghean_text):
    """The Nghệ An 2023 administrative-reform plan, issued by the test province, obligations up to 1/12/2023."""
    from minhbach.plans.extract import extract_plan
    from minhbach.plans.services import plan_create_from_extraction

    return plan_create_from_extraction(data=extract_plan(nghean_text), actor=province.users.home,
                                       issuing_unit=province.units.root, text=nghean_text, source_name=NGHEAN.name,
                                       today=dt.date(2023, 12, 1))


@pytest.fixture(autouse=True)
def _english():
    """Assert on the English messages whatever the Vietnamese catalogue holds."""
    from django.utils import translation

    with translation.override("en"):
        yield
