"""The one decision every incoming row gets: new, update, unchanged or conflict.

Records, self-scores and criteria sets keep their ids across installations. When one arrives, three
copies are compared: the one here (if any), the one the last import of it left (its ``ImportState``:
the version and digest it came with) and the incoming one. A row changed both here and at the source
since the last import is a conflict, and the copy here is kept: the clerk decides, not the import.

A deletion received leaves an import state with no digest (``DELETED``), also for a record never seen
here: it holds until the source sends the record with a newer version (``deletion_holds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import ImportState
from emulation_desktop.locale.i18n import _

Outcome = Literal["new", "update", "unchanged", "conflict"]

DELETED = ""  # the digest of the import state a received deletion leaves (a real digest is never empty)


@dataclass(frozen=True)
class Copy:
    """One copy of a row: its version, and the digest of its content ("" where it is not known)."""

    version: int
    row_hash: str = ""


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: str = ""  # why a conflict keeps the copy here (translated)


def decide(here: Copy | None, base: Copy | None, incoming: Copy, *, by_content: bool = False) -> Decision:
    """What to do with ``incoming`` given the copy ``here`` (None: no such row) and ``base``, what the
    last import of the row left (None: it was never imported, it was made here).

    A copy has changed since ``base`` when its version differs (an incoming copy also when its digest
    differs). With ``by_content`` only the digests tell: a criteria set's version is a sum of its parts'
    revisions, which each installation counts its own way. An older incoming copy is never applied."""
    if here is None:
        return Decision("new")
    if base is None:
        return Decision(
            "conflict", _("The record exists here but was not imported; it is kept as it is here.")
        )
    incoming_changed = incoming.row_hash != base.row_hash or (
        not by_content and incoming.version != base.version
    )
    changed_here = here.row_hash != base.row_hash if by_content else here.version != base.version
    if not incoming_changed or incoming.version < base.version:
        return Decision("unchanged")
    if changed_here or incoming.version == base.version:
        return Decision(
            "conflict",
            _("Changed both here and at the source since version {v}; the copy here is kept.").format(
                v=base.version
            ),
        )
    return Decision("update")


def deletion_holds(base: Copy | None, incoming: Copy) -> bool:
    """Whether a deletion received earlier stands against ``incoming``, a live copy of the same record.

    "Newer" is the record's version, the source's own count of its edits: restoring a deleted record
    there, or editing it after, counts past the version its deletion had. A package made after a
    restored backup does not know of the deletion and carries the record at the version it had before
    (or edited as often as before, the same number in another history): its package number is newer,
    its copy of the record is not, and the deletion holds."""
    return base is not None and base.row_hash == DELETED and incoming.version <= base.version


def imported_copies(session: Session, unit_code: str, table_name: str | None = None) -> dict[str, Copy]:
    """Row id → what the last import of it left, for the rows a unit's packages brought (of one table)."""
    query = select(ImportState.record_id, ImportState.version, ImportState.row_hash).where(
        ImportState.unit_code == unit_code
    )
    if table_name is not None:
        query = query.where(ImportState.table_name == table_name)
    return {row.record_id: Copy(row.version, row.row_hash) for row in session.execute(query)}
