"""The documents' font: Times New Roman where it is installed (every Windows PC), else Liberation Serif
(Times New Roman's metrics, SIL OFL, bundled); either way embedded as a subset, and named in the PDF's
properties (``font_note``) so anyone can see which one a file was made with.

ReportLab embeds (subsets) every TrueType font it draws with. Nothing here falls back to the built-in
Helvetica: every style, table cell and chart label names one of the faces below. The faces are
registered under names of their own, whichever files they come from.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from emulation_desktop.paths import resource_path

FAMILY = "DocumentSerif"
REGULAR = "DocumentSerif"
BOLD = "DocumentSerif-Bold"
ITALIC = "DocumentSerif-Italic"
BOLD_ITALIC = "DocumentSerif-BoldItalic"
FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)

# A folder to look in first for Times New Roman (tests point it at a fake installation).
FONT_DIR_ENV = "EMULATION_DESKTOP_FONT_DIR"

# Times New Roman's four files under the names each system installs them with: Windows (and Wine,
# and the Linux msttcorefonts package, in lower case), the msttcorefonts package, macOS.
TIMES_NAMES: tuple[tuple[str, str, str, str], ...] = (
    ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
    ("Times.ttf", "Timesbd.ttf", "Timesi.ttf", "Timesbi.ttf"),
    (
        "Times_New_Roman.ttf",
        "Times_New_Roman_Bold.ttf",
        "Times_New_Roman_Italic.ttf",
        "Times_New_Roman_Bold_Italic.ttf",
    ),
    (
        "Times New Roman.ttf",
        "Times New Roman Bold.ttf",
        "Times New Roman Italic.ttf",
        "Times New Roman Bold Italic.ttf",
    ),
)
LIBERATION_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


@dataclass(frozen=True)
class FontChoice:
    name: str  # "Times New Roman" or "Liberation Serif"
    files: tuple[Path, Path, Path, Path]  # regular, bold, italic, bold italic


def system_font_dirs() -> list[Path]:
    """Where the systems keep installed fonts (the user's own folders first)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        return [*([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else []), windir / "Fonts"]
    if sys.platform == "darwin":
        return [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
        ]
    return [
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts/truetype/msttcorefonts"),
        Path("/usr/share/fonts/TTF"),
        Path("/usr/share/fonts/truetype"),
        Path("/usr/share/fonts"),
    ]


def find_times(dirs: Iterable[Path]) -> tuple[Path, Path, Path, Path] | None:
    """Times New Roman's four faces in the first folder holding all four, or None."""
    for folder in dirs:
        for names in TIMES_NAMES:
            paths = tuple(folder / name for name in names)
            if all(p.is_file() for p in paths):
                return paths  # type: ignore[return-value]
    return None


def choose_font(dirs: Iterable[Path] | None = None) -> FontChoice:
    """Times New Roman if installed (looked for in ``dirs``, by default the folder named by
    ``EMULATION_DESKTOP_FONT_DIR`` and then the system's), else the bundled Liberation Serif."""
    if dirs is None:
        override = os.environ.get(FONT_DIR_ENV)
        dirs = [*([Path(override)] if override else []), *system_font_dirs()]
    times = find_times(dirs)
    if times is not None:
        return FontChoice("Times New Roman", times)
    bundled = tuple(resource_path("resources", "fonts", name) for name in LIBERATION_FILES)
    return FontChoice("Liberation Serif", bundled)  # type: ignore[arg-type]


@cache
def chosen() -> FontChoice:
    """The font of this process's documents, chosen once."""
    return choose_font()


def font_note() -> str:
    """What the PDF's properties say about the font: "font: Times New Roman"."""
    return f"font: {chosen().name}"


@cache
def register_fonts() -> str:
    """Register the four faces once per process (and the family, so <b> and <i> work); returns FAMILY."""
    for name, path in zip(FACES, chosen().files, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
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
