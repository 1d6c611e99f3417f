"""The same documents as Word files (.docx), for the clerk and the chairman to edit the final wording.

Each builder lays its document out once, as a ReportLab story (``layout``'s header, title, rules,
paragraphs and signature, ``tables.RowsTable``, the chart); :func:`layout.render` hands that story here
when a Word file is asked for. This module walks the flowables by type and writes the same content with
python-docx in the same Nghị định 30 layout: A4 and ``layout``'s margins, Times New Roman at the same
sizes (Word substitutes a metric twin where it is not installed), the two-column header as a borderless
table, justified paragraphs with the same first-line indent, tables with borders, the signature block,
page numbers at the top from page 2 and the "DỰ THẢO" mark of a draft. Paragraph markup (<b>, <i>,
<u>, <br/>, entities) comes from ReportLab's own parse of each paragraph, so nothing is parsed twice.

python-docx (and lxml) load with this module, only when a Word file is made.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.fonts import ps2tt
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T

FONT = "Times New Roman"  # what NĐ 30 prescribes; Word and LibreOffice substitute a metric twin if absent
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EMU_PER_POINT = 12700
TABLE_RULE = 4  # eighths of a point: the 0.5 pt rules of ``RowsTable``
MARK_RULE = 6  # the draft mark's box, 0.75 pt


def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_POINT))


# Word's XML where python-docx has no property -------------------------------------------------------------


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """The child ``tag`` of ``parent`` (made if missing), with ``attrs`` set (w: names)."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


