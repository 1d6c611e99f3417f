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
    """Register the sans-serif fonts under resources/fonts; return their families."""
    try:
        folder = resource_path("resources", "fonts")
    except FileNotFoundError:
        return []
    families: list[str] = []
    for path in sorted(folder.rglob("*.ttf")):
        if "mono" in path.name.lower():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def choose_font(app: QApplication) -> QFont:
    bundled = load_bundled_fonts()
    available = set(QFontDatabase.families())
    candidates = [f for f in bundled if "Sans" in f] + list(PREFERRED)
    family = next((f for f in candidates if f in available), app.font().family())
    font = QFont(family, POINT_SIZE)
    app.setFont(font)
    log.info("window font: %s %spt", family, POINT_SIZE)
    return font
