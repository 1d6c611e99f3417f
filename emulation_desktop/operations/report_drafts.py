"""Reading and saving the clerk's edits of a document (narrative, key tasks, signer, and the report's
shortcomings and proposals): one transaction each. Here, below ``reports``, so that the demo (beside
``reports``, which it may not import) keeps its texts through the same function as the window
(``reports.jobs.save_report_text``).

The shortcomings and proposals are kept in a second row of the same table, under the document's kind
with ``ASSESSMENT`` after it (narrative: the shortcomings, key tasks: the proposals), so they need no
new column; the first row's version guards both."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import ReportDraft
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.storage.database import Database

MAX_TEXT = 100_000
ASSESSMENT = ":assessment"  # the kind of the row keeping a report's shortcomings and proposals


@dataclass(frozen=True)
class Draft:
    narrative: str  # one paragraph per line
    key_tasks: str  # one task per line
    signer_name: str = ""
    number: str = ""
    version: int = 0  # 0: never saved
    # "Hạn chế, tồn tại" and "Đề xuất, kiến nghị", one paragraph per line; None: not given (saving
    # keeps what was saved, so a caller that does not edit them does not erase them)
    shortcomings: str | None = None
    proposals: str | None = None

    def key_task_list(self) -> list[str]:
        return [line for line in self.key_tasks.splitlines() if line.strip()]


def clean_lines(text: str) -> str:
    """NFC, each line trimmed and its inner spaces collapsed, empty lines dropped."""
    return "\n".join(line for line in (clean_text(part) for part in (text or "").splitlines()) if line)


def _find(session: Session, unit_id: str, year: int, kind: str, scope: str) -> ReportDraft | None:
    return session.scalar(
        select(ReportDraft).where(
            ReportDraft.unit_id == unit_id,
            ReportDraft.year == year,
            ReportDraft.kind == kind,
            ReportDraft.scope == scope,
            ReportDraft.deleted.is_(False),
        )
    )


def get_draft(session: Session, unit: str, year: int, kind: str, scope: str = "unit") -> Draft | None:
    """The saved edits of a document, or None if the clerk never saved any."""
    unit_id = resolve_unit(session, unit).id
    found = _find(session, unit_id, year, kind, scope)
    if found is None:
        return None
    assessment = _find(session, unit_id, year, kind + ASSESSMENT, scope)
    return Draft(
        found.narrative,
        found.key_tasks,
        found.signer_name,
        found.number,
        found.version,
        assessment.narrative if assessment else None,
        assessment.key_tasks if assessment else None,
    )


def save_draft(
    db: Database,
    unit: str,
    year: int,
    kind: str,
    draft: Draft,
    *,
    scope: str = "unit",
    user: str = "",
) -> Draft:
    """Keep the clerk's edits with the report (one transaction, NFC text, audited)."""
    narrative, key_tasks = clean_lines(draft.narrative), clean_lines(draft.key_tasks)
    shortcomings = None if draft.shortcomings is None else clean_lines(draft.shortcomings)
    proposals = None if draft.proposals is None else clean_lines(draft.proposals)
    if any(len(text or "") > MAX_TEXT for text in (narrative, key_tasks, shortcomings, proposals)):
        raise InputError(_("The text is too long to keep with the report."))
    signer, number = clean_text(draft.signer_name or ""), clean_text(draft.number or "")
    with db.transaction() as session:
        owner = resolve_unit(session, unit)
        row = _find(session, owner.id, year, kind, scope)
        old = None
        if row is None:
            row = ReportDraft(unit_id=owner.id, year=year, kind=kind, scope=scope, version=1)
            session.add(row)
        else:
            if draft.version and draft.version != row.version:
                from emulation_desktop.errors import ConflictError

                raise ConflictError(_("Someone saved this report in the meantime; reload it first."))
            old = {"narrative": row.narrative, "key_tasks": row.key_tasks}
            row.version = row.version + 1
            row.updated_at = utcnow()
        row.narrative, row.key_tasks, row.signer_name, row.number = narrative, key_tasks, signer, number
        _stamp(session, row, kind, year, user, old)
        version = row.version
        shortcomings, proposals = _save_assessment(
            session, owner.id, year, kind, scope, shortcomings, proposals, user
        )
    return Draft(narrative, key_tasks, signer, number, version, shortcomings, proposals)


def _save_assessment(
    session: Session,
    unit_id: str,
    year: int,
    kind: str,
    scope: str,
    shortcomings: str | None,
    proposals: str | None,
    user: str,
) -> tuple[str | None, str | None]:
    """Keep the given shortcomings and proposals (None keeps the saved one); return both as saved."""
    row = _find(session, unit_id, year, kind + ASSESSMENT, scope)
    if shortcomings is None and proposals is None:
        return (row.narrative, row.key_tasks) if row else (None, None)
    old = None
    if row is None:
        row = ReportDraft(unit_id=unit_id, year=year, kind=kind + ASSESSMENT, scope=scope, version=1)
        row.narrative, row.key_tasks = "", ""
        session.add(row)
    else:
        old = {"narrative": row.narrative, "key_tasks": row.key_tasks}
        row.version = row.version + 1
        row.updated_at = utcnow()
    if shortcomings is not None:
        row.narrative = shortcomings
    if proposals is not None:
        row.key_tasks = proposals
    _stamp(session, row, kind, year, user, old)
    return row.narrative, row.key_tasks


def _stamp(
    session: Session, row: ReportDraft, kind: str, year: int, user: str, old: dict[str, str] | None
) -> None:
    """Who saved it, its search key, and its audit row (a draft and its assessment alike)."""
    row.updated_by = user
    row.search_key = fold(f"{kind} {year}")
    session.flush()
    session.add(
        audit_row(
            "update" if old else "create",
            "report_draft",
            row.id,
            user=user,
            old=old,
            new={"narrative": row.narrative, "key_tasks": row.key_tasks},
        )
    )
