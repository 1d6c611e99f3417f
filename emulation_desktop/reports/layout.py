"""The administrative format of every document (Nghị định 30/2020/NĐ-CP, Phụ lục I, as the Front uses
it): page sizes and margins, the paragraph styles, the header, the title, the signature block, the
recipients and the page numbers. The document modules only say what to write; their long tables go
through ``tables.RowsTable``.

All text goes through :func:`nfc` before it reaches ReportLab, which does no shaping: NFD text would
print with detached marks.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from emulation_desktop.locale.formatting import admin_date_line
from emulation_desktop.reports import fonts
from emulation_desktop.reports.request import Built

# Page ---------------------------------------------------------------------------------------------------

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
PAGE_NUMBER_FROM_TOP = 12 * mm  # baseline of the page number, inside the top margin

BODY_SIZE = 14
ISSUER_SIZE = 13
NATIONAL_TITLE_SIZE = 12  # bold capitals, 12–13 pt: 12 keeps it on one line with room to spare
MOTTO_SIZE = 13
TITLE_SIZE = 14
RECIPIENTS_HEAD_SIZE = 12
RECIPIENTS_SIZE = 11
FIRST_LINE_INDENT = 12.7 * mm
PARAGRAPH_SPACE = 6

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def nfc(text: object) -> str:
    """Text as ReportLab must get it: a str in NFC."""
    value = "" if text is None else str(text)
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


NBSP = "\u00a0"
# The units the documents write after a number; "năm 2023 và" is left free to break.
_UNITS = "điểm|%|đồng|triệu|tỷ|nhà|cuộc|vụ|ca|buổi|phiếu|kiến nghị|ý kiến|đơn vị|hoạt động|thôn|xã"
_NUMBER_UNIT = re.compile(rf"(?<=\d) (?=(?:{_UNITS})(?!\w))|(?<=điểm) (?=%)")


def unbreakable(text: str) -> str:
    """``text`` with each number tied to its unit by no-break spaces ("100,0 điểm %" stays on one line)."""
    return _NUMBER_UNIT.sub(NBSP, text)


def upper(text: str) -> str:
    return nfc(nfc(text).upper())


def frame_width(orientation: str = "portrait") -> float:
    page = LANDSCAPE if orientation == "landscape" else PORTRAIT
    return page[0] - MARGIN_LEFT - MARGIN_RIGHT


# Styles -------------------------------------------------------------------------------------------------


def _style(name: str, **kw: object) -> ParagraphStyle:
    fonts.register_fonts()
    size = kw.pop("fontSize", BODY_SIZE)
    base: dict[str, object] = {
        "fontName": fonts.REGULAR,
        "fontSize": size,
        "leading": round(float(size) * 1.25, 1),  # type: ignore[arg-type]
        "alignment": TA_JUSTIFY,
        "spaceBefore": 0,
        "spaceAfter": PARAGRAPH_SPACE,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


class Styles:
    """The paragraph styles of every document, all in Liberation Serif."""

    def __init__(self) -> None:
        self.body = _style("body", firstLineIndent=FIRST_LINE_INDENT)
        self.body_plain = _style("body_plain")
        self.heading = _style(
            "heading", fontName=fonts.BOLD, firstLineIndent=FIRST_LINE_INDENT, keepWithNext=1, spaceBefore=6
        )
        self.subheading = _style(
            "subheading", fontName=fonts.BOLD_ITALIC, firstLineIndent=FIRST_LINE_INDENT, keepWithNext=1
        )
        self.title = _style(
            "title",
            fontName=fonts.BOLD,
            fontSize=TITLE_SIZE,
            alignment=TA_CENTER,
            spaceAfter=0,
            keepWithNext=1,
        )
        self.summary = _style(
            "summary",
            fontName=fonts.BOLD,
            fontSize=TITLE_SIZE,
            alignment=TA_CENTER,
            spaceAfter=2,
            keepWithNext=1,
        )
        self.center = _style("center", alignment=TA_CENTER)
        self.center_italic = _style("center_italic", fontName=fonts.ITALIC, alignment=TA_CENTER)
        self.italic = _style("italic", fontName=fonts.ITALIC, firstLineIndent=FIRST_LINE_INDENT)
        self.note = _style("note", fontName=fonts.ITALIC, fontSize=12, alignment=TA_LEFT)
        self.line = _style("line", alignment=TA_LEFT, spaceAfter=2)
        self.sign = _style("sign", fontName=fonts.BOLD, alignment=TA_CENTER, spaceAfter=0)
        self.sign_italic = _style("sign_italic", fontName=fonts.ITALIC, alignment=TA_CENTER, spaceAfter=0)
        self.recipients_head = _style(
            "recipients_head",
            fontName=fonts.BOLD_ITALIC,
            fontSize=RECIPIENTS_HEAD_SIZE,
            alignment=TA_LEFT,
            spaceAfter=0,
        )
        self.recipients = _style(
            "recipients", fontSize=RECIPIENTS_SIZE, alignment=TA_LEFT, spaceAfter=0, leading=13
        )


_STYLES: Styles | None = None


def styles() -> Styles:
    global _STYLES
    if _STYLES is None:
        _STYLES = Styles()
    return _STYLES


def para(text: str, style: ParagraphStyle | None = None, *, markup: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped), or of ReportLab markup when ``markup`` is set."""
    value = nfc(text)
    return Paragraph(value if markup else escape(value), style or styles().body)


