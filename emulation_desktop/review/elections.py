"""Acclaim and elections at the review: the counted ballots, checked before they are recorded, the
results, and next year's cluster head and deputy set from them (cluster roles are data per year)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import Ballot, ClusterMember, Election, Unit
from emulation_desktop.domain.review import ELECTION_KINDS
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.locale.formatting import format_percent
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations import structure
from emulation_desktop.operations.clusters import find_cluster
from emulation_desktop.storage.database import Database

KIND_LABELS = {
    "leading_unit": N_("Acclaim of the leading unit"),
    "head": N_("Election of next year's cluster head"),
    "deputy": N_("Election of next year's cluster deputy"),
}
MAX_BALLOTS = 100_000


def _count(errors: dict[str, str], name: str, value: object, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            errors[name] = _("{label}: enter a whole number.").format(label=label)
            return 0
    if value < 0 or value > MAX_BALLOTS:
        errors[name] = _("{label}: the number must be between 0 and 100.000.").format(label=label)
        return 0
    return value


def check_tally(
    *,
    issued: object,
    returned: object,
    valid: object,
    invalid: object,
    votes: Mapping[str, object],
    candidates: Mapping[str, str],
    seats: int = 1,
) -> dict[str, int]:
    """Check a tally before it is recorded; raise ValidationError with every problem in the clerk's words.

    Ballots returned cannot exceed those issued; valid and invalid ballots make up those returned;
    no candidate has more votes than there are valid ballots; and as each ballot names at most ``seats``
    candidates, all the votes together cannot exceed ``seats`` × valid ballots. ``candidates`` maps each
    candidate's code to its name. Returns the votes as whole numbers."""
    errors: dict[str, str] = {}
    n_issued = _count(errors, "issued", issued, _("Ballots issued"))
    n_returned = _count(errors, "returned", returned, _("Ballots returned"))
    n_valid = _count(errors, "valid", valid, _("Valid ballots"))
    n_invalid = _count(errors, "invalid", invalid, _("Invalid ballots"))
    counted: dict[str, int] = {}
    for code, value in votes.items():
        if code not in candidates:
            errors[f"votes:{code}"] = _("“{code}” is not a member of the cluster this year.").format(
                code=code
            )
            continue
        counted[code] = _count(errors, f"votes:{code}", value, candidates[code])
    if errors:
        raise ValidationError(errors)
    if n_returned > n_issued:
        errors["returned"] = _("{returned} ballots returned, but only {issued} were issued.").format(
            returned=n_returned, issued=n_issued
        )
    if n_valid + n_invalid != n_returned:
        errors["valid"] = _(
            "Valid and invalid ballots ({valid} + {invalid}) must add up to the ballots returned ({returned})."
        ).format(valid=n_valid, invalid=n_invalid, returned=n_returned)
    for code, n in counted.items():
        if n > n_valid:
            errors[f"votes:{code}"] = _(
                "{name} has {votes} votes, more than the {valid} valid ballots."
            ).format(name=candidates[code], votes=n, valid=n_valid)
    total = sum(counted.values())
    if total > n_valid * seats:
        errors["votes"] = _(
            "The votes add up to {total}, but {valid} valid ballots naming at most {seats} each allow {most}."
        ).format(total=total, valid=n_valid, seats=seats, most=n_valid * seats)
    if errors:
        raise ValidationError(errors)
    return counted


def tally_warning(valid: object, votes: Mapping[str, object]) -> str | None:
    """A question to ask before recording a tally that adds up but looks like a slip: valid ballots,
    and not one vote for any unit (the votes were probably not typed in). None when there is nothing to
    ask, or when the counts are not whole numbers (:func:`check_tally` refuses those with its message).
    The clerk may still record it: a ballot may be valid and name no one."""
    try:
        n_valid = int(str(valid).strip())
        counted = [int(str(value).strip() or 0) for value in votes.values()]
    except ValueError:
        return None
    if n_valid > 0 and not any(counted):
        return _("Every unit has 0 votes, though {valid} ballots are valid. Record it anyway?").format(
            valid=n_valid
        )
    return None


