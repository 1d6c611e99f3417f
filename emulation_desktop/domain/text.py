"""Text rules: NFC at every entry point, and a search key that ignores case and diacritics."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = re.compile(r"[\u0300-\u036f]")


def clean_text(value: str) -> str:
    """NFC-normalise, trim and collapse inner runs of whitespace.

    Unikey and the Windows keyboard produce different Unicode forms of the same Vietnamese text; stored
    text is always NFC so that comparison, search and PDF rendering agree.
    """
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    # split/join collapses every run of whitespace (tabs, newlines, no-break spaces) and trims, in C.
    return " ".join(value.split())


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """A search key: lower case, no diacritics, đ→d ("Đông Anh" → "dong anh").

    Cached: imports and the demo fold the same commune names and labels thousands of times.
    """
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", value.lower()))
    # NFD does not decompose đ (U+0111): it is a distinct letter, not d plus a mark.
    return " ".join(stripped.replace("đ", "d").split())


def ascii_filename(title: str, max_length: int = 60) -> str:
    """A short, safe ASCII file name stem for a Vietnamese title (for USB sticks and old Windows)."""
    stem = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")[:max_length].strip("-") or "file"
    return f"{stem}-file" if is_device_name(stem) else stem


# Names Windows keeps for devices, with or without an extension ("nul.pdf" is the device too).
_DEVICE_NAME = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$")


def is_device_name(name: str) -> bool:
    """Whether Windows would take ``name`` for a device (CON, NUL, COM0…COM9, LPT0…LPT9…)."""
    return bool(_DEVICE_NAME.match(name.strip()))
