"""The old units a unit was formed from (issue #16, "structure over time"): offered from the official
mapping of 1 July 2025, edited by the clerk, one transaction each. A counted predecessor's records of the
year before make the unit's "last year" (``indicators.compute``); the rules are in docs/setup.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain import catalogue
from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.catalogue import ListedUnit
from emulation_desktop.domain.models import Unit, UnitPredecessor
from emulation_desktop.domain.text import clean_text
from emulation_desktop.domain.unit_labels import old_type
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import structure
from emulation_desktop.operations.unit_specs import ensure_unit, listed_parent, unit_spec
from emulation_desktop.operations.villages import end_villages
from emulation_desktop.storage.database import Database

FORMED_IN = catalogue.FIRST_YEAR_OF_CURRENT  # the official mapping is the reorganisation of 1 July 2025
CODE_LIMIT = 20  # Unit.code


@dataclass(frozen=True)
class Predecessor:
    """An old unit a unit was formed from: ``counted`` when its figures of the year before count toward
    the unit's "last year"; ``whole`` as the official mapping has it (None: not in the mapping)."""

    code: str
    name: str  # its name before the change
    counted: bool
    whole: bool | None = None
    note: str = ""


def offered_predecessors(unit_code: str) -> list[Predecessor]:
    """The official mapping's old communes of a unit of the 2025 list (whole ones first): one taken whole
    is counted; one taken in part is not, since it is counted in one successor only and the clerk says
    which."""
    old = catalogue.before_2025()
    offered = []
    for item in catalogue.predecessors(clean_text(unit_code)):
        listed = old.unit(item.code)
        offered.append(Predecessor(item.code, listed.name if listed else item.code, item.whole, item.whole))
    return offered


def listed_old(code: str) -> ListedUnit | None:
    """An old commune, ward or town of the list in force until 30 June 2025."""
    return catalogue.before_2025().unit(code)


def proposed(db: Database, unit_codes: Iterable[str]) -> dict[str, list[Predecessor]]:
    """What the set-up window shows for each unit: its predecessors as recorded here, once any were
    (even all taken off); else those the official mapping offers."""
    shown: dict[str, list[Predecessor]] = {}
    with db.session() as session:
        for code in dict.fromkeys(clean_text(c) for c in unit_codes):
            unit = session.scalar(select(Unit).where(Unit.code == code, ~Unit.deleted))
            has_rows = unit is not None and session.scalar(
                select(UnitPredecessor.id).where(UnitPredecessor.unit_id == unit.id).limit(1)
            )
            shown[code] = (
                recorded(session, unit) if unit is not None and has_rows else offered_predecessors(code)
            )
    return shown


def predecessors_of(db: Database, unit_code: str) -> list[Predecessor]:
    """The unit's predecessors as recorded, by code."""
    with db.session() as session:
        return recorded(session, structure.resolve_unit(session, clean_text(unit_code)))


def recorded(session: Session, unit: Unit) -> list[Predecessor]:
    """``predecessors_of`` inside a caller's transaction."""
    whole = {p.code: p.whole for p in catalogue.predecessors(unit.code)}
    rows = session.execute(
        select(Unit.code, UnitPredecessor.name, UnitPredecessor.counted, UnitPredecessor.note)
        .join(UnitPredecessor, UnitPredecessor.predecessor_id == Unit.id)
        .where(UnitPredecessor.unit_id == unit.id, ~UnitPredecessor.deleted)
        .order_by(Unit.code)
    ).all()
    return [
        Predecessor(code, name, bool(counted), whole.get(code), note) for code, name, counted, note in rows
    ]


Item = Predecessor | tuple[str, bool]  # (code, counted), or a Predecessor (its name for one typed in)


def set_predecessors(
    db: Database,
    unit_code: str,
    items: Iterable[Item],
    user: str = "",
    *,
    formed_in: int = FORMED_IN,
) -> None:
    """The unit was formed in ``formed_in`` from these old units (code, counted), and from no other: one
    transaction. An old unit missing here is added from the list before 2025, not owned here, valid until
    the year before; one counted for another successor already is refused. An old unit in neither list
    (one that ended before 30 June 2025, or a test unit) is added under the unit's province with the
    name the clerk typed."""
    with db.transaction() as session:
        unit = structure.resolve_unit(session, clean_text(unit_code))
        put_predecessors(session, unit, items, formed_in, user)


def put_offered(session: Session, unit: Unit, user: str) -> None:
    """The official mapping's predecessors of a unit the set-up adds from the 2025 list, unless some are
    recorded already (the clerk's choice is kept when the set-up runs again). One counted for another
    successor already is recorded not counted, rather than refusing the set-up."""
    if session.scalar(select(UnitPredecessor.id).where(UnitPredecessor.unit_id == unit.id).limit(1)):
        return
    offered = [(p.code, p.counted) for p in offered_predecessors(unit.code)]
    if offered:
        put_predecessors(session, unit, offered, FORMED_IN, user, refuse=False)


