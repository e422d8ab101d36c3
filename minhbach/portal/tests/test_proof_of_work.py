"""The submit form under a flood: the page carries a challenge for its script to solve; without a valid proof nothing
is stored, what was typed comes back with a fresh challenge; in normal times no challenge and no script work."""
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from minhbach.cases.models import Case
from minhbach.core import pow
from minhbach.portal.tests.test_submit import form


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def web():
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def forced(settings):
    settings.MINHBACH_POW_FREE_PER_MINUTE = 0
    settings.MINHBACH_POW_MAX_BITS = 8


def challenge_on(page: str) -> str | None:
    m = re.search(r'<input type="hidden" name="pow_challenge" value="([^"]+)">', page)
    return m.group(1) if m else None


def test_in_normal_times_the_page_asks_for_no_proof(web, province, categories):
    page = web.get(reverse("portal:submit")).content.decode()

    assert challenge_on(page) is None and "data-pow-worker" not in page
    assert web.post(reverse("portal:submit"), form()).status_code == 302


def test_under_a_flood_the_page_carries_a_challenge_and_its_solution_is_accepted(web, province, categories, forced):
    page = web.get(reverse("portal:submit")).content.decode()
    challenge = challenge_on(page)
    assert challenge and pow.challenge_bits(challenge) == 8
    assert 'data-pow-worker="/static/portal/pow-worker.js"' in page and "<noscript>" in page

    r = web.post(reverse("portal:submit"), {**form(title="Gửi khi đông"), "pow_challenge": challenge,
                                            "pow_nonce": pow.solve(challenge)})

    assert r.status_code == 302 and r["Location"] == reverse("portal:receipt")
    assert Case.objects.get().title == "Gửi khi đông"


@pytest.mark.parametrize("proof", [
    {},                                                    # no script ran
    {"pow_nonce": "0"},                                    # a challenge, but not solved
    {"pow_challenge": "v1.1.8.forged", "pow_nonce": "1"},  # not one of ours
])
def test_without_a_valid_proof_nothing_is_stored_and_what_was_typed_comes_back_with_a_new_challenge(
        web, province, categories, forced, proof):
    challenge = challenge_on(web.get(reverse("portal:submit")).content.decode())
    if proof.get("pow_nonce") == "0" and pow.leading_zero_bits(pow._work(challenge, "0")) >= 8:
        proof = {"pow_nonce": "1"}  # "0" happened to solve it: take a nonce that does not
    data = {**form(type="to_cao", title="Tố cáo thu tiền sai", content="Cán bộ thu tiền không có biên lai."),
            "pow_challenge": challenge, **proof}

    r = web.post(reverse("portal:submit"), data)

    page = r.content.decode()
    assert r.status_code == 428
    assert escape("so this page must do a short check in your browser before sending") in page
    assert 'value="Tố cáo thu tiền sai"' in page and "Cán bộ thu tiền không có biên lai." in page
    assert re.search(r'<input type="radio"[^>]*value="to_cao"[^>]*\bchecked>', page)
    fresh = challenge_on(page)
    assert fresh and fresh != challenge
    assert Case.objects.count() == 0


def test_a_solution_is_spent_once(web, province, categories, forced):
    challenge = challenge_on(web.get(reverse("portal:submit")).content.decode())
    data = {**form(), "pow_challenge": challenge, "pow_nonce": pow.solve(challenge)}

    assert web.post(reverse("portal:submit"), data).status_code == 302
    assert web.post(reverse("portal:submit"), data).status_code == 428
    assert Case.objects.count() == 1


def test_a_form_sent_back_for_another_reason_carries_a_fresh_challenge(web, province, categories, forced):
    challenge = challenge_on(web.get(reverse("portal:submit")).content.decode())

    r = web.post(reverse("portal:submit"), {**form(type="khieu_nai", name=""), "pow_challenge": challenge,
                                            "pow_nonce": pow.solve(challenge)})

    assert r.status_code == 400
    fresh = challenge_on(r.content.decode())
    assert fresh and fresh != challenge  # the first one is spent: the script solves the new one
