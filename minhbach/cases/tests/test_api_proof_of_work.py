"""The public submission endpoint under a flood: a proof of work is asked for only when needed, refused with a clear
428 when missing or not valid (nothing stored), and a submission with a valid proof is stored with its receipt."""
import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from minhbach.cases.models import Case
from minhbach.core import pow, ratelimit

API = "/api/v1/submissions"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def forced(settings):
    """A proof is always asked for, at a difficulty cheap enough for a test (8 bits)."""
    settings.MINHBACH_POW_FREE_PER_MINUTE = 0
    settings.MINHBACH_POW_MAX_BITS = 8
    return settings


@pytest.fixture
def still_minute(monkeypatch):
    """Hold the limiter's clock in the middle of one minute, so the count of the last minute is exact."""
    clock = SimpleNamespace(time=lambda: 16_667 * 60.0 + 30)
    monkeypatch.setattr(ratelimit, "time", clock)
    monkeypatch.setattr(pow, "time", clock)


def body(**over):
    data = {"type": "phan_anh", "title": "Đèn đường hỏng", "content": "Đèn đường thôn 3 hỏng đã một tháng.",
            "unit": "so-tnmt", "category": "moi-truong",
            "submitter": {"name": "Nguyễn Văn An", "address": "Thôn 3, xã An Phú"}}
    return {**data, **over}


def post(client, *, proof=None, ip="203.0.113.5", **over):
    headers = {"Accept-Language": "en"}
    if proof is not None:
        headers[pow.HEADER] = proof
    return client.post(API, data=json.dumps(body(**over)), content_type="application/json", headers=headers,
                       REMOTE_ADDR=ip)


def solved(client) -> str:
    answer = client.get(f"{API}/challenge").json()
    return f"{answer['challenge']}:{pow.solve(answer['challenge'])}"


def test_while_quiet_the_challenge_says_no_proof_is_needed_and_a_submission_goes_through_without_one(
        client, province, categories):
    answer = client.get(f"{API}/challenge").json()

    assert answer["difficulty"] == 0 and answer["expires_in"] == 15 * 60
    assert answer["challenge"].startswith("v1.")
    assert post(client).status_code == 201
    assert post(client, proof="rubbish").status_code == 201  # not asked for, so not looked at
    assert Case.objects.count() == 2


def test_when_a_proof_is_required_a_missing_one_is_a_clear_428_and_nothing_is_stored(client, province, categories,
                                                                                    forced):
    r = post(client, title="Không có bằng chứng công việc")

    assert r.status_code == 428
    assert r.json()["code"] == "pow_required"
    assert "X-Proof-Of-Work" in r.json()["detail"] and "Nothing was recorded" in r.json()["detail"]
    assert Case.objects.count() == 0


def test_a_solved_challenge_is_accepted_once_and_the_item_stored_with_its_receipt(client, province, categories,
                                                                                 forced):
    answer = client.get(f"{API}/challenge").json()
    assert answer["difficulty"] == 8
    proof = f"{answer['challenge']}:{pow.solve(answer['challenge'])}"

    r = post(client, proof=proof, title="Có bằng chứng công việc")

    assert r.status_code == 201
    case = Case.objects.get(tracking_code=r.json()["tracking_code"])
    assert case.title == "Có bằng chứng công việc"
    again = post(client, proof=proof, title="Gửi lại cùng bằng chứng")
    assert again.status_code == 428 and again.json()["code"] == "pow_invalid"
    assert "already been used" in again.json()["detail"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize("spoil, says", [
    (lambda p: p.rpartition(":")[0] + ":", "not valid"),
    (lambda p: p.replace("v1.", "v1.9", 1), "not valid"),
    (lambda p: ".".join(p.split(".")[:2] + ["0"] + p.split(".")[3:]), "not valid"),
    (lambda p: "x" * 500, "not valid"),
])
def test_a_spoilt_proof_is_refused_and_nothing_is_stored(client, province, categories, forced, spoil, says):
    r = post(client, proof=spoil(solved(client)))

    assert r.status_code == 428 and r.json()["code"] == "pow_invalid" and says in r.json()["detail"]
    assert Case.objects.count() == 0


def test_a_proof_easier_than_the_flood_now_requires_is_refused(client, province, categories, forced):
    proof = solved(client)
    forced.MINHBACH_POW_MAX_BITS = 12

    r = post(client, proof=proof)

    assert r.status_code == 428 and "no longer hard enough" in r.json()["detail"]
    assert Case.objects.count() == 0


def test_the_proof_is_asked_for_once_the_minute_gets_busy(client, province, categories, settings, still_minute):
    settings.MINHBACH_POW_FREE_PER_MINUTE = 3
    settings.MINHBACH_POW_MAX_BITS = 8

    codes = [post(client, ip=f"203.0.113.{i}").status_code for i in range(6)]

    assert codes == [201, 201, 201, 201, 428, 428]  # more than 3 in the minute: the fifth must prove its work
    assert client.get(f"{API}/challenge").json()["difficulty"] == 8
    assert post(client, proof=solved(client), ip="203.0.113.99").status_code == 201
    assert Case.objects.count() == 5


def test_the_proof_of_work_can_be_switched_off(client, province, categories, forced):
    forced.MINHBACH_POW_ENABLED = False

    assert client.get(f"{API}/challenge").json()["difficulty"] == 0
    assert post(client).status_code == 201


def test_challenges_are_limited_per_client(client, db, settings):
    settings.MINHBACH_SUBMIT_PER_IP = 1

    codes = [client.get(f"{API}/challenge", REMOTE_ADDR="203.0.113.7").status_code for _ in range(6)]

    assert codes == [200] * 5 + [429]
    assert client.get(f"{API}/challenge", REMOTE_ADDR="203.0.113.8").status_code == 200


def test_a_proof_header_holding_a_nul_character_is_named_in_a_clear_400(client, province, categories, forced):
    r = post(client, proof="abc\x00def")
    assert r.status_code == 400 and pow.HEADER in r.json()["errors"]
    assert Case.objects.count() == 0
