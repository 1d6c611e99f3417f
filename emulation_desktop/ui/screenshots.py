"""Save a screenshot of every tab at 1366×768 over the demo data (offscreen or under Xvfb).

    python -m emulation_desktop.ui.screenshots OUT_DIR [--data-dir DIR] [--language vi|en]

Without --data-dir the demo (Đông Anh owned here, the other districts imported) is loaded into a
temporary folder first.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from emulation_desktop.storage.database import open_database
from emulation_desktop.ui.qt import QApplication, QSettings, QTabWidget

SIZE = (1366, 768)


def _demo_folder() -> str:
    from emulation_desktop.demo import load_demo

    folder = tempfile.mkdtemp(prefix="emulation-shots-")
    db = open_database(folder)
    load_demo(db, unit_code="017")
    db.close()
    return folder


def save_all(window: object, out: Path) -> list[Path]:
    """Grab each tab (and each inner tab) of an open main window; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    tabs: QTabWidget = window.tabs  # type: ignore[attr-defined]
    written = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        # The editors' inner tabs, and the review's steps.
        inner = page.findChild(QTabWidget, "subtabs") or page.findChild(QTabWidget, "review_steps")
        for sub in range(inner.count() if inner else 1):
            if inner:
                inner.setCurrentIndex(sub)
            app.processEvents()  # type: ignore[union-attr]
            name = f"{index}-{sub}" if inner else f"{index}"
            path = out / f"tab-{name}.png"
            window.grab().save(str(path))  # type: ignore[attr-defined]
            written.append(path)
    # An imported unit, as the cluster head sees the other districts: read-only, with its banner.
    bar = window.context_bar  # type: ignore[attr-defined]
    imported = next((u for u in bar.units if not u.is_local), None)
    if imported is not None:
        bar.choose(imported.code, window.ctx.year)  # type: ignore[attr-defined]
        tabs.setCurrentIndex(2)
        app.processEvents()  # type: ignore[union-attr]
        path = out / "imported-unit.png"
        window.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--data-dir")
    parser.add_argument("--language", default="vi")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from emulation_desktop.ui import app as ui_app
    from emulation_desktop.ui.main_window import MainWindow

    folder = args.data_dir or _demo_folder()
    # Fresh settings: the pictures show the default window, and the clerk's own settings stay untouched.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    qapp = ui_app.application()
    ui_app.prepare(qapp, args.language)
    db = open_database(folder)
    window = MainWindow(db)
    window.start()
    window.resize(*SIZE)
    window.show()
    for path in save_all(window, Path(args.out)):
        print(path)
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
