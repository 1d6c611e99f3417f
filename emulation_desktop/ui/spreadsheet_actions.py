"""The editors' spreadsheet buttons: "Export to Excel" (the list as shown, to XLSX on a USB stick) and,
for support activities and donations, "Import from Excel/CSV…"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.domain.text import ascii_filename
from emulation_desktop.exchange.safe_save import SavedFile, safe_to_remove_message
from emulation_desktop.exchange.spreadsheet_export import export_list
from emulation_desktop.exchange.spreadsheet_import import IMPORTABLE
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import background, dialogs, file_choice

if TYPE_CHECKING:
    from emulation_desktop.ui.record_editor import RecordEditor


def can_import(kind_name: str) -> bool:
    return kind_name in IMPORTABLE


def export_xlsx(editor: RecordEditor) -> None:
    """Save the editor's list (same unit, year and search) as an Excel workbook, the safe way."""
    ctx = editor.ctx
    if ctx.unit is None or not editor.commit():
        return
    kind, unit, year = editor.kind.name, ctx.unit_code, ctx.year
    proposed = ascii_filename(f"{_(editor.kind.label)} {unit} {year}") + ".xlsx"
    choice = file_choice.choose_save_target(editor, proposed, ".xlsx", data_folder=ctx.db.folder)
    if choice is None:
        return
    target = choice.folder / choice.name
    search = editor.toolbar.search.text()

    def done(path: object) -> None:
        from pathlib import Path

        saved = SavedFile(Path(str(path)), 0, "")
        text = safe_to_remove_message(saved)
        editor.last_export = saved.path
        ctx.saved(text)
        dialogs.inform(editor, text)

    background.read(
        editor,
        ctx,
        lambda db: export_list(db, kind, unit, year, target, search=search),
        _("Saving and checking the file…"),
        on_done=done,
    )


def import_sheet(editor: RecordEditor) -> None:
    from emulation_desktop.ui.spreadsheet_import_dialog import open_import

    if not editor.ctx.editable or not can_import(editor.kind.name) or not editor.commit():
        return
    open_import(editor.ctx, editor.kind.name, editor)
