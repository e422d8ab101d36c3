"""Under a flood, in a real browser at 360 px: the submit page's script solves the proof of work in a Web Worker (under
the site's CSP) and the receipt appears; the file rows show one at a time and a denunciation's files are marked as
showing who the sender is, so the marked scan is sealed."""
import pytest

from minhbach.cases.models import Attachment, Case
from minhbach.core import pow
from minhbach.vault import crypto

pytestmark = pytest.mark.django_db(transaction=True)

SCAN = b"%PDF-1.4\n% signed letter of the denouncer\n%%EOF\n"


def test_the_browser_solves_the_proof_of_work_and_the_receipt_appears(page, province, categories, settings, tmp_path):
    settings.MINHBACH_POW_FREE_PER_MINUTE = 0  # as under a flood: a proof is always required…
    settings.MINHBACH_POW_MAX_BITS = 12        # …at a difficulty that keeps the test quick
    scan = tmp_path / "chu-ky.pdf"
    scan.write_bytes(SCAN)
    errors = []  # script errors, and anything the CSP refuses
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(page.base + "/gui-y-kien/")
    challenge = page.locator("input[name=pow_challenge]").get_attribute("value")
    assert pow.challenge_bits(challenge) == 12
    assert page.locator("#id_attachment_1").is_visible() and not page.locator("#id_attachment_2").is_visible()
    page.locator("#id_type_to_cao").check()
    assert page.locator("#id_identifying_1").is_checked()  # ticked by default for a denunciation
    page.locator("#id_title").fill("Tố cáo cán bộ thu tiền không biên lai")
    page.locator("#id_content").fill("Cán bộ địa chính xã thu tiền khi nhận hồ sơ mà không đưa biên lai.")
    page.locator("#id_unit").select_option("so-tnmt")
    page.locator("#id_name").fill("Lê Văn Tố")
    page.locator("#id_address").fill("Thôn 2, xã An Phú")
    page.locator("#id_attachment_1").set_input_files(str(scan))
    assert page.locator("#id_attachment_2").is_visible()  # the next row appears once a file is chosen
    page.locator("form.stack button[type=submit]").click()

    page.wait_for_url("**/gui-y-kien/bien-nhan/")
    assert page.locator("dd.code").first.inner_text().strip() == Case.objects.get().tracking_code
    assert page.locator("input[name=pow_nonce]").count() == 0
    assert errors == []  # nothing refused by the CSP, no script error
    sealed = Attachment.objects.get()
    assert sealed.identifying and crypto.is_sealed(sealed.file.open("rb").read())
    with pytest.raises(pow.ProofRefused):  # the browser's proof was the real one, and it is now spent
        pow.check(f"{challenge}:{pow.solve(challenge)}", required=12)
