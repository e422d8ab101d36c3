"""The proof of work: stateless challenges that only this server can issue, that expire, are spent once and must be
as hard as the current flood requires; no puzzle at all while submissions arrive at a normal rate."""
import datetime as dt
import itertools
import time

import pytest
from django.core.cache import cache

from minhbach.core import clock, pow, ratelimit

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.LOCAL_TZ)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def at_second(monkeypatch):
    """Put the rate limiter's clock at a given second (window n starts at n * 60)."""
    now = {"t": 16_667 * 60.0}

    def move(seconds: float):
        now["t"] = seconds

    monkeypatch.setattr(time, "time", lambda: now["t"])
    move.start = now["t"]
    return move


def not_a_solution(challenge: str, bits: int) -> str:
    return next(str(n) for n in itertools.count() if pow.leading_zero_bits(pow._work(challenge, str(n))) < bits)


def refusal(proof, required):
    with pytest.raises(pow.ProofRefused) as e:
        pow.check(proof, required=required)
    return e.value.reason


def test_a_solved_challenge_is_accepted_once_then_refused_as_reused():
    challenge = pow.issue(bits=8)
    proof = f"{challenge}:{pow.solve(challenge)}"

    pow.check(proof, required=8)

    assert refusal(proof, 8) == "reused"


def test_a_wrong_nonce_is_refused_and_does_not_spend_the_challenge():
    challenge = pow.issue(bits=12)

    assert refusal(f"{challenge}:{not_a_solution(challenge, 12)}", 12) == "wrong"
    pow.check(f"{challenge}:{pow.solve(challenge)}", required=12)  # the owner can still send the right answer


def test_a_challenge_the_server_did_not_sign_is_refused(settings):
    settings.SECRET_KEY = "another-installation-" + "x" * 40
    foreign = pow.issue(bits=8)
    settings.SECRET_KEY = "this-installation-" + "y" * 40
    ours = pow.issue(bits=8)
    version, issued, _bits, salt, mac = ours.split(".")
    easier = f"{version}.{issued}.0.{salt}.{mac}"  # claims that no work is needed

    assert refusal(f"{easier}:0", 8) == "invalid"
    assert refusal(f"{foreign}:{pow.solve(foreign)}", 8) == "invalid"
    pow.check(f"{ours}:{pow.solve(ours)}", required=8)


def test_a_challenge_expires_after_fifteen_minutes():
    with clock.frozen(T0):
        old, fresh = pow.issue(bits=8), pow.issue(bits=8)
    with clock.frozen(T0 + dt.timedelta(minutes=14)):
        pow.check(f"{fresh}:{pow.solve(fresh)}", required=8)
    with clock.frozen(T0 + dt.timedelta(minutes=15, seconds=1)):
        assert refusal(f"{old}:{pow.solve(old)}", 8) == "expired"
    with clock.frozen(T0 - dt.timedelta(minutes=5)):  # "issued" in the future: not ours to accept
        assert refusal(f"{old}:{pow.solve(old)}", 8) == "expired"


def test_a_challenge_easier_than_what_is_required_now_is_refused():
    challenge = pow.issue(bits=8)

    assert refusal(f"{challenge}:{pow.solve(challenge)}", 12) == "too_easy"


def test_missing_or_malformed_proofs_get_a_clear_refusal_never_an_error():
    challenge = pow.issue(bits=8)
    assert refusal("", 8) == refusal(None, 8) == "missing"
    for junk in ["abc", ":", "v1.1.8.x.y:1", f"{challenge}:", f"{challenge}:ü", f"{challenge}:{'9' * 300}",
                 f"{challenge}.{challenge}:1", "v1.99999999999999.8.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA:1"]:
        assert refusal(junk, 8) == "invalid", junk
    e = pytest.raises(pow.ProofRefused, pow.check, "", required=8).value
    assert (e.status, e.code) == (428, "pow_required") and "X-Proof-Of-Work" in e.message
    assert pytest.raises(pow.ProofRefused, pow.check, "abc", required=8).value.code == "pow_invalid"


def test_nothing_is_asked_for_when_no_difficulty_is_required():
    pow.check(None, required=0)
    pow.check("anything at all", required=0)


def test_no_puzzle_while_quiet_and_a_harder_one_as_the_flood_grows(settings, at_second):
    settings.MINHBACH_POW_FREE_PER_MINUTE = 10
    settings.MINHBACH_POW_MAX_BITS = 22
    at_second(at_second.start + 5)

    def after(n):
        while ratelimit.count("submit:all", 60) < n:
            ratelimit.hit("submit:all", 10**9, 60)
        return pow.required_bits()

    assert [after(0), after(10), after(11), after(19), after(20), after(40), after(10 * 2**6), after(10 * 2**9)] == \
        [0, 0, 16, 16, 17, 18, 22, 22]
    assert pow.challenge_bits(pow.issue()) == 22
    settings.MINHBACH_POW_MAX_BITS = 12  # the cap wins, even below the base difficulty
    assert pow.required_bits() == 12
    settings.MINHBACH_POW_ENABLED = False
    assert pow.required_bits() == 0


def test_the_last_minute_is_counted_across_the_window_boundary(settings, at_second):
    settings.MINHBACH_POW_FREE_PER_MINUTE = 10
    at_second(at_second.start + 50)
    for _ in range(40):
        ratelimit.hit("submit:all", 10**9, 60)
    assert pow.required_bits() == 18

    at_second(at_second.start + 60 + 15)  # a new window: three quarters of the last one still count
    assert (pow.recent_submissions(), pow.required_bits()) == (30, 17)
    at_second(at_second.start + 60 + 59)
    assert pow.required_bits() == 0


def test_always_asking_uses_the_base_difficulty(settings):
    settings.MINHBACH_POW_FREE_PER_MINUTE = 0

    assert pow.required_bits() == pow.BASE_BITS == 16


def test_a_cache_outage_lets_a_solved_proof_through(monkeypatch):
    challenge = pow.issue(bits=8)

    def broken(*a, **kw):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    pow.check(f"{challenge}:{pow.solve(challenge)}", required=8)
    assert refusal(f"{challenge}:{not_a_solution(challenge, 8)}", 8) == "wrong"  # the work itself is still checked
