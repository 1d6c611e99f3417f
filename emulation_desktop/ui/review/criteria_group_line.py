"""The criteria page's line for a new group: its number (left empty, the next Roman numeral) and name,
and the buttons that add it, rename the group chosen in the table, or remove that group. Enter in
either field adds the group. The page runs the operations."""

from __future__ import annotations

from collections.abc import Callable

from emulation_desktop.locale.i18n import _
from emulation_desktop.ui.field_widgets import EnterFilter
from emulation_desktop.ui.qt import QHBoxLayout, QLabel, QWidget
from emulation_desktop.ui.review.widgets import button, line_edit


class GroupLine(QWidget):
    def __init__(
        self,
        add: Callable[[], None],
        rename: Callable[[], None],
        remove: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("New group:")))
        self.code_edit = line_edit("criteria_group_code")
        self.code_edit.setMaximumWidth(60)
        self.name_edit = line_edit("criteria_group_name", _("Name of the group"))
        row.addWidget(self.code_edit)
        row.addWidget(self.name_edit, 1)
        self.add_button = button(_("Add the group"), "criteria_add_group", add)
        self.rename_button = button(
            _("Rename the group"),
            "criteria_rename_group",
            rename,
            _("Change the name of the group chosen in the table (F2 in the table does the same)."),
        )
        self.remove_button = button(_("Remove the group"), "criteria_remove_group", remove)
        self.widgets: list[QWidget] = [
            self.code_edit,
            self.name_edit,
            self.add_button,
            self.rename_button,
            self.remove_button,
        ]
        for widget in self.widgets[2:]:
            row.addWidget(widget)
        enter = EnterFilter(add, self)
        for widget in (self.code_edit, self.name_edit):
            widget.installEventFilter(enter)

    def clear(self) -> None:
        self.code_edit.clear()
        self.name_edit.clear()
