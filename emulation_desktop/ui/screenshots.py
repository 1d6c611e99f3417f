"""Save a screenshot of every tab over the demo data (offscreen or under Xvfb), or the user manual's.

    python -m emulation_desktop.ui.screenshots OUT_DIR [--data-dir DIR] [--language vi|en]
                                               [--size WxH] [--scale F]
    python -m emulation_desktop.ui.screenshots --manual [OUT_DIR]

Without --data-dir the demo (Đông Anh owned here, the other districts imported) is loaded into a
temporary folder first. ``--size`` is the window's size in Qt's pixels (1366x768 by default);
``--scale`` sets ``QT_SCALE_FACTOR`` (1.5 for a 150% screen) before Qt starts, and the pictures are that
many times larger: ``--size 683x400 --scale 1.5`` is a full 1024×600 screen at 150%.

``--manual`` takes the pictures the user manual shows (``MANUAL_SHOTS``) and writes them, as small
256-colour PNGs, into ``resources/manual/images/`` (or OUT_DIR): run it after a change to the window,
and the manual's pictures never go stale.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from emulation_desktop.storage.database import open_database
from emulation_desktop.ui.qt import QApplication, QImage, QPixmap, QRect, QSettings, QTabWidget, QWidget

SIZE = (1366, 768)
PREVIEW_TIMEOUT_S = 60.0

# The manual's pictures: file name → (main tab index, inner tab index or None). Their order is the
# order they are taken in; the backups window, the bar and the imported unit are taken by their own code.
MANUAL_TABS: dict[str, tuple[int, int | None]] = {
    "overview.png": (0, None),
    "pledges.png": (1, None),
    "support.png": (2, 0),
    "donations.png": (2, 1),
    "supervision.png": (3, None),
    "other-work.png": (4, 0),
    "funerals.png": (4, 1),
    "documents.png": (5, None),
    "review.png": (6, 0),
    "exchange.png": (7, None),
}
MANUAL_OTHERS = ("context-bar.png", "backups.png", "imported-unit.png")
MANUAL_SHOTS = (*MANUAL_TABS, *MANUAL_OTHERS)


def _demo_folder() -> str:
    from emulation_desktop.demo import load_demo

    folder = tempfile.mkdtemp(prefix="emulation-shots-")
    db = open_database(folder)
    load_demo(db, unit_code="017")
    db.close()
    return folder


def _settle() -> None:
    QApplication.processEvents()


def save_all(window: object, out: Path) -> list[Path]:
    """Grab each tab (and each inner tab) of an open main window; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    tabs: QTabWidget = window.tabs  # type: ignore[attr-defined]
    written = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        # The editors' inner tabs, and the review's steps.
        inner = _inner_tabs(page)
        for sub in range(inner.count() if inner else 1):
            if inner:
                inner.setCurrentIndex(sub)
            _settle()
            name = f"{index}-{sub}" if inner else f"{index}"
            path = out / f"tab-{name}.png"
            window.grab().save(str(path))  # type: ignore[attr-defined]
            written.append(path)
    # An imported unit, as the cluster head sees the other districts: read-only, with its banner.
    path = out / "imported-unit.png"
    if _show_imported_unit(window):
        window.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)
    return written


def _inner_tabs(page: QWidget) -> QTabWidget | None:
    return page.findChild(QTabWidget, "subtabs") or page.findChild(QTabWidget, "review_steps")


def _show_imported_unit(window: object, tab: int = 2, sub: int | None = None) -> bool:
    bar = window.context_bar  # type: ignore[attr-defined]
    imported = next((u for u in bar.units if not u.is_local), None)
    if imported is None:
        return False
    bar.choose(imported.code, window.ctx.year)  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
    inner = _inner_tabs(window.tabs.widget(tab))  # type: ignore[attr-defined]
    if inner is not None and sub is not None:
        inner.setCurrentIndex(sub)
    _settle()
    return True


# The manual's pictures ------------------------------------------------------------------------------------


