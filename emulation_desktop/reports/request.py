"""A document request and what comes back: the kind, the scope (a unit or a cluster), the year, the
date and number on the document; the finished PDF and its title. Light on purpose (no ReportLab): the
registry and the front door (``jobs``) import it before any builder loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _

if TYPE_CHECKING:
    from emulation_desktop.reports.drafts import Draft

SCOPES = ("unit", "cluster")


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    scope: str  # "unit" or "cluster"
    code: str  # the unit's or the cluster's code
    year: int
    issued_on: date | None = None  # the date on the document; today by default
    number: str = ""  # the document number, when already given

    def date(self) -> date:
        return self.issued_on or date.today()


@dataclass(frozen=True)
class Built:
    """A finished document: the PDF and its Vietnamese title (shown to the clerk, and the file name);
    for the year-end report, also the text it was made from, which the clerk edits."""

    pdf: bytes
    title: str
    text: Draft | None = None


def require_scope(request: ReportRequest, accepted: tuple[str, ...]) -> None:
    """Refuse a request for a scope the document is not made for, saying which one it takes."""
    if request.scope in accepted:
        return
    if request.scope not in SCOPES:
        raise InputError(_("Unknown scope “{scope}”; use a unit or a cluster.").format(scope=request.scope))
    if accepted == ("cluster",):
        raise InputError(_("This document is made for a cluster; give a cluster code, not a unit."))
    raise InputError(_("This document is made for a unit; give a unit code, not a cluster."))