def body(text: str) -> Paragraph:
    return para(unbreakable(text), styles().body)


def heading(text: str) -> Paragraph:
    return para(text, styles().heading)


def heading_before_table(text: str, *, sub: bool = False) -> list[Flowable]:
    """A heading followed by a long table: the table may start on the same page (it splits by rows),
    so the heading only asks for room for a few rows instead of keeping the whole table with it."""
    st = styles()
    style = ParagraphStyle(
        f"{'sub' if sub else ''}heading_loose", parent=st.subheading if sub else st.heading
    )
    style.keepWithNext = 0
    return [CondPageBreak(45 * mm), para(text, style)]


def paragraphs(text: str) -> list[Paragraph]:
    """Body paragraphs from text with one paragraph per non-empty line (as the clerk edits it)."""
    return [body(line.strip()) for line in nfc(text).splitlines() if line.strip()]


def bold_lead(lead: str, rest: str) -> Paragraph:
    """A body paragraph opening with a bold lead: "<b>1. Công tác ...:</b> text"."""
    return para(f"<b>{escape(nfc(lead))}</b> {escape(nfc(rest))}", styles().body, markup=True)


def dotted(label: str = "", count: int = 1) -> list[Flowable]:
    """A label followed by dotted lines to fill in by hand (minutes, forms), each exactly the frame wide."""
    return [DottedLine(label if i == 0 else "") for i in range(count)]


class DottedLine(Flowable):
    """ "Thời gian: ........" up to the right margin, never past it."""

    def __init__(self, label: str = "", size: float = BODY_SIZE) -> None:
        super().__init__()
        self.label = nfc(label)
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.size * 1.6

    def draw(self) -> None:
        canv = self.canv
        y = self.size * 0.45
        x = 0.0
        if self.label:
            canv.setFont(fonts.REGULAR, self.size)
            canv.drawString(0, y, self.label)
            x = fonts.width(self.label + " ", fonts.REGULAR, self.size)
        dot = fonts.width(".", fonts.REGULAR, self.size)
        count = int((self.width - x) / dot)
        canv.setFont(fonts.REGULAR, self.size)
        canv.drawString(self.width - count * dot, y, "." * count)


# Issuer, header, title ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issuer:
    """Who issues the document, as the header and the signature block show it."""

    parent_lines: tuple[str, ...]  # ("ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐÔNG ANH")
    body: str  # "BAN THƯỜNG TRỰC" (bold, with a short rule under it)
    place: str  # "Đông Anh", for the date line
    number_suffix: str  # "BC-MTTQ": "Số: .../BC-MTTQ"
    sign_for: str  # "TM. BAN THƯỜNG TRỰC"
    sign_titles: tuple[str, ...]  # ("CHỦ TỊCH",)
    signer_name: str = ""
    name_in_text: str = ""  # "Ủy ban MTTQ Việt Nam huyện Đông Anh", inside sentences
    recipients: tuple[str, ...] = ()

    def with_suffix(self, suffix: str) -> Issuer:
        return replace(self, number_suffix=suffix)


