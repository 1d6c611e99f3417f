"""Qt's own texts (standard buttons, context menus, undo actions) from our catalog.

Qt ships no Vietnamese translation, so without this a QMessageBox says "Yes" and a right-click in a
field offers "Copy". Qt asks every installed QTranslator; ours answers from the gettext catalog.
"""

from __future__ import annotations

from emulation_desktop.locale.i18n import N_, _, current_language
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
    # Qt's own file dialog, its file list and side bar (Linux; Windows shows its native dialog)
    "Back": N_("Back"),
    "Forward": N_("Forward"),
    "Parent Directory": N_("Parent Directory"),
    "Create New Folder": N_("Create New Folder"),
    "List View": N_("List View"),
    "Detail View": N_("Detail View"),
    "&Rename": N_("&Rename"),
    "&Delete": N_("&Delete"),
    "Show &hidden files": N_("Show &hidden files"),
    "&New Folder": N_("&New Folder"),
    "New Folder": N_("New Folder"),
    "Show ": N_("Show column"),  # Qt appends the column's name; the space is kept (below)
    "Directories": N_("Directories"),
    "Directory:": N_("Directory:"),
    "File &name:": N_("File &name:"),
    "Files of type:": N_("Files of type:"),
    "Look in:": N_("Look in:"),
    "&Open": N_("&Open"),
    "&Choose": N_("&Choose"),
    "All Files (*)": N_("All Files (*)"),
    "Recent Places": N_("Recent Places"),
    "Find Directory": N_("Find Directory"),
    "Save As": N_("Save As"),
    "%1 already exists.\nDo you want to replace it?": N_("%1 already exists.\nDo you want to replace it?"),
    "%1\nFile not found.\nPlease verify the correct file name was given.": N_(
        "%1\nFile not found.\nPlease verify the correct file name was given."
    ),
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.": N_(
        "%1\nDirectory not found.\nPlease verify the correct directory name was given."
    ),
    "'%1' is write protected.\nDo you want to delete it anyway?": N_(
        "'%1' is write protected.\nDo you want to delete it anyway?"
    ),
    "Are you sure you want to delete '%1'?": N_("Are you sure you want to delete '%1'?"),
    "Could not delete directory.": N_("Could not delete directory."),
    "Name": N_("Name"),
    "Size": N_("Size"),
    "Type": N_("Type"),
    "Date Modified": N_("Date Modified"),
    "Computer": N_("Computer"),
    "My Computer": N_("My Computer"),
    "%1 TB": N_("%1 TB"),
    "%1 GB": N_("%1 GB"),
    "%1 MB": N_("%1 MB"),
    "%1 KB": N_("%1 KB"),
    "%1 bytes": N_("%1 bytes"),
    "Invalid filename": N_("Invalid filename"),
    '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters or no punctuation marks.': N_(
        '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters or no punctuation marks.'
    ),
    "Unknown": N_("Unknown"),
    "Folder": N_("Folder"),
    "Drive": N_("Drive"),
    "File": N_("File"),
    "%1 File": N_("%1 File"),
    "File Folder": N_("File Folder"),
    "Alias": N_("Alias"),
    "Shortcut": N_("Shortcut"),
    "Remove": N_("Remove"),
    # Qt's own print dialog and its printer properties (Linux; Windows shows its native dialog)
    "Print": N_("Print"),
    "&Options >>": N_("&Options >>"),
    "&Options <<": N_("&Options <<"),
    "&Print": N_("&Print"),
    "Print to File (PDF)": N_("Print to File (PDF)"),
    "Local file": N_("Local file"),
    "Write PDF file": N_("Write PDF file"),
    "Print To File ...": N_("Print To File ..."),
    "%1 is a directory.\nPlease choose a different file name.": N_(
        "%1 is a directory.\nPlease choose a different file name."
    ),
    "File %1 is not writable.\nPlease choose a different file name.": N_(
        "File %1 is not writable.\nPlease choose a different file name."
    ),
    "%1 already exists.\nDo you want to overwrite it?": N_(
        "%1 already exists.\nDo you want to overwrite it?"
    ),
    "Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\nPlease turn one of those options off.": N_(
        "Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\nPlease turn one of those options off."
    ),
    "The 'From' value cannot be greater than the 'To' value.": N_(
        "The 'From' value cannot be greater than the 'To' value."
    ),
    "Invalid Pages Definition": N_("Invalid Pages Definition"),
    "%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to define ranges and make sure ranges do not intersect with each other.": N_(
        "%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to define ranges and make sure ranges do not intersect with each other."
    ),
    "There are conflicts in some options. Please fix them.": N_(
        "There are conflicts in some options. Please fix them."
    ),
    "Printer": N_("Printer"),
    "&Name:": N_("&Name:"),
    "P&roperties": N_("P&roperties"),
    "Location:": N_("Location:"),
    "Preview": N_("Preview"),
    "Type:": N_("Type:"),
    "Output &file:": N_("Output &file:"),
    "Print range": N_("Print range"),
    "Print all": N_("Print all"),
    "Pages from": N_("Pages from"),
    "to": N_("to"),
    "Pages": N_("Pages"),
    "Current Page": N_("Current Page"),
    "Selection": N_("Selection"),
    "Output Settings": N_("Output Settings"),
    "Copies:": N_("Copies:"),
    "Collate": N_("Collate"),
    "Reverse": N_("Reverse"),
    "Options": N_("Options"),
    "Color Mode": N_("Color Mode"),
    "Color": N_("Color"),
    "Grayscale": N_("Grayscale"),
    "Double Sided Printing": N_("Double Sided Printing"),
    "Duplex Printing": N_("Duplex Printing"),
    "Off": N_("Off"),
    "Long side binding": N_("Long side binding"),
    "Short side binding": N_("Short side binding"),
    "Page &Set:": N_("Page &Set:"),
    "All Pages": N_("All Pages"),
    "Even Pages": N_("Even Pages"),
    "Odd Pages": N_("Odd Pages"),
    "Printer Properties": N_("Printer Properties"),
    "Page": N_("Page"),
    "Advanced": N_("Advanced"),
    "Job Options": N_("Job Options"),
    "Paper": N_("Paper"),
    "Page size:": N_("Page size:"),
    "Width:": N_("Width:"),
    "Height:": N_("Height:"),
    "Paper source:": N_("Paper source:"),
    "Orientation": N_("Orientation"),
    "Portrait": N_("Portrait"),
    "Landscape": N_("Landscape"),
    "Reverse landscape": N_("Reverse landscape"),
    "Reverse portrait": N_("Reverse portrait"),
    "Margins": N_("Margins"),
    "top margin": N_("top margin"),
    "left margin": N_("left margin"),
    "right margin": N_("right margin"),
    "bottom margin": N_("bottom margin"),
    "Page Layout": N_("Page Layout"),
    "Pages &per sheet:": N_("Pages &per sheet:"),
    "Page &order:": N_("Page &order:"),
    "Custom": N_("Custom"),
    "Millimeters (mm)": N_("Millimeters (mm)"),
    "Inches (in)": N_("Inches (in)"),
    "Points (pt)": N_("Points (pt)"),
    "Job": N_("Job"),
    "Job Control": N_("Job Control"),
    "Scheduled &printing:": N_("Scheduled &printing:"),
    "Print Immediately": N_("Print Immediately"),
    "Hold Indefinitely": N_("Hold Indefinitely"),
    "Day (06:00 to 17:59)": N_("Day (06:00 to 17:59)"),
    "Night (18:00 to 05:59)": N_("Night (18:00 to 05:59)"),
    "Second Shift (16:00 to 23:59)": N_("Second Shift (16:00 to 23:59)"),
    "Third Shift (00:00 to 07:59)": N_("Third Shift (00:00 to 07:59)"),
    "Weekend (Saturday to Sunday)": N_("Weekend (Saturday to Sunday)"),
    "Specific Time": N_("Specific Time"),
    "&Billing information:": N_("&Billing information:"),
    "Job &priority:": N_("Job &priority:"),
    "Banner Pages": N_("Banner Pages"),
    "&Start:": N_("&Start:"),
    "&End:": N_("&End:"),
    "None": N_("None"),
    "Standard": N_("Standard"),
    "Unclassified": N_("Unclassified"),
    "Confidential": N_("Confidential"),
    "Classified": N_("Classified"),
    "Secret": N_("Secret"),
    "Top Secret": N_("Top Secret"),
    "Left to Right, Top to Bottom": N_("Left to Right, Top to Bottom"),
    "Left to Right, Bottom to Top": N_("Left to Right, Bottom to Top"),
    "Right to Left, Bottom to Top": N_("Right to Left, Bottom to Top"),
    "Right to Left, Top to Bottom": N_("Right to Left, Top to Bottom"),
    "Bottom to Top, Left to Right": N_("Bottom to Top, Left to Right"),
    "Bottom to Top, Right to Left": N_("Bottom to Top, Right to Left"),
    "Top to Bottom, Left to Right": N_("Top to Bottom, Left to Right"),
    "Top to Bottom, Right to Left": N_("Top to Bottom, Right to Left"),
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
        # A text Qt continues ("Show " + a column's name) keeps its trailing space; catalogs are trimmed.
        return _(msgid) + source_text[len(source_text.rstrip()) :]

    def isEmpty(self) -> bool:
        return False


def install_translator(app: QCoreApplication) -> CatalogTranslator:
    translator = CatalogTranslator(app)
    app.installTranslator(translator)
    return translator
