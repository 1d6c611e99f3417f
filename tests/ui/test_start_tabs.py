"""A start builds only the tab it restores; every other tab is built when the clerk first opens it, and
then shows the unit and year chosen before it existed."""

from __future__ import annotations

from helpers import editor_of

from emulation_desktop.operations import records
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui import settings
from emulation_desktop.ui.main_window import MainWindow
from emulation_desktop.ui.qt import QApplication
from emulation_desktop.ui.tabs import EditorTab, PendingTab

HOUSE = {
    "year": 2022,
    "kind": "house_new",
    "commune_id": "00454",
    "household_category": "poor",
    "value_vnd": 60_000_000,
}
SUPPORT_TAB = 2


def start(qtbot, db, tab):
    """The window as a returning clerk opens it: Đông Anh, 2022, on ``tab``."""
    settings.put("window/tab", tab)
    settings.put(settings.folder_key(db.folder, "unit"), "017")
    settings.put(settings.folder_key(db.folder, "year"), 2022)
    ui_app.prepare(ui_app.application(), "vi")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.start()
    window.show()
    qtbot.waitExposed(window)
    return window


def built(window):
    return [i for i in range(window.tabs.count()) if not isinstance(window.tabs.widget(i), PendingTab)]


def test_a_start_builds_the_restored_tab_alone_with_its_rows_shown(qtbot, db):
    records.create_record(db, "support_activity", "017", HOUSE)
    window = start(qtbot, db, SUPPORT_TAB)
    assert built(window) == [SUPPORT_TAB]
    page = window.tabs.currentWidget()
    assert isinstance(page, EditorTab)
    editor = page.active_editor(None)
    assert editor is not None and editor.kind.name == "support_activity"
    assert editor.model.rowCount() == 1  # on screen without any further step
    assert window.editors() == page.editors  # closing has only these to save


def test_the_overview_restored_shows_its_figures(qtbot, db):
    window = start(qtbot, db, 0)
    assert built(window) == [0]
    assert "Huyện Đông Anh" in window.dashboard.heading.text()
    assert all(card.value.text() for card in window.dashboard.cards.values())


def test_the_overview_recomputes_when_the_clerk_comes_back_to_it(qtbot, db, monkeypatch):
    """A record saved on another tab leaves the hidden Overview stale; it is computed again once, when
    the window makes it the current tab again (not while hidden, not on every show)."""
    from emulation_desktop.ui import dashboard as dashboard_module

    window = start(qtbot, db, 0)
    dashboard = window.dashboard
    houses = dashboard.cards["solidarity_houses"].value
    before = houses.text()
    computed = []
    overview = dashboard_module.overview
    monkeypatch.setattr(dashboard_module, "overview", lambda *a: computed.append(a) or overview(*a))

    window.tabs.setCurrentIndex(SUPPORT_TAB)
    records.create_record(window.ctx.db, "support_activity", "017", HOUSE)
    window.ctx.records_changed.emit("support_activity")  # what an editor says after a save
    assert houses.text() == before and computed == []  # hidden: nothing computed yet

    window.tabs.setCurrentIndex(0)
    assert len(computed) == 1 and houses.text() != before
    assert houses.text().startswith(str(int(before.split()[0]) + 1))  # one more house
    window.tabs.setCurrentIndex(SUPPORT_TAB)
    window.tabs.setCurrentIndex(0)
    assert len(computed) == 1  # nothing changed meanwhile: the figures shown are kept


def test_a_tab_opened_later_shows_the_unit_and_year_chosen_before_it(qtbot, db):
    records.create_record(db, "support_activity", "017", HOUSE)
    window = start(qtbot, db, 0)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.context_bar.choose("020", 2022)  # imported, read-only; the editors do not exist yet
    window.context_bar.choose("017", 2022)

    window.tabs.setCurrentIndex(SUPPORT_TAB)  # the clerk clicks the tab
    QApplication.processEvents()
    page = window.tabs.widget(SUPPORT_TAB)
    assert isinstance(page, EditorTab) and window.tabs.currentWidget() is page
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles  # same place, same title
    assert page.editors[0].model.rowCount() == 1
    assert page.editors[0].toolbar.add.isEnabled()

    window.context_bar.choose("020", 2022)
    donations = editor_of(window, "donation")  # the inner tab, shown for the first time
    assert not donations.toolbar.add.isEnabled()  # the imported unit stays read-only


def test_a_tab_asked_for_by_name_is_built_in_its_place_without_being_shown(qtbot, db):
    window = start(qtbot, db, 0)
    documents = window.documents
    assert window.tabs.widget(5) is documents and window.documents is documents
    assert window.tabs.currentIndex() == 0  # building it did not switch tabs
    window.tabs.setCurrentWidget(window.exchange)
    assert window.tabs.currentIndex() == 7
    assert built(window) == [0, 5, 7]


# A real start, in its own process: what is loaded when the window first takes input, and after.
FIRST_TURN_PROBE = """
import sys
from emulation_desktop.ui import app as ui_app, warm_up
from emulation_desktop.ui.qt import QApplication, QTimer

_open_window, _warm_up = ui_app.open_window, warm_up.start

def open_window(db):
    window = _open_window(db)

    def first_turn():
        page = window.tabs.currentWidget()
        figures = all(card.value.text() for card in page.cards.values())
        print("FIRST", "sqlalchemy" in sys.modules, page.heading.text(), figures, flush=True)

    QTimer.singleShot(0, first_turn)
    return window

def warm(db, done=None):
    def ready():
        loaded = all(m in sys.modules for m in ("sqlalchemy.orm", "emulation_desktop.domain.models"))
        print("READY", loaded, flush=True)
        QApplication.quit()

    _warm_up(db, ready)

ui_app.open_window, warm_up.start = open_window, warm
from emulation_desktop.main import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_the_window_opens_on_its_figures_before_the_orm_loads_then_loads_it(db, data_dir, tmp_path):
    from run_cli import window_process

    db.close()  # the process opens the file itself, as a clerk's start does
    done = window_process(FIRST_TURN_PROBE, data_dir, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith(("FIRST", "READY"))]
    assert len(lines) == 2, done.stdout
    first, ready = lines
    # First turn: the Overview shows its unit and every figure, read without SQLAlchemy.
    assert first.startswith("FIRST False ") and "Huyện Đông Anh" in first and first.endswith(" True")
    # Then the warm-up loads the ORM and the models, for the first editor the clerk opens.
    assert ready == "READY True"


def test_a_folder_keeps_its_settings_key_across_versions(tmp_path):
    """The key is the SHA-256 of the folder's path (now made through Qt): a clerk's last unit and year,
    saved by an earlier version under hashlib's digest, are still found."""
    import hashlib

    for folder in (tmp_path / "dữ liệu", tmp_path / "data"):
        digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
        assert settings.folder_key(folder, "unit") == f"folders/{digest}/unit"
