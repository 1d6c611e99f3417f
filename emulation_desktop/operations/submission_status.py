"""The member's side of a submission on its Overview: the latest acknowledgement received for the
unit-year, in words ("Cụm trưởng đã tiếp nhận số liệu năm 2022 ngày …"). Plain SQL with no ORM, like
the rest of the first screen (storage.plain_sql), so the Overview shows before SQLAlchemy loads; the
acknowledgements are recorded by exchange.acknowledgement through operations.submissions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import plain_sql
from emulation_desktop.storage.database import Database

# Whether a decision was received for the unit-year at all (``member_status``'s own condition): the
# Overview asks this first, cheaply, at every start.
_ANY_DECISION = (
    "SELECT 1 FROM submission_decision"
    " WHERE direction = 'received' AND unit_code = :unit AND year = :year LIMIT 1"
)


def has_decision(db: Database, unit_code: str, year: int) -> bool:
    """Whether the cluster head's answer about the unit-year was received here."""
    with db.reading() as connection:
        return plain_sql.first(connection, _ANY_DECISION, {"unit": unit_code, "year": year}) is not None


@dataclass(frozen=True)
class MemberStatus:
    decision: str
    reason: str
    decided_at: datetime  # UTC
    issuer_name: str
    by_cluster_head: bool
    sent_again: bool  # a package was sent after the one decided on

    def text(self, year: int) -> str:
        """The Overview's line (the Vietnamese wording in the catalog)."""
        from emulation_desktop.locale.formatting import format_date  # Babel: only when there is a line

        when = format_date(self.decided_at.replace(tzinfo=UTC).astimezone().date())
        if self.decision == "accepted":
            if self.by_cluster_head:
                line = _("The cluster head accepted the {year} data on {date}.")
            else:
                line = _("{issuer} accepted the {year} data on {date}.")
        elif self.by_cluster_head:
            line = _("The cluster head returned the {year} data: {reason}")
        else:
            line = _("{issuer} returned the {year} data: {reason}")
        text = line.format(year=year, date=when, reason=self.reason, issuer=self.issuer_name)
        if self.sent_again:
            text += " " + _("The data was changed and sent again since.")
        return text


def member_status(source: plain_sql.Source, unit_code: str, year: int) -> MemberStatus | None:
    """The latest acknowledgement received for a unit-year owned here, if any."""
    row = plain_sql.first(
        source,
        "SELECT decision, reason, decided_at, issuer_name, cluster_code, package_id FROM submission_decision"
        " WHERE direction = 'received' AND unit_code = :unit AND year = :year"
        " ORDER BY decided_at DESC, recorded_at DESC LIMIT 1",
        {"unit": unit_code, "year": year},
    )
    if row is None:
        return None
    decision, reason, decided_at, issuer_name, cluster_code, package_id = row
    sent = plain_sql.first(
        source,
        "SELECT package_id FROM package_log WHERE direction = 'sent' AND unit_code = :unit AND year = :year"
        " ORDER BY id DESC LIMIT 1",
        {"unit": unit_code, "year": year},
    )
    stamp = decided_at if isinstance(decided_at, datetime) else datetime.fromisoformat(str(decided_at))
    return MemberStatus(
        decision,
        reason or "",
        stamp,
        issuer_name or "",
        bool(cluster_code),
        sent is not None and sent[0] != package_id,
    )


def member_status_of(db: Database, unit_code: str, year: int) -> MemberStatus | None:
    """The Overview's acknowledgement line, in a plain read of its own (see ``member_status``)."""
    with db.reading() as connection:
        return member_status(connection, unit_code, year)