def candidates_of(session: Session, cluster_id: str, year: int) -> dict[str, str]:
    """Every member of the cluster in the year reviewed is a candidate: code → name."""
    rows = session.execute(
        select(Unit.code, Unit.name)
        .join(ClusterMember, ClusterMember.unit_id == Unit.id)
        .where(
            ClusterMember.cluster_id == cluster_id,
            ClusterMember.year == year,
            ClusterMember.deleted.is_(False),
        )
        .order_by(Unit.code)
    ).all()
    return {code: name for code, name in rows}


def record_tally(
    db: Database,
    cluster_code: str,
    year: int,
    kind: str,
    *,
    issued: object,
    returned: object,
    valid: object,
    invalid: object,
    votes: Mapping[str, object],
    held_on: date | None = None,
    tellers: str = "",
    user: str = "",
) -> str:
    """Record (or correct) the counted ballots of one election; nothing is written if they do not add up."""
    if kind not in ELECTION_KINDS:
        raise InputError(_("Unknown election “{kind}”.").format(kind=kind))
    with db.transaction() as session:
        cluster = find_cluster(session, cluster_code)
        candidates = candidates_of(session, cluster.id, year)
        counted = check_tally(
            issued=issued, returned=returned, valid=valid, invalid=invalid, votes=votes, candidates=candidates
        )
        election = session.scalar(
            select(Election).where(
                Election.cluster_id == cluster.id, Election.year == year, Election.kind == kind
            )
        )
        if election is None:
            election = Election(id=new_id(), cluster_id=cluster.id, year=year, kind=kind, seats=1)
            session.add(election)
            session.flush()
        else:
            election.version += 1
        election.ballots_issued = int(issued)  # type: ignore[call-overload]
        election.ballots_returned = int(returned)  # type: ignore[call-overload]
        election.ballots_valid = int(valid)  # type: ignore[call-overload]
        election.ballots_invalid = int(invalid)  # type: ignore[call-overload]
        election.held_on, election.updated_by = held_on, user
        election.tellers = "\n".join(clean_text(line) for line in tellers.splitlines() if line.strip())
        election.deleted = False
        ids = dict(session.execute(select(Unit.code, Unit.id).where(Unit.code.in_(list(candidates)))).all())
        existing = {
            b.unit_id: b for b in session.scalars(select(Ballot).where(Ballot.election_id == election.id))
        }
        for code in candidates:
            n = counted.get(code, 0)
            row = existing.get(ids[code])
            if row is None:
                session.add(
                    Ballot(id=new_id(), election_id=election.id, unit_id=ids[code], votes=n, updated_by=user)
                )
            elif row.votes != n:
                row.votes, row.version, row.updated_by = n, row.version + 1, user
        session.add(
            audit_row(
                "tally",
                "election",
                election.id,
                user=user,
                new={"kind": kind, "issued": issued, "returned": returned, "valid": valid, "votes": counted},
            )
        )
    return election.id


@dataclass
class Candidate:
    code: str
    name: str
    place_name: str
    votes: int

    def share(self, valid: int) -> float:
        return self.votes / valid if valid else 0.0


@dataclass
class ElectionResult:
    kind: str
    year: int  # the year reviewed
    held: bool
    issued: int = 0
    returned: int = 0
    valid: int = 0
    invalid: int = 0
    held_on: date | None = None
    tellers: str = ""
    candidates: list[Candidate] = field(default_factory=list)  # most votes first, then by code
    status: str = "not_held"  # "elected", "tie", "no_majority", "not_held"
    winner: Candidate | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def term_year(self) -> int:
        return self.year if self.kind == "leading_unit" else self.year + 1

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "held": self.held,
            "status": self.status,
            "ballots": {
                "issued": self.issued,
                "returned": self.returned,
                "valid": self.valid,
                "invalid": self.invalid,
            },
            "votes": [
                {
                    "unit_code": c.code,
                    "unit": c.name,
                    "votes": c.votes,
                    "share": round(c.share(self.valid), 4),
                }
                for c in self.candidates
            ],
            "winner": {"unit_code": self.winner.code, "unit": self.winner.name} if self.winner else None,
        }

    def status_text(self) -> str:
        if self.status == "elected" and self.winner:
            return _("{name}: {votes}/{valid} valid ballots ({share}).").format(
                name=self.winner.name,
                votes=self.winner.votes,
                valid=self.valid,
                share=format_percent(self.winner.share(self.valid), digits=1),
            )
        if self.status == "tie":
            return _("Tie for the most votes: no one is elected; vote again between the tied units.")
        if self.status == "no_majority":
            return _("No unit has more than half of the valid ballots; vote again.")
        return _("Not held yet.")


