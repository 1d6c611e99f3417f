"""Submissions: which member units have sent their year, and what the receiving office decided (#18).

At the receiver (a cluster head, later the city) the completeness board lists, per member unit and
year: missing, received, accepted or returned; when the latest package came in and which file it was;
whether it changed after an acceptance; and whether the unit is late (no package by the due date). A
decision is made on the latest package received; the signed acknowledgement the member carries back is
written by exchange.acknowledgement, which records it here in the same transaction.

At the member, the acknowledgement received is recorded too: an acceptance locks the year (the year
lock of operations.structure: a change afterwards needs an unlock with a reason and travels as a new
version), a return unlocks it so the clerk can correct it. The Overview shows the latest one
(operations.submission_status, plain SQL like the rest of the first screen).

The functions taking the ``Database`` are the window's and the command line's doors; those over a
session are building blocks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import (
    Cluster,
    ClusterMember,
    PackageLog,
    ReceivedPackage,
    Setting,
    SubmissionDecision,
    Unit,
)
from emulation_desktop.domain.submissions import DECISIONS
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.clusters import cluster_members
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.operations.structure import year_record
from emulation_desktop.storage.database import Database

STATUSES = ("missing", "received", "accepted", "returned")
STATUS_LABELS = {
    "missing": N_("Missing"),
    "received": N_("Received, to review"),
    "accepted": N_("Accepted"),
    "returned": N_("Returned"),
}
# The year cycle ends with the reports and the cluster's review conference in December; the figures
# must reach the cluster head before it. Mid-December is the date offices use ("submitted to the city on
# 15/12"); an office that agrees another one keeps it as a setting (``set_due_day``).
DUE_SETTING = "submission_due_day"
DEFAULT_DUE = (15, 12)  # day, month of the year itself
MAX_REASON = 2000


# ------------------------------------------------------------------------------------------ the rules


def clean_reason(decision: str, reason: str) -> str:
    """The reason as it is kept (NFC, trimmed); a return without one is refused."""
    if decision not in DECISIONS:
        raise InputError(_("Unknown decision “{decision}”.").format(decision=decision))
    text = clean_text(reason or "")
    if decision == "returned" and not text:
        raise ValidationError(
            {"reason": _("Give the reason for returning the data, for the unit to correct.")}
        )
    if len(text) > MAX_REASON:
        raise ValidationError(
            {"reason": _("The reason is too long (at most {n} characters).").format(n=MAX_REASON)}
        )
    return text


def _parse_due(value: str | None) -> tuple[int, int] | None:
    """(day, month) of a "15/12"; None when it is not a day that exists (29/02 does)."""
    try:
        day, month = (int(part) for part in (value or "").split("/"))
        date(2000, month, day)
    except ValueError:
        return None
    return day, month


def due_date(session: Session, year: int) -> date:
    """The day by which a member's package of ``year`` is due (15/12 of that year unless set)."""
    day, month = (
        _parse_due(session.scalar(select(Setting.value).where(Setting.key == DUE_SETTING))) or DEFAULT_DUE
    )
    try:
        return date(year, month, day)
    except ValueError:  # 29/02 in a common year
        return date(year, month, day - 1)


def set_due_day(db: Database, text: str, *, user: str = "") -> None:
    """Set the day and month ("20/12") by which members' packages are due, every year; audited."""
    parsed = _parse_due(clean_text(text))
    if parsed is None:
        raise InputError(_("“{text}” is not a day and month; write it like 15/12.").format(text=text))
    value = f"{parsed[0]:02d}/{parsed[1]:02d}"
    with db.transaction() as session:
        setting = session.get(Setting, DUE_SETTING)
        old = setting.value if setting is not None else ""
        if setting is None:
            session.add(Setting(key=DUE_SETTING, value=value))
        else:
            setting.value = value
        session.add(
            audit_row("update", "setting", DUE_SETTING, user=user, old={"value": old}, new={"value": value})
        )


# ----------------------------------------------------------------------------- who sends to this office


def _own_unit_ids(session: Session) -> set[str]:
    return set(session.scalars(select(Unit.id).where(Unit.is_local.is_(True), Unit.deleted.is_(False))))


