"""The Data exchange tab (Trao đổi dữ liệu): send this unit's year as a signed package on a USB stick,
receive packages from other units (verified, then a dry-run summary, then applied all at once), the
history of packages sent and received, and the signing keys.

Building, saving, verifying and applying run off the GUI thread through ``ui.background``: applying a
package (and a submission, which locks the year) as a ``write`` the whole window re-reads after; a check
or a plain export as a ``read`` (what they log is shown by this tab's history alone).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulation_desktop.errors import AppError
from emulation_desktop.exchange.export_package import (
    BuiltPackage,
    ExportResult,
    build_package,
    default_file_name,
    save_package,
)
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.exchange.import_plan import ImportPlan
from emulation_desktop.exchange.package_history import package_history
from emulation_desktop.exchange.package_reading import read_file
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import background, dialogs, file_choice
from emulation_desktop.ui.cell_format import local_time
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.import_dialog import ImportDialog
from emulation_desktop.ui.keys_panel import KeysPanel
from emulation_desktop.ui.qt import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.screen_fit import scrolling_column
from emulation_desktop.ui.submissions_board import acknowledgement_checked, with_submissions_board
from emulation_desktop.ui.text_table import TextTableModel, fit_columns, text_table

if TYPE_CHECKING:
    from emulation_desktop.storage.database import Database

PACKAGE_SUFFIX = ".zip"


def _summary_text(direction: str, status: str, summary: str) -> str:
    """One line from a history entry's JSON summary."""
    try:
        data: Any = json.loads(summary) if summary else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        return ""
    if direction == "sent":
        records = data.get("records") or {}
        total = sum(v for v in records.values() if isinstance(v, int)) if isinstance(records, dict) else 0
        text = _("{n} records, {t} deletions").format(n=total, t=data.get("tombstones", 0))
        if data.get("submitted"):
            text += "; " + _("submitted")
        return text
    if status == "rejected" and isinstance(data.get("reason"), str):
        return data["reason"].split("\n")[0]  # the refusal's first line: why it was turned away
    if all(k in data for k in ("new", "updated", "unchanged", "conflicts", "rejected")):
        return _(
            "New: {new}; updated: {updated}; unchanged: {unchanged}; conflicts: {conflicts}; rejected: {rejected}."
        ).format(**{k: data[k] for k in ("new", "updated", "unchanged", "conflicts", "rejected")})
    return ""


def _status_text(direction: str, status: str) -> str:
    return {
        "sent": _("Sent"),
        "applied": _("Imported"),
        "unchanged": _("Already imported"),
        "rejected": _("Refused"),
    }.get(status, status)


DONE_STYLE = "background: #e8f3e8; padding: 6px;"
REFUSED_STYLE = "background: #fbe9e9; color: #8a1c1c; padding: 6px;"


def _action_row(layout: QVBoxLayout, text: str, name: str, action: Callable[[], object]) -> QPushButton:
    """A box's one button, on a row of its own at the left, that starts ``action``."""
    row = QHBoxLayout()
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    qconnect(button.clicked, lambda _checked=False: action())
    return button


class ExchangeTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchange_tab")
        self.ctx = ctx
        self.busy = False
        self.last_export: ExportResult | None = None
        self.last_plan: ImportPlan | None = None

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        column.addWidget(self._build_send())
        column.addWidget(self._build_receive())
        self.keys = KeysPanel(ctx)
        column.addWidget(self.keys, 1)

        right = QGroupBox(_("Packages sent and received"))
        right.setObjectName("history_box")
        right_layout = QVBoxLayout(right)
        self.history_model = TextTableModel(
            [_("Time"), _("Direction"), _("Unit"), _("Year"), _("Result"), _("Contents"), _("File")]
        )
        self.history_table = text_table(self.history_model, "history")
        right_layout.addWidget(self.history_table)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        # Sending, receiving and the keys scroll on a short screen (1024×600) rather than push the page past it.
        splitter.addWidget(scrolling_column(left, "exchange_scroll"))
        splitter.addWidget(with_submissions_board(ctx, right))  # a cluster head's board above (#18)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.status = QLabel()
        self.status.setObjectName("exchange_status")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        qconnect(ctx.context_changed, self.context_changed)
        qconnect(self.keys.trusted_changed, self.refresh_history)
        self.context_changed()
        self.loaded = False  # keys and history are read when the tab is first shown

    def showEvent(self, event: Any) -> None:
        if not self.loaded:
            self.loaded = True
            self.refresh()
        super().showEvent(event)

    # --- building ------------------------------------------------------------------------------------

    def _build_send(self) -> QGroupBox:
        box = QGroupBox(_("Send this unit's data"))
        box.setObjectName("send_box")
        layout = QVBoxLayout(box)
        self.send_what = QLabel()
        self.send_what.setObjectName("send_what")
        self.send_what.setWordWrap(True)
        layout.addWidget(self.send_what)
        self.submit_check = QCheckBox(_("Official submission (locks the year after sending)"))
        self.submit_check.setObjectName("submit")
        self.submit_check.setToolTip(
            _(
                "After an official submission the year can no longer be edited, unless it is unlocked with a reason."
            )
        )
        layout.addWidget(self.submit_check)
        self.export_button = _action_row(
            layout, _("Export data package to USB…"), "export_package", self.export
        )
        self.export_button.setToolTip(
            _(
                "Make a signed package of every record of this unit for the year and save it on a USB "
                "stick, to send to the cluster or city office"
            )
        )
        # At a cluster head: its members' accepted years and its own, in one package for the city (#18).
        self.forward_button = _action_row(layout, _("Forward to the city…"), "forward_cluster", self.forward)
        self.forward_button.setToolTip(
            _(
                "Forward the years of the cluster this office heads, as accepted, with its own year, in one "
                "package for the city"
            )
        )
        self.forward_button.hide()
        self.forward_clusters: list[str] = []
        return box

    def _build_receive(self) -> QGroupBox:
        box = QGroupBox(_("Receive data from other units"))
        box.setObjectName("receive_box")
        layout = QVBoxLayout(box)
        intro = QLabel(
            _(
                "Open a package from a USB stick. It is checked and a summary is shown first; "
                "nothing is written until you press Apply."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.import_button = _action_row(
            layout, _("Import data package…"), "import_package", self.import_from_file
        )
        self.import_button.setToolTip(
            _(
                "Open a package (.zip) from another unit; it is checked and summarised before anything is written"
            )
        )
        return box

    # --- state ---------------------------------------------------------------------------------------

    def context_changed(self) -> None:
        unit, year = self.ctx.unit, self.ctx.year
        if getattr(self, "loaded", False):  # once shown: the year may be one this office heads a cluster in
            self.refresh_forward()
        if unit is None:
            self.send_what.setText(_("Choose a unit and a year above."))
            self.export_button.setEnabled(False)
            self.submit_check.setEnabled(False)
            return
        if not unit.is_local:
            self.send_what.setText(
                _("{unit} is an imported unit; only its owner can send its package.").format(unit=unit.name)
            )
            self.export_button.setEnabled(False)
            self.submit_check.setEnabled(False)
            return
        text = _(
            "The package carries every record of {unit} for {year}, signed with this installation's key."
        ).format(unit=unit.name, year=year)
        if self.ctx.state.locked:
            text += " " + _("This year is locked (submitted); the package says so.")
        self.send_what.setText(text)
        self.export_button.setEnabled(not self.busy)
        self.submit_check.setEnabled(not self.ctx.state.locked)
        if self.ctx.state.locked:
            self.submit_check.setChecked(False)

    def refresh(self) -> None:
        self.keys.refresh()
        self.refresh_history()
        self.refresh_forward()

    def refresh_forward(self) -> None:
        """Show "Forward to the city…" only where this office heads a cluster in the year."""
        from emulation_desktop.exchange.forwarding import headed_clusters

        year = self.ctx.year
        self.forward_clusters = headed_clusters(self.ctx.db, year) if year else []
        self.forward_button.setVisible(bool(self.forward_clusters))
        self.forward_button.setEnabled(not self.busy)

    def refresh_history(self) -> None:
        rows = [
            [
                local_time(e.logged_at),
                _("Sent") if e.direction == "sent" else _("Received"),
                e.unit_code,
                e.year or "",
                _status_text(e.direction, e.status),
                _summary_text(e.direction, e.status, e.summary),
                Path(e.file_name).name if e.file_name else "",
            ]
            for e in package_history(self.ctx.db)
        ]
        self.history_model.set_rows(rows)
        fit_columns(self.history_table, 360)

    def _say(self, text: str, *, refused: bool = False) -> None:
        """The tab's banner: green for what was done, red for what was refused and changed nothing."""
        self.status.setStyleSheet(REFUSED_STYLE if refused else DONE_STYLE)
        self.status.setProperty("refused", refused)
        self.status.setText(text)
        self.status.show()
        self.ctx.saved(text.split("\n")[0])

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.import_button.setEnabled(not busy)
        self.context_changed()

    def _run(self, work: Callable[[Database], Any], label: str, done: Any, *, writes: bool) -> None:
        """``work(db)`` off the GUI thread; after a write the whole window re-reads."""
        self._set_busy(True)

        def failed(exc: AppError) -> None:
            self._say(exc.message, refused=True)
            self.refresh_history()  # a refused package is in the history now
            dialogs.warn(self, exc.message)

        door = background.write if writes else background.read
        operation = door(self, self.ctx, work, label, on_done=done, on_error=failed)
        qconnect(operation.finished, lambda: self._set_busy(False))

    # --- sending -------------------------------------------------------------------------------------

    def export(self) -> None:
        unit, year = self.ctx.unit, self.ctx.year
        if self.busy or unit is None or not unit.is_local:
            return
        submit = self.submit_check.isChecked()
        if submit and not dialogs.confirm(
            self,
            _(
                "Submit {unit}'s data for {year} officially? After sending, the year is locked: "
                "its records can no longer be changed unless it is unlocked with a reason."
            ).format(unit=unit.name, year=year),
        ):
            return
        choice = file_choice.choose_save_target(
            self, default_file_name(unit.code, year), PACKAGE_SUFFIX, data_folder=self.ctx.db.folder
        )
        if choice is None:
            return
        code, target = unit.code, choice.folder / choice.name
        self._run(
            lambda db: build_package(db, code, year, submitted=submit),
            _("Making the package…"),
            lambda built: self._confirm_save(built, target),
            writes=False,
        )

    def _confirm_save(self, built: BuiltPackage, target: Path) -> None:
        """Say how large the package is (evidence files can make it large) before the stick gets it."""
        question = _("Save the package to “{path}”?").format(path=target)
        if not dialogs.confirm(self, f"{built.size_line()}\n{question}"):
            self._say(_("The package was not saved; nothing was written to the stick."))
            return
        user = self.ctx.user
        self._run(
            lambda db: save_package(db, built, target, user=user),
            _("Saving and checking the package…"),
            self._exported,
            writes=bool(built.manifest["submitted"]),  # a submission locks the year: editors turn read-only
        )

    def _exported(self, result: ExportResult) -> None:
        self.last_export = result
        self.submit_check.setChecked(False)
        text = "\n".join((_("Saved and checked — you can remove the USB stick."), result.summary()))
        self._say(text)
        self.refresh_history()
        dialogs.inform(self, text)

    def forward(self) -> None:
        from emulation_desktop.exchange.forwarding import default_file_name as forward_name
        from emulation_desktop.exchange.forwarding import export_forwarding

        year = self.ctx.year
        if self.busy or not self.forward_clusters or not year:
            return
        code = self.forward_clusters[0]
        choice = file_choice.choose_save_target(
            self, forward_name(code, year), PACKAGE_SUFFIX, data_folder=self.ctx.db.folder
        )
        if choice is None:
            return
        user, target = self.ctx.user, choice.folder / choice.name
        self._run(
            lambda db: export_forwarding(db, code, year, target, user=user),
            _("Making, saving and checking the package…"),
            self._forwarded,
            writes=False,
        )

    def _forwarded(self, result: Any) -> None:
        text = "\n".join((_("Saved and checked — you can remove the USB stick."), result.summary()))
        self._say(text)
        self.refresh_history()
        dialogs.inform(self, text)

    # --- receiving -----------------------------------------------------------------------------------

    def import_from_file(self) -> None:
        path = file_choice.choose_open_file(
            self, _("Choose the data package to import"), file_choice.PACKAGES
        )
        if path:
            self.open_package(path)

    def open_package(self, path: str | Path) -> None:
        """Verify a package and show what importing it would do (also for a package opened from
        Explorer or given on the command line)."""
        if self.busy:
            return
        name, user = Path(path).name, self.ctx.user

        def check(db: Database) -> tuple[bytes, str, ImportPlan]:
            data = read_file(path)
            # Turned away at the check (a bad file, or records that break the rules): the history says so.
            plan = import_package(db, data, dry_run=True, record_refusal=True, user=user, file_name=name)
            return data, name, plan

        self._run(check, _("Checking the package…"), self._checked, writes=False)

    def _checked(self, result: tuple[bytes, str, ImportPlan]) -> None:
        data, name, plan = result
        if not isinstance(plan, ImportPlan):  # a receiver's signed answer to a package sent (#18)
            return acknowledgement_checked(self, data, name, plan)
        self.last_plan = plan
        if plan.status == "unchanged":
            text = "\n".join(plan.summary_lines())
            self._say(text)
            dialogs.inform(self, text)
            return
        if plan.rejected:  # refused at the check, whatever the clerk chooses: it is in the history now
            self.refresh_history()
        dialog = ImportDialog(plan, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        user = self.ctx.user
        if not accepted or plan.rejected:
            self._say(_("The package was not imported; nothing was changed."), refused=bool(plan.rejected))
            return
        self._run(
            lambda db: import_package(db, data, user=user, file_name=name),
            _("Importing the package…"),
            self._applied,
            writes=True,  # new units or records: the unit list and every view re-read first
        )

    def _applied(self, plan: ImportPlan) -> None:
        self.last_plan = plan
        lines = plan.summary_lines()
        if plan.status == "unchanged":
            text = "\n".join(lines)
        else:
            counts = plan.counts()
            text = "\n".join(
                (
                    _("The package of {unit} for {year} was imported.").format(
                        unit=plan.unit_name, year=plan.year
                    ),
                    _(
                        "New: {new}; updated: {updated}; unchanged: {unchanged}; conflicts: {conflicts}; rejected: {rejected}."
                    ).format(**counts),
                )
            )
        self._say(text)
        self.refresh_history()
        dialogs.inform(self, text)
