"""Vietnamese first: every message has a Vietnamese translation, and the compiled catalogue is current."""
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "minhbach" / "locale"
VI_PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
VI_MO = LOCALE / "vi" / "LC_MESSAGES" / "django.mo"
VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _catalogue():
    return polib.pofile(str(VI_PO))


def test_every_message_has_a_vietnamese_translation():
    po = _catalogue()
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not missing, f"{len(missing)} untranslated messages, e.g. {missing[:5]}"


def test_translations_are_written_with_diacritics():
    po = _catalogue()
    long_entries = [e for e in po if not e.obsolete and len(e.msgid.split()) >= 4 and e.msgstr]
    without = [e.msgstr for e in long_entries if not (set(e.msgstr.lower()) & VIETNAMESE_LETTERS)]
    assert len(without) <= len(long_entries) * 0.02, without[:10]


def test_placeholders_survive_translation():
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    po = _catalogue()
    broken = [e.msgid for e in po if e.msgstr and sorted(pattern.findall(e.msgid)) != sorted(pattern.findall(e.msgstr))]
    assert not broken, broken[:5]


def test_compiled_catalogue_matches_the_source():
    po = _catalogue()
    mo = polib.mofile(str(VI_MO))
    compiled = {e.msgid: e.msgstr for e in mo}
    stale = [e.msgid for e in po if e.translated() and "fuzzy" not in e.flags and compiled.get(e.msgid) != e.msgstr]
    assert not stale, f"run `make messages` (django.mo is older than django.po): {stale[:3]}"


@pytest.mark.vietnamese
@pytest.mark.django_db
def test_pages_render_in_vietnamese_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    assert "Gửi" in response.content.decode()


def test_translation_functions_keep_names_makemessages_extracts():
    """xgettext only sees _(), gettext(), gettext_lazy(), ngettext()…: an alias such as _l() hides strings from the catalogue."""
    import re

    root = Path(__file__).resolve().parent.parent / "minhbach"
    alias = re.compile(r"from django\.utils\.translation import .*\bas (?!_\b)\w+")
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py") if alias.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders
