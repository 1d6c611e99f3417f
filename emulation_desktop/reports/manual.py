"""The user manual: its sections, read from ``resources/manual/``, and the same text as an A4 PDF.

Each section is one Markdown file, ``NN-name.md``: ``NN`` orders the sections, ``name`` is how the
window asks for one (F1 on a tab opens the section mapped to it, ``ui/help_window.py``), and the first
line, ``# Title``, is its title. The help window shows the files with Qt's Markdown reader; this module
lays the very same files out with ReportLab, so the screen and the paper never say different things.

Both read only this subset of Markdown (the manual's files keep to it; ``tests/ui/test_help.py`` checks
that every image they name exists):

- ``#``, ``##``, ``###`` headings; paragraphs (lines joined until a blank line);
- ``- item`` bullets and ``1. item`` numbered lists (a line indented under an item continues it);
- ``**bold**`` and ``\\*`` for a literal star;
- ``![caption](images/file.png)`` alone on its line: a screenshot, which
  ``python -m emulation_desktop.ui.screenshots --manual`` takes again over the demo data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph, Spacer, Table

from emulation_desktop.locale.i18n import _
from emulation_desktop.paths import resource_path
from emulation_desktop.reports import fonts, layout

SECTION_FILE = re.compile(r"^\d+-(?P<name>[a-z0-9-]+)\.md$")
IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)$")
BULLET = re.compile(r"^[-*] +(?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<number>\d+)\. +(?P<text>.*)$")
HEADING = re.compile(r"^(?P<level>#{1,3}) +(?P<text>.*)$")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ESCAPED_STAR = "\x00"  # stands for "\*" while the bold markers are read

IMAGE_MAX_HEIGHT = 110 * mm  # a 1366×768 screenshot the frame wide is about 93 mm high


@dataclass(frozen=True)
class Section:
    name: str  # "hoat-dong-ho-tro": the file name without its order number
    title: str  # the first line's "# ..."
    text: str  # the whole Markdown, title line included
    path: Path


@dataclass(frozen=True)
class Block:
    """One piece of a section: a heading, a paragraph, a list or an image."""

    kind: str  # "heading", "paragraph", "bullets", "numbered", "image"
    text: str = ""  # heading and paragraph text; an image's caption
    level: int = 0  # a heading's level (1–3)
    items: tuple[str, ...] = ()  # a list's items
    source: str = ""  # an image's path, relative to the manual folder


def manual_folder() -> Path:
    return resource_path("resources", "manual")


@cache
def _read(folder: Path) -> tuple[Section, ...]:
    found = []
    for path in sorted(folder.glob("*.md")):
        match = SECTION_FILE.match(path.name)
        if match is None:
            continue
        text = layout.nfc(path.read_text(encoding="utf-8"))
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        heading = HEADING.match(first)
        title = heading.group("text").strip() if heading else match.group("name")
        found.append(Section(match.group("name"), title, text, path))
    return tuple(found)


def sections() -> list[Section]:
    """The manual's sections, in order (read once per process)."""
    return list(_read(manual_folder()))


def section(name: str) -> Section:
    for candidate in sections():
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def whole_text() -> str:
    """Every section, one after the other: what "the whole manual" shows."""
    return "\n\n".join(s.text.strip() for s in sections()) + "\n"


# Reading the Markdown subset --------------------------------------------------------------------------------


def blocks(text: str) -> list[Block]:
    """The blocks of a section's Markdown (see the module docstring for the subset)."""
    out: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_kind = ""

    def flush() -> None:
        nonlocal list_kind
        if paragraph:
            out.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()
        if items:
            out.append(Block(list_kind, items=tuple(items)))
            items.clear()
            list_kind = ""

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        heading, image = HEADING.match(line), IMAGE_LINE.match(line)
        bullet, numbered = BULLET.match(line), NUMBERED.match(line)
        if heading:
            flush()
            out.append(Block("heading", heading.group("text").strip(), level=len(heading.group("level"))))
        elif image:
            flush()
            out.append(Block("image", image.group("alt"), source=image.group("src")))
        elif bullet or numbered:
            kind = "bullets" if bullet else "numbered"
            if paragraph or (items and kind != list_kind):
                flush()
            list_kind = kind
            items.append((bullet or numbered).group("text"))  # type: ignore[union-attr]
        elif items and raw[:1].isspace():
            items[-1] += " " + line  # a continuation line, indented under its item
        elif items:
            flush()
            paragraph.append(line)
        else:
            paragraph.append(line)
    flush()
    return out


def image_sources(text: str) -> list[str]:
    """The images a section names, relative to the manual folder."""
    return [block.source for block in blocks(text) if block.kind == "image"]


def markup(text: str) -> str:
    """ReportLab markup for one line of the subset: escaped, with **bold**."""
    value = escape(layout.nfc(text).replace("\\*", ESCAPED_STAR))
    value = BOLD.sub(r"<b>\1</b>", value)
    return value.replace(ESCAPED_STAR, "*")