class AdministrativeHeader(Flowable):
    """The two-column header: issuer and number on the left; national title, motto and the place and
    date line on the right. Drawn directly so the national title always stays on one line."""

    LINE = 16.0  # points between baselines
    RIGHT_WIDTH = 100 * mm
    LEFT_MAX = 75 * mm

    def __init__(self, issuer: Issuer, number: str, place_date: str) -> None:
        super().__init__()
        self.issuer = issuer
        self.number = nfc(number)
        self.place_date = nfc(place_date)
        left_lines = len(issuer.parent_lines) + 1
        self._rows = max(left_lines, 2)
        self.height = self._rows * self.LINE + 28

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return self.width, self.height

    def _centred(self, text: str, font: str, size: float, cx: float, y: float, room: float) -> float:
        """Draw ``text`` centred on ``cx``, shrunk if needed to fit ``room``; return its width."""
        text = nfc(text)
        w = fonts.width(text, font, size)
        if w > room:
            size = size * room / w
            w = room
        self.canv.setFont(font, size)
        self.canv.drawCentredString(cx, y, text)
        return w

    def draw(self) -> None:
        canv = self.canv
        right_w = min(self.RIGHT_WIDTH, self.width * 0.62)
        left_w = min(self.LEFT_MAX, self.width - right_w - 4 * mm)
        lx = left_w / 2
        rx = self.width - right_w / 2
        top = self.height - ISSUER_SIZE
        canv.setLineWidth(0.6)

        y = top
        for line in self.issuer.parent_lines:
            self._centred(upper(line), fonts.REGULAR, ISSUER_SIZE, lx, y, left_w)
            y -= self.LINE
        w = self._centred(upper(self.issuer.body), fonts.BOLD, ISSUER_SIZE, lx, y, left_w)
        rule = max(w * 0.4, 20 * mm)
        canv.line(lx - rule / 2, y - 4, lx + rule / 2, y - 4)
        left_bottom = y

        y = top
        self._centred(NATIONAL_TITLE, fonts.BOLD, NATIONAL_TITLE_SIZE, rx, y, right_w)
        y -= self.LINE
        w = self._centred(MOTTO, fonts.BOLD, MOTTO_SIZE, rx, y, right_w)
        canv.line(rx - w / 2, y - 4, rx + w / 2, y - 4)

        y = min(left_bottom, y) - 24
        self._centred(self.number, fonts.REGULAR, ISSUER_SIZE, lx, y, left_w)
        self._centred(self.place_date, fonts.ITALIC, ISSUER_SIZE, rx, y, right_w)


def number_text(issuer: Issuer, number: str = "") -> str:
    """ "Số: 12/BC-MTTQ", or "Số:      /BC-MTTQ" with room to write the number by hand."""
    return (
        f"Số: {number}/{issuer.number_suffix}"
        if number
        else f"Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/{issuer.number_suffix}"
    )


# The register of outgoing documents decides the number a document prints (``reports.document_register``):
# the one it was given, one given as it is issued now, or none (a draft, a document not yet issued). It
# is set around a build, as ``drafting`` is, because some builders pass no number to ``header`` at all.
_NUMBERING: ContextVar[Callable[[Issuer, str], str] | None] = ContextVar("numbering", default=None)


@contextmanager
def numbering(number_for: Callable[[Issuer, str], str]) -> Iterator[None]:
    """Inside, ``header`` prints ``number_for(issuer, number the builder passed)``."""
    token = _NUMBERING.set(number_for)
    try:
        yield
    finally:
        _NUMBERING.reset(token)


