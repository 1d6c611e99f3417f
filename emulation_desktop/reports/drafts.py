"""Reading and saving the clerk's edits of a document (narrative, key tasks, signer): one transaction each."""

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


@dataclass(frozen=True)
class Draft:
    narrative: str  # one paragraph per line
    key_tasks: str  # one task per line
    signer_name: str = ""
    number: str = ""
    version: int = 0  # 0: never saved

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
    found = _find(session, resolve_unit(session, unit).id, year, kind, scope)
    if found is None:
        return None
    return Draft(found.narrative, found.key_tasks, found.signer_name, found.number, found.version)


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
    if len(narrative) > MAX_TEXT or len(key_tasks) > MAX_TEXT:
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
                new={"narrative": narrative, "key_tasks": key_tasks},
            )
        )
        version = row.version
    return Draft(narrative, key_tasks, signer, number, version)