# The PDF --------------------------------------------------------------------------------------------------


class _Styles:
    """The manual's own styles: a handbook, not an administrative document, so smaller type and no
    first-line indent, in the documents' embedded font."""

    def __init__(self) -> None:
        fonts.register_fonts()

        def style(name: str, size: float, font: str = fonts.REGULAR, **kw: object) -> ParagraphStyle:
            base: dict[str, object] = {
                "fontName": font,
                "fontSize": size,
                "leading": round(size * 1.3, 1),
                "alignment": TA_JUSTIFY,
                "spaceAfter": 5,
                # ReportLab draws bullets in Helvetica unless told otherwise: every face must be ours.
                "bulletFontName": fonts.REGULAR,
                "bulletFontSize": size,
            }
            base.update(kw)
            return ParagraphStyle(name, **base)  # type: ignore[arg-type]

        self.cover = style("cover", 22, fonts.BOLD, alignment=TA_CENTER, leading=28, spaceAfter=10)
        self.cover_sub = style("cover_sub", 15, fonts.ITALIC, alignment=TA_CENTER, spaceAfter=30)
        self.contents_head = style("contents_head", 14, fonts.BOLD, alignment=TA_LEFT, spaceAfter=8)
        self.contents = style("contents", 12, alignment=TA_LEFT, leftIndent=8 * mm, bulletIndent=0)
        self.h1 = style("h1", 17, fonts.BOLD, alignment=TA_LEFT, leading=22, spaceAfter=10, keepWithNext=1)
        self.h2 = style(
            "h2", 13.5, fonts.BOLD, alignment=TA_LEFT, spaceBefore=8, spaceAfter=4, keepWithNext=1
        )
        self.h3 = style("h3", 12, fonts.BOLD_ITALIC, alignment=TA_LEFT, spaceBefore=4, keepWithNext=1)
        self.body = style("body", 12)
        self.item = style("item", 12, leftIndent=7 * mm, bulletIndent=2 * mm, spaceAfter=3)
        self.caption = style("caption", 11, fonts.ITALIC, alignment=TA_CENTER, spaceBefore=3, spaceAfter=10)


def _image(block: Block, folder: Path, st: _Styles) -> Flowable:
    """A screenshot the frame wide (or shorter, keeping its proportions), framed, with its caption."""
    path = folder / block.source
    width = layout.frame_width()
    picture = Image(str(path))
    ratio = picture.imageHeight / picture.imageWidth
    height = width * ratio
    if height > IMAGE_MAX_HEIGHT:
        height, width = IMAGE_MAX_HEIGHT, IMAGE_MAX_HEIGHT / ratio
    picture.drawWidth, picture.drawHeight = width, height
    framed = Table([[picture]], colWidths=[width], rowHeights=[height])
    framed.setStyle(layout.cell_style([("BOX", (0, 0), (-1, -1), 0.5, "#808080")]))
    parts: list[Flowable] = [Spacer(1, 4), framed]
    if block.text:
        parts.append(Paragraph(markup(block.text), st.caption))
    return KeepTogether(parts)


def _section_story(item: Section, number: int, folder: Path, st: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks(item.text):
        if block.kind == "heading":
            if block.level == 1:
                story.append(Paragraph(f"{number}. {markup(block.text)}", st.h1))
            else:
                story.append(Paragraph(markup(block.text), st.h2 if block.level == 2 else st.h3))
        elif block.kind == "paragraph":
            story.append(Paragraph(markup(block.text), st.body))
        elif block.kind in ("bullets", "numbered"):
            for index, text in enumerate(block.items, start=1):
                bullet = "•" if block.kind == "bullets" else f"{index}."
                story.append(Paragraph(markup(text), st.item, bulletText=bullet))
            story.append(Spacer(1, 3))
        elif block.kind == "image":
            story.append(_image(block, folder, st))
    return story


def manual_title() -> str:
    return _("User manual")


def build_pdf() -> bytes:
    """The whole manual as an A4 PDF: a cover with the contents, then each section on a new page;
    embedded fonts, page numbers from page 2 (``layout.render``)."""
    app_name = _("Emulation records")  # the application's name, as the window's title shows it
    st = _Styles()
    folder = manual_folder()
    items = sections()
    story: list[Flowable] = [
        Spacer(1, 40 * mm),
        Paragraph(markup(layout.upper(manual_title())), st.cover),
        Paragraph(markup(_("Software {name}").format(name=app_name)), st.cover_sub),
        Paragraph(markup(_("Table of contents")), st.contents_head),
    ]
    story += [
        Paragraph(markup(item.title), st.contents, bulletText=f"{number}.")
        for number, item in enumerate(items, start=1)
    ]
    for number, item in enumerate(items, start=1):
        story.append(PageBreak())
        story += _section_story(item, number, folder, st)
    return layout.render(
        story,
        title=f"{manual_title()} – {app_name}",
        author=app_name,
        subject=manual_title(),
    )