def office_clusters(session: Session, year: int) -> list[tuple[Cluster, Unit]]:
    """The clusters whose members send their year to this office, each with the unit of this office
    that decides on them: the clusters one of its own units heads in ``year``, and, at the city, the
    clusters under it."""
    own = _own_unit_ids(session)
    found: dict[str, tuple[Cluster, Unit]] = {}
    heads = session.execute(
        select(Cluster, Unit)
        .join(ClusterMember, ClusterMember.cluster_id == Cluster.id)
        .join(Unit, Unit.id == ClusterMember.unit_id)
        .where(
            ClusterMember.year == year,
            ClusterMember.role == "head",
            ClusterMember.deleted.is_(False),
            Cluster.deleted.is_(False),
            Unit.id.in_(own),
        )
        .order_by(Cluster.code)
    ).all()
    for cluster, head in heads:
        found.setdefault(cluster.id, (cluster, head))
    above = session.execute(
        select(Cluster, Unit)
        .join(Unit, Unit.id == Cluster.parent_unit_id)
        .where(Cluster.deleted.is_(False), Unit.id.in_(own))
        .order_by(Cluster.code)
    ).all()
    for cluster, parent in above:
        found.setdefault(cluster.id, (cluster, parent))
    return sorted(found.values(), key=lambda pair: pair[0].code)


@dataclass(frozen=True)
class Sender:
    """A member unit whose year this office decides on, its cluster and the deciding unit here."""

    unit: Unit
    cluster: Cluster
    issuer: Unit

    @property
    def by_cluster_head(self) -> bool:
        return self.issuer.id != self.cluster.parent_unit_id


def sender(session: Session, unit_code: str, year: int) -> Sender:
    """The member unit ``unit_code`` of one of this office's clusters in ``year``; refused (exit 2) for
    an unknown unit, a unit of this office, or a unit outside its clusters."""
    unit = resolve_unit(session, clean_text(unit_code))
    own = _own_unit_ids(session)
    if unit.id in own:
        raise InputError(
            _("{unit} is this office's own unit: its year is not sent here to be accepted.").format(
                unit=unit.name
            )
        )
    for cluster, issuer in office_clusters(session, year):
        if any(member.id == unit.id for member, _role in cluster_members(session, cluster, year)):
            return Sender(unit, cluster, issuer)
    raise InputError(
        _(
            "{unit} ({code}) is not a member of a cluster this office heads or receives from in {year}."
        ).format(unit=unit.name, code=unit.code, year=year)
    )


def latest_received(session: Session, unit_code: str, year: int) -> PackageLog | None:
    """The unit-year's package imported last here (imports are refused when older, so it is the newest)."""
    return session.scalars(
        select(PackageLog)
        .where(
            PackageLog.direction == "received",
            PackageLog.status == "applied",
            PackageLog.unit_code == unit_code,
            PackageLog.year == year,
        )
        .order_by(PackageLog.id.desc())
        .limit(1)
    ).first()


def package_to_decide(session: Session, who: Sender, year: int) -> PackageLog:
    """The package a decision on the unit-year is about: the latest received; refused when none."""
    entry = latest_received(session, who.unit.code, year)
    if entry is None:
        raise InputError(
            _("Nothing has been received from {unit} for {year}: import its package first.").format(
                unit=who.unit.name, year=year
            )
        )
    return entry


