"""The committee's people of a unit's year (docs/setup.md, "People and who signs"): who they are and
who signs the documents. The set-up and the new year write them (``put_people``); the documents read
the signer (``signer_in``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import CommitteeMember, Unit
from emulation_desktop.domain.text import fold
from emulation_desktop.operations import structure
from emulation_desktop.storage.database import Database


@dataclass(frozen=True)
class Person:
    """One person of the committee: ``position`` one of ``people.POSITIONS``, ``signs_as`` "tm" (the
    chairman, on behalf of the standing committee), "kt" (a vice chairman, for the chairman) or ""."""

    name: str
    position: str = "chair"
    signs_as: str = ""


def people_of(db: Database, unit_code: str, year: int) -> list[Person]:
    """The committee's people for the year, in the order they were listed."""
    with db.session() as session:
        unit = structure.resolve_unit(session, unit_code)
        return [person_of(m) for m in committee_of(session, unit, year)]


def signer(db: Database, unit_code: str, year: int) -> Person | None:
    """Who signs the unit's documents for the year: the person marked "tm", else the chairman."""
    with db.session() as session:
        return signer_in(session, structure.resolve_unit(session, unit_code), year)


def signer_in(session: Session, unit: Unit, year: int) -> Person | None:
    """``signer`` inside a caller's transaction (the documents' header and signature block)."""
    people = [person_of(m) for m in committee_of(session, unit, year)]
    return next((p for p in people if p.signs_as == "tm"), None) or next(
        (p for p in people if p.position == "chair"), None
    )


def committee_of(session: Session, unit: Unit, year: int) -> list[CommitteeMember]:
    """The live committee rows of the unit's year, in their order (a building block)."""
    return list(
        session.scalars(
            select(CommitteeMember)
            .where(CommitteeMember.unit_id == unit.id, CommitteeMember.year == year, ~CommitteeMember.deleted)
            .order_by(CommitteeMember.sort_order)
        )
    )


def person_of(member: CommitteeMember) -> Person:
    return Person(member.name, member.position, member.signs_as)


def put_people(session: Session, unit: Unit, year: int, people: Iterable[Person], user: str) -> None:
    """The committee's people for the year become ``people`` (none: left as they are); unchanged,
    nothing is written. Also used by the new year, which copies last year's people."""
    people = tuple(people)
    current = committee_of(session, unit, year)
    if [person_of(m) for m in current] == list(people) or not people:
        return  # a plan without people leaves the year's people as they are
    old = [p.__dict__ for p in map(person_of, current)]
    session.execute(
        update(CommitteeMember)
        .where(CommitteeMember.id.in_([m.id for m in current]))
        .values(deleted=True, version=CommitteeMember.version + 1, updated_by=user)
    )
    for order, person in enumerate(people):
        session.add(
            CommitteeMember(
                id=new_id(),
                unit_id=unit.id,
                year=year,
                name=person.name,
                position=person.position,
                signs_as=person.signs_as,
                sort_order=order,
                updated_by=user,
                search_key=fold(person.name),
            )
        )
    session.add(
        audit_row(
            "update" if current else "create",
            "committee_member",
            unit.id,
            user=user,
            old={"year": year, "people": old} if current else None,
            new={"year": year, "people": [p.__dict__ for p in people]},
        )
    )
