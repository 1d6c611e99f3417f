"""The documents' font: Liberation Serif (Times New Roman metrics, SIL OFL), bundled and always embedded.

ReportLab embeds (subsets) every TrueType font it draws with. Nothing here falls back to the built-in
Helvetica: every style, table cell and chart label names one of the faces below.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from emulation_desktop.paths import resource_path

FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}


@cache
def register_fonts() -> str:
    """Register the four faces once per process (and the family, so <b> and <i> work); returns FAMILY."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("resources", "fonts", filename))))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    return FAMILY


def face(bold: bool = False, italic: bool = False) -> str:
    register_fonts()
    if bold and italic:
        return BOLD_ITALIC
    if bold:
        return BOLD
    return ITALIC if italic else REGULAR


def width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points."""
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)


class _Widths(dict):  # type: ignore[type-arg]
    """Advance widths per character (1/1000 em) of one face; unknown characters take the default."""

    def __init__(self, font: str) -> None:
        face = pdfmetrics.getFont(font).face
        super().__init__((chr(code), w) for code, w in face.charWidths.items())
        self.default = face.defaultWidth

    def __missing__(self, char: str) -> float:
        return self.default  # type: ignore[no-any-return]


@cache
def width_function(font: str):  # type: ignore[no-untyped-def]
    """A fast ``f(text, size) -> points`` for one face (ReportLab's own is pure Python per call for
    TrueType fonts without its optional C accelerator; tables measure every cell)."""
    register_fonts()
    widths = _Widths(font)
    get = widths.__getitem__

    def measure(text: str, size: float) -> float:
        return sum(map(get, text)) * 0.001 * size

    return measure
