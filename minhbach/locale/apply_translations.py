"""Fill the Vietnamese catalogue from the translation memory, and say what is still missing.

The translation memory is ``vi_terms.json`` beside this script: a JSON object ``msgid → msgstr``
(for a message with a context, the key is ``context + "\\x04" + msgid``, as in gettext; for a
plural message the value is the single Vietnamese form, or a list of forms). It is written by
people, not by a machine translation service.

Usual round, from the repository root::

    make messages                      # or: cd minhbach && ../.venv/bin/minhbach makemessages -l vi -l en --no-obsolete --no-location
    .venv/bin/python minhbach/locale/apply_translations.py --missing-out /tmp/missing.json
    # translate the msgids listed in /tmp/missing.json (fill in the empty strings), then:
    .venv/bin/python minhbach/locale/apply_translations.py --add /tmp/missing.json
    cd minhbach && ../.venv/bin/minhbach compilemessages     # or pass --compile above (uses polib, no gettext needed)

What the script does, every time:

* adds the translatable strings of ``config/`` (settings, API error handlers), which
  ``cd minhbach && makemessages`` does not scan (needs ``xgettext``);
* sets a valid header on ``vi`` (one plural form) and ``en`` (two plural forms) and drops their
  ``fuzzy`` flags;
* fills every entry of ``vi/LC_MESSAGES/django.po`` whose msgid is in the memory and clears its
  ``fuzzy`` flag (a memory entry whose placeholders or leading/trailing newlines do not match the
  msgid is refused and reported);
* keeps a translation that someone wrote directly in the .po (not fuzzy) and copies it into the
  memory, so the memory stays complete;
* leaves a fuzzy guess from msgmerge as it is (still fuzzy) and lists it as missing;
* prints the counts and the msgids still missing; with ``--strict`` it exits with 1 if any are.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
TERMS = HERE / "vi_terms.json"
PO = {lang: HERE / lang / "LC_MESSAGES" / "django.po" for lang in ("vi", "en")}
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{\w*\}")
# Translatable strings outside minhbach/ (the project's settings and API error handlers), which
# `cd minhbach && minhbach makemessages` does not see: extracted here with xgettext and added.
EXTRA_SOURCES = [HERE.parent.parent / "config"]
XGETTEXT_KEYWORDS = ["gettext_noop", "gettext_lazy", "ngettext_lazy:1,2", "pgettext:1c,2", "npgettext:1c,2,3",
                     "pgettext_lazy:1c,2", "npgettext_lazy:1c,2,3", "_", "gettext", "ngettext:1,2", "_l"]
HEADERS = {
    "vi": {"Language": "vi", "Language-Team": "Vietnamese", "Plural-Forms": "nplurals=1; plural=0;"},
    "en": {"Language": "en", "Language-Team": "English", "Plural-Forms": "nplurals=2; plural=(n != 1);"},
}


def key_of(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def _edges(text: str) -> tuple[bool, bool]:
    return text.startswith("\n"), text.endswith("\n")


def problem(entry: polib.POEntry, forms: list[str]) -> str | None:
    """Why this translation cannot be used for this entry, or None."""
    if not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        return "empty translation"
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    for form in forms:
        if _edges(form) != _edges(entry.msgid):
            return "leading/trailing newlines differ from the msgid"
        found = set(PLACEHOLDER.findall(form))
        allowed = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        if not found <= allowed:
            return f"unknown placeholders {sorted(found - allowed)}"
        if not entry.msgid_plural and sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(entry.msgid)):
            return "placeholders differ from the msgid"
        if entry.msgid_plural:
            # Vietnamese has one form, used for every n: it must carry the plural's placeholders.
            need = set(PLACEHOLDER.findall(entry.msgid_plural))
            if not need <= found:
                return f"the single form must contain {sorted(need)}"
    return None


def fix_header(po: polib.POFile, lang: str) -> None:
    meta = po.metadata
    meta.update(HEADERS[lang])
    meta.setdefault("Content-Type", "text/plain; charset=UTF-8")
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    meta["MIME-Version"] = "1.0"
    if meta.get("Project-Id-Version", "PACKAGE VERSION") == "PACKAGE VERSION":
        meta["Project-Id-Version"] = "Minh Bạch"
    if "YEAR" in meta.get("PO-Revision-Date", "YEAR"):
        meta["PO-Revision-Date"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
    if "FULL NAME" in meta.get("Last-Translator", "FULL NAME"):
        meta["Last-Translator"] = "Minh Bạch translators"
    po.metadata_is_fuzzy = False
    po.header = "Minh Bạch — translation catalogue.\nThis file is distributed under the same license as the Minh Bạch package."


def add_extra_sources(pos: list[polib.POFile]) -> int:
    """Add the msgids of EXTRA_SOURCES that the catalogues lack; returns how many were added to the first."""
    files = sorted(str(f) for d in EXTRA_SOURCES if d.is_dir() for f in d.rglob("*.py"))
    if not files or not shutil.which("xgettext"):
        if files:
            print("note: xgettext not found; strings under config/ were not added")
        return 0
    cmd = ["xgettext", "--language=Python", "--from-code=UTF-8", "--no-location", "--output=-",
           *(f"--keyword={k}" for k in XGETTEXT_KEYWORDS), *files]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    extracted = [e for e in polib.pofile(out) if e.msgid]
    added = 0
    for i, po in enumerate(pos):
        have = {key_of(e) for e in po}
        for e in extracted:
            if key_of(e) not in have:
                po.append(polib.POEntry(msgid=e.msgid, msgctxt=e.msgctxt, msgid_plural=e.msgid_plural,
                                        msgstr="" if not e.msgid_plural else "",
                                        msgstr_plural={0: "", 1: ""} if e.msgid_plural else {},
                                        flags=[f for f in e.flags if f != "fuzzy"]))
                added += i == 0
    return added


def load_terms() -> dict:
    return json.loads(TERMS.read_text(encoding="utf-8")) if TERMS.exists() else {}


def save_terms(terms: dict) -> None:
    TERMS.write_text(json.dumps(dict(sorted(terms.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--add", metavar="JSON", action="append", default=[],
                    help="merge these translations (msgid → msgstr; empty values are ignored) into the memory first")
    ap.add_argument("--missing-out", metavar="JSON",
                    help="write the missing msgids to this file as {msgid: \"\"} (a fuzzy guess as the value, if any)")
    ap.add_argument("--compile", action="store_true", help="also write the .mo files (with polib)")
    ap.add_argument("--strict", action="store_true", help="exit with 1 if any message is still untranslated")
    args = ap.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):  # `… | head` must not end in a traceback
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)

    terms = load_terms()
    for path in args.add:
        added = {k: v for k, v in json.loads(Path(path).read_text(encoding="utf-8")).items() if v}
        terms.update(added)
        print(f"added {len(added)} translations from {path}")

    po = polib.pofile(str(PO["vi"]), wrapwidth=79)
    en = polib.pofile(str(PO["en"]), wrapwidth=79)
    before = str(po)
    extra = add_extra_sources([po, en])
    fix_header(po, "vi")
    missing, refused, harvested = [], [], 0
    for entry in po:
        if entry.obsolete:
            continue
        key = key_of(entry)
        if key in terms:
            value = terms[key]
            forms = value if isinstance(value, list) else [value]
            why = problem(entry, forms)
            if why is None:
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: forms[0]}
                else:
                    entry.msgstr = forms[0]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
                continue
            refused.append((key, why))
        elif entry.translated() and "fuzzy" not in entry.flags:
            forms = [entry.msgstr_plural[0]] if entry.msgid_plural else [entry.msgstr]
            if problem(entry, forms) is None:
                terms[key] = forms[0]
                harvested += 1
                continue
        missing.append(entry)
    if str(po) != before:
        po.metadata["PO-Revision-Date"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
    po.save()
    fix_header(en, "en")
    en.save()

    save_terms(terms)
    if args.compile:
        for lang, path in PO.items():
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))

    live = [e for e in po if not e.obsolete]
    print(f"vi: {len(live)} entries, {len(live) - len(missing)} translated, {len(missing)} missing"
          f"; memory: {len(terms)} terms" + (f" ({harvested} taken from the .po)" if harvested else "")
          + (f"; {extra} msgids added from config/" if extra else ""))
    if args.missing_out:
        skeleton = {key_of(e): (e.msgstr or (e.msgstr_plural or {}).get(0, "")) if "fuzzy" in e.flags else "" for e in missing}
        Path(args.missing_out).write_text(json.dumps(skeleton, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(skeleton)} missing msgids to {args.missing_out}")
    for key, why in refused:
        print(f"  refused memory entry {key!r}: {why}")
    for entry in missing:
        print(f"  missing: {key_of(entry)!r}" + ("  (fuzzy guess in the .po)" if "fuzzy" in entry.flags else ""))
    return 1 if args.strict and missing else 0


if __name__ == "__main__":
    sys.exit(main())
