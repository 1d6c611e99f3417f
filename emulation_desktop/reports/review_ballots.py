"""Phiếu suy tôn và phiếu bầu: the blank ballots of the review conference, ready to print and cut.

Before the vote: one acclaim ballot (the leading unit of the year) and one election ballot (next year's
cluster head and deputy) per ballot to issue — the ballots issued at a recorded vote, else one per
member. After a vote that elected no one (a tie for the most votes, or no unit above half of the valid
ballots), the document holds the re-vote ballots of that election only: between the tied units after a
tie, between every member otherwise, as many as were returned at the first round.

Two ballots share an A4 page with a cut line between them; a ballot never splits across pages and
carries no page number (each one is a document of its own).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy.orm import Session

from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.report_data import Member, find_cluster, front_of, members
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.review.elections import ElectionResult, results

KIND = "review-ballots"
SCOPES = ("cluster",)
ROW_SIZE = 13
ROW_PAD = 7


def _rows(candidates: Sequence[str], marks: int) -> list[tuple[str, ...]]:
    return [(str(i), name, *([""] * marks)) for i, name in enumerate(candidates, start=1)]


def leader_ballot(
    year: int, cluster_name: str, candidates: Sequence[str], *, again: bool = False
) -> list[Flowable]:
    """Phiếu suy tôn: one unit acclaimed as the leading unit of ``year``."""
    st = L.styles()
    return [
        *L.title(
            "Phiếu suy tôn" + (" (bỏ phiếu lại)" if again else ""),
            f"Đơn vị dẫn đầu phong trào thi đua năm {year}",
            cluster_name,
        ),
        L.para(
            "(Đồng ý suy tôn đơn vị nào thì đánh dấu “X” vào ô tương ứng; mỗi phiếu chỉ suy tôn 01 đơn vị)",
            st.center_italic,
        ),
        T.RowsTable(
            [T.Column("TT", 8, "center"), T.Column("Đơn vị", 67), T.Column("Đồng ý suy tôn", 25, "center")],
            _rows(candidates, 1),
            size=ROW_SIZE,
            pad=ROW_PAD,
        ),
    ]


def roles_ballot(year: int, cluster_name: str, candidates: Sequence[str]) -> list[Flowable]:
    """Phiếu bầu: next year's cluster head and deputy on one ballot (``year`` is the year of the term)."""
    st = L.styles()
    return [
        *L.title("Phiếu bầu", f"Cụm trưởng, Cụm phó {cluster_name} năm {year}"),
        L.para(
            "(Đánh dấu “X” vào ô tương ứng; mỗi phiếu chọn 01 đơn vị làm Cụm trưởng và 01 đơn vị làm Cụm phó)",
            st.center_italic,
        ),
        T.RowsTable(
            [
                T.Column("TT", 8, "center"),
                T.Column("Đơn vị", 56),
                T.Column("Cụm trưởng", 18, "center"),
                T.Column("Cụm phó", 18, "center"),
            ],
            _rows(candidates, 2),
            size=ROW_SIZE,
            pad=ROW_PAD,
        ),
    ]


def revote_ballot(result: ElectionResult, cluster_name: str, candidates: Sequence[str]) -> list[Flowable]:
    """The re-vote of one election that elected no one: its own candidates, one mark."""
    if result.kind == "leading_unit":
        return leader_ballot(result.year, cluster_name, candidates, again=True)
    role = "Cụm trưởng" if result.kind == "head" else "Cụm phó"
    st = L.styles()
    return [
        *L.title("Phiếu bầu (bỏ phiếu lại)", f"{role} {cluster_name} năm {result.year + 1}"),
        L.para(
            f"(Đánh dấu “X” vào ô tương ứng; mỗi phiếu chọn 01 đơn vị làm {role})",
            st.center_italic,
        ),
        T.RowsTable(
            [T.Column("TT", 8, "center"), T.Column("Đơn vị", 67), T.Column(role, 25, "center")],
            _rows(candidates, 1),
            size=ROW_SIZE,
            pad=ROW_PAD,
        ),
    ]


class CutLine(Flowable):
    """A dashed line across the frame, where the printed sheet is cut in two."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, 12 * mm

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setDash(4, 3)
        canv.setLineWidth(0.5)
        canv.line(0, 6 * mm, self.width, 6 * mm)
        canv.restoreState()


def needs_revote(result: ElectionResult) -> bool:
    return result.held and result.status in ("tie", "no_majority")


def revote_candidates(result: ElectionResult, member_list: Sequence[Member]) -> list[str]:
    """After a tie, the units with the most votes; after no majority, every member again."""
    chosen = list(member_list)
    if result.status == "tie" and result.candidates:
        top = result.candidates[0].votes
        tied = {c.code for c in result.candidates if c.votes == top}
        chosen = [m for m in member_list if m.unit.code in tied]
    return [front_of(m.unit) for m in chosen]


def ballot_sets(
    request: ReportRequest, cluster_name: str, member_list: list[Member], elections: list[ElectionResult]
) -> tuple[list[list[Flowable]], bool]:
    """Every ballot to print, in order, and whether they are re-vote ballots."""
    by_kind = {r.kind: r for r in elections}
    again = [r for r in elections if needs_revote(r)]
    if again:
        ballots: list[list[Flowable]] = []
        for result in again:
            copies = result.returned or len(member_list)
            ballots += [revote_ballot(result, cluster_name, revote_candidates(result, member_list))] * copies
        return ballots, True

    def copies(*kinds: str) -> int:
        issued = [by_kind[k].issued for k in kinds if k in by_kind and by_kind[k].held]
        return max(issued) if issued else len(member_list)

    every = [front_of(m.unit) for m in member_list]
    leader = leader_ballot(request.year, cluster_name, every)
    roles = roles_ballot(request.year + 1, cluster_name, every)
    return [leader] * copies("leading_unit") + [roles] * copies("head", "deputy"), False


def two_per_page(ballots: list[list[Flowable]], *, in_pack: bool = False) -> list[Flowable]:
    """Each ballot kept whole, marked as a document of its own (so no page number), a cut line after it.
    ``in_pack``: the pages count in the pack's numbering but print no number."""
    story: list[Flowable] = []
    for i, ballot in enumerate(ballots):
        mark = L.Unnumbered() if in_pack else L.DocumentStart()
        parts: list[Flowable] = [mark, Spacer(1, 4 * mm), *ballot]
        if i < len(ballots) - 1:
            parts.append(CutLine())
        story.append(KeepTogether(parts))
    return story


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    cluster = find_cluster(session, request.code)
    member_list = members(session, cluster, request.year)
    name = L.nfc(cluster.name)
    ballots, again = ballot_sets(request, name, member_list, results(session, cluster.code, request.year))
    story: list[Flowable] = [*L.new_document(), *two_per_page(ballots)]
    title = f"Phiếu suy tôn, phiếu bầu{' (bỏ phiếu lại)' if again else ''} năm {request.year} - {name}"
    return L.document(story, title, name)