def summary_of(entry: PackageLog) -> dict[str, object]:
    try:
        value = json.loads(entry.summary or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def record_made(session: Session, row: SubmissionDecision, *, file_name: str) -> None:
    """Keep a decision made here, with its audit entry (inside the caller's transaction)."""
    _keep(session, row, "accept" if row.decision == "accepted" else "return", acknowledgement_file=file_name)


def _keep(session: Session, row: SubmissionDecision, action: str, **detail: str) -> None:
    """A decision, made here or received, and its audit entry."""
    session.add(row)
    new = {"unit": row.unit_code, "year": row.year, "decision": row.decision, "package_id": row.package_id}
    session.add(
        audit_row(
            action, "submission_decision", row.id, user=row.user, new={**new, **detail}, reason=row.reason
        )
    )


# ------------------------------------------------------------------------------------------ the board


@dataclass(frozen=True)
class BoardRow:
    cluster_code: str
    cluster_name: str
    unit_code: str
    unit_name: str
    status: str  # one of STATUSES
    received_at: datetime | None  # when the latest package was imported here (UTC)
    package_id: str
    package_file: str  # its file name as it came in
    package_sha256: str
    revised_after_submission: bool
    decided_at: datetime | None  # of the decision on the latest package (UTC)
    reason: str  # of a return
    changed_since_accepted: bool  # a package newer than the one accepted came in
    late: bool  # no package by the due date
    accepted_by_head: str = ""  # at the city: the cluster head that accepted and forwarded it

    @property
    def sha_short(self) -> str:
        return self.package_sha256[:12]

    def as_json(self) -> dict[str, object]:
        return {
            "unit": self.unit_code,
            "name": self.unit_name,
            "cluster": self.cluster_code,
            "status": self.status,
            "received_at": iso_utc(self.received_at),
            "package_id": self.package_id or None,
            "package_file": self.package_file or None,
            "package_sha256": self.package_sha256 or None,
            "revised_after_submission": self.revised_after_submission,
            "decided_at": iso_utc(self.decided_at),
            "changed_since_accepted": self.changed_since_accepted,
            "reason": self.reason,
            "late": self.late,
            "accepted_by_head": self.accepted_by_head or None,
        }


@dataclass(frozen=True)
class Board:
    year: int
    due: date
    rows: list[BoardRow]

    def counts(self) -> dict[str, int]:
        return {status: sum(r.status == status for r in self.rows) for status in STATUSES}

    def as_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "due_date": self.due.isoformat(),
            "counts": self.counts(),
            "units": [row.as_json() for row in self.rows],
        }


def iso_utc(value: datetime | None) -> str | None:
    return value.replace(tzinfo=UTC).isoformat(timespec="seconds") if value is not None else None


def decisions_made(session: Session, unit_code: str, year: int) -> list[SubmissionDecision]:
    """The decisions made here (not those received from the cluster head) on the unit-year, in the
    order they were made."""
    return list(
        session.scalars(
            select(SubmissionDecision)
            .where(
                SubmissionDecision.direction == "made",
                SubmissionDecision.unit_code == unit_code,
                SubmissionDecision.year == year,
            )
            .order_by(SubmissionDecision.decided_at, SubmissionDecision.recorded_at)
        )
    )


def _row(session: Session, cluster: Cluster, unit: Unit, year: int, due: date, today: date) -> BoardRow:
    applied = session.scalars(
        select(PackageLog)
        .where(
            PackageLog.direction == "received",
            PackageLog.status == "applied",
            PackageLog.unit_code == unit.code,
            PackageLog.year == year,
        )
        .order_by(PackageLog.id)
    ).all()
    latest = applied[-1] if applied else None
    decisions = decisions_made(session, unit.code, year)
    on_latest = [d for d in decisions if latest is not None and d.package_id == latest.package_id]
    decision = on_latest[-1] if on_latest else None
    accepted = [d for d in decisions if d.decision == "accepted"]
    # At the city: a year its cluster head accepted and forwarded stands accepted until the city itself
    # decides on it (exchange.forwarding keeps the head's acceptance with the original package).
    forwarded = session.get(ReceivedPackage, latest.package_id) if latest is not None else None
    by_head = forwarded.accepted_at if forwarded is not None and decision is None else None
    if latest is None:
        status = "missing"
    elif decision is None:
        status = "accepted" if by_head is not None else "received"
    else:
        status = decision.decision
    first = applied[0].logged_at.date() if applied else None
    summary = summary_of(latest) if latest is not None else {}
    return BoardRow(
        cluster_code=cluster.code,
        cluster_name=cluster.name,
        unit_code=unit.code,
        unit_name=unit.name,
        status=status,
        received_at=latest.logged_at if latest is not None else None,
        package_id=latest.package_id if latest is not None else "",
        package_file=base_name(latest.file_name) if latest is not None else "",
        package_sha256=latest.file_sha256 if latest is not None else "",
        revised_after_submission=bool(summary.get("revised_after_submission")),
        decided_at=decision.decided_at if decision is not None else by_head,
        reason=decision.reason if decision is not None and decision.decision == "returned" else "",
        changed_since_accepted=bool(
            accepted and latest is not None and accepted[-1].package_id != latest.package_id
        ),
        late=(first is None and today > due) or (first is not None and first > due),
        accepted_by_head=forwarded.forwarded_by if by_head is not None and forwarded is not None else "",
    )


