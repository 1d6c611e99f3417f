"""Help > About: the version, the application icon, and the licence notices of what we ship."""

from __future__ import annotations

import emulation_desktop
from emulation_desktop.locale.i18n import _
from emulation_desktop.paths import resource_path
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.app_icon import app_icon
from emulation_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    qconnect,
)

# Shown in this order; a missing file is named in the dialog rather than hidden.
NOTICES = (
    ("resources", "licenses", "THIRD-PARTY.txt"),
    ("resources", "fonts", "LICENSE-Liberation-OFL.txt"),
    ("resources", "licenses", "LGPL-3.0.txt"),
)


def qt_version() -> str:
    import PySide6  # the version string only; widgets come from ui/qt.py

    return PySide6.__version__


def notices_text() -> str:
    """The licence files, one after the other, each under its file name."""
    parts = []
    for parts_of_path in NOTICES:
        name = parts_of_path[-1]
        try:
            text = resource_path(*parts_of_path).read_text(encoding="utf-8")
        except (FileNotFoundError, OSError, UnicodeDecodeError):
            text = _("(The file {name} is missing from this installation.)").format(name=name)
        parts.append(f"==== {name} ====\n\n{text.strip()}\n")
    return "\n\n".join(parts)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        from emulation_desktop.ui.qt import Qt  # see ui/qt.py: Qt's namespace is loaded when used

        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(_("About"))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        header = QLabel()
        header.setObjectName("about_icon")
        pixmap = app_icon().pixmap(64, 64)
        header.setPixmap(pixmap)
        title = QLabel(
            "<h2>{title}</h2><p>{version}</p><p>{about}</p>".format(
                title=_(dialogs.APP_TITLE_MSGID),
                version=_("Version {version}").format(version=emulation_desktop.__version__),
                about=_(
                    "Emulation records and year-end reports for district Fatherland Front committees. "
                    "Works offline; your data stays on this computer."
                ),
            )
        )
        title.setObjectName("about_title")
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(header)
        layout.addWidget(title)
        tabs = QTabWidget()
        self.notices = QPlainTextEdit(notices_text())
        self.notices.setObjectName("about_notices")
        self.notices.setReadOnly(True)
        self.notices.setToolTip(_("The licences of the software and fonts that come with the application"))
        tabs.addTab(self.notices, _("Licences"))
        import platform  # here, not at start: the window's icon comes from this module

        details = QLabel(
            _("Python {python}, Qt for Python {qt}, on {system}.").format(
                python=platform.python_version(), qt=qt_version(), system=platform.platform(terse=True)
            )
        )
        details.setWordWrap(True)
        details.setAlignment(Qt.AlignmentFlag.AlignTop)
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tabs.addTab(details, _("System"))
        layout.addWidget(tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        qconnect(buttons.rejected, self.reject)
        layout.addWidget(buttons)
