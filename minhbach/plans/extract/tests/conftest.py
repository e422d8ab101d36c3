"""These tests are pure Python: neutralise the project's Django autouse fixtures so they also run with -p no:django."""
import pytest


@pytest.fixture(autouse=True)
def _media_and_outbox():
    """Override of the root conftest fixture (needs no Django settings here)."""
    yield
