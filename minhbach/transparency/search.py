"""Diacritic- and case-insensitive search text: the same on SQLite and PostgreSQL (no collation, no extension)."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip combining marks (NFD) and map đ to d: 'Đất đai' -> 'dat dai'."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def build(*parts, fold=fold) -> str:
    """The stored search text of a row from its public fields (each folded, then joined by one space).

    Folding part by part gives the same text as folding them joined; a bulk writer passes a memoised `fold`, since
    titles, unit names and results repeat.
    """
    return " ".join(f for f in (fold(str(p)) for p in parts if p) if f)


def terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a query (at most `limit`, each at least 2 characters unless it is a number)."""
    words = [w for w in fold(query).split() if len(w) >= 2 or w.isdigit()]
    return words[:limit]
