"""The application's icon, in every size we ship: the windows' and the About dialog's."""

from __future__ import annotations

import logging

from emulation_desktop.paths import resource_path
from emulation_desktop.ui.qt import QIcon

log = logging.getLogger(__name__)

ICON_NAME = "emulation-desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The application icon in every size we ship (an empty icon if the files are missing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        try:
            icon.addFile(str(resource_path("resources", "icons", f"{ICON_NAME}-{size}.png")))
        except FileNotFoundError:
            log.warning("icon %s-%s.png is missing", ICON_NAME, size)
    return icon
