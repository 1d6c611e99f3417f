"""Biên bản kiểm phiếu: one record per vote (the acclaim of the leading unit, the election of next year's
cluster head, of its deputy), each with the ballots issued, returned, valid and invalid, the votes per
unit, the result and the tellers' signatures. The standalone document and the meeting pack print the
same records (``vote_tally``)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from emulation_desktop.locale.formatting import admin_date, format_percent
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.report_data import cluster_issuer, find_cluster, members
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.review.elections import ElectionResult, results

KIND = "review-tally"
SCOPES = ("cluster",)

HEADINGS = {
    "leading_unit": "Suy tôn đơn vị dẫn đầu phong trào thi đua năm {year}",
    "head": "Bầu Cụm trưởng năm {next}",
    "deputy": "Bầu Cụm phó năm {next}",
}
ELECTED = {
    "leading_unit": "được suy tôn là đơn vị dẫn đầu phong trào thi đua năm {year} của {name}",
    "head": "được bầu làm Cụm trưởng {name} năm {next}",
    "deputy": "được bầu làm Cụm phó {name} năm {next}",
}


def heading(result: ElectionResult) -> str:
    return HEADINGS[result.kind].format(year=result.year, next=result.year + 1)


BLANK_BALLOTS = (
    "Số phiếu phát ra: ........ phiếu; số phiếu thu về: ........ phiếu; "
    "số phiếu hợp lệ: ........ phiếu; số phiếu không hợp lệ: ........ phiếu."
)


def not_held(label: str = "Kết quả:") -> list[Flowable]:
    """A vote not counted yet: the lines to write its count and result in by hand (the document is then
    a draft, ``readiness``), never a sentence saying it did not happen."""
    return [L.body(BLANK_BALLOTS), *L.dotted(label, 2)]


def outcome(result: ElectionResult, name: str) -> str:
    """The result of a counted vote as a sentence of the minutes and the tally record."""
    if result.status == "elected" and result.winner is not None:
        share = format_percent(result.winner.share(result.valid), digits=1)
        unit = front_of_name(result.winner.name)
        what = ELECTED[result.kind].format(year=result.year, next=result.year + 1, name=name)
        return f"{unit} {what} với {result.winner.votes}/{result.valid} phiếu hợp lệ ({share})."
    if result.status == "tie":
        return "Có các đơn vị bằng số phiếu cao nhất; không đơn vị nào trúng cử, Hội nghị tiến hành bỏ phiếu lại."
    return "Không đơn vị nào đạt quá một nửa số phiếu hợp lệ; Hội nghị tiến hành bỏ phiếu lại."


def front_of_name(name: str) -> str:
    """ "Ủy ban MTTQ Việt Nam huyện Đông Anh" from "Huyện Đông Anh"."""
    name = L.nfc(name)
    return f"Ủy ban MTTQ Việt Nam {name[:1].lower()}{name[1:]}"


def ballots_line(result: ElectionResult) -> str:
    return (
        f"Số phiếu phát ra: {result.issued} phiếu; số phiếu thu về: {result.returned} phiếu; "
        f"số phiếu hợp lệ: {result.valid} phiếu; số phiếu không hợp lệ: {result.invalid} phiếu."
    )


def votes_table(result: ElectionResult) -> T.RowsTable:
    rows = [
        (str(i), front_of_name(c.name), str(c.votes), format_percent(c.share(result.valid), digits=1))
        for i, c in enumerate(result.candidates, start=1)
    ]
    return T.RowsTable(
        [
            T.Column("TT", 7, "center"),
            T.Column("Đơn vị", 53),
            T.Column("Số phiếu", 18, "center"),
            T.Column("Tỷ lệ so với số phiếu hợp lệ", 22, "center"),
        ],
        rows,
        size=12,
        pad=4,
    )


def vote_tally(
    request: ReportRequest, issuer: L.Issuer, name: str, result: ElectionResult, members: int
) -> list[Flowable]:
    """The tally record of one vote (the meeting pack holds one per vote): its count and result, or the
    lines to write them in while it is not counted."""
    year = request.year
    st = L.styles()
    held_on = result.held_on or request.date()
    story: list[Flowable] = [
        *L.header(issuer.with_suffix("BB-CTĐ"), request.date()),
        *L.title("Biên bản kiểm phiếu", heading(result), name),
        L.body(
            f"Hôm nay, {admin_date(held_on)}, tại Hội nghị tổng kết công tác thi đua năm {year} của {name}, "
            f"Tổ kiểm phiếu đã kiểm phiếu {heading(result)[:1].lower()}{heading(result)[1:]}, "
            f"với sự tham gia của {members} đơn vị thành viên."
        ),
        L.para("Tổ kiểm phiếu gồm:", st.body),
    ]
    teller_lines = [line for line in L.nfc(result.tellers).splitlines() if line.strip()]
    story += [L.para(f"- {line}", st.body) for line in teller_lines] or L.dotted("", 3)
    if result.held:
        story += [
            L.body(ballots_line(result)),
            votes_table(result),
            Spacer(1, 4),
            L.bold_lead("Kết quả:", outcome(result, name)),
            L.body("Biên bản được lập xong và đọc công khai tại Hội nghị."),
        ]
    else:
        story += not_held()
    story.append(
        L.sign_columns(("Thành viên Tổ kiểm phiếu",), ("Tổ trưởng Tổ kiểm phiếu",), signer_space=20 * mm)
    )
    return story


def build(session: Session, request: ReportRequest) -> Built:
    """One tally record per vote, each a document of its own (its header, its signatures, its pages),
    the same records the meeting pack holds, so the two papers agree."""
    require_scope(request, SCOPES)
    year = request.year
    cluster = find_cluster(session, request.code)
    issuer, _head = cluster_issuer(session, cluster, year)
    name = L.nfc(cluster.name)
    count = len(members(session, cluster, year))
    story: list[Flowable] = []
    for result in results(session, cluster.code, year):
        story += L.next_document() if story else L.new_document()
        story += vote_tally(request, issuer, name, result, count)
    title = f"Biên bản kiểm phiếu năm {year} - {name}"
    return L.document(story, title, name)
