"""The cluster head's "Chuyển lên Thành phố…" button on the Data exchange tab, as the clerk of Đông Anh
(the head of Cluster No. 3 in 2022) uses it: Gia Lâm's year was received and accepted, the others'
not yet; the clerk forwards the cluster to the stick, the window says who was left out, and the city's
office imports the package and counts both units' years. Real data folders, real signed zips, the real
window offscreen; the save dialog answered by a patch, as in test_exchange_tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulation_desktop.demo import load_demo
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.acknowledgement import decide
from emulation_desktop.exchange.export_package import export_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import city_scope, unit_scope
from emulation_desktop.operations.setup import apply_setup, plan_from_catalogue
from emulation_desktop.storage.database import Database, open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui import file_choice, save_target
from emulation_desktop.ui.main_window import MainWindow

WAIT_MS = 120_000
YEAR = 2022
HEAD, MEMBER = "017", "018"  # Đông Anh heads the cluster in 2022; Gia Lâm is a member


def _card(db: Database) -> keys.KeyCard:
    return keys.read_card(keys.card_bytes(keys.key_card(db)))


@pytest.fixture
def head_office(tmp_path: Path) -> tuple[Database, keys.KeyCard, Path]:
    """Đông Anh's office, with Gia Lâm's 2022 package received and accepted; the stick."""
    stick = tmp_path / "usb"
    stick.mkdir()
    head = open_database(tmp_path / "office-017")
    load_demo(head, unit_code=HEAD)
    member = open_database(tmp_path / "office-018")
    load_demo(member, unit_code=MEMBER)
    keys.trust_card(head, _card(member))
    sent = export_package(member, MEMBER, YEAR, stick / "goi-018.zip", submit=True)
    member.close()
    assert import_package(head, sent.path).status == "applied"
    decide(head, MEMBER, YEAR, "accepted", stick)
    head_card = _card(head)
    yield head, head_card, stick
    head.close()


def test_the_head_forwards_its_cluster_and_the_city_imports_it(
    qtbot, head_office, monkeypatch, shown, tmp_path
) -> None:
    head, head_card, stick = head_office
    ui_app.prepare(ui_app.application(), "vi")
    win = MainWindow(head)
    qtbot.addWidget(win)
    win.start()
    win.resize(1366, 768)
    win.context_bar.choose(HEAD, YEAR)
    win.show()
    qtbot.waitExposed(win)
    win.tabs.setCurrentWidget(win.exchange)
    tab = win.exchange
    qtbot.waitUntil(lambda: tab.forward_button.isVisible(), timeout=WAIT_MS)
    assert tab.forward_button.text() == "Chuyển lên Thành phố…"

    proposed: list[str] = []

    def choose(_parent, name, suffix, **_where):
        proposed.append(name)
        assert name.endswith(suffix)
        return save_target.Choice(stick, name)

    monkeypatch.setattr(file_choice, "choose_save_target", choose)
    tab.forward_button.click()
    qtbot.waitUntil(lambda: not tab.busy and any("có thể rút USB" in text for text in shown), timeout=WAIT_MS)
    (package,) = [stick / name for name in proposed]
    assert package.name == "chuyen-tiep-hn-cum3-2022.zip" and package.is_file()
    said = next(text for text in shown if "có thể rút USB" in text)
    assert "2" in said  # the head's own year and Gia Lâm's
    assert "Sóc Sơn (016)" in said  # not accepted yet: said, not forwarded
    assert "có thể rút USB" in tab.status.text()
    win.close()

    # The city's office trusts the head's key card and imports the package from the stick.
    city = open_database(tmp_path / "city")
    try:
        apply_setup(city, plan_from_catalogue("01", YEAR, "city"))
        keys.trust_card(city, head_card)
        assert import_package(city, package).status == "applied"
        with city.session() as session:
            scope = city_scope(session, YEAR)
            figures = compute(session, scope, YEAR).results
        assert len(scope.unit_ids) == 2
        with head.session() as session:
            sent = [compute(session, unit_scope(session, code), YEAR).results for code in (HEAD, MEMBER)]
        houses = figures["solidarity_houses"].current
        assert houses is not None
        assert houses.value == sum(r["solidarity_houses"].current.value for r in sent)
        assert houses.amount_vnd == sum(r["solidarity_houses"].current.amount_vnd for r in sent)
    finally:
        city.close()
