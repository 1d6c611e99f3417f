"""Reading PDFs back with pypdf and poppler, as the tests check them."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from pypdf import PdfReader

MM = 72 / 25.4
A4 = (595.276, 841.89)
TOLERANCE = 1.0  # points

HAVE_POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo"))


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def layout_text(path: Path) -> str:
    return run("pdftotext", "-layout", str(path), "-")


def flat(text: str) -> str:
    """Whitespace collapsed, so a phrase broken over two lines of justified text still matches."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float
    page_width: float
    page_height: float


def words(path: Path) -> list[Word]:
    """Every word with its bounding box (pdftotext -bbox)."""
    xhtml = run("pdftotext", "-bbox", str(path), "-")
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml)
    root = ElementTree.fromstring(xhtml)
    out = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        pw, ph = float(page.get("width")), float(page.get("height"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            out.append(
                Word(
                    number,
                    word.text or "",
                    float(word.get("xMin")),
                    float(word.get("yMin")),
                    float(word.get("xMax")),
                    float(word.get("yMax")),
                    pw,
                    ph,
                )
            )
    return out


def fonts(path: Path) -> list[dict[str, str]]:
    lines = run("pdffonts", str(path)).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID: read from the right
        out.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return out


def page_sizes(path: Path) -> list[tuple[float, float]]:
    reader = PdfReader(str(path))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)
