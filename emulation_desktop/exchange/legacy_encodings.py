"""Vietnamese text in the legacy font encodings of old district files: TCVN3 (ABC, the ``.VnTime``
fonts) and VNI (``VNI-Times``), detected and converted to Unicode NFC.

Both encodings reuse the Latin-1 code points: an old sheet opened today shows "Hµ Néi" (TCVN3) or
"Haø Noäi" (VNI) where the clerk typed "Hà Nội". TCVN3 gives each lower-case letter with its marks one
code; upper-case letters with tone marks live in separate "H" fonts at the same codes, so they come
back lower-case (only Ă Â Ê Ô Ơ Ư Đ have upper-case codes). VNI writes a base letter followed by one
mark character (circumflex/breve combined with the tone), as in "oä" for "ộ".

Detection looks at a whole sheet, not a cell: Unicode Vietnamese is full of letters beyond Latin-1
(ư, ơ, đ, ạ, ộ...), TCVN3 of Latin-1 symbols no Vietnamese word uses (µ ¸ ¨ © ª « ¬ ®...), and VNI
of a vowel followed by a mark letter ("aø", "oä").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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

# Evidence for detection.
_VIETNAMESE_BEYOND_LATIN1 = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
_TCVN3_ONLY = re.compile(
    "[\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be\u00c7\u00d0\u00d7\u00de\u00df\u00f7\u00fe]"
)
# A vowel followed by a mark letter no Vietnamese word has after a vowel (ø û ï å ä ë ü, Ñ/ñ for đ).
# Pairs like "oà" or "oá" are left out: Unicode "hoàng" and "hoá" have them too.
_VNI_STRONG = re.compile("[aeiouyAEIOUYôöÔÖ][øûïØÛÏ]|[aeoAEO][åäÅÄ]|[aA][ëüËÜ]|[ñÑ][aeiouyAEIOUY]")


def decode_tcvn3(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE))


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


def detect(texts: Iterable[str]) -> str:
    """The encoding of a body of text (a sheet's cells): UNICODE, TCVN3 or VNI."""
    unicode_hits = tcvn_hits = vni_hits = 0
    for text in texts:
        if not text or text.isascii():
            continue
        unicode_hits += len(_VIETNAMESE_BEYOND_LATIN1.findall(text))
        tcvn_hits += len(_TCVN3_ONLY.findall(text))
        vni_hits += len(_VNI_STRONG.findall(text))
    if unicode_hits >= max(tcvn_hits, vni_hits):  # also when there is no evidence at all
        return UNICODE
    return TCVN3 if tcvn_hits >= vni_hits else VNI


def to_unicode(text: str, encoding: str) -> str:
    """Convert text of a known encoding to Unicode NFC."""
    if encoding == TCVN3:
        return decode_tcvn3(text)
    if encoding == VNI:
        return decode_vni(text)
    return unicodedata.normalize("NFC", text)
