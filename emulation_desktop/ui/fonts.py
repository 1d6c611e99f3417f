"""Choose the window font on purpose: fontconfig's default changes with whatever fonts are installed,
and not every default draws Vietnamese marks well."""

from __future__ import annotations

import logging

from emulation_desktop.paths import resource_path
from emulation_desktop.ui.qt import QApplication, QFont, QFontDatabase

log = logging.getLogger(__name__)

# Bundled fonts win; then what a Windows office PC has; then what Linux desktops ship.
PREFERRED = ("Liberation Sans", "Tinos", "Segoe UI", "Arial", "DejaVu Sans")
POINT_SIZE = 10


def load_bundled_fonts() -> list[str]:
    """Register the sans-serif fonts under resources/fonts; return their families. The serif ones are
    the documents' (ReportLab reads them itself): registering them in Qt cost the start ~10 ms for
    nothing the window draws."""
    try:
        folder = resource_path("resources", "fonts")
    except FileNotFoundError:
        return []
    families: list[str] = []
    for path in sorted(folder.rglob("*.ttf")):
        name = path.name.lower()
        if "mono" in name or ("serif" in name and "sans" not in name):
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def choose_font(app: QApplication) -> QFont:
    bundled = [f for f in load_bundled_fonts() if "Sans" in f]
    if bundled:  # registered just now: no need to list the system's fonts to know it is there
        family = bundled[0]
    else:
        available = set(QFontDatabase.families())
        family = next((f for f in PREFERRED if f in available), app.font().family())
    font = QFont(family, POINT_SIZE)
    app.setFont(font)
    log.info("window font: %s %spt", family, POINT_SIZE)
    return font
