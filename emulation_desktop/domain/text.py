"""Text rules: NFC at every entry point, and a search key that ignores case and diacritics."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean_text(value: str) -> str:
    """NFC-normalise, trim and collapse inner runs of whitespace.

    Unikey and the Windows keyboard produce different Unicode forms of the same Vietnamese text; stored
    text is always NFC so that comparison, search and PDF rendering agree.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str) -> str:
    """A search key: lower case, no diacritics, đ→d ("Đông Anh" → "dong anh")."""
    decomposed = unicodedata.normalize("NFD", value.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # NFD does not decompose đ (U+0111): it is a distinct letter, not d plus a mark.
    return _SPACES.sub(" ", stripped.replace("đ", "d")).strip()


def ascii_filename(title: str, max_length: int = 60) -> str:
    """A short, safe ASCII file name stem for a Vietnamese title (for USB sticks and old Windows)."""
    stem = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")[:max_length].strip("-") or "file"
    if stem.upper() in {"CON", "PRN", "AUX", "NUL"} or re.fullmatch(r"(?i)(com|lpt)[1-9]", stem):
        stem = f"{stem}-file"
    return stem
