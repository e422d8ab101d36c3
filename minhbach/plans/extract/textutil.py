"""Small text helpers shared by the extractor modules (no third-party imports)."""
from __future__ import annotations

import re
import unicodedata

# Old-style tone placement -> new style ("uỷ" -> "ủy"); every pair keeps its length,
# so offsets in folded text equal offsets in the original text.
_TONE_FIX = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile(r"(?:(?<!q)(?:uỳ|uý|uỷ|uỹ|uỵ)|oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ)(?!\w)")
_WS_RE = re.compile(r"\s+")

# Words that cannot end a clause (GUIDE 1.4): a paragraph ending in one continues.
FUNCTION_WORDS = {"của", "và", "các", "những", "với", "để", "cho", "về", "theo", "là", "trong", "hoặc"}


def nfc(text: str) -> str:
    """Return the NFC-normalised form of text."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """Remove markdown '*' and collapse whitespace runs to one space."""
    return _WS_RE.sub(" ", nfc(text).replace("*", "")).strip()


def fold(text: str) -> str:
    """Lower-case text and unify tone placement, keeping the same length and offsets."""
    low = text.lower()
    return _TONE_RE.sub(lambda m: _TONE_FIX[m.group(0)], low)


def words(text: str) -> list[str]:
    """Split text on whitespace."""
    return text.split()


def first_words(text: str, n: int = 12) -> str:
    """Return the first n whitespace-separated words of text."""
    return " ".join(text.split()[:n])


def last_word(text: str) -> str:
    """Return the last word of text, lower-cased and stripped of punctuation."""
    parts = text.split()
    if not parts:
        return ""
    return parts[-1].strip(".,;:!?\"“”'()").lower()


def starts_lowercase(text: str) -> bool:
    """True when the first letter of text is a lower-case letter."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def is_upper_text(text: str) -> bool:
    """True when every cased letter of text is upper case (and there is at least one)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


_SENT_END_RE = re.compile(r"[.!?…]+[\"”)]?\s+")


def sentences(text: str) -> list[str]:
    """Split text into sentences at terminal punctuation followed by a capital letter."""
    out, start = [], 0
    for m in _SENT_END_RE.finditer(text):
        nxt = text[m.end():m.end() + 2].lstrip("\"“(")
        if nxt[:1].isupper():
            out.append(text[start:m.end()].strip())
            start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
