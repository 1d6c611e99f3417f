"""File → Load the demo data: a new user sees a living app (Hà Nội Cluster No. 3, 2021–2022) in one step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import plain_sql
from emulation_desktop.ui import background, dialogs

if TYPE_CHECKING:
    from emulation_desktop.ui.main_window import MainWindow


def has_units(window: MainWindow) -> bool:
    with window.ctx.db.reading() as connection:
        return plain_sql.first(connection, "SELECT 1 FROM unit LIMIT 1") is not None


def load_demo_data(window: MainWindow) -> None:
    """Only into an empty data file: the demo never mixes with a unit's real records."""
    if has_units(window):
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

    db = window.ctx.db
    background.run(
        window,
        lambda: load_demo(db),
        _("Loading the demo data..."),
        on_done=lambda _summary: window.context_bar.load_units(),
    )
