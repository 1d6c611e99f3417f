"""The dry-run summary of a data package, shown before anything is written; "Apply" imports it all."""

from __future__ import annotations

from emulation_desktop.exchange.import_plan import PLAN_KINDS, ImportPlan, kind_label
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.text_table import TextTableModel, fit_columns, text_table


def plan_heading(plan: ImportPlan) -> str:
    return _("Package of {unit} ({code}), year {year}, made {date}.").format(
        unit=plan.unit_name,
        code=plan.unit_code,
        year=plan.year,
        date=plan.created_at.strftime("%d/%m/%Y %H:%M"),
    )


class ImportDialog(QDialog):
    """Counts of new / updated / unchanged / conflicts / rejected, and every issue with its reason."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("import_dialog")
        self.setWindowTitle(_("Import a data package"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(plan_heading(plan))
        heading.setObjectName("package_heading")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        notes = []
        if plan.submitted:
            notes.append(_("The sender submitted this year officially."))
        if plan.revised_after_submission:
            notes.append(_("The sender revised this year after submitting it."))
        if plan.adopt_unit:
            notes.append(
                _(
                    "{unit} was marked as owned here but had no records; it becomes an imported, read-only unit."
                ).format(unit=plan.unit_name)
            )
        if plan.new_units:
            notes.append(_("{n} communes and villages of the unit will be added.").format(n=plan.new_units))
        if notes:
            note = QLabel("\n".join(notes))
            note.setWordWrap(True)
            layout.addWidget(note)

        counts = plan.counts()
        grid = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        for column, (key, text) in enumerate(
            (
                ("new", _("New")),
                ("updated", _("Updated")),
                ("unchanged", _("Unchanged")),
                ("conflicts", _("Conflicts")),
                ("rejected", _("Rejected")),
            )
        ):
            title = QLabel(text)
            value = QLabel(fmt.number(counts[key]))
            value.setObjectName(f"count_{key}")
            style = "font-size: 16pt; font-weight: bold;"
            if key in ("conflicts", "rejected") and counts[key]:
                style += " color: #a40000;"
            value.setStyleSheet(style)
            grid.addWidget(title, 0, column)
            grid.addWidget(value, 1, column)
            self.count_labels[key] = value
        layout.addLayout(grid)

        self.by_kind_model = TextTableModel([_("Kind of record"), _("New"), _("Updated"), _("Unchanged")])
        self.by_kind_model.right_aligned = {1, 2, 3}
        kinds = [
            k for k in PLAN_KINDS if plan.new[k] or plan.updated[k] or plan.deleted[k] or plan.unchanged[k]
        ]
        self.by_kind_model.set_rows(
            [
                [
                    kind_label(k),
                    fmt.number(plan.new[k]),
                    fmt.number(plan.updated[k] + plan.deleted[k]),
                    fmt.number(plan.unchanged[k]),
                ]
                for k in kinds
            ]
        )
        self.by_kind = text_table(self.by_kind_model, "by_kind")
        self.by_kind.horizontalHeader().setStretchLastSection(False)
        self.by_kind.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        issue_count = len(plan.conflicts) + len(plan.rejected) + len(plan.skipped)
        layout.addWidget(self.by_kind, 2 if issue_count else 3)

        issues_title = QLabel(_("Conflicts, rejected and skipped records"))
        issues_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(issues_title)
        self.issues_model = TextTableModel([_("Result"), _("Kind of record"), _("Record"), _("Reason")])
        rows = [[_("Conflict"), kind_label(i.kind), i.record_id, i.reason] for i in plan.conflicts]
        rows += [[_("Rejected"), kind_label(i.kind), i.record_id, i.reason] for i in plan.rejected]
        # Skipped: a copy of a record this office already received the deletion of (not newer).
        rows += [[_("Skipped"), kind_label(i.kind), i.record_id, i.reason] for i in plan.skipped]
        if not rows:
            rows = [["", "", "", _("None: every record can be imported.")]]
        self.issues_model.set_rows(rows)
        self.issues = text_table(self.issues_model, "issues")
        layout.addWidget(self.issues, 3 if issue_count else 1)

        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        if plan.rejected:
            self.verdict.setText(
                _(
                    "{n} records break the rules, so this package cannot be imported. "
                    "Ask the sender to correct them and send the package again."
                ).format(n=len(plan.rejected))
            )
            self.verdict.setStyleSheet("color: #a40000; font-weight: bold;")
        else:
            text = _("Nothing has been written yet. Press Apply to import everything at once.")
            if plan.conflicts:
                text += " " + _("Records in conflict keep the copy here.")
            self.verdict.setText(text)
        layout.addWidget(self.verdict)

        buttons = QDialogButtonBox()
        self.apply = QPushButton(_("Apply"))
        self.apply.setObjectName("apply")
        self.apply.setEnabled(not plan.rejected)
        self.apply.setDefault(not plan.rejected)
        cancel = QPushButton(_("Cancel") if not plan.rejected else _("Close"))
        cancel.setObjectName("cancel")
        self.apply.setToolTip(_("Import every record of the package at once, as summarised above"))
        cancel.setToolTip(_("Close without importing anything"))
        buttons.addButton(self.apply, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        qconnect(self.apply.clicked, lambda _checked=False: self.accept())
        qconnect(cancel.clicked, lambda _checked=False: self.reject())
        fit_columns(self.issues, 360)