def header(issuer: Issuer, issued_on: date, number: str = "") -> list[Flowable]:
    number_for = _NUMBERING.get()
    if number_for is not None:
        number = number_for(issuer, number)
    return [
        AdministrativeHeader(issuer, number_text(issuer, number), admin_date_line(issuer.place, issued_on)),
        Spacer(1, 14),
    ]


class Rule(Flowable):
    """A short centred rule (under the summary line, under a form's title)."""

    def __init__(self, length: float = 40 * mm, space: float = 10) -> None:
        super().__init__()
        self.length = length
        self.space = space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.space

    def draw(self) -> None:
        self.canv.setLineWidth(0.6)
        y = self.space - 3
        self.canv.line((self.width - self.length) / 2, y, (self.width + self.length) / 2, y)


def title(doc_type: str, *summary: str) -> list[Flowable]:
    """The document type in bold capitals (14 pt), then its summary line(s) in bold, then a short rule."""
    st = styles()
    out: list[Flowable] = [para(upper(doc_type), st.title)]
    out += [para(line, st.summary) for line in summary if line]
    out += [Rule(), Spacer(1, 6)]
    return out


# Signature and recipients --------------------------------------------------------------------------------


def signature(
    issuer: Issuer,
    recipients: Sequence[str] | None = None,
    *,
    with_recipients: bool = True,
    keep_with: Sequence[Flowable] = (),
) -> Flowable:
    """ "Nơi nhận:" (left) and "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH / name" (right), kept on one page, with
    ``keep_with`` (the closing paragraph) so a signature never stands alone on the last page."""
    st = styles()
    right: list[Flowable] = [para(upper(issuer.sign_for), st.sign)]
    right += [para(upper(t), st.sign) for t in issuer.sign_titles]
    right.append(Spacer(1, 26 * mm))
    right.append(para(issuer.signer_name or " ", st.sign))
    left: list[Flowable] = []
    if with_recipients:
        left = [para("Nơi nhận:", st.recipients_head)]
        items = list(recipients if recipients is not None else issuer.recipients)
        if not items or "lưu" not in nfc(items[-1]).lower():
            items.append("Lưu: VT.")
        left += [para(f"- {nfc(item).removeprefix('- ')}", st.recipients) for item in items]
    table = Table([[left or "", right]], colWidths=["45%", "55%"])
    table.setStyle(cell_style())
    return KeepTogether([*keep_with, Spacer(1, 10), table])


def sign_columns(
    *blocks: Sequence[str], signer_space: float = 24 * mm, names: Sequence[str] = ()
) -> Flowable:
    """Several signature columns side by side ("THƯ KÝ" | "CHỦ TRÌ HỘI NGHỊ"), bold capitals; under
    each, the signer's name when ``names`` gives it (in the columns' order)."""
    st = styles()
    cells = []
    for i, lines in enumerate(blocks):
        cell: list[Flowable] = [para(upper(line), st.sign) for line in lines]
        cell.append(Spacer(1, signer_space))
        if i < len(names) and names[i]:
            cell.append(para(names[i], st.sign))
        cells.append(cell)
    share = f"{100 / len(blocks):.4f}%"
    table = Table([cells], colWidths=[share] * len(blocks))
    table.setStyle(cell_style())
    return KeepTogether([Spacer(1, 10), table])


def cell_style(extra: Iterable[tuple[object, ...]] = ()) -> TableStyle:
    """A table style that names the font on every cell (an empty unstyled cell would pull in Helvetica)."""
    fonts.register_fonts()
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), fonts.REGULAR, BODY_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            *extra,
        ]
    )


# Documents and pages --------------------------------------------------------------------------------------


