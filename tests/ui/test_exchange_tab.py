"""The Data exchange tab, as two offices use it: the Đông Anh district sends its 2022 package and key
card on a USB stick; the cluster office (structure only) trusts the key, checks the package, reads the
summary and applies it. Real SQLite files, real signed zips; modal dialogs answered by patches."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from test_ui_language import english_only, untranslated  # noqa: F401 - fixture used below

from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui import file_choice, save_target
from emulation_desktop.ui.import_dialog import ImportDialog
from emulation_desktop.ui.main_window import MainWindow
from emulation_desktop.ui.qt import QDialog

WAIT_MS = 60_000
CLUSTER = "HN-CUM3"


@pytest.fixture(scope="session")
def demo_folders(tmp_path_factory):
    """A district office owning 017 (its demo records) and a cluster office with the structure only."""
    from emulation_desktop.demo import load_demo

    district = tmp_path_factory.mktemp("district-017")
    db = open_database(district)
    load_demo(db, unit_code="017")
    db.close()
    hub = tmp_path_factory.mktemp("cluster-office")
    db = open_database(hub)
    load_demo(db, structure_only=True)
    db.close()
    return district, hub


def _copy(folder, tmp_path, name):
    target = tmp_path / name
    shutil.copytree(folder, target)
    return open_database(target)


def _window(qtbot, db, unit, year=2022):
    ui_app.prepare(ui_app.application(), "vi")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.start()
    win.resize(1366, 768)
    win.context_bar.choose(unit, year)
    win.show()
    qtbot.waitExposed(win)
    win.tabs.setCurrentWidget(win.exchange)
    return win


def _state(db):
    """A hash of the whole content but the package history: proof that nothing else changed."""
    raw = db.engine.raw_connection()
    try:
        connection = raw.driver_connection
        digest = hashlib.sha256()
        for line in connection.iterdump():
            if not line.startswith('INSERT INTO "package_log"'):
                digest.update(line.encode("utf-8"))
    finally:
        raw.close()
    return digest.hexdigest()


@pytest.fixture
def offices(qtbot, tmp_path, demo_folders, monkeypatch):
    district_db = _copy(demo_folders[0], tmp_path, "district")
    hub_db = _copy(demo_folders[1], tmp_path, "hub")
    usb = tmp_path / "usb"
    usb.mkdir()
    yield district_db, hub_db, usb
    district_db.close()
    hub_db.close()


def _save_to(monkeypatch, folder):
    def choose(_parent, proposed, suffix, **_where):
        assert proposed.endswith(suffix)
        return save_target.Choice(folder, proposed)

    monkeypatch.setattr(file_choice, "choose_save_target", choose)


def _open(monkeypatch, path):
    monkeypatch.setattr(file_choice, "choose_open_file", lambda *_args: str(path))


def _send(qtbot, monkeypatch, db, usb, shown):
    """The district clerk saves the key card and exports the 2022 package to the stick."""
    win = _window(qtbot, db, "017")
    tab = win.exchange
    _save_to(monkeypatch, usb)
    assert "017" in tab.keys.card_text.text() and "Mã nhận dạng" in tab.keys.card_text.text()
    tab.keys.save_card_button.click()
    card = usb / "the-khoa-017.json"
    assert card.exists()
    tab.export_button.click()
    qtbot.waitUntil(lambda: tab.last_export is not None and not tab.busy, timeout=WAIT_MS)
    package = usb / "goi-du-lieu-017-2022.zip"
    assert tab.last_export.path == package and package.exists()
    assert "có thể rút USB" in tab.status.text()
    assert any("có thể rút USB" in text for text in shown)
    history = tab.history_model.rows
    assert history and history[0][1] == "Gửi đi" and history[0][2] == "017"
    win.close()
    return card, package


def test_a_package_travels_from_the_district_to_the_cluster_office(
    qtbot,
    offices,
    monkeypatch,
    shown,
    english_only,  # noqa: F811 - the imported fixture
):
    district_db, hub_db, usb = offices
    card, package = _send(qtbot, monkeypatch, district_db, usb, shown)

    win = _window(qtbot, hub_db, "017")
    tab = win.exchange
    # Trust the district's key from its card (the clerk compared the fingerprint: confirm says yes).
    _open(monkeypatch, card)
    tab.keys.trust_button.click()
    assert [row[0].split(" – ")[0] for row in tab.keys.model.rows] == ["017"]
    assert tab.keys.model.rows[0][2] == "đang dùng"

    # Check the package: the summary shows every record as new before anything is written.
    before = _state(hub_db)
    seen: list[ImportDialog] = []

    def answer(dialog):
        seen.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", answer)
    _open(monkeypatch, package)
    tab.import_button.click()
    qtbot.waitUntil(lambda: tab.last_plan is not None and tab.last_plan.status == "applied", timeout=WAIT_MS)
    dialog = seen[0]
    with district_db.session() as session:
        sent = sum(tab_count for tab_count in _kind_counts(session).values())
    assert dialog.plan.counts()["new"] == sent > 0
    assert dialog.count_labels["new"].text().replace(".", "") == str(sent)
    assert dialog.count_labels["rejected"].text() == "0"
    assert dialog.apply.isEnabled()
    assert "Huyện Đông Anh" in dialog.findChild(type(dialog.verdict), "package_heading").text()
    assert untranslated(dialog, english_only) == []
    assert before != _state(hub_db)
    assert tab.status.text().startswith("Đã nhập gói dữ liệu của Huyện Đông Anh năm 2022")
    assert tab.history_model.rows[0][1] == "Nhận về" and tab.history_model.rows[0][4] == "Đã nhập"

    # The cluster's figures now include the district's records, the same as at the district itself.
    with hub_db.session() as session:
        cluster = compute(session, cluster_scope(session, CLUSTER, 2022), 2022)
    with district_db.session() as session:
        own = compute(session, unit_scope(session, "017"), 2022)
    for code in ("solidarity_houses", "fund_sea_islands", "cremations", "supervisions"):
        assert cluster[code].current == own[code].current, code
    assert cluster["solidarity_houses"].current.value > 0
    # 017 is now an imported, read-only unit here.
    assert win.ctx.unit is not None and not win.ctx.unit.is_local and not win.ctx.editable

    # Importing the same package again is a no-op that says so.
    after = _state(hub_db)
    shown.clear()
    seen.clear()
    tab.last_plan = None
    tab.import_button.click()
    qtbot.waitUntil(lambda: tab.last_plan is not None and not tab.busy, timeout=WAIT_MS)
    assert tab.last_plan.status == "unchanged" and not seen
    assert any("đã được nhập" in text for text in shown)
    assert _state(hub_db) == after


def _kind_counts(session):
    from sqlalchemy import func, select

    from emulation_desktop.domain.models import Unit
    from emulation_desktop.domain.record_kinds import KINDS

    unit_id = session.scalar(select(Unit.id).where(Unit.code == "017"))
    counts = {}
    for kind in KINDS.values():
        model = kind.model
        counts[kind.name] = session.scalar(
            select(func.count()).where(model.unit_id == unit_id, model.year == 2022, model.deleted.is_(False))
        )
    return counts


def test_a_damaged_package_is_refused_in_vietnamese_and_changes_nothing(
    qtbot, offices, monkeypatch, shown, tmp_path
):
    district_db, hub_db, usb = offices
    card, package = _send(qtbot, monkeypatch, district_db, usb, shown)
    win = _window(qtbot, hub_db, "017")
    tab = win.exchange
    _open(monkeypatch, card)
    tab.keys.trust_button.click()
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged = tmp_path / "hong.zip"
    damaged.write_bytes(bytes(data))
    before = _state(hub_db)
    shown.clear()
    monkeypatch.setattr(ImportDialog, "exec", lambda _dialog: pytest.fail("no summary for a damaged file"))
    _open(monkeypatch, damaged)
    tab.import_button.click()
    qtbot.waitUntil(lambda: not tab.busy and bool(shown), timeout=WAIT_MS)
    assert shown[0].startswith("Gói dữ liệu bị từ chối"), shown
    assert tab.status.text() == shown[0]
    assert tab.status.property("refused") is True  # on the red banner, not the green one
    assert tab.last_plan is None
    assert _state(hub_db) == before
    # The refusal is in the history, with the file and why; checking the file again adds no second line.
    refused = tab.history_model.rows[0]
    assert refused[1] == "Nhận về" and refused[4] == "Bị từ chối" and refused[6] == "hong.zip"
    assert refused[5] == shown[0].split("\n")[0]
    shown.clear()
    tab.import_button.click()
    qtbot.waitUntil(lambda: not tab.busy and bool(shown), timeout=WAIT_MS)
    assert [row[4] for row in tab.history_model.rows].count("Bị từ chối") == 1


def test_replacing_a_trusted_key_needs_its_own_confirmation(qtbot, offices, monkeypatch, shown, tmp_path):
    from emulation_desktop.exchange import keys

    district_db, hub_db, usb = offices
    win = _window(qtbot, hub_db, "017")
    panel = win.exchange.keys
    card = usb / "the-khoa.json"
    card.write_bytes(keys.card_bytes(keys.key_card(district_db)))
    _open(monkeypatch, card)
    panel.trust_button.click()
    # Another installation claims 017 with a new key: refused unless the replacement is confirmed.
    other = open_database(tmp_path / "other")
    from emulation_desktop.demo import load_demo

    load_demo(other, unit_code="017", structure_only=True)
    new_card = usb / "the-khoa-moi.json"
    new_card.write_bytes(keys.card_bytes(keys.key_card(other)))
    other.close()
    answers = iter([True, False])
    monkeypatch.setattr(
        "emulation_desktop.ui.dialogs.confirm", lambda _p, text: shown.append(text) or next(answers)
    )
    _open(monkeypatch, new_card)
    shown.clear()
    panel.trust_button.click()
    assert "khóa khác" in shown[1].lower() or "khác" in shown[1]
    with hub_db.session() as session:
        assert len(keys.trusted_keys(session)) == 1
    answers = iter([True, True])
    panel.trust_button.click()
    with hub_db.session() as session:
        found = keys.trusted_keys(session)
    assert len(found) == 2 and sum(k.active for k in found) == 1
    assert [row[2].startswith("đã thay") for row in panel.model.rows] == [False, True]


def test_submitting_locks_the_year_after_a_confirmation(qtbot, offices, monkeypatch, shown):
    district_db, _hub_db, usb = offices
    win = _window(qtbot, district_db, "017")
    tab = win.exchange
    _save_to(monkeypatch, usb)
    tab.submit_check.setChecked(True)
    tab.export_button.click()
    qtbot.waitUntil(lambda: tab.last_export is not None and not tab.busy, timeout=WAIT_MS)
    assert "khóa" in shown[0]  # the question came first
    assert tab.last_export.submitted
    assert win.ctx.state.locked and not win.ctx.editable
    assert not tab.submit_check.isEnabled()


def test_the_tab_is_vietnamese(qtbot, offices, english_only):  # noqa: F811 - the imported fixture
    _district_db, hub_db, _usb = offices
    win = _window(qtbot, hub_db, "017")
    assert win.tabs.tabText(win.tabs.indexOf(win.exchange)) == "Trao đổi dữ liệu"
    assert untranslated(win.exchange, english_only) == []


def test_a_package_from_an_unknown_key_names_the_button_that_trusts_one(qtbot, offices, monkeypatch, shown):
    district_db, hub_db, usb = offices
    _card, package = _send(qtbot, monkeypatch, district_db, usb, shown)
    win = _window(qtbot, hub_db, "017")
    tab = win.exchange
    shown.clear()
    _open(monkeypatch, package)
    tab.import_button.click()
    qtbot.waitUntil(lambda: not tab.busy and bool(shown), timeout=WAIT_MS)
    assert "nút “Tin cậy khóa từ tệp…” ở thẻ Trao đổi dữ liệu" in tab.status.text()
    assert tab.status.property("refused") is True
