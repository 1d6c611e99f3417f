"""What happened to one member unit's year at this office, in order: each package received (applied,
unchanged or refused) and each decision made on it, with the acknowledgement id a lost stick can be
written again from (``exchange.acknowledgement.saved_again``). The board shows the latest state; this is
the story behind it, for the clerk who must answer "did we get their second package?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.exchange import PackageLog
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.submissions import base_name, decisions_made, iso_utc, summary_of
from emulation_desktop.storage.database import Database

EVENTS = {
    "applied": N_("Package received"),
    "unchanged": N_("Same package received again (nothing changed)"),
    "rejected": N_("Package refused"),
    "accepted": N_("Accepted"),
    "returned": N_("Returned"),
}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # UTC
    event: str  # one of EVENTS
    package_file: str = ""
    package_sha256: str = ""
    sequence: int | None = None  # the sender's number of the package
    reason: str = ""  # of a return, or why a package was refused
    user: str = ""
    acknowledgement_id: str = ""  # of a decision made here

    @property
    def event_text(self) -> str:
        return _(EVENTS[self.event])

    def as_json(self) -> dict[str, object]:
        return {
            "at": iso_utc(self.at),
            "event": self.event,
            "package_file": self.package_file or None,
            "package_sha256": self.package_sha256 or None,
            "sequence": self.sequence,
            "reason": self.reason,
            "user": self.user,
            "acknowledgement_id": self.acknowledgement_id or None,
        }


def _received(entry: PackageLog) -> HistoryEntry:
    summary = summary_of(entry)
    sequence = summary.get("sequence")
    return HistoryEntry(
        at=entry.logged_at,
        event=entry.status if entry.status in EVENTS else "rejected",
        package_file=base_name(entry.file_name),
        package_sha256=entry.file_sha256,
        sequence=sequence if isinstance(sequence, int) else None,
        reason=str(summary.get("reason") or "") if entry.status == "rejected" else "",
        user=entry.user,
    )


def history(session: Session, unit_code: str, year: int) -> list[HistoryEntry]:
    """The unit-year's packages received here and decisions made here, oldest first."""
    packages = session.scalars(
        select(PackageLog).where(
            PackageLog.direction == "received", PackageLog.unit_code == unit_code, PackageLog.year == year
        )
    )
    decisions = decisions_made(session, unit_code, year)
    entries = [_received(entry) for entry in packages] + [
        HistoryEntry(
            at=row.decided_at,
            event=row.decision,
            package_file=row.package_file,
            package_sha256=row.package_sha256,
            sequence=row.package_sequence,
            reason=row.reason,
            user=row.user,
            acknowledgement_id=row.id,
        )
        for row in decisions
    ]
    return sorted(entries, key=lambda entry: entry.at)  # stable: decisions of one moment keep their order


def history_of(db: Database, unit_code: str, year: int) -> list[HistoryEntry]:
    """``history``, read on its own."""
    with db.session() as session:
        return history(session, unit_code, year)


def latest_acknowledgement(db: Database, unit_code: str, year: int) -> str:
    """The id of the last decision made here on the unit-year (the last one ``history`` lists), to
    write its acknowledgement again; refused when none was made."""
    decisions = [entry for entry in history_of(db, unit_code, year) if entry.acknowledgement_id]
    if not decisions:
        raise InputError(
            _(
                "No decision on the {year} data of {code} was made here, so there is no acknowledgement to save."
            ).format(year=year, code=unit_code)
        )
    return decisions[-1].acknowledgement_id