def _fonts_element(rpr: Any) -> None:
    """Times New Roman for every script slot, with no theme font overriding it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def _borders(parent: Any, tag: str, sides: Iterable[str], size: int) -> None:
    box = _set(parent, tag)
    for side in sides:
        _set(box, f"w:{side}", val="single", sz=str(size), space="0", color="000000")


# The order Word's schema gives a table's properties: LibreOffice ignores borders and margins out of it.
_TABLE_PROPERTIES = [
    f"w:{name}"
    for name in [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ]
]


def _schema_order(properties: Any) -> None:
    rank = {qn(tag): i for i, tag in enumerate(_TABLE_PROPERTIES)}
    children = sorted(properties, key=lambda child: rank.get(child.tag, len(rank)))
    for child in children:
        properties.append(child)  # appending an element already there moves it to the end


def _no_borders(table: Any) -> None:
    box = _set(table._tbl.tblPr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(box, f"w:{side}", val="nil")


def _field(paragraph: DocxParagraph, instruction: str, size: float) -> None:
    """A Word field (PAGE) at the end of ``paragraph``: begin, its code, separate, a shown value, end."""

    def run() -> Any:
        made = paragraph.add_run()
        made.font.size = Pt(size)
        return made

    _set(run()._r, "w:fldChar", fldCharType="begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run()._r.append(code)
    _set(run()._r, "w:fldChar", fldCharType="separate")
    run().text = "2"  # what a reader that does not update fields shows; Word and LibreOffice update it
    _set(run()._r, "w:fldChar", fldCharType="end")


# The document ------------------------------------------------------------------------------------------


@dataclass
class _Place:
    """Where the next paragraph goes (the body or a table cell) and the space owed before it."""

    container: Any
    width: float  # points
    first_free: DocxParagraph | None = None  # a cell's own empty paragraph, used before adding one
    space: float = 0.0
    made: list[DocxParagraph] = field(default_factory=list)


class _Writer:
    def __init__(self, orientation: str, draft: bool) -> None:
        self.doc = Document()
        self.draft = draft
        self.pending_orientation: str | None = None
        self._defaults()
        self._page(self.doc.sections[0], orientation)
        self.place = _Place(self.doc, self.frame_width())

    # page set-up -------------------------------------------------------------------------------------

    def _defaults(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts_element(rpr)
        _set(rpr, "w:sz", val=str(L.BODY_SIZE * 2))
        _set(rpr, "w:szCs", val=str(L.BODY_SIZE * 2))
        _set(rpr, "w:lang", val="vi-VN", eastAsia="en-US", bidi="ar-SA")
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        _set(ppr, "w:spacing", after="0", line="240", lineRule="auto")
        for name in ("Normal", "Header", "Footer"):
            style = self.doc.styles[name]
            _fonts_element(style.element.get_or_add_rPr())
            style.font.size = Pt(L.BODY_SIZE)
        settings = self.doc.settings.element
        _set(settings, "w:defaultTabStop", val="720")

    def _page(self, section: Any, orientation: str) -> None:
        width, height = L.LANDSCAPE if orientation == "landscape" else L.PORTRAIT
        section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = _emu(width), _emu(height)
        section.top_margin, section.bottom_margin = _emu(L.MARGIN_TOP), _emu(L.MARGIN_BOTTOM)
        section.left_margin, section.right_margin = _emu(L.MARGIN_LEFT), _emu(L.MARGIN_RIGHT)
        # The page number's baseline sits PAGE_NUMBER_FROM_TOP below the edge, as in the PDF.
        section.header_distance = _emu(L.PAGE_NUMBER_FROM_TOP - L.ISSUER_SIZE * 0.8)
        section.footer_distance = _emu(L.MARGIN_BOTTOM / 2)
        self.orientation = orientation

    def frame_width(self) -> float:
        return L.frame_width(self.orientation)

    def _headers(self, section: Any, restart: bool) -> None:
        """Page numbers centred at the top from the section's second page; "DỰ THẢO" boxed at the top
        right of every page of a draft."""
        # A document's first page has no number; a section that continues it (landscape pages) numbers
        # its first page too.
        section.different_first_page_header_footer = restart
        numbering = section._sectPr.find(qn("w:pgNumType"))  # a new section copies the one before
        if numbering is not None:
            section._sectPr.remove(numbering)
        if restart:
            _set(section._sectPr, "w:pgNumType", start="1")
        width = self.frame_width()
        for header, numbered in ((section.header, True), (section.first_page_header, False)):
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
            stops = paragraph.paragraph_format.tab_stops
            stops.add_tab_stop(_emu(width / 2), WD_TAB_ALIGNMENT.CENTER)
            stops.add_tab_stop(_emu(width), WD_TAB_ALIGNMENT.RIGHT)
            paragraph.add_run("\t").font.size = Pt(L.ISSUER_SIZE)
            if numbered:
                _field(paragraph, "PAGE", L.ISSUER_SIZE)
            if self.draft:
                paragraph.add_run("\t")
                mark = paragraph.add_run(L.DRAFT_MARK)
                mark.bold = True
                mark.font.size = Pt(L.DRAFT_MARK_SIZE)
                _set(
                    mark._r.get_or_add_rPr(),
                    "w:bdr",
                    val="single",
                    sz=str(MARK_RULE),
                    space="2",
                    color="000000",
                )

    def new_section(self, orientation: str, restart: bool) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, orientation)
        self._headers(section, restart)
        self.place.width = self.frame_width()

    # paragraphs --------------------------------------------------------------------------------------

    def paragraph(self, place: _Place | None = None) -> DocxParagraph:
        place = place or self.place
        if place.first_free is not None:
            paragraph, place.first_free = place.first_free, None
        else:
            paragraph = place.container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(place.space) if place.space else Pt(0)
        place.space = 0.0
        place.made.append(paragraph)
        return paragraph

    def text(self, flowable: Paragraph, place: _Place | None = None) -> DocxParagraph:
        style = flowable.style
        paragraph = self.paragraph(place)
        fmt = paragraph.paragraph_format
        fmt.alignment = {
            TA_CENTER: WD_ALIGN_PARAGRAPH.CENTER,
            TA_RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
            TA_JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
        }.get(style.alignment, WD_ALIGN_PARAGRAPH.LEFT)
        if style.spaceBefore:
            fmt.space_before = Pt((fmt.space_before.pt if fmt.space_before else 0) + style.spaceBefore)
        fmt.space_after = Pt(style.spaceAfter or 0)
        fmt.first_line_indent = _emu(style.firstLineIndent) if style.firstLineIndent else None
        if style.leftIndent:
            fmt.left_indent = _emu(style.leftIndent)
        # "At least" the PDF's leading: the same lines, never clipping a stacked Vietnamese accent.
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(style.leading)
        fmt.widow_control = True
        if flowable.getKeepWithNext():
            fmt.keep_with_next = True
        for frag in flowable.frags:
            if getattr(frag, "lineBreak", False):
                paragraph.add_run().add_break()
                continue
            if not frag.text:
                continue
            _family, bold, italic = ps2tt(frag.fontName)
            run = paragraph.add_run(frag.text)
            run.bold = bool(bold) or None
            run.italic = bool(italic) or None
            run.underline = True if frag.us_lines else None
            run.font.size = Pt(frag.fontSize)
        return paragraph

    def plain(self, text: str, size: float, *, bold: bool = False, italic: bool = False) -> DocxParagraph:
        paragraph = self.paragraph()
        run = paragraph.add_run(L.nfc(text))
        run.bold, run.italic = bold or None, italic or None
        run.font.size = Pt(size)
        return paragraph

    def rule(self, length: float, place: _Place, drop: float) -> DocxParagraph:
        """A short centred rule ``drop`` points below the text above: an empty paragraph as wide as the
        rule and that tall, with a bottom border."""
        paragraph = self.paragraph(place)
        side = max((place.width - length) / 2, 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = _emu(side)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(drop)
        _borders(paragraph._p.get_or_add_pPr(), "w:pBdr", ("bottom",), MARK_RULE)
        return paragraph

    def dotted(self, line: L.DottedLine) -> None:
        """ "Thời gian: ....." to the right margin: a right tab with a dotted leader, easy to fill in."""
        paragraph = self.paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            _emu(self.place.width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraph.paragraph_format.space_before = Pt(line.size * 0.6)
        run = paragraph.add_run(f"{line.label} \t" if line.label else "\t")
        run.font.size = Pt(line.size)

    # the administrative header ------------------------------------------------------------------------

    def header(self, flowable: L.AdministrativeHeader) -> None:
        width = self.place.width
        right = min(flowable.RIGHT_WIDTH, width * 0.62)
        left = width - right
        self._space_before_table()
        table = self._table(2, [left, right])
        _no_borders(table)
        cells = table.rows[0].cells
        issuer = flowable.issuer
        left_place = _Place(cells[0], left, cells[0].paragraphs[0])
        for line in issuer.parent_lines:
            self._centred(left_place, L.upper(line), L.ISSUER_SIZE)
        self._centred(left_place, L.upper(issuer.body), L.ISSUER_SIZE, bold=True)
        body_width = L.fonts.width(L.upper(issuer.body), L.fonts.BOLD, L.ISSUER_SIZE)
        self.rule(max(body_width * 0.4, 20 * mm), left_place, 2)  # as the PDF's, under the issuing body
        right_place = _Place(cells[1], right, cells[1].paragraphs[0])
        self._centred(right_place, L.NATIONAL_TITLE, L.NATIONAL_TITLE_SIZE, bold=True)
        self._centred(right_place, L.MOTTO, L.MOTTO_SIZE, bold=True, underline=True)
        below = table.rows[1].cells
        number = self._centred(_Place(below[0], left, below[0].paragraphs[0]), flowable.number, L.ISSUER_SIZE)
        date = self._centred(
            _Place(below[1], right, below[1].paragraphs[0]), flowable.place_date, L.ISSUER_SIZE, italic=True
        )
        for paragraph in (number, date):
            paragraph.paragraph_format.space_before = Pt(8)

    def _centred(
        self,
        place: _Place,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
    ) -> DocxParagraph:
        paragraph = self.paragraph(place)
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The header's lines sit LINE points apart, as in the PDF.
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        paragraph.paragraph_format.line_spacing = Pt(L.AdministrativeHeader.LINE)
        run = paragraph.add_run(L.nfc(text))
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        run.font.size = Pt(size)
        return paragraph

    # tables ------------------------------------------------------------------------------------------

    def _table(self, rows: int, widths: Sequence[float]) -> Any:
        if self.place.first_free is not None:
            # A table cannot take the place of a cell's first paragraph: leave it, empty and tiny.
            self._tiny(self.place.first_free)
            self.place.first_free = None
        table = self.place.container.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _set(table._tbl.tblPr, "w:tblLayout", type="fixed")
        margins = _set(table._tbl.tblPr, "w:tblCellMar")
        for side in ("left", "right"):
            _set(margins, f"w:{side}", w="0", type="dxa")
        for i, width in enumerate(widths):
            table.columns[i].width = _emu(width)
            for cell in table.columns[i].cells:
                cell.width = _emu(width)
        return table

    @staticmethod
    def _tiny(paragraph: DocxParagraph) -> None:
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(1)
        fmt.space_after = fmt.space_before = Pt(0)

    def rows_table(self, flowable: T.RowsTable) -> None:
        """A table of the document's rows, ruled like the PDF's, its header row repeated on each page."""
        shared = flowable.shared
        columns = shared.columns
        total = sum(c.weight for c in columns)
        widths = [self.place.width * c.weight / total for c in columns]
        rows = shared.rows[flowable.start : flowable.stop]
        self._space_before_table()
        table = self._table(1 + len(rows), widths)
        _borders(
            table._tbl.tblPr,
            "w:tblBorders",
            ("top", "left", "bottom", "right", "insideH", "insideV"),
            TABLE_RULE,
        )
        margins = _set(table._tbl.tblPr, "w:tblCellMar")
        pad = str(round(shared.pad * 20))
        for side in ("top", "left", "bottom", "right"):
            _set(margins, f"w:{side}", w=pad, type="dxa")
        header = table.rows[0]
        _set(header._tr.get_or_add_trPr(), "w:tblHeader")
        for cell, column in zip(header.cells, columns, strict=True):
            self._cell_text(cell, column.header, shared, "center", bold=True)
        for row, docx_row in zip(rows, table.rows[1:], strict=True):
            _set(docx_row._tr.get_or_add_trPr(), "w:cantSplit")
            cells = docx_row.cells
            if row.span:
                merged = cells[0].merge(cells[-1])
                self._cell_text(
                    merged, row.cells[0] if row.cells else "", shared, "left", row.bold, row.italic
                )
                continue
            for i, (cell, column) in enumerate(zip(cells, columns, strict=True)):
                text = row.cells[i] if i < len(row.cells) else ""
                self._cell_text(cell, text, shared, column.align, row.bold, row.italic)

    def _space_before_table(self) -> None:
        """Word has no space before a table: space owed before one goes after the paragraph above. Two
        tables in a row would merge into one (the draft's box into the header): a paragraph as tall as
        the space between them keeps them apart."""
        element = self.place.container._element
        last = element.body[-2] if element.tag == qn("w:document") and len(element.body) > 1 else element[-1]
        if last.tag == qn("w:tbl"):
            space = self.place.space
            between = self.paragraph()
            self._tiny(between)
            between.paragraph_format.line_spacing = Pt(max(space, 1))
        elif self.place.space and self.place.made:
            fmt = self.place.made[-1].paragraph_format
            fmt.space_after = Pt((fmt.space_after.pt if fmt.space_after else 0) + self.place.space)
        self.place.space = 0.0

    @staticmethod
    def _cell_text(
        cell: _Cell, text: str, shared: Any, align: str, bold: bool = False, italic: bool = False
    ) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }.get(align, WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        paragraph.paragraph_format.line_spacing = Pt(shared.leading)
        for i, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            if i:  # the PDF's cell lines ("1.260.000.000\n(112,5%)") stay lines
                run._r.insert(0, OxmlElement("w:br"))
            run.bold, run.italic = bold or None, italic or None
            run.font.size = Pt(shared.size)

    def layout_table(self, flowable: Table) -> None:
        """A ReportLab table of flowables (the signature block, side-by-side signatures, the draft's
        box): the same columns, ruled only where the PDF rules it."""
        width = self.place.width
        spec = flowable._argW
        widths: list[float] = []
        for w in spec:
            if isinstance(w, str) and w.endswith("%"):
                widths.append(width * float(w[:-1]) / 100)
            elif isinstance(w, (int, float)):
                widths.append(float(w))
            else:
                widths.append(width / len(spec))
        self._space_before_table()
        table = self._table(len(flowable._cellvalues), widths)
        ruled = {cmd[0] for cmd in flowable._linecmds}
        if ruled & {"GRID", "INNERGRID"}:
            _borders(
                table._tbl.tblPr,
                "w:tblBorders",
                ("top", "left", "bottom", "right", "insideH", "insideV"),
                MARK_RULE,
            )
        elif ruled & {"BOX", "OUTLINE"}:
            _borders(table._tbl.tblPr, "w:tblBorders", ("top", "left", "bottom", "right"), MARK_RULE)
            margins = _set(table._tbl.tblPr, "w:tblCellMar")
            for side in ("left", "right"):
                _set(margins, f"w:{side}", w="120", type="dxa")
        else:
            _no_borders(table)
        for values, row in zip(flowable._cellvalues, table.rows, strict=True):
            # A signature block moves to the next page whole, as the PDF's KeepTogether moves it.
            _set(row._tr.get_or_add_trPr(), "w:cantSplit")
            for value, cell, cell_width in zip(values, row.cells, widths, strict=True):
                place = _Place(cell, cell_width, cell.paragraphs[0])
                content = value if isinstance(value, (list, tuple)) else [value]
                self.flow([v for v in content if not isinstance(v, str)] or [], place)
                for text in (v for v in content if isinstance(v, str) and v.strip()):
                    self.paragraph(place).add_run(L.nfc(text))
                if place.space:  # room left to sign in: an empty line that tall
                    spacer = self.paragraph(place)
                    spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                    spacer.paragraph_format.line_spacing = Pt(place.space)
                    place.space = 0.0

    def picture(self, drawing: Drawing) -> None:
        from emulation_desktop.reports.drawing_png import drawing_png

        paragraph = self.paragraph()
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(drawing_png(drawing)), width=_emu(drawing.width))

    # the story ---------------------------------------------------------------------------------------

    def flow(self, story: Sequence[Flowable], place: _Place | None = None) -> None:
        outer = self.place
        if place is not None:
            self.place = place
        try:
            for flowable in story:
                self.one(flowable)
        finally:
            self.place = outer

    def one(self, flowable: Flowable) -> None:
        if isinstance(flowable, NextPageTemplate):
            wanted = _orientation(flowable)
            self.pending_orientation = wanted if wanted not in (None, self.orientation) else None
            return
        if isinstance(flowable, L.DocumentStart):
            return
        if isinstance(flowable, PageBreak):
            if self.pending_orientation is not None and self.place.container is self.doc:
                self.new_section(self.pending_orientation, restart=False)
                self.pending_orientation = None
            else:
                self.paragraph().add_run().add_break(_page_break())
            return
        if isinstance(flowable, CondPageBreak):
            return  # Word keeps a heading with what follows by itself (keep with next)
        if isinstance(flowable, Spacer):
            self.place.space += flowable.height
            return
        if isinstance(flowable, KeepTogether):
            before = len(self.place.made)
            self.flow(flowable._content)
            for paragraph in self.place.made[before:-1]:
                paragraph.paragraph_format.keep_with_next = True
            return
        if isinstance(flowable, Paragraph):
            self.text(flowable)
        elif isinstance(flowable, L.AdministrativeHeader):
            self.header(flowable)
        elif isinstance(flowable, L.Rule):
            # The PDF draws it 3 points above the bottom of its ``space``.
            self.rule(flowable.length, self.place, flowable.space - 3)
            self.place.space += 3
        elif isinstance(flowable, L.DottedLine):
            self.dotted(flowable)
        elif isinstance(flowable, T.RowsTable):
            self.rows_table(flowable)
        elif isinstance(flowable, Table):
            self.layout_table(flowable)
        elif isinstance(flowable, Drawing):
            self.picture(flowable)
        elif flowable.wrap(self.place.width, L.PORTRAIT[1])[1] > 0:
            # A flowable this module does not know would be lost silently from the Word file; one that
            # takes no room is a marker for the PDF's page numbering, with nothing to show.
            raise TypeError(f"no Word rendering for {type(flowable).__name__}")


def _orientation(flowable: NextPageTemplate) -> str | None:
    """The page template a NextPageTemplate names ("portrait", "landscape")."""
    action = flowable.action
    return str(action[1]) if isinstance(action, (list, tuple)) and len(action) > 1 else None


def _page_break() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def render_docx(
    story: Sequence[Flowable], *, title: str, author: str, subject: str, orientation: str, draft: bool
) -> bytes:
    """The story as a .docx file's bytes (``layout.render`` calls this for a Word file)."""
    writer = _Writer(orientation, draft)
    # The orientation named at the start of the story is the first page's.
    first = next((f for f in story if isinstance(f, NextPageTemplate)), None)
    if first is not None and _orientation(first):
        writer._page(writer.doc.sections[0], str(_orientation(first)))
        writer.place.width = writer.frame_width()
    writer._headers(writer.doc.sections[0], restart=True)
    writer.flow(story)
    body = writer.doc.element.body
    for properties in body.iter(qn("w:tblPr")):
        _schema_order(properties)
    if len(body) > 1 and body[-2].tag == qn("w:tbl"):
        # Word ends a document with a paragraph: after a closing signature block, a tiny one, so it
        # cannot push a blank page of its own.
        writer._tiny(writer.doc.add_paragraph())
    properties = writer.doc.core_properties
    properties.title = L.nfc(title)
    properties.author = L.nfc(author)
    properties.subject = L.nfc(subject)
    properties.keywords = L.DRAFT_MARK if draft else ""
    properties.comments = f"emulation-desktop; font: {FONT}"
    properties.last_modified_by = L.nfc(author)
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()
