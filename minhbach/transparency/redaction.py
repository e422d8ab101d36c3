"""Conservative redaction of text meant for the public register: names, phones, e-mails, ID numbers, house numbers.

Patterns strip what looks personal; the sender's own identifiers (known to the system) are stripped exactly,
whatever the pattern says. The reviewer always sees what was stripped and decides the final wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from minhbach.transparency.search import fold

MARK = "[…]"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Vietnamese phone numbers: 0 or +84 then 8–10 digits, with optional spaces, dots or dashes between groups.
PHONE = re.compile(r"(?<![\w])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?![\w])")
# Citizen ID (CCCD, 12 digits), old ID card (9 digits), passports and any long run of digits.
ID_NUMBER = re.compile(r"(?<![\w])(?:[A-Z]\d{7,8}|\d{9}|\d{12}|\d{8,})(?![\w])")
# A name after an honorific or a kinship word: up to four capitalised words.
UPPER = "A-ZÀ-ỸĐ"
HONORIFIC = re.compile(
    r"(?P<title>\b(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Cc]ô|[Cc]hú|[Cc]ụ|[Ee]m|[Cc]háu|[Gg]ia đình|[Hh]ộ(?: ông| bà)?"
    r"|[Đđ]ồng chí|[Cc]ông dân|[Ll]uật sư))\s+"
    rf"(?P<name>[{UPPER}][\wÀ-ỹ]*(?:\s+[{UPPER}][\wÀ-ỹ]*){{0,3}})",
    re.UNICODE,
)
# "số nhà 12", "số 45/7": house numbers give an address away.
HOUSE = re.compile(r"\b(?:số nhà|nhà số|số)\s+\d+[\w/\-]*", re.IGNORECASE | re.UNICODE)

KIND_LABELS = {
    "email": _("e-mail address"),
    "phone": _("phone number"),
    "id_number": _("ID number"),
    "name": _("personal name"),
    "address": _("address"),
    "sender": _("the sender's identity"),
}


@dataclass(frozen=True)
class Stripped:
    kind: str
    value: str          # empty when the value itself must not be shown (a protected sender)

    @property
    def label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


@dataclass(frozen=True)
class Redacted:
    text: str
    stripped: tuple[Stripped, ...]


def _identity_values(identity: dict | None) -> list[str]:
    values = []
    for key in ("name", "address", "phone", "email", "id_number", "organisation"):
        v = ((identity or {}).get(key) or "").strip()
        if len(v) >= 3:
            values.append(v)
    return sorted(values, key=len, reverse=True)


def _strip_exact(text: str, value: str) -> tuple[str, bool]:
    """Remove `value` from `text` ignoring case and diacritics (the folded forms keep the same length per char)."""
    # Fold char by char so positions map back to the original text.
    folded_chars = [fold(ch) or " " for ch in text]
    folded_text = "".join(c[0] for c in folded_chars)
    target = fold(value)
    if not target:
        return text, False
    found = False
    out, i = [], 0
    while True:
        j = folded_text.find(target, i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        out.append(MARK)
        i = j + len(target)
        found = True
    return "".join(out), found


def redact(text: str, *, identity: dict | None = None, protected: bool = False) -> Redacted:
    """Strip personal data from `text`; `identity` holds the sender's own data, hidden from view if `protected`."""
    stripped: list[Stripped] = []
    for value in _identity_values(identity):
        text, hit = _strip_exact(text, value)
        if hit:
            stripped.append(Stripped("sender", "" if protected else value))

    def sub(pattern, kind, group=0):
        nonlocal text

        def repl(m):
            stripped.append(Stripped(kind, m.group(group)))
            return m.group(0).replace(m.group(group), MARK) if group else MARK

        text = pattern.sub(repl, text)

    sub(EMAIL, "email")
    sub(PHONE, "phone")
    sub(ID_NUMBER, "id_number")
    sub(HONORIFIC, "name", "name")
    sub(HOUSE, "address")
    text = re.sub(r"(?:\[…\]\s*){2,}", MARK + " ", text).strip()
    return Redacted(text=text, stripped=tuple(stripped))


def personal_data_in(text: str, *, identity: dict | None = None) -> list[str]:
    """The kinds of personal data still present in text about to be published (sender's identifiers, e-mails, phones, IDs)."""
    kinds = []
    folded = fold(text)
    for value in _identity_values(identity):
        if fold(value) and fold(value) in folded:
            kinds.append("sender")
            break
    if EMAIL.search(text):
        kinds.append("email")
    if PHONE.search(text):
        kinds.append("phone")
    if ID_NUMBER.search(text):
        kinds.append("id_number")
    return kinds