class DocumentStart(Flowable):
    """Marks where a document starts inside a PDF (a cluster's pledge forms hold several): page numbers
    count from here and are printed from the document's second page. A pack whose parts number their
    pages on, one after another (the meeting pack), has one at its start and :func:`next_part` between
    its parts."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._document_first_page = self.canv.getPageNumber()  # type: ignore[attr-defined]


class PageMark(Flowable):
    """Writes down, into ``pages``, the page number (as printed) where it lands under ``key``: a pack
    lays itself out once to learn where each part starts, then again with its contents filled in."""

    def __init__(self, pages: dict[object, int], key: object) -> None:
        super().__init__()
        self.pages = pages
        self.key = key
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        first = getattr(self.canv, "_document_first_page", 1)
        self.pages[self.key] = self.canv.getPageNumber() - first + 1


class Unnumbered(Flowable):
    """The page it lands on is counted but carries no printed number (a sheet of ballots to cut)."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pages = getattr(self.canv, "_unnumbered_pages", set())
        pages.add(self.canv.getPageNumber())
        self.canv._unnumbered_pages = pages  # type: ignore[attr-defined]


def _page_number(canv: Canvas, doc: BaseDocTemplate) -> None:
    first = getattr(canv, "_document_first_page", 1)
    number = canv.getPageNumber() - first + 1
    if number < 2 or canv.getPageNumber() in getattr(canv, "_unnumbered_pages", ()):
        return
    width, height = canv._pagesize  # type: ignore[attr-defined]
    canv.saveState()
    canv.setFont(fonts.REGULAR, ISSUER_SIZE)
    left = MARGIN_LEFT
    right = width - MARGIN_RIGHT
    canv.drawCentredString((left + right) / 2, height - PAGE_NUMBER_FROM_TOP, str(number))
    canv.restoreState()


# Drafts -------------------------------------------------------------------------------------------------

DRAFT_MARK = "DỰ THẢO"
DRAFT_MARK_SIZE = 13

# The registry decides once, for every document, whether it is complete (``reports.readiness``); the
# builders only lay out their pages, so the answer reaches ``render`` beside them rather than through
# each builder's arguments.
_MISSING: ContextVar[tuple[str, ...]] = ContextVar("missing", default=())


@contextmanager
def drafting(missing: Sequence[str]) -> Iterator[None]:
    """Render the documents made inside as drafts when ``missing`` lists anything."""
    token = _MISSING.set(tuple(nfc(line) for line in missing))
    try:
        yield
    finally:
        _MISSING.reset(token)


def _draft_mark(canv: Canvas, doc: BaseDocTemplate) -> None:
    """ "DỰ THẢO" in a box at the top right of every page, where NĐ 30 puts a draft's mark (ô số 12),
    level with the page number."""
    width, height = canv._pagesize  # type: ignore[attr-defined]
    text_width = fonts.width(DRAFT_MARK, fonts.BOLD, DRAFT_MARK_SIZE)
    right = width - MARGIN_RIGHT
    baseline = height - PAGE_NUMBER_FROM_TOP
    canv.saveState()
    canv.setFont(fonts.BOLD, DRAFT_MARK_SIZE)
    canv.drawRightString(right - 4, baseline, DRAFT_MARK)
    canv.setLineWidth(0.8)
    canv.rect(right - text_width - 8, baseline - 4, text_width + 8, DRAFT_MARK_SIZE + 5)
    canv.restoreState()


