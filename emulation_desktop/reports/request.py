"""A document request and what comes back: the kind, the scope (a unit, a cluster or the city), the year, the
date and number on the document; the finished PDF and its title. Light on purpose (no ReportLab): the
registry and the front door (``jobs``) import it before any builder loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from emulation_desktop.domain.text import fold
from emulation_desktop.errors import InputError
from emulation_desktop.locale.formatting import format_date
from emulation_desktop.locale.i18n import _

if TYPE_CHECKING:
    from emulation_desktop.operations.report_drafts import Draft

SCOPES = ("unit", "cluster")  # what most documents are made for
# The city's office (an installation set up as the city) consolidates every cluster under it: its
# year-end and consolidated reports are also made for the city as a whole.
CITY = "city"
KNOWN_SCOPES = (*SCOPES, CITY)


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    scope: str  # "unit", "cluster" or "city"
    code: str  # the unit's, the cluster's or the city's code
    year: int
    issued_on: date | None = None  # the date on the document; today by default
    number: str = ""  # a number typed by hand, registered as given when the document is first issued
    # A variant of the same document issued on its own (a re-vote's tally): each variant is registered,
    # and numbered, apart (``operations.document_register.DocumentKey``).
    variant: str = ""
    format: str = "pdf"  # "pdf", or "docx": a Word file, for the narrative documents (``registry``)

    def date(self) -> date:
        return self.issued_on or date.today()


@dataclass(frozen=True)
class Built:
    """A finished document: the file (PDF, or Word: ``format``) and its Vietnamese title (shown to the
    clerk, and the file name); for the year-end report, also the text it was made from, which the clerk
    edits; and what it still lacks (``readiness.missing``, one Vietnamese sentence each): not empty, it
    was printed as a draft."""

    data: bytes  # the PDF, or the Word file when the request asked for "docx" (``format``)
    title: str
    text: Draft | None = None
    missing: tuple[str, ...] = ()
    # Its line in the register of outgoing documents once issued ("01/BC-MTTQ" and its date, which a
    # reprint keeps); empty while it has no number.
    number: str = ""
    issued_on: date | None = None
    format: str = "pdf"

    @property
    def pdf(self) -> bytes:
        """The PDF's bytes, under the name the PDF-only callers know."""
        return self.data


def number_line(built: Built) -> str:
    """ "Số 01/BC-MTTQ, ngày 08/11/2022" for the window and the command line; "" without a number."""
    if not built.number or built.issued_on is None:
        return ""
    return _("No. {number}, dated {date}").format(number=built.number, date=format_date(built.issued_on))


def require_scope(request: ReportRequest, accepted: tuple[str, ...]) -> None:
    """Refuse a request for a scope the document is not made for, saying which one it takes."""
    if request.scope in accepted:
        return
    if request.scope not in KNOWN_SCOPES:
        raise InputError(_("Unknown scope “{scope}”; use a unit or a cluster.").format(scope=request.scope))
    if request.scope == CITY:
        raise InputError(_("This document is not made for the whole city; give a unit or a cluster code."))
    if accepted == ("cluster",):
        raise InputError(_("This document is made for a cluster; give a cluster code, not a unit."))
    raise InputError(_("This document is made for a unit; give a unit code, not a cluster."))


# A document's file name says what it is, for whom and the year, in whole words:
# "bo-tai-lieu-hoi-nghi-cum-thi-dua-so-3-2022.pdf". The titles are too long for that (a stick keeps
# 64 characters, exchange.safe_save), so each document has a short name; one missing here (a new
# document) is named from its title.
FILE_NAME_MAX = 59  # before ".pdf" or ".docx"
SHORT_NAMES = {
    "annual": "Báo cáo tổng kết thi đua",
    "cluster": "Báo cáo tổng hợp thi đua",
    "pledge-form": "Bản đăng ký thi đua",
    "support-list": "Danh sách hoạt động hỗ trợ",
    "supervision-list": "Danh sách cuộc giám sát",
    "meeting-pack": "Bộ tài liệu hội nghị",
    "review-scoring-sheet": "Phiếu chấm điểm thi đua",
    "review-summary": "Bảng tổng hợp điểm thi đua",
    "review-ballots": "Phiếu suy tôn, phiếu bầu",
    "review-tally": "Biên bản kiểm phiếu",
    "review-minutes": "Biên bản hội nghị tổng kết",
    "review-proposal": "Tờ trình khen thưởng",
    "review-invitation": "Giấy mời hội nghị tổng kết",
    "review-agreement": "Giao ước thi đua",
    "review-notice": "Thông báo kết luận hội nghị",
    "document-register": "Sổ đăng ký văn bản đi",
    "submissions-board": "Bảng theo dõi tiếp nhận số liệu",
}


def _words(text: str) -> list[str]:
    """ASCII words of a Vietnamese text ("Cụm thi đua số 3" → cum, thi, dua, so, 3)."""
    return re.findall(r"[a-z0-9]+", fold(text))


def _fits(*parts: list[str]) -> bool:
    return len("-".join(word for part in parts for word in part)) <= FILE_NAME_MAX


def document_file_name(request: ReportRequest, title: str) -> str:
    """The file name a document is saved under: its short name, a variant its title names in brackets
    ("bỏ phiếu lại"), the unit or cluster, and the year; shortened by whole words from the end of the
    unit's name, never cut inside a word."""
    what, separator, whom = title.partition(f" năm {request.year} - ")  # every title reads so
    if separator:
        name = _words(SHORT_NAMES.get(request.kind, what))
        name += [word for variant in re.findall(r"\(([^)]*)\)", what) for word in _words(variant)]
        scope, year = _words(whom), [str(request.year)]
    else:
        name, scope, year = _words(title), [], []
    while not _fits(name, scope, year) and scope:
        scope.pop()
    while not _fits(name, scope, year) and len(name) > 1:
        name.pop()
    stem = "-".join(name + scope + year)[:FILE_NAME_MAX].strip("-")  # a single word longer than all
    return f"{stem or 'tai-lieu'}.{request.format}"
