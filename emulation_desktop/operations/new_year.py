"""A new emulation year for a unit, started from the one before (issue #16; rules in docs/setup.md):
one transaction copies the cluster membership, the committee's people, the pledge as a draft, and the
recommendations still open, so the clerk edits rather than retypes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import (
    ClusterMember,
    CommitteeMember,
    Pledge,
    PledgeTarget,
    Recommendation,
    RecordMixin,
    Unit,
)
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import InputError, ReadOnlyError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import structure
from emulation_desktop.operations.committee import committee_of, person_of, put_people
from emulation_desktop.operations.records import resolve_unit, search_key_of
from emulation_desktop.operations.setup_plan import FIRST_YEAR, LAST_YEAR
from emulation_desktop.storage.database import Database

# A recommendation still open at the end of the year is followed up in the next one.
CARRIED_STATUSES = ("pending", "in_progress", "unresolved")


def _has_data(session: Session, unit: Unit, year: int) -> bool:
    """Whether the unit has anything of its own in the year: a record of any kind (pledges included)
    or its committee's people. The year's row alone (made by a set-up or a lock) is not data."""
    models = [kind.model for kind in KINDS.values()] + [CommitteeMember]
    return any(
        session.scalar(
            select(exists().where(m.unit_id == unit.id, m.year == year, ~m.deleted))  # type: ignore[attr-defined]
        )
        for m in models
    )


def open_new_year(db: Database, unit_code: str, year: int, user: str = "") -> dict[str, int]:
    """Start ``year`` for a unit owned here from ``year - 1``, in one transaction, and say how many of
    each thing were copied: cluster memberships, people, pledges and their targets, recommendations.
    Refused when the year already has data, or the year before has none."""
    if not FIRST_YEAR < year <= LAST_YEAR:
        raise InputError(
            _("The year must be between {first} and {last}.").format(first=FIRST_YEAR, last=LAST_YEAR)
        )
    previous = year - 1
    with db.transaction() as session:
        unit = resolve_unit(session, unit_code)
        if not unit.is_local:
            raise ReadOnlyError(
                _("{unit} is an imported unit; its records are read-only here.").format(unit=unit.name)
            )
        if _has_data(session, unit, year):
            raise InputError(
                _("The year {year} already has data for {unit}.").format(year=year, unit=unit.name)
            )
        if not _has_data(session, unit, previous):
            raise InputError(
                _("{unit} has no data for {year} to start the next year from.").format(
                    unit=unit.name, year=previous
                )
            )
        counts = {
            "cluster_members": _copy_memberships(session, unit, previous, year, user),
            "people": _copy_people(session, unit, previous, year, user),
            **_copy_pledges(session, unit, previous, year, user),
            "recommendations": _carry_recommendations(session, unit, previous, year, user),
        }
        structure.year_record(session, unit, year)
        session.add(
            audit_row("open_year", "emulation_year", unit.id, user=user, new={"year": year, **counts})
        )
    return counts


def _copy_memberships(session: Session, unit: Unit, previous: int, year: int, user: str) -> int:
    """The members of the unit's clusters of last year, with their roles, for the clusters that have no
    member for the new year yet. Where the new year already has a head or a deputy (elected at last
    year's review), the copies keep that and take the other roles as plain members."""
    clusters = session.scalars(
        select(ClusterMember.cluster_id).where(
            ClusterMember.unit_id == unit.id, ClusterMember.year == previous, ~ClusterMember.deleted
        )
    ).all()
    copied = 0
    for cluster_id in clusters:
        now = session.scalars(
            select(ClusterMember).where(
                ClusterMember.cluster_id == cluster_id, ClusterMember.year == year, ~ClusterMember.deleted
            )
        ).all()
        present, taken = {m.unit_id for m in now}, {m.role for m in now} - {"member"}
        for member in session.scalars(
            select(ClusterMember).where(
                ClusterMember.cluster_id == cluster_id, ClusterMember.year == previous, ~ClusterMember.deleted
            )
        ):
            if member.unit_id in present:
                continue
            role = "member" if member.role in taken else member.role
            session.add(
                ClusterMember(
                    id=new_id(),
                    cluster_id=cluster_id,
                    unit_id=member.unit_id,
                    year=year,
                    role=role,
                    updated_by=user,
                )
            )
            session.add(
                audit_row(
                    "cluster_role",
                    "cluster_member",
                    member.unit_id,
                    user=user,
                    new={"year": year, "role": role},
                )
            )
            copied += 1
    return copied


def _copy_people(session: Session, unit: Unit, previous: int, year: int, user: str) -> int:
    people = [person_of(m) for m in committee_of(session, unit, previous)]
    put_people(session, unit, year, people, user)
    return len(people)


def _copy(session: Session, kind_name: str, record: RecordMixin, user: str, **changes: Any) -> RecordMixin:
    """A copy of a record with a new id and ``changes``, its search key and its audit entry."""
    kind = KINDS[kind_name]
    values = {f.name: getattr(record, f.name) for f in kind.fields}
    values.update({k: v for k, v in changes.items() if k in values})
    inherited = {k: v for k, v in changes.items() if k not in values}
    copy = kind.model(
        id=new_id(),
        unit_id=record.unit_id,  # type: ignore[attr-defined]
        updated_by=user,
        version=1,
        deleted=False,
        **{**values, **inherited},
    )
    # Place names are left out of the key: pledges, targets and recommendations have no place field.
    copy.search_key = search_key_of(kind, values, ())
    session.add(copy)
    session.add(
        audit_row(
            "create",
            kind.model.__tablename__,
            copy.id,
            user=user,
            new=values,
            reason=_("copied from {year}, record {id}").format(year=record.year, id=record.id),  # type: ignore[attr-defined]
        )
    )
    return copy


def _copy_pledges(session: Session, unit: Unit, previous: int, year: int, user: str) -> dict[str, int]:
    """Last year's pledge as this year's draft: its title and targets, marked as a draft in its note,
    with no registration date (it is not registered until the clerk says so)."""
    pledges = session.scalars(
        select(Pledge).where(Pledge.unit_id == unit.id, Pledge.year == previous, ~Pledge.deleted)
    ).all()
    note = _("Draft from {year}: edit it.").format(year=previous)
    targets = 0
    for pledge in pledges:
        copy = _copy(
            session,
            "pledge",
            pledge,
            user,
            year=year,
            registered_on=None,
            note=f"{note} {pledge.note}".strip(),
        )
        for target in session.scalars(
            select(PledgeTarget).where(PledgeTarget.pledge_id == pledge.id, ~PledgeTarget.deleted)
        ):
            _copy(session, "pledge_target", target, user, pledge_id=copy.id, year=year)
            targets += 1
    return {"pledges": len(pledges), "pledge_targets": targets}


def _carry_recommendations(session: Session, unit: Unit, previous: int, year: int, user: str) -> int:
    """Each recommendation still open at the end of last year gets a copy in the new year, under the
    same supervision session; last year's stays as it was reported (its year may be locked, and its
    figures are in documents already sent). The audit entry of the copy names the original."""
    open_ones = session.scalars(
        select(Recommendation).where(
            Recommendation.unit_id == unit.id,
            Recommendation.year == previous,
            Recommendation.status.in_(CARRIED_STATUSES),
            ~Recommendation.deleted,
        )
    ).all()
    for recommendation in open_ones:
        _copy(session, "recommendation", recommendation, user, year=year)
    return len(open_ones)