def base_name(path: str) -> str:
    # A file name as the import saw it: a path from either kind of computer, the name alone shown.
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def board(
    session: Session, year: int, *, cluster_code: str | None = None, today: date | None = None
) -> Board:
    """The completeness board of ``year``: each member unit of this office's clusters (not its own
    units), by cluster and code. Refused (exit 2) when this office receives from no cluster that year."""
    today = today or date.today()
    clusters = office_clusters(session, year)
    if cluster_code:
        clusters = [(c, i) for c, i in clusters if c.code == clean_text(cluster_code)]
        if not clusters:
            raise InputError(
                _("This office does not head or receive from the cluster “{code}” in {year}.").format(
                    code=cluster_code, year=year
                )
            )
    if not clusters:
        raise InputError(
            _("This office heads no cluster in {year}, so no unit sends its data here.").format(year=year)
        )
    own = _own_unit_ids(session)
    due = due_date(session, year)
    rows = [
        _row(session, cluster, unit, year, due, today)
        for cluster, _issuer in clusters
        for unit, _role in cluster_members(session, cluster, year)
        if unit.id not in own
    ]
    return Board(year, due, rows)


def board_of(db: Database, year: int, *, cluster_code: str | None = None, today: date | None = None) -> Board:
    """The board, read on its own (see ``board``)."""
    with db.session() as session:
        return board(session, year, cluster_code=cluster_code, today=today)


def receives_submissions(db: Database, year: int) -> bool:
    """Whether this office heads (or, as the city, receives from) any cluster in ``year``."""
    with db.session() as session:
        return bool(office_clusters(session, year))


def status_text(row: BoardRow) -> str:
    """The board's status cell in words: "Accepted", "Received (changed since accepted)"…"""
    text = _(STATUS_LABELS[row.status])
    if row.changed_since_accepted:
        text += " " + _("(changed since accepted)")
    if row.late:
        text += " – " + (_("late") if row.status != "missing" else _("overdue"))
    return text


# ------------------------------------------------------------------------------------- at the member


def previous_lock_reason(decision: str, issuer: str, reason: str) -> str:
    """The lock or unlock reason an acknowledgement writes on the member's year."""
    if decision == "accepted":
        return _("Accepted by {issuer}").format(issuer=issuer)
    return _("Returned by {issuer}: {reason}").format(issuer=issuer, reason=reason)


def latest_sent(session: Session, unit_code: str, year: int) -> PackageLog | None:
    return session.scalars(
        select(PackageLog)
        .where(PackageLog.direction == "sent", PackageLog.unit_code == unit_code, PackageLog.year == year)
        .order_by(PackageLog.id.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class Received:
    """What recording a received acknowledgement did to the member's year."""

    current: bool  # about the latest package sent (else an older one: the year is left as it is)
    year_change: str  # "locked", "unlocked" or ""


def record_received(session: Session, row: SubmissionDecision, unit: Unit) -> Received:
    """Keep an acknowledgement received (inside the caller's transaction) and, when it is about the
    package sent last, lock the year (accepted) or unlock it for correction (returned); audited."""
    _keep(session, row, "acknowledgement", issuer=row.issuer_code)
    sent = latest_sent(session, row.unit_code, row.year)
    if sent is not None and sent.package_id != row.package_id:
        return Received(False, "")
    record = year_record(session, unit, row.year)
    issuer = _("the cluster head") if row.cluster_code else row.issuer_name
    why = previous_lock_reason(row.decision, issuer, row.reason)
    if row.decision == "accepted" and not record.locked:
        record.locked, record.locked_at, record.lock_reason = True, utcnow(), why
        session.add(audit_row("lock", "emulation_year", record.id, user=row.user, reason=why))
        return Received(True, "locked")
    if row.decision == "returned" and record.locked:
        # As an unlock by the clerk: the next package says "revised after submission".
        record.locked, record.lock_reason, record.revised_after_submission = False, why, True
        session.add(audit_row("unlock", "emulation_year", record.id, user=row.user, reason=why))
        return Received(True, "unlocked")
    return Received(True, "")
