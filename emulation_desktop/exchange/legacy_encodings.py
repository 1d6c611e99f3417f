"""Vietnamese text in the legacy font encodings of old district files: TCVN3 (ABC, the ``.VnTime``
fonts) and VNI (``VNI-Times``), detected and converted to Unicode NFC.

Both encodings reuse the Latin-1 code points: an old sheet opened today shows "Hµ Néi" (TCVN3) or
"Haø Noäi" (VNI) where the clerk typed "Hà Nội". TCVN3 gives each lower-case letter with its marks one
code; upper-case letters with tone marks live in separate "H" fonts at the same codes, so they come
back lower-case (only Ă Â Ê Ô Ơ Ư Đ have upper-case codes). VNI writes a base letter followed by one
mark character (circumflex/breve combined with the tone), as in "oä" for "ộ".

The "H" fonts (``.VnTimeH``, ``.VnArialH``...) draw the lower-case codes as capitals: "CéNG HßA" in
``.VnTimeH`` reads "CỘNG HÒA". Which encoding a text is in is decided in ``legacy_detection``, per cell
and per column, with the cell's font as evidence (``font_encoding``).
"""

from __future__ import annotations

import re
import unicodedata

UNICODE, TCVN3, VNI = "unicode", "tcvn3", "vni"

# TCVN3 (TCVN 5712:1993, VN3) code → Unicode letter.
_TCVN3_CODES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_DECODE = {chr(code): letter for code, letter in _TCVN3_CODES.items()}
TCVN3_CODES = frozenset(_TCVN3_DECODE)  # the Latin-1 characters that stand for a letter in TCVN3
_TCVN3_TABLE = str.maketrans(_TCVN3_DECODE)
# Upper-case letters with tone marks have no TCVN3 code: they are written with the lower-case code.
_TCVN3_ENCODE = {letter: code for code, letter in _TCVN3_DECODE.items()}

# VNI: (base, marks) for each vowel with tone none, acute, grave, hook, tilde, dot below.
_VNI_VOWELS: dict[str, tuple[str, ...]] = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, acute, grave, hook, tilde, dot


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {"ñ": "đ", "Ñ": "Đ"}
    encode: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for vowel, codes in _VNI_VOWELS.items():
        for tone, code in zip(_TONES, codes, strict=True):
            letter = unicodedata.normalize("NFC", vowel + tone)
            if code != letter:
                decode[code] = letter
                encode[letter] = code
                upper_code, upper_letter = code.upper(), letter.upper()
                decode[upper_code] = upper_letter
                encode[upper_letter] = upper_code
                if len(code) == 2:  # an upper-case base with a lower-case mark, as some files have
                    decode[code[0].upper() + code[1]] = upper_letter
    return decode, encode


_VNI_DECODE, _VNI_ENCODE = _vni_tables()
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))

# Words of letters (no digits or underscores): the unit the capital-font rule looks at.
_WORD = re.compile(r"[^\W\d_]+")


def decode_tcvn3(text: str, capitals: bool | None = None) -> str:
    """TCVN3 → Unicode NFC. ``capitals``: the text is in an "H" font (True), is not (False), or may be
    (None: a text whose plain letters are all capitals, in words of two or more, was typed in one)."""
    decoded = unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE))
    if capitals is None:
        capitals = _looks_capital(text)
    return decoded.upper() if capitals else decoded


def _looks_capital(text: str) -> bool:
    plain = ["".join(c for c in word if c.isascii()) for word in _WORD.findall(text)]
    long_words = [p for p in plain if len(p) >= 2]
    return bool(long_words) and all(p.isupper() for p in long_words)


def font_encoding(font_name: str | None) -> tuple[str, bool] | None:
    """(encoding, capitals) that a cell's font implies, or None for a Unicode (or unknown) font.

    The ABC fonts are named ".Vn…" (".VnTime", ".VnArial Narrow"), their capital variants end in "H"
    (".VnTimeH", ".VnArial NarrowH"); the VNI fonts are named "VNI-…" ("VNI-Times", "VNI-Helve").
    """
    name = (font_name or "").strip()
    if name[:3].lower() == ".vn":
        return TCVN3, name.endswith("H")
    if name[:4].lower() in ("vni-", "vni "):
        return VNI, False
    return None


def decode_vni(text: str) -> str:
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text))


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as a ``.VnTime`` file holds it (used to make test sheets and for round trips)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODE.get(char)
        if code is None and char != char.lower():
            code = _TCVN3_ENCODE.get(char.lower())
        out.append(code if code is not None else char)
    return "".join(out)


def encode_vni(text: str) -> str:
    return "".join(_VNI_ENCODE.get(char, char) for char in unicodedata.normalize("NFC", text))


def to_unicode(text: str, encoding: str, capitals: bool | None = None) -> str:
    """Convert text of a known encoding to Unicode NFC."""
    if encoding == TCVN3:
        return decode_tcvn3(text, capitals)
    if encoding == VNI:
        return decode_vni(text)
    return unicodedata.normalize("NFC", text)
