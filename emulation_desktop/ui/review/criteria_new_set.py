"""The criteria page while the year has no set: its title (the usual one filled in), and the three ways
to make the set: from nothing, as a copy of last year's (said what the copy keeps, or that there is
nothing to copy), or from the cluster's default table (the one the meeting pack prints)."""

from __future__ import annotations

from collections.abc import Callable

from emulation_desktop.locale.i18n import _
from emulation_desktop.review.criteria import CriteriaView
from emulation_desktop.ui.qt import QHBoxLayout, QLabel, QVBoxLayout, QWidget, qconnect
from emulation_desktop.ui.review.widgets import button, error_label, line_edit


class NewSetPart(QWidget):
    def __init__(
        self,
        create: Callable[[], None],
        copy: Callable[[], None],
        template: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        row = QHBoxLayout()
        label = QLabel(_("Title of the set:"))
        self.new_title = line_edit("criteria_new_title")
        label.setBuddy(self.new_title)
        row.addWidget(label)
        row.addWidget(self.new_title, 1)
        layout.addLayout(row)
        self.title_error = error_label("criteria_new_title_error", hidden=True)
        layout.addWidget(self.title_error)
        buttons = QHBoxLayout()
        self.create_button = button(_("Create the criteria set"), "criteria_create", create)
        self.copy_button = button(_("Copy last year's set"), "criteria_copy", copy)
        self.template_button = button(
            _("Use the cluster's default criteria"),
            "criteria_template",
            template,
            _(
                "The ten figures and points the meeting pack prints when the cluster has no set of its "
                "own, copied into a set you can change."
            ),
        )
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.copy_info = QLabel()
        self.copy_info.setObjectName("criteria_copy_info")
        self.copy_info.setWordWrap(True)
        layout.addWidget(self.copy_info)
        self.error = error_label("criteria_empty_error", hidden=True)
        layout.addWidget(self.error)
        layout.addStretch(1)
        qconnect(self.new_title.returnPressed, create)

    def show_year(self, year: int, previous: CriteriaView | None, can: bool) -> None:
        """No set of ``year`` yet; ``previous`` is last year's, if any; ``can``: this installation may
        make one."""
        self.info.setText(_("The criteria set for {year} has not been prepared.").format(year=year))
        self.new_title.setEnabled(can)
        self.create_button.setEnabled(can)
        self.copy_button.setEnabled(can and previous is not None)
        self.template_button.setEnabled(can)
        if previous is None:
            self.copy_info.setText(_("There is no criteria set of {year} to copy.").format(year=year - 1))
        else:
            self.copy_info.setText(
                _(
                    "Last year's set: “{title}”, {n} criteria. The copy keeps its groups, numbers, points, "
                    "linked figures and targets; then change what differs this year."
                ).format(title=previous.set.title, n=len(previous.criteria))
            )