def put_predecessors(
    session: Session,
    unit: Unit,
    items: Iterable[Item],
    formed_in: int,
    user: str,
    *,
    refuse: bool = True,
) -> None:
    """``set_predecessors`` inside a caller's transaction; ``refuse`` False records a predecessor counted
    elsewhere as not counted instead. Writes nothing when nothing changes."""
    wanted: dict[str, bool] = {}
    typed: dict[str, str] = {}
    for item in items:
        code, counted, name = (
            (item.code, item.counted, item.name) if isinstance(item, Predecessor) else (*item, "")
        )
        code = clean_text(code)
        if code in wanted:
            raise InputError(_("The old unit “{code}” is listed twice.").format(code=code))
        wanted[code] = bool(counted)
        typed[code] = clean_text(name)
    before = [(p.code, p.counted) for p in recorded(session, unit)]
    rows = {
        row.predecessor_id: row
        for row in session.scalars(select(UnitPredecessor).where(UnitPredecessor.unit_id == unit.id))
    }
    closed: list[str] = []
    kept: set[str] = set()
    for code, counted in wanted.items():
        old = _old_unit(session, unit, code, typed[code], formed_in, user, closed)
        if counted and _counted_elsewhere(session, unit, old, refuse):
            counted = False
        kept.add(old.id)
        row = rows.get(old.id)
        if row is None:
            session.add(
                UnitPredecessor(
                    id=new_id(),
                    unit_id=unit.id,
                    predecessor_id=old.id,
                    counted=counted,
                    name=_old_name(old)[:120],
                    updated_by=user,
                )
            )
        elif row.deleted or row.counted != counted:
            row.deleted, row.counted = False, counted
            row.version += 1
            row.updated_by = user
    for row in rows.values():
        if row.predecessor_id not in kept and not row.deleted:
            row.deleted = True
            row.version += 1
            row.updated_by = user
    old_from = unit.valid_from
    if wanted and unit.valid_from != formed_in:
        unit.valid_from = formed_in  # the unit as it is now begins the year it was formed
        if unit.code in wanted and old_from is None:
            # Its own row was the old commune whose code it kept: that commune's villages end with it
            # (the new unit's are set up for it), so each year counts its own.
            closed.extend(end_villages(session, unit, formed_in - 1))
    session.flush()
    after = [(p.code, p.counted) for p in recorded(session, unit)]
    if after != before or old_from != unit.valid_from or closed:
        session.add(
            audit_row(
                "update" if before else "create",
                "unit_predecessor",
                unit.id,
                user=user,
                old={"predecessors": before, "valid_from": old_from} if before or old_from else None,
                new={"predecessors": after, "valid_from": unit.valid_from, "valid_until_set": closed},
            )
        )


def _old_name(old: Unit) -> str:
    """The old unit's name before the change: the list's before 2025 (a code kept by a 2025 unit now
    names that unit), else the one in the file (a unit outside the list)."""
    listed = catalogue.before_2025().unit(old.code)
    return listed.name if listed else old.name


def _old_unit(
    session: Session, unit: Unit, code: str, name: str, formed_in: int, user: str, closed: list[str]
) -> Unit:
    """The row of the old unit ``code``, added when missing. The unit's own code is the unit itself. A
    code no unit of the 2025 list kept is an old unit that ended the year before: added under its old
    district, and marked so (``closed``), its villages ending with it. A code a 2025 unit kept is that unit's row, as the set-up adds
    it (units are keyed by code across offices), and does not end. A code in neither list is added with
    the ``name`` typed, under the unit's own parent (its province), when one was typed."""
    if code == unit.code:
        return unit
    now = catalogue.current().unit(code)
    found = session.scalar(select(Unit).where(Unit.code == code))
    if found is not None and found.deleted:
        raise InputError(_("The unit “{code}” was deleted from this data file.").format(code=code))
    if found is None:
        before = catalogue.before_2025()
        if now is not None:
            above = listed_parent(session, catalogue.current(), now.province, "", user)
            found = ensure_unit(session, above, unit_spec(now.code, now.name, now.type, "commune"), user)
        elif (listed := before.unit(code)) is not None:
            above = listed_parent(session, before, listed.province, listed.district, user)
            spec = unit_spec(listed.code, listed.name, listed.type, "commune")
            found = ensure_unit(session, above, spec, user)
        elif name and len(code) <= CODE_LIMIT and "/" not in code:
            spec = unit_spec(code, name[:120], old_type(name), "commune")
            found = ensure_unit(session, unit.parent, spec, user)
        else:
            raise InputError(
                _(
                    "The code “{code}” is neither a unit of this data file nor in the list before 2025."
                ).format(code=code)
            )
    if now is None and found.valid_until is None:
        found.valid_until = formed_in - 1
        closed.append(code)
    if now is None and found.valid_until is not None:
        closed.extend(end_villages(session, found, found.valid_until))  # its villages end with it
    return found


def _counted_elsewhere(session: Session, unit: Unit, old: Unit, refuse: bool) -> bool:
    """True when ``old`` is counted for another successor already (refused when ``refuse``)."""
    other = session.execute(
        select(Unit.code, Unit.name)
        .join(UnitPredecessor, UnitPredecessor.unit_id == Unit.id)
        .where(
            UnitPredecessor.predecessor_id == old.id,
            UnitPredecessor.unit_id != unit.id,
            UnitPredecessor.counted,
            ~UnitPredecessor.deleted,
        )
        .limit(1)
    ).first()
    if other is not None and refuse:
        raise InputError(
            _(
                "{old} ({code}) is already counted in last year's figures of {other} ({other_code}): an old "
                "unit split between new ones is counted in one of them only. Take it off there first."
            ).format(old=_old_name(old), code=old.code, other=other.name, other_code=other.code)
        )
    return other is not None