def small_png(image: QImage, path: Path) -> None:
    """Save a screenshot in 256 colours at the strongest compression: a window has few colours, and the
    manual's pictures stay a few tens of KB each instead of a few hundred."""
    from emulation_desktop.ui.qt import Qt  # see ui/qt.py: Qt's namespace is loaded when used

    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    small = image.convertToFormat(QImage.Format.Format_Indexed8, flags)
    if not small.save(str(path), "PNG", 0):
        raise OSError(f"cannot write {path}")


def _wait_for(done: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    _settle()


def _show_tab(window: object, index: int, sub: int | None) -> None:
    tabs: QTabWidget = window.tabs  # type: ignore[attr-defined]
    tabs.setCurrentIndex(index)
    inner = _inner_tabs(tabs.widget(index))
    if inner is not None and sub is not None:
        inner.setCurrentIndex(sub)
    _settle()
    if tabs.widget(index).objectName() == "documents_tab":
        documents = tabs.widget(index)
        documents.refresh()  # type: ignore[attr-defined]
        _wait_for(lambda: documents.preview is not None and not documents.busy, PREVIEW_TIMEOUT_S)  # type: ignore[attr-defined]


def _grab_top(window: object, below_tabs: int = 2) -> QPixmap:
    """The top of the window: the menus, the unit and year pickers (and the banner), the tab bar and
    ``below_tabs`` pixels under it."""
    bar = window.tabs.tabBar()  # type: ignore[attr-defined]
    bottom = bar.mapTo(window, bar.rect().bottomLeft()).y() + below_tabs
    return window.grab(QRect(0, 0, window.width(), bottom))  # type: ignore[attr-defined]


def _grab_backups(window: object, take_one: bool) -> QPixmap:
    from emulation_desktop.ui.backups_dialog import BackupsDialog

    safety = window.safety  # type: ignore[attr-defined]
    if take_one:  # only into the demo's own temporary folder, never into the clerk's data
        safety.autobackup.take("manual")
    dialog = BackupsDialog(safety, window)  # type: ignore[arg-type]
    dialog.resize(900, 420)
    dialog.show()
    _settle()
    picture = dialog.grab()
    dialog.close()
    dialog.deleteLater()
    return picture


def save_manual(window: object, out: Path, *, demo: bool) -> list[Path]:
    """Take the manual's pictures (``MANUAL_SHOTS``) of an open main window; return the files written.
    ``demo``: the data folder is the throwaway demo, so a backup may be taken to show in its list."""
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def keep(name: str, picture: QPixmap) -> None:
        path = out / name
        small_png(picture.toImage(), path)
        written.append(path)

    _show_tab(window, 0, None)
    keep("context-bar.png", _grab_top(window))
    for name, (index, sub) in MANUAL_TABS.items():
        _show_tab(window, index, sub)
        keep(name, window.grab())  # type: ignore[attr-defined]
    keep("backups.png", _grab_backups(window, take_one=demo))
    if _show_imported_unit(window, 4, 0):
        # The banner and the editor's buttons, greyed out: what read-only looks like.
        keep("imported-unit.png", _grab_top(window, below_tabs=64))
    return written


def manual_images_folder() -> Path:
    from emulation_desktop.reports.manual import manual_folder

    return manual_folder() / "images"


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1366x768")
    return int(match.group(1)), int(match.group(2))


def parse_scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0.5 <= value <= 4:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scale between 0.5 and 4 (1.5 for 150%)")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("out", nargs="?", help="folder for the pictures (with --manual: the manual's)")
    parser.add_argument("--data-dir")
    parser.add_argument("--language", default="vi")
    parser.add_argument("--manual", action="store_true", help="take the user manual's pictures")
    parser.add_argument("--size", type=parse_size, default=SIZE, help="window size, e.g. 1024x600")
    parser.add_argument("--scale", type=parse_scale, help="screen scale, e.g. 1.5 for 150%%")
    args = parser.parse_args(argv)
    if not args.out and not args.manual:
        parser.error("give OUT_DIR, or --manual")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"  # read once, when the QApplication is made
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
    window.resize(*args.size)
    window.show()
    if args.manual:
        out = Path(args.out) if args.out else manual_images_folder()
        written = save_manual(window, out, demo=not args.data_dir)
    else:
        written = save_all(window, Path(args.out))
    for path in written:
        print(path)
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