def missing_box(missing: Sequence[str]) -> Flowable:
    """The draft's first-page box: why it is only a draft, what is missing.

    One table row per line, so the box splits across pages: a city's year-end report lists what each
    of its 126 members still lacks, taller than a page, and a box held in one cell could not be laid
    out at all (ReportLab's LayoutError; benchmarks/README.md, ``city_report``). Each part of a split
    box is drawn with its own border."""
    st = styles()
    head = ParagraphStyle("missing_head", parent=st.line, fontName=fonts.BOLD, fontSize=12, leading=15)
    item = ParagraphStyle("missing_item", parent=st.line, fontSize=12, leading=15, spaceAfter=0)
    rows: list[list[Flowable]] = [
        [para("Bản dự thảo, chưa đủ điều kiện ban hành. Còn thiếu:", head)],
        *([para(f"- {line}", item)] for line in missing),
    ]
    long = len(missing) > _KEPT_TOGETHER
    table = Table(rows, colWidths=["100%"], splitByRow=1, spaceAfter=8 if long else 0)
    table.setStyle(
        cell_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    if long:
        # Kept together, a box taller than the room left would first be moved to a new page, leaving
        # the first one empty; it starts where it stands and runs on.
        return table
    return KeepTogether([table, Spacer(1, 8)])


# A box of up to this many lines (each up to two printed lines) fits the top of a page: kept whole.
_KEPT_TOGETHER = 20


def _with_missing_box(story: list[Flowable], missing: Sequence[str]) -> list[Flowable]:
    """The story with the box at the top of its first page (after the page-template switch)."""
    at = 0
    while at < len(story) and isinstance(story[at], (NextPageTemplate, DocumentStart)):
        at += 1
    return [*story[:at], missing_box(missing), *story[at:]]


# Which file ``render`` makes: "pdf", or "docx" (a Word file, ``reports.word``). Like the draft above,
# the registry decides it for every document, so the builders lay out one story and never know.
_FORMAT: ContextVar[str] = ContextVar("format", default="pdf")


@contextmanager
def output_format(name: str) -> Iterator[None]:
    """Render the documents made inside as ``name`` ("pdf" or "docx")."""
    token = _FORMAT.set(name)
    try:
        yield
    finally:
        _FORMAT.reset(token)


def _no_mark(canv: Canvas, doc: BaseDocTemplate) -> None:
    return None


def new_document(orientation: str = "portrait") -> list[Flowable]:
    """Start a document (in a pack: on a new page) in the given orientation."""
    return [NextPageTemplate(orientation), DocumentStart()]


def next_document(orientation: str = "portrait") -> list[Flowable]:
    """End the current document and start the next one on a fresh page."""
    return [NextPageTemplate(orientation), PageBreak(), DocumentStart()]


def next_part(orientation: str = "portrait") -> list[Flowable]:
    """The next part of a pack, on a fresh page, its pages numbered on from the part before."""
    return [NextPageTemplate(orientation), PageBreak()]


def switch_to(orientation: str) -> list[Flowable]:
    """Continue the same document on a fresh page in another orientation (an appendix table)."""
    return [NextPageTemplate(orientation), PageBreak()]


def document(story: list[Flowable], title: str, author: str) -> Built:
    """The story rendered as a document titled ``title`` (the PDF's title and subject, and the name the
    clerk sees), by ``author`` (the committee or cluster that issues it)."""
    return Built(render(story, title=title, author=author, subject=title), nfc(title))


def render(
    story: list[Flowable], *, title: str, author: str, subject: str = "", orientation: str = "portrait"
) -> bytes:
    """Lay the story out on A4 pages with the administrative margins; return the PDF bytes (inside
    :func:`output_format` "docx", the Word file's). Inside :func:`drafting` with something missing,
    every page is marked as a draft and the first page says what is missing."""
    fonts.register_fonts()
    missing = _MISSING.get()
    if missing:
        story = _with_missing_box(story, missing)
    if _FORMAT.get() == "docx":
        from emulation_desktop.reports.word import render_docx  # python-docx loads only for a Word file

        return render_docx(
            story, title=title, author=author, subject=subject, orientation=orientation, draft=bool(missing)
        )
    # Binary (not ASCII85) compressed streams: smaller files, and ReportLab's pure-Python ASCII85 is slow.
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PORTRAIT,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=nfc(title),
        author=nfc(author),
        subject=nfc(subject),
        creator=f"emulation-desktop; {fonts.font_note()}",
        keywords=DRAFT_MARK if missing else "",
        initialFontName=fonts.REGULAR,
        initialFontSize=BODY_SIZE,
        invariant=True,
    )
    templates = []
    for name, page in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
        frame = Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            page[0] - MARGIN_LEFT - MARGIN_RIGHT,
            page[1] - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )
        templates.append(
            PageTemplate(
                id=name,
                frames=[frame],
                pagesize=page,
                onPage=_draft_mark if missing else _no_mark,
                onPageEnd=_page_number,
            )
        )
    if orientation == "landscape":
        templates.reverse()
    doc.addPageTemplates(templates)
    doc.build(story)
    return buffer.getvalue()
