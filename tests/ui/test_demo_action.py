"""File → Load the demo data: an empty installation becomes the living Cluster 3, once, never over data."""

from __future__ import annotations

from emulation_desktop.indicators.compute import compute
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import background
from emulation_desktop.ui.main_window import MainWindow


def test_demo_loads_into_an_empty_installation(qtbot, data_dir, shown):
    from emulation_desktop.ui import app as ui_app

    ui_app.prepare(ui_app.application(), "vi")
    db = open_database(data_dir)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.start()
    window.show()
    qtbot.waitExposed(window)
    assert window.context_bar.unit_combo.count() == 0
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: not background.running(), timeout=120_000)
    assert "Cụm thi đua số 3" in shown[0]  # the clerk was asked first, in Vietnamese
    assert window.context_bar.unit_combo.count() >= 5
    with db.session() as session:
        report = compute(session, cluster_scope(session, "HN-CUM3", 2022), 2022)
    assert report["solidarity_houses"].current.value == 133
    window.demo_action.trigger()  # a second time: refused, nothing added
    assert "đã có" in shown[-1]
    window.close()
    db.close()
