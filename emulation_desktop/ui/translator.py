"""Qt's own texts (standard buttons, context menus, undo actions) from our catalog.

Qt ships no Vietnamese translation, so without this a QMessageBox says "Yes" and a right-click in a
field offers "Copy". Qt asks every installed QTranslator; ours answers from the gettext catalog.
"""

from __future__ import annotations

from emulation_desktop.indicators.definitions import N_
from emulation_desktop.locale.i18n import _, current_language
from emulation_desktop.ui.qt import QCoreApplication, QTranslator

# Qt source text → our English msgid. Contexts differ between styles and versions; the text is enough.
QT_TEXTS: dict[str, str] = {
    # QPlatformTheme and the desktop themes: standard buttons
    "OK": N_("OK"),
    "&OK": N_("OK"),
    "Save": N_("Save"),
    "&Save": N_("Save"),
    "Save All": N_("Save all"),
    "Open": N_("Open"),
    "&Yes": N_("Yes"),
    "Yes to &All": N_("Yes to all"),
    "&No": N_("No"),
    "N&o to All": N_("No to all"),
    "Abort": N_("Abort"),
    "Retry": N_("Retry"),
    "Ignore": N_("Ignore"),
    "Close": N_("Close"),
    "&Close": N_("Close"),
    "Cancel": N_("Cancel"),
    "&Cancel": N_("Cancel"),
    "Discard": N_("Discard"),
    "Close without Saving": N_("Close without saving"),
    "Don't Save": N_("Don't save"),
    "Help": N_("Help"),
    "Apply": N_("Apply"),
    "Reset": N_("Reset"),
    "Restore Defaults": N_("Restore defaults"),
    # QMessageBox
    "Show Details...": N_("Show details..."),
    "Hide Details...": N_("Hide details..."),
    # QLineEdit / QWidgetTextControl context menus
    "&Undo": N_("Undo"),
    "&Redo": N_("Redo"),
    "Cu&t": N_("Cut"),
    "&Copy": N_("Copy"),
    "&Paste": N_("Paste"),
    "Delete": N_("Delete"),
    "Select All": N_("Select all"),
    "Copy &Link Location": N_("Copy link address"),
    # QUndoStack's actions
    "Undo %1": N_("Undo %1"),
    "Redo %1": N_("Redo %1"),
    "Undo": N_("Undo"),
    "Redo": N_("Redo"),
    # QScrollBar context menu
    "Scroll here": N_("Scroll here"),
    "Left edge": N_("Left edge"),
    "Top": N_("Top"),
    "Right edge": N_("Right edge"),
    "Bottom": N_("Bottom"),
    "Page left": N_("Page left"),
    "Page up": N_("Page up"),
    "Page right": N_("Page right"),
    "Page down": N_("Page down"),
    "Scroll left": N_("Scroll left"),
    "Scroll up": N_("Scroll up"),
    "Scroll right": N_("Scroll right"),
    "Scroll down": N_("Scroll down"),
}


class CatalogTranslator(QTranslator):
    """Answers Qt's translate() calls from the gettext catalog when the UI is not English."""

    def translate(  # type: ignore[override]
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        msgid = QT_TEXTS.get(source_text)
        if msgid is None or current_language() == "en":
            # The source itself, not "": Qt takes any non-null answer, even an empty one, as the text.
            return source_text
        return _(msgid)

    def isEmpty(self) -> bool:
        return False


def install_translator(app: QCoreApplication) -> CatalogTranslator:
    translator = CatalogTranslator(app)
    app.installTranslator(translator)
    return translator