def results(session: Session, cluster_code: str, year: int) -> list[ElectionResult]:
    """The three elections of the review, in order; a unit is elected with more than half of the valid
    ballots and no tie for the most votes."""
    cluster = find_cluster(session, cluster_code)
    out = []
    for kind in ELECTION_KINDS:
        election = session.scalar(
            select(Election).where(
                Election.cluster_id == cluster.id,
                Election.year == year,
                Election.kind == kind,
                Election.deleted.is_(False),
            )
        )
        if election is None:
            out.append(ElectionResult(kind, year, held=False))
            continue
        rows = session.execute(
            select(Unit.code, Unit.name, Unit.place_name, Ballot.votes)
            .join(Ballot, Ballot.unit_id == Unit.id)
            .where(Ballot.election_id == election.id, Ballot.deleted.is_(False))
        ).all()
        candidates = sorted((Candidate(*row) for row in rows), key=lambda c: (-c.votes, c.code))
        result = ElectionResult(
            kind,
            year,
            held=True,
            issued=election.ballots_issued,
            returned=election.ballots_returned,
            valid=election.ballots_valid,
            invalid=election.ballots_invalid,
            held_on=election.held_on,
            tellers=election.tellers,
            candidates=candidates,
        )
        top = candidates[0] if candidates else None
        if top is not None and top.votes > 0 and len(candidates) > 1 and candidates[1].votes == top.votes:
            result.status = "tie"
        elif top is None or top.votes == 0 or top.votes * 2 <= result.valid:
            result.status = "no_majority"
        else:
            result.status, result.winner = "elected", top
        out.append(result)
    return out


def next_year_roles(session: Session, cluster_code: str, year: int) -> dict[str, dict[str, str] | None]:
    """Next year's head and deputy as set in the cluster roles (code and name), or None."""
    cluster = find_cluster(session, cluster_code)
    rows = session.execute(
        select(ClusterMember.role, Unit.code, Unit.name)
        .join(Unit, Unit.id == ClusterMember.unit_id)
        .where(
            ClusterMember.cluster_id == cluster.id,
            ClusterMember.year == year + 1,
            ClusterMember.deleted.is_(False),
            ClusterMember.role.in_(("head", "deputy")),
        )
    ).all()
    roles: dict[str, dict[str, str] | None] = {"head": None, "deputy": None}
    for role, code, name in rows:
        roles[role] = {"unit_code": code, "unit": name}
    return roles


def apply_roles(db: Database, cluster_code: str, year: int, *, user: str = "") -> dict[str, str]:
    """Set next year's cluster head and deputy from the elections (and keep this year's members in the
    cluster next year when next year has no members yet). Refused until both are elected."""
    with db.session() as session:
        by_kind = {r.kind: r for r in results(session, cluster_code, year)}
        cluster = find_cluster(session, cluster_code)
        members_now = list(candidates_of(session, cluster.id, year))
        members_next = candidates_of(session, cluster.id, year + 1)
    chosen: dict[str, str] = {}
    for role in ("head", "deputy"):
        result = by_kind[role]
        if result.status != "elected" or result.winner is None:
            raise InputError(
                _("{election}: {status}").format(election=_(result.label), status=result.status_text())
            )
        chosen[role] = result.winner.code
    if chosen["head"] == chosen["deputy"]:
        raise InputError(_("The same unit cannot be both cluster head and deputy; elect the deputy again."))
    if not members_next:
        for code in members_now:
            structure.set_cluster_member(db, cluster_code, code, year + 1, "member", user=user)
    structure.set_cluster_member(db, cluster_code, chosen["head"], year + 1, "head", user=user)
    structure.set_cluster_member(db, cluster_code, chosen["deputy"], year + 1, "deputy", user=user)
    return chosen
