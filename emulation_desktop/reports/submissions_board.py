"""The completeness board on paper (issue #18): for a cluster this office heads, each member unit's
year: not sent, received, accepted or returned (with the reason), when the latest package came in,
which file it was (name and the start of its SHA-256), changed since accepted, and late by the due
date. The rows are operations.submissions' board, the same the window and the ``submissions`` command
show; the words are Vietnamese whatever the window's language, as on every document.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from emulation_desktop.locale.formatting import format_date
from emulation_desktop.operations.submissions import Board, BoardRow, board
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.list_document import ListKind, document_title, render_list
from emulation_desktop.reports.report_data import cluster_issuer, find_cluster
from emulation_desktop.reports.request import Built, ReportRequest, require_scope

KIND = "submissions-board"

COLUMNS = (
    T.Column("TT", 5, "right"),
    T.Column("Đơn vị", 20),
    T.Column("Tình trạng", 14),
    T.Column("Ngày nhận", 12, "center"),
    T.Column("Gói dữ liệu (tệp, mã SHA-256)", 24),
    T.Column("Ghi chú", 25),
)
STATUS = {
    "missing": "Chưa gửi",
    "received": "Đã nhận, chờ xem xét",
    "accepted": "Đã tiếp nhận",
    "returned": "Đã trả lại",
}
BOARD = ListKind(
    columns=COLUMNS,
    size=10.5,
    sections=(),
    subject="Tình hình gửi và tiếp nhận số liệu thi đua năm {year}",
    title="Bảng theo dõi tiếp nhận số liệu năm {year}",
)


def _when(stamp: datetime | None) -> str:
    if stamp is None:
        return ""
    local = stamp.replace(tzinfo=UTC).astimezone()
    return f"{format_date(local.date())} {local:%H:%M}"


def _note(row: BoardRow, board_: Board) -> str:
    notes = []
    if row.status == "returned" and row.reason:
        notes.append(f"Lý do trả lại: {L.nfc(row.reason)}")
    if row.status == "accepted" and row.decided_at is not None:
        notes.append(f"Tiếp nhận ngày {_when(row.decided_at)[:10]}")
    if row.changed_since_accepted:
        notes.append("Đã thay đổi sau khi tiếp nhận")
    if row.revised_after_submission:
        notes.append("Đơn vị sửa sau khi gửi chính thức")
    if row.late:
        due = format_date(board_.due)
        notes.append(f"Quá hạn {due}" if row.status == "missing" else f"Gửi sau hạn {due}")
    return "; ".join(notes)


def rows_of(board_: Board) -> list[tuple[str, ...]]:
    """The table's cells, one row per member unit."""
    return [
        (
            str(number),
            L.nfc(row.unit_name),
            STATUS[row.status],
            _when(row.received_at),
            f"{row.package_file} ({row.sha_short})" if row.package_file else "",
            _note(row, board_),
        )
        for number, row in enumerate(board_.rows, start=1)
    ]


def totals(board_: Board) -> str:
    counts, whole = board_.counts(), len(board_.rows)
    return (
        f"Hạn gửi số liệu: {format_date(board_.due)}. Đã tiếp nhận {counts['accepted']}/{whole} đơn vị; "
        f"đã nhận, chờ xem xét: {counts['received']}; đã trả lại: {counts['returned']}; "
        f"chưa gửi: {counts['missing']}."
    )


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, ("cluster",))
    cluster = find_cluster(session, request.code)
    issuer, _head = cluster_issuer(session, cluster, request.year)
    # Late is judged on the document's date: the board as it stood that day.
    board_ = board(session, request.year, cluster_code=cluster.code, today=request.date())
    name = L.nfc(cluster.name)
    pdf = render_list(
        BOARD,
        rows_of(board_),
        issuer=issuer.with_suffix("DS-CTĐ"),
        issued_on=request.date(),
        year=request.year,
        scope_name=name,
        totals=[totals(board_)],
        number=request.number,
    )
    return Built(pdf, L.nfc(document_title(BOARD, request.year, name)))
