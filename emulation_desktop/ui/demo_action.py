"""File → Load the demo data: a new user sees a living app (Hà Nội Cluster No. 3, 2021–2022) in one step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.unit_years import has_units
from emulation_desktop.ui import background, dialogs

if TYPE_CHECKING:
    from emulation_desktop.ui.main_window import MainWindow


def load_demo_data(window: MainWindow) -> None:
    """Only into an empty data file: the demo never mixes with a unit's real records."""
    if has_units(window.ctx.db):
        dialogs.inform(
            window,
            _(
                "This data file already has units, so the demo data cannot be added to it. "
                "Start the application with an empty data folder to try the demo."
            ),
        )
        return
    if not dialogs.confirm(
        window,
        _(
            "Load the demo data of Hà Nội's Cluster No. 3 (five districts, 2021–2022)? "
            "It is for learning the application; use an empty data folder for real work."
        ),
    ):
        return
    from emulation_desktop.demo import load_demo

    # The file had no unit: the context bar's re-read (ctx.data_changed) opens the demo's first one.
    background.write(window, window.ctx, load_demo, _("Loading the demo data..."))
