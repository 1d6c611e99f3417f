"""The report's text panel on its own: the shortcomings and proposals load and go back with the rest; an
unedited one is not sent (what the figures draft keeps following them), and a part still to write is
flagged on its label."""

from __future__ import annotations

from emulation_desktop.operations.report_drafts import Draft
from emulation_desktop.reports.narrative import TO_WRITE
from emulation_desktop.ui.draft_panel import DraftPanel

LOADED = Draft(
    "Đoạn một.\nĐoạn hai.",
    "Việc một.",
    "Nguyễn Văn An",
    "12",
    3,
    shortcomings=TO_WRITE,
    proposals="Đề nghị Thành phố tập huấn nghiệp vụ.",
)


def panel(qtbot) -> DraftPanel:
    widget = DraftPanel()
    qtbot.addWidget(widget)
    widget.load(LOADED)
    return widget


def test_the_assessment_loads_and_an_unedited_one_is_not_sent(qtbot):
    widget = panel(qtbot)
    assert widget.shortcomings.toPlainText() == TO_WRITE
    assert widget.proposals.toPlainText() == "Đề nghị Thành phố tập huấn nghiệp vụ."
    assert not widget.is_modified()
    draft = widget.draft()
    assert (draft.shortcomings, draft.proposals, draft.version) == (None, None, 3)


def test_an_edited_assessment_goes_with_the_text(qtbot):
    widget = panel(qtbot)
    widget.proposals.setPlainText("Đề nghị một.\n\nĐề nghị hai.")
    assert widget.is_modified() and widget.hint.isVisibleTo(widget)
    draft = widget.draft()
    assert draft.shortcomings is None
    assert draft.proposals == "Đề nghị một.\n\nĐề nghị hai."
    assert draft.narrative == "Đoạn một.\n\nĐoạn hai." and draft.signer_name == "Nguyễn Văn An"


def test_a_part_still_to_write_is_flagged_on_its_label(qtbot):
    widget = panel(qtbot)
    label, plain = widget.labels[widget.shortcomings]
    assert widget.unwritten() == [widget.shortcomings]
    assert label.text() == f"{plain.removesuffix(':')} — chưa soạn:"
    assert "#b00020" in label.styleSheet() and "văn thư soạn" in label.toolTip()
    widget.narrative.setPlainText(f"Đoạn một.\n{TO_WRITE}")
    assert widget.unwritten() == [widget.narrative, widget.shortcomings]
    widget.shortcomings.setPlainText("Báo cáo của một số xã còn chậm.")
    widget.narrative.setPlainText("Đoạn một.")
    assert widget.unwritten() == []
    assert label.text() == plain and not label.styleSheet() and not label.toolTip()
