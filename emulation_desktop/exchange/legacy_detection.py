"""Which cells of a sheet hold TCVN3 or VNI text: decided per cell, then per column (or per row for
the title and header rows), with the cell's font as evidence.

A whole-sheet guess fails on the commonest layout, the app's own export template filled in from an
old list: a Unicode header over rows in ``.VnTime``. With one row the header outvotes the row and the
row is stored as mojibake; with thirty the rows outvote the header and the header is "converted"
("Nguồn kinh phí" → "Nguồn kinh phớ"), so no column is found. So each cell is read three ways (as it
is, as TCVN3, as VNI) and each reading is scored by how many of its words are Vietnamese syllables:

- a cell with letters no 8-bit file holds (ư, ơ, đ, ạ…, or combining marks) is Unicode and is never
  converted; neither is a cell that no decoding changes (plain ASCII);
- a ``.Vn…`` or ``VNI-…`` font says what the clerk saw, so it decides (the "H" fonts in capitals);
- otherwise the best-scoring reading wins; a tie ("Tè" is a word, and so is its TCVN3 reading "Tố")
  follows the column (the row, for the rows down to the header), and stays as typed when the column
  gives no evidence either.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from emulation_desktop.exchange.legacy_encodings import (
    TCVN3,
    TCVN3_CODES,
    UNICODE,
    VNI,
    font_encoding,
    to_unicode,
)

LEGACY = (TCVN3, VNI)
HEADER_SEARCH_ROWS = 15

# Letters beyond Latin-1 that Vietnamese uses, and combining marks: no TCVN3 or VNI text has them.
_SURELY_UNICODE = re.compile("[ĂăĐđĨĩŨũƠơƯư\u0300-\u0323\u1ea0-\u1ef9]")
_WORD = re.compile(r"[^\W\d_]+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEI = (  # with the medial o/u; the semivowel endings i, y, o, u are part of the nucleus here
    "oai|oao|oay|oeo|iêu|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|"
    "ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_SYLLABLE = re.compile(f"(?:{_ONSETS})?(?:{_NUCLEI})(ch|ng|nh|c|m|n|p|t)?")
# Latin-1 symbols no Vietnamese text uses; TCVN3 puts letters on most of them (¸ · ¨ © « ¬ ®...).
_STRAY = frozenset(c for c in map(chr, [*range(0xA1, 0xC0), 0xD7, 0xF7]) if not c.isalpha())
# Latin-1 letters that TCVN3 gives no meaning: a text holding them is not TCVN3 ("Tô Ánh").
_NOT_TCVN3 = frozenset(c for c in map(chr, range(0xC0, 0x100)) if c.isalpha() and c not in TCVN3_CODES)


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """A Vietnamese syllable: one case pattern, at most one tone, onset + nucleus + coda; the stop
    codas (c, ch, p, t) take only the acute or the dot below."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    parts = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in parts if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    return not (match.group(1) in ("c", "ch", "p", "t") and tones and tones[0] not in "\u0301\u0323")


def vietnamese_score(text: str) -> int:
    """Vietnamese syllables minus words and symbols that cannot be Vietnamese (plain ASCII words count
    for nothing: codes, abbreviations and names read the same in every encoding)."""
    score = 0
    for word in _WORD.findall(text):
        if not word.isascii():
            score += 1 if _is_syllable(word) else -1
    return score - sum(1 for c in text if c in _STRAY)


@dataclass(frozen=True)
class Reading:
    best: frozenset[str]  # the readings (UNICODE, TCVN3, VNI) that score highest
    sure: bool = False  # certainly Unicode: never converted
    changes: bool = False  # some decoding would change the text


_AS_IS = Reading(frozenset({UNICODE}))
_SURE = Reading(frozenset({UNICODE}), sure=True)


@lru_cache(maxsize=65536)
def judge(text: str, legacy: tuple[str, ...] = LEGACY) -> Reading:
    """How one cell's text reads best."""
    if text.isascii():
        return _AS_IS
    if _SURELY_UNICODE.search(text):
        return _SURE
    scores = {UNICODE: vietnamese_score(text)}
    for encoding in legacy:
        decoded = to_unicode(text, encoding)
        if decoded != unicodedata.normalize("NFC", text):
            penalty = sum(1 for c in text if c in _NOT_TCVN3) if encoding == TCVN3 else 0
            scores[encoding] = vietnamese_score(decoded) - penalty
    if len(scores) == 1:
        return _AS_IS
    top = max(scores.values())
    return Reading(frozenset(k for k, v in scores.items() if v == top), changes=True)


