"""The table engine of the documents: ``RowsTable``, a table for any number of rows, linear in time.

Long lists (thousands of support records, every supervision session of a city) go through it: each
row is measured once with the font's metrics, page splits find their row by bisection, and a page's
rows are drawn as PDF operators in one block. ``layout`` owns everything else on the page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from emulation_desktop.reports import fonts
from emulation_desktop.reports.layout import nfc

TABLE_SIZE = 11


@dataclass(frozen=True)
class Column:
    header: str
    weight: float  # share of the table width
    align: str = "left"  # "left", "center" or "right"
    wrap: bool = True  # False: one line, cut with "…"


@dataclass(frozen=True)
class Row:
    cells: Sequence[str]
    bold: bool = False
    span: bool = False  # one cell across the whole width (a section heading inside the table)
    italic: bool = False


@dataclass
class _Measured:
    width: float
    widths: list[float]
    lines: list[list[list[str]]]  # per row, per cell, its lines
    heights: list[float]
    tops: list[float]  # cumulative: tops[i] = sum(heights[:i])
    header_lines: list[list[str]]
    header_height: float


@dataclass
class _Shared:
    columns: tuple[Column, ...]
    rows: list[Row]
    size: float
    leading: float
    pad: float
    max_lines: int
    cache: dict[float, _Measured] = field(default_factory=dict)


class RowsTable(Flowable):
    """A table for any number of rows, linear in time.

    Each row is measured once (wrapped with the font's metrics, no Paragraph objects), page splits
    find their row by bisection over cumulative heights, and slices share the measured rows, so 10,000
    rows cost what drawing them costs. Every cell is drawn in Liberation Serif; the header row repeats
    on every page.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row | Sequence[str]],
        *,
        size: float = TABLE_SIZE,
        leading: float | None = None,
        pad: float = 3.0,
        max_lines: int = 30,
        _shared: _Shared | None = None,
        _span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        fonts.register_fonts()
        if _shared is None:
            norm = [r if isinstance(r, Row) else Row(tuple(r)) for r in rows]
            norm = [Row(tuple(nfc(c) for c in r.cells), r.bold, r.span, r.italic) for r in norm]
            cols = tuple(Column(nfc(c.header), c.weight, c.align, c.wrap) for c in columns)
            _shared = _Shared(cols, norm, size, leading or round(size * 1.2, 1), pad, max_lines)
        self.shared = _shared
        self.start, self.stop = _span if _span is not None else (0, len(_shared.rows))

    # Measuring ---------------------------------------------------------------------------------------

    def _measure(self, width: float) -> _Measured:
        found = self.shared.cache.get(width)
        if found is not None:
            return found
        sh = self.shared
        total = sum(c.weight for c in sh.columns)
        widths = [width * c.weight / total for c in sh.columns]
        inner = [w - 2 * sh.pad for w in widths]
        regular, bold = fonts.REGULAR, fonts.BOLD
        size = sh.size
        fitted: dict[tuple[str, str, float, bool], list[str]] = {}  # labels, dates, places repeat

        def fit(text: str, font: str, room: float, wrap: bool) -> list[str]:
            if not text:
                return [""]
            key = (text, font, room, wrap)
            found = fitted.get(key)
            if found is not None:
                return found
            measure = fonts.width_function(font)
            if "\n" not in text and measure(text, size) <= room:
                out = [text]
            elif not wrap:
                out = [_cut(text, font, size, room)]
            else:
                out = []
                for part in text.split("\n"):
                    out += _wrap(part, measure, size, room)
                if len(out) > sh.max_lines:
                    out = out[: sh.max_lines]
                    out[-1] = _cut(out[-1] + " …", font, size, room)
            fitted[key] = out
            return out

        header_lines = [fit(c.header, bold, inner[i], True) for i, c in enumerate(sh.columns)]
        header_height = max(len(x) for x in header_lines) * sh.leading + 2 * sh.pad
        lines: list[list[list[str]]] = []
        heights: list[float] = []
        tops: list[float] = []
        y = 0.0
        full = width - 2 * sh.pad
        for row in sh.rows:
            font = bold if row.bold else regular
            if row.span:
                cells = [fit(row.cells[0] if row.cells else "", font, full, True)]
            else:
                cells = [
                    fit(row.cells[i] if i < len(row.cells) else "", font, inner[i], col.wrap)
                    for i, col in enumerate(sh.columns)
                ]
            h = max(len(c) for c in cells) * sh.leading + 2 * sh.pad
            lines.append(cells)
            heights.append(h)
            tops.append(y)
            y += h
        tops.append(y)
        measured = _Measured(width, widths, lines, heights, tops, header_lines, header_height)
        sh.cache[width] = measured
        return measured

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        m = self._measure(availWidth)
        self.width = availWidth
        self.height = m.header_height + m.tops[self.stop] - m.tops[self.start]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        m = self._measure(availWidth)
        room = availHeight - m.header_height
        base = m.tops[self.start]
        # the last row whose bottom fits: tops[k] - base <= room
        k = bisect.bisect_right(m.tops, base + room, lo=self.start, hi=self.stop + 1) - 1
        if k <= self.start:
            return []  # not even one row fits here: ReportLab moves the table to the next page
        if k >= self.stop:
            return [self]
        return [
            RowsTable((), (), _shared=self.shared, _span=(self.start, k)),
            RowsTable((), (), _shared=self.shared, _span=(k, self.stop)),
        ]

    # Drawing -------------------------------------------------------------------------------------------

    def draw(self) -> None:
        """Emit the page's rows as PDF operators in one block: ReportLab's per-string text objects cost
        more than the rest of the table together. Each distinct text is encoded for its font subset
        once per document."""
        sh = self.shared
        m = self._measure(self.width)
        canv = self.canv
        xs = [0.0]
        for w in m.widths:
            xs.append(xs[-1] + w)
        width = self.width
        ops = _Ops(canv, sh.size)
        # Header
        top = self.height
        y = top
        ops.cells(m.header_lines, xs, y, ["center"] * len(m.widths), fonts.BOLD, sh.pad, sh.leading)
        y -= m.header_height
        rules = [(0.0, top, width, top), (0.0, y, width, y)]
        run_start = top  # top of the current run of ordinary rows, for the vertical lines
        aligns = [c.align for c in sh.columns]
        for i in range(self.start, self.stop):
            row = sh.rows[i]
            h = m.heights[i]
            font = _row_font(row)
            if row.span:
                if run_start > y:
                    rules += [(x, run_start, x, y) for x in xs]
                ops.cells(m.lines[i], [0.0, width], y, ["left"], font, sh.pad, sh.leading)
                rules += [(0.0, y, 0.0, y - h), (width, y, width, y - h)]
                run_start = y - h
            else:
                ops.cells(m.lines[i], xs, y, aligns, font, sh.pad, sh.leading)
            y -= h
            rules.append((0.0, y, width, y))
        if run_start > y:
            rules += [(x, run_start, x, y) for x in xs]
        ops.flush(rules)


