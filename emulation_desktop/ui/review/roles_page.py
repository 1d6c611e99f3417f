"""Step 4 of the Tổng kết & suy tôn tab: next year's cluster head and deputy, as set in the cluster's
roles, and the button that sets them from the elections (refused until both are elected)."""

from __future__ import annotations

from collections.abc import Callable

from emulation_desktop.locale.i18n import _
from emulation_desktop.review import elections
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from emulation_desktop.ui.review.widgets import ClusterYear, StepPage, button, error_label


class RolesPage(StepPage):
    def __init__(
        self, ctx: AppContext, shown: ClusterYear, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, shown, changed, parent)
        layout = QVBoxLayout(self)
        self.roles_label = QLabel()
        self.roles_label.setObjectName("review_roles")
        self.roles_label.setWordWrap(True)
        layout.addWidget(self.roles_label)
        row = QHBoxLayout()
        row.addWidget(
            button(_("Set next year's cluster head and deputy"), "review_apply_roles", self.apply_roles)
        )
        row.addStretch(1)
        layout.addLayout(row)
        self.roles_error = error_label("review_roles_error")
        layout.addWidget(self.roles_error)
        layout.addStretch(1)

    def show_roles(self, roles: dict[str, dict[str, str] | None]) -> None:
        lines = [_("Cluster roles in {year}").format(year=self.shown.year + 1)]
        for role, label in (("head", _("Cluster head")), ("deputy", _("Cluster deputy"))):
            who = roles[role]
            lines.append(f"{label}: " + (f"{who['unit']} ({who['unit_code']})" if who else _("not set")))
        self.roles_label.setText("\n".join(lines))

    def apply_roles(self) -> None:
        self.run(
            self.roles_error,
            lambda: elections.apply_roles(
                self.ctx.db, self.shown.cluster_code or "", self.shown.year, user=self.ctx.user
            ),
            _("Next year's cluster head and deputy are set."),
        )