class _Votes(Counter[str]):
    def add(self, reading: Reading, font: tuple[str, bool] | None) -> None:
        if font is not None:
            self[font[0]] += 1
        if reading.sure or (reading.changes and reading.best == {UNICODE}):
            self[UNICODE] += 1
        elif len(reading.best) == 1 and reading.changes:
            self[next(iter(reading.best))] += 1

    def winner(self) -> str:
        """The legacy encoding with more votes than Unicode, else UNICODE."""
        tcvn3, vni, unicode = self[TCVN3], self[VNI], self[UNICODE]
        if tcvn3 > unicode and tcvn3 >= vni:
            return TCVN3
        if vni > unicode and vni > tcvn3:
            return VNI
        return UNICODE


def detect(texts: Iterable[str]) -> str:
    """The encoding most of these texts are in: UNICODE, TCVN3 or VNI."""
    votes = _Votes()
    for text in texts:
        votes.add(judge(text), None)
    return votes.winner()


@dataclass(frozen=True)
class Conversion:
    """Cells of one column converted from one encoding (with the font that said so, if any)."""

    column: int
    encoding: str
    font: str
    cells: int


class _Converter:
    def __init__(self, fonts: Mapping[tuple[int, int], str], forced: str | None) -> None:
        self.fonts = fonts
        self.forced = forced
        self.legacy = (forced,) if forced else LEGACY
        self.counts: Counter[tuple[int, str, str]] = Counter()

    def font(self, row: int, column: int) -> tuple[str, bool] | None:
        found = font_encoding(self.fonts.get((row, column)))
        if found is not None and self.forced and found[0] != self.forced:
            return None  # the clerk's choice of encoding overrides a font
        return found

    def votes(self, cells: Iterable[tuple[int, int, Any]], *, column: bool = False) -> str:
        # A chosen encoding is every body column's; the header row still follows its own cells, so that
        # the template's "Ghi chú" (which reads "Ghi chỳ" in TCVN3) stays.
        if self.forced and column:
            return self.forced
        votes = _Votes()
        for row, column, value in cells:
            if isinstance(value, str):
                votes.add(judge(value, self.legacy), self.font(row, column))
        return votes.winner()

    def cell(self, row: int, column: int, value: Any, context: str) -> Any:
        if not isinstance(value, str):
            return value
        reading = judge(value, self.legacy)
        font = self.font(row, column)
        plain = unicodedata.normalize("NFC", value)
        if reading.sure:
            return plain
        capitals: bool | None = None
        if font is not None:
            encoding, capitals = font[0], font[1] or None
        elif not reading.changes:
            return plain
        elif len(reading.best) == 1:
            encoding = next(iter(reading.best))
        elif context in reading.best:
            encoding = context
        else:
            encoding = UNICODE if UNICODE in reading.best else sorted(reading.best)[0]
        if encoding == UNICODE:
            return plain
        converted = to_unicode(value, encoding, capitals)
        if converted != plain:
            self.counts[(column, encoding, self.fonts.get((row, column), "") if font else "")] += 1
        return converted

    def by_rows(self, rows: list[list[Any]], start: int) -> list[list[Any]]:
        out = []
        for index, row in enumerate(rows, start=start):
            context = self.votes((index, c, v) for c, v in enumerate(row))
            out.append([self.cell(index, c, v, context) for c, v in enumerate(row)])
        return out


def convert_rows(
    rows: list[list[Any]],
    fonts: Mapping[tuple[int, int], str],
    find_header: Callable[[list[list[Any]]], int],
    encoding: str | None = None,
) -> tuple[list[list[Any]], int, list[Conversion]]:
    """The rows with legacy text converted, the index of the header row, and what was converted.

    ``fonts``: (row index, column index) → font name, for the cells whose font is known; ``encoding``:
    None to detect, UNICODE to convert nothing, TCVN3 or VNI to read every cell that is not already
    Unicode Vietnamese in that encoding.
    """
    if encoding == UNICODE:
        plain = [[unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in row] for row in rows]
        return plain, find_header(plain), []
    converter = _Converter(fonts, encoding)
    top = converter.by_rows(rows[:HEADER_SEARCH_ROWS], 0)
    header = find_header(top)
    out = converter.by_rows(rows[:header], 0)
    converter.counts.clear()  # title rows are not imported: the report counts the header and the rows
    out += converter.by_rows(rows[header : header + 1], header)
    body = rows[header + 1 :]
    width = max((len(row) for row in body), default=0)
    contexts = [
        converter.votes(
            ((i, c, row[c]) for i, row in enumerate(body, start=header + 1) if c < len(row)), column=True
        )
        for c in range(width)
    ]
    for index, row in enumerate(body, start=header + 1):
        out.append([converter.cell(index, c, v, contexts[c]) for c, v in enumerate(row)])
    conversions = [Conversion(c, e, f, n) for (c, e, f), n in sorted(converter.counts.items())]
    return out, header, conversions
