"""The Overview's line saying what the cluster head decided on this unit's year (issue #18), in a module
of its own: the Overview is the window's first paint, and the rest of ``ui.submissions_board`` (the
board, its dialogs, the save target) cost it about 70 ms of imports that only the Data exchange tab
needs (benchmarks/README.md, ``ui_startup``). The line reads plain SQL (``operations.submission_status``),
which words its dates through ``locale.formatting`` and so loads Babel (another 70 ms): only once the
unit-year has an acknowledgement to show, which most never have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.operations.submission_status import has_decision, member_status_of
from emulation_desktop.ui.qt import QLabel, qconnect

if TYPE_CHECKING:
    from emulation_desktop.ui.context import AppContext

ACCEPTED_STYLE = "background: #e8f3e8; padding: 6px;"
RETURNED_STYLE = "background: #fff4d6; color: #6b4a00; padding: 6px;"
OBJECT_NAME = "submission_status"


def submission_status_line(ctx: AppContext) -> QLabel:
    """The Overview's line saying what the cluster head decided on this unit's year, if anything:
    hidden for an imported unit or a year without an acknowledgement."""
    label = QLabel()
    label.setObjectName(OBJECT_NAME)
    label.setWordWrap(True)
    label.hide()

    def refresh() -> None:
        unit = ctx.unit
        status = None
        if unit is not None and unit.is_local and has_decision(ctx.db, unit.code, ctx.year):
            status = member_status_of(ctx.db, unit.code, ctx.year)
        if status is None:
            label.hide()
            return
        label.setText(status.text(ctx.year))
        label.setStyleSheet(ACCEPTED_STYLE if status.decision == "accepted" else RETURNED_STYLE)
        label.show()

    qconnect(ctx.context_changed, refresh)
    qconnect(ctx.data_changed, refresh)
    refresh()
    return label
