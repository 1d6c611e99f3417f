"""The data-safety side of the main window: backups (automatic, on close, the Backups dialog, restore),
the history of changes, and locking or unlocking a year.

``SafetyActions`` owns the actions and puts them in the window's menus; the window calls ``closing()``
when it closes. Restoring closes the database, replaces the file, reopens it and refreshes the window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulation_desktop import paths
from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.autobackup import AutoBackup
from emulation_desktop.ui.qt import QLabel, QMenu, QObject, qconnect

if TYPE_CHECKING:
    from emulation_desktop.storage.backup import BackupInfo
    from emulation_desktop.ui.main_window import MainWindow

# The history (operations.audit) and restoring are imported by the actions that use them: the window's
# start does not wait for them.

log = logging.getLogger(__name__)

WARNING_STYLE = "color: #8a1c00; font-weight: bold; padding: 0 6px;"


class SafetyActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.autobackup = AutoBackup(self.ctx, self)
        qconnect(self.autobackup.failed, lambda text: window.statusBar().showMessage(text, 10000))
        self.backups_action = window._action(_("Backups..."), self.open_backups, (), "backups")
        self.record_history_action = window._action(
            _("History of changes of this record..."), self.show_record_history, ("Ctrl+H",), "record_history"
        )
        self.new_year_action = window._action(
            _("Open a new year..."), self.open_new_year, (), "open_new_year"
        )
        self.year_history_action = window._action(
            _("History of changes of the year..."), self.show_year_history, (), "year_history"
        )
        self.lock_action = window._action(_("Lock the year..."), self.lock_year, (), "lock_year")
        self.unlock_action = window._action(_("Unlock the year..."), self.unlock_year, (), "unlock_year")
        for action, tip in (
            (
                self.backups_action,
                _("See the kept backups, back up now, restore one or save one to a USB stick"),
            ),
            (
                self.record_history_action,
                _("Who changed the chosen record and when, with the old and new values"),
            ),
            (
                self.new_year_action,
                _(
                    "Start the next year from this one: the cluster, the people, the pledge and open recommendations"
                ),
            ),
            (self.year_history_action, _("Every change to the unit's records in the chosen year")),
            (self.lock_action, _("Make the year's records read-only once its report is submitted")),
            (self.unlock_action, _("Allow changes to a locked year again; a reason is required and kept")),
        ):
            action.setToolTip(tip)
            action.setStatusTip(tip)  # shown in the status bar while the pointer is on the menu entry
        self.location_label: QLabel | None = None
        qconnect(self.ctx.context_changed, self.update_actions)
        self.update_actions()

    # --- menus ---------------------------------------------------------------------------------------

    def add_to_menus(self, file_menu: QMenu, edit_menu: QMenu, menu_bar: Any) -> None:
        first = file_menu.actions()[0] if file_menu.actions() else None
        file_menu.insertAction(first, self.backups_action)
        file_menu.insertSeparator(first)
        edit_menu.addSeparator()
        edit_menu.addAction(self.record_history_action)
        year_menu = menu_bar.addMenu(_("&Year"))
        year_menu.setObjectName("year_menu")
        year_menu.setToolTipsVisible(True)
        year_menu.addAction(self.new_year_action)
        year_menu.addSeparator()
        year_menu.addAction(self.year_history_action)
        year_menu.addSeparator()
        year_menu.addAction(self.lock_action)
        year_menu.addAction(self.unlock_action)

    def update_actions(self) -> None:
        unit, state = self.ctx.unit, self.ctx.state
        owned = unit is not None and unit.is_local
        self.new_year_action.setEnabled(owned)
        self.lock_action.setEnabled(owned and not state.locked)
        self.unlock_action.setEnabled(owned and state.locked)
        self.year_history_action.setEnabled(unit is not None)

    def open_new_year(self) -> None:
        """Year → Open a new year…: its dialog and work are imported when chosen, not at every start."""
        from emulation_desktop.ui import new_year_action

        new_year_action.open_new_year(self.window)

    # --- the data file -------------------------------------------------------------------------------

    @property
    def data_folder(self) -> Path:
        folder = self.ctx.db.folder
        assert folder is not None, "the window works on a data folder"
        return folder

    @property
    def db_path(self) -> Path:
        return paths.database_path(self.data_folder)

    def closing(self) -> None:
        self.autobackup.closing()

    def open_backups(self) -> None:
        from emulation_desktop.ui.backups_dialog import BackupsDialog

        self.run_dialog(BackupsDialog(self, self.window))

    def restore(self, backup: BackupInfo) -> bool:
        """Replace the data by a backup (the current file is backed up first), then reopen the window's
        view of it. True when restored."""
        from emulation_desktop.storage.backup import restore_backup

        if not self.window.commit_all() and not dialogs.confirm(
            self.window,
            _("Some changes could not be saved (see the fields marked in red). Restore and lose them?"),
        ):
            return False
        folder = self.data_folder
        unit, year = self.ctx.unit_code, self.ctx.year
        self.ctx.db.close()
        error = ""
        try:
            safety = restore_backup(self.db_path, backup.path)
        except AppError as exc:
            error, safety = exc.message, None
        except OSError as exc:
            error, safety = _("The backup could not be restored: {detail}").format(detail=exc), None
        self.ctx.db = open_database(folder)
        self.ctx.undo_stack.clear()  # the undo steps belong to the data that was replaced
        self.autobackup.dirty = False
        self.window.context_bar.load_units(unit, year)
        if error:
            dialogs.warn(self.window, error)
            return False
        log.info("restored %s (safety copy %s)", backup.path.name, safety)
        self.window.statusBar().showMessage(_("The backup was restored."), 10000)
        dialogs.inform(
            self.window,
            _("The backup was restored. The data as it was just before is kept in the list of backups."),
        )
        return True

    # --- history -------------------------------------------------------------------------------------

    def show_record_history(self) -> None:
        from emulation_desktop.operations import audit
        from emulation_desktop.ui.audit_view import AuditDialog

        editor = self.window.active_editor()
        if editor is None or not editor.current_id or editor.mode != "edit":
            self.window.statusBar().showMessage(_("Choose a record first, then ask for its history."), 5000)
            return
        editor.commit()
        lines = audit.record_history_of(self.ctx.db, editor.kind.name, editor.current_id)
        title = lines[0].record_title if lines else ""
        heading = (
            _("{kind}: {title}").format(kind=_(editor.kind.label), title=title)
            if title
            else _(editor.kind.label)
        )
        dialog = AuditDialog(_("History of changes"), heading, lines, with_record=False, parent=self.window)
        self.run_dialog(dialog)

    def show_year_history(self) -> None:
        from emulation_desktop.operations import audit
        from emulation_desktop.ui.audit_view import AuditDialog

        if self.ctx.unit is None:
            return
        self.window.commit_all()
        history = audit.year_history_of(self.ctx.db, self.ctx.unit_code, self.ctx.year)
        heading = _("{unit}, year {year}").format(unit=self.ctx.unit.name, year=self.ctx.year)
        if history.lock.locked:
            heading += " — " + _("locked (submitted)")
        elif history.lock.revised_after_submission:
            heading += " — " + _("revised after submission")
        dialog = AuditDialog(
            _("History of changes"), heading, history.lines, with_record=True, parent=self.window
        )
        self.run_dialog(dialog)

    # --- year locks ----------------------------------------------------------------------------------

    def lock_year(self) -> bool:
        return self._change_lock(lock=True)

    def unlock_year(self) -> bool:
        return self._change_lock(lock=False)

    def _change_lock(self, *, lock: bool) -> bool:
        from emulation_desktop.ui.year_lock import YearLockDialog

        if self.ctx.unit is None or not self.window.commit_all():
            return False
        dialog = YearLockDialog(self.ctx, lock=lock, parent=self.window)
        if not self.run_dialog(dialog):
            return False
        self.autobackup.mark_dirty()
        self.ctx.set_context(self.ctx.unit, self.ctx.year)  # banner, read-only editors, these actions
        self.ctx.saved(_("The year is locked.") if lock else _("The year is unlocked."))
        return True

    def run_dialog(self, dialog: object) -> bool:
        """Show a modal dialog; True when accepted (a test replaces this)."""
        return bool(dialog.exec())  # type: ignore[attr-defined]

    # --- where the data lives ------------------------------------------------------------------------

    def show_location_warning(self, text: str) -> None:
        """A lasting notice in the status bar (the full text as its tooltip)."""
        if self.location_label is None:
            self.location_label = QLabel()
            self.location_label.setObjectName("location_warning")
            self.location_label.setStyleSheet(WARNING_STYLE)
            self.window.statusBar().addPermanentWidget(self.location_label)
        self.location_label.setText(_("⚠ Data on a network or removable drive"))
        self.location_label.setToolTip(text)