def _row_font(row: Row) -> str:
    if row.bold and row.italic:
        return fonts.BOLD_ITALIC
    if row.bold:
        return fonts.BOLD
    return fonts.ITALIC if row.italic else fonts.REGULAR


class _Ops:
    """PDF content operators for a table's text and rules, appended to the page in one literal."""

    def __init__(self, canv: Canvas, size: float) -> None:
        self.canv = canv
        self.size = size
        self.text: list[str] = []
        self.current = ""  # the subset font selected in the text block
        cache = getattr(canv, "_rows_table_encoded", None)
        if cache is None or cache[0] is not canv._doc:  # type: ignore[attr-defined]
            cache = (canv._doc, {})  # type: ignore[attr-defined]
            canv._rows_table_encoded = cache  # type: ignore[attr-defined]
        self.encoded: dict[tuple[str, str], list[tuple[str, str]]] = cache[1]

    def _encode(self, font: str, text: str) -> list[tuple[str, str]]:
        key = (font, text)
        found = self.encoded.get(key)
        if found is None:
            canv = self.canv
            doc = canv._doc  # type: ignore[attr-defined]
            face = fonts.pdfmetrics.getFont(font)
            found = [
                (face.getSubsetInternalName(subset, doc), canv._escape(chunk))  # type: ignore[attr-defined]
                for subset, chunk in face.splitString(text, doc)
            ]
            self.encoded[key] = found
        return found

    def cells(
        self,
        cells: list[list[str]],
        xs: list[float],
        y: float,
        aligns: list[str],
        font: str,
        pad: float,
        leading: float,
    ) -> None:
        size = self.size
        measure = fonts.width_function(font)
        out = self.text.append
        first = y - pad - size * 0.9
        for i, lines in enumerate(cells):
            align = aligns[i]
            left, right = xs[i] + pad, xs[i + 1] - pad
            ly = first
            for line in lines:
                if line:
                    if align == "right":
                        x = right - measure(line, size)
                    elif align == "center":
                        x = (left + right - measure(line, size)) / 2
                    else:
                        x = left
                    out(f"1 0 0 1 {x:.2f} {ly:.2f} Tm")
                    for name, chunk in self._encode(font, line):
                        if name != self.current:
                            out(f"{name} {size:g} Tf")
                            self.current = name
                        out(f"({chunk}) Tj")
                ly -= leading

    def flush(self, rules: list[tuple[float, float, float, float]]) -> None:
        ops = ["q", "0 G 0 g 0.5 w"]
        ops += [f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l" for a, b, c, d in rules]
        ops += ["S", "BT", *self.text, "ET", "Q"]
        self.canv.addLiteral("\n".join(ops))


_BREAKS = re.compile(r"[ \t\r\f\v]+")


def _wrap(text: str, measure: Callable[[str, float], float], size: float, room: float) -> list[str]:
    """Greedy word wrap with the font's widths; a word wider than the room is broken by characters.
    Only ordinary spaces break a line: a no-break space keeps a number with its unit ("100,0 điểm %")."""
    lines: list[str] = []
    current = ""
    for word in _BREAKS.split(text.strip(" \t\r\f\v")):
        trial = f"{current} {word}" if current else word
        if measure(trial, size) <= room:
            current = trial
            continue
        if current:
            lines.append(current)
        while measure(word, size) > room and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and measure(word[:cut], size) > room:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


def _cut(text: str, font: str, size: float, room: float) -> str:
    """``text`` cut to fit ``room`` with a trailing "…"."""
    measure = fonts.width_function(font)
    if measure(text, size) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid] + "…", size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"
