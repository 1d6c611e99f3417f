"""The set-up page "Đơn vị trước sắp xếp" (issue #16): a 2025 unit's old communes offered from the
official mapping, ticked or not, one added from the list before 2025 or typed in, one taken off, all
saved with the rest of the set-up; the cluster head sees each member's, and a split old commune counted
in two successors is refused in Vietnamese before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import test_setup_wizard
from test_setup_wizard import finish, pick, the_wizard, to_unit_page

from emulation_desktop.operations import predecessors, setup
from emulation_desktop.ui.qt import QApplication, Qt
from emulation_desktop.ui.setup_wizard import CLUSTER, PEOPLE, PREDECESSORS, SUMMARY

empty_window = test_setup_wizard.empty_window  # the window over an empty data folder, as the app opens it
DONG_ANH, THU_LAM = "00454", "00475"
CO_LOA, MAI_LAM, UY_NO = "00505", "00520", "00478"  # Uy Nỗ went in part to Đông Anh and to Thư Lâm


def _rows(page):
    return {
        page.list.item(i).data(Qt.ItemDataRole.UserRole): page.list.item(i).checkState()
        == Qt.CheckState.Checked
        for i in range(page.list.count())
    }


def _row_of(page, code):
    return next(
        i for i in range(page.list.count()) if page.list.item(i).data(Qt.ItemDataRole.UserRole) == code
    )


def _shot(wizard, name):
    folder = os.environ.get("EMULATION_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        wizard.resize(1016, 568)
        QApplication.processEvents()
        wizard.grab().save(str(Path(folder) / f"{name}.png"))


def _to_old_units(wizard, role="office"):
    to_unit_page(wizard, role)
    pick(wizard.unit_page.finder, "dong anh", DONG_ANH)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PEOPLE


def test_an_office_edits_its_old_units_and_they_are_saved_with_the_set_up(qtbot, empty_window):
    window = empty_window
    wizard = the_wizard(window)
    _to_old_units(wizard)
    wizard.next()
    assert wizard.currentId() == PREDECESSORS
    page = wizard.predecessors_page
    offered = _rows(page)
    assert offered[CO_LOA] and not offered[UY_NO]  # whole ones ticked; a split one is the clerk's choice
    assert "Xã Cổ Loa — 00505 (toàn bộ)" in page.list.item(_row_of(page, CO_LOA)).text()
    page.list.item(_row_of(page, CO_LOA)).setCheckState(Qt.CheckState.Unchecked)
    page.list.setCurrentRow(_row_of(page, MAI_LAM))
    page.remove_button.click()
    page.finder.search.setText("tam xa")  # on the list already: said, not added twice
    page.typed_code.setText("00538")  # merged on 1 January 2025: in neither list, typed in with its name
    page.typed_name.setText("Xã Đình Xuyên")
    page.typed_button.click()
    _shot(wizard, "setup-old-units")
    wizard.next()
    assert wizard.currentId() == SUMMARY
    assert "Xã Cổ Loa (không tính)" in wizard.summary_page.text.toPlainText()
    assert setup.needs_setup(window.ctx.db)  # nothing written before Finish
    finish(qtbot, wizard)
    saved = {p.code: p.counted for p in predecessors.predecessors_of(window.ctx.db, DONG_ANH)}
    assert saved[CO_LOA] is False and MAI_LAM not in saved and saved["00538"] is True
    typed = next(p for p in predecessors.predecessors_of(window.ctx.db, DONG_ANH) if p.code == "00538")
    assert typed.name == "Xã Đình Xuyên"


def test_a_cluster_head_sees_its_members_old_units_and_a_split_one_counted_twice_is_refused(
    qtbot, empty_window
):
    wizard = the_wizard(empty_window)
    _to_old_units(wizard, "cluster_head")
    wizard.next()
    assert wizard.currentId() == CLUSTER
    cluster = wizard.cluster_page
    cluster.name.setText("Cụm thi đua số 3")
    pick(cluster.finder, "thu lam", THU_LAM)
    cluster.add_button.click()
    wizard.next()
    page = wizard.predecessors_page
    assert [page.successor.itemData(i) for i in range(page.successor.count())] == [DONG_ANH, THU_LAM]
    page.list.item(_row_of(page, UY_NO)).setCheckState(Qt.CheckState.Checked)
    page.successor.setCurrentIndex(1)
    assert UY_NO in _rows(page)  # the member's old communes, from the mapping
    page.list.item(_row_of(page, UY_NO)).setCheckState(Qt.CheckState.Checked)
    _shot(wizard, "setup-old-units-cluster")
    wizard.next()
    assert wizard.currentId() == PREDECESSORS  # refused, and said under the list
    error = page.errors["predecessors"]
    assert error.isVisible() and "chỉ được tính ở một đơn vị" in error.text() and "Xã Uy Nỗ" in error.text()
    page.list.item(_row_of(page, UY_NO)).setCheckState(Qt.CheckState.Unchecked)
    wizard.next()
    assert wizard.currentId() == SUMMARY
