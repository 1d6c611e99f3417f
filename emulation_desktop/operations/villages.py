"""A commune's villages and residential groups (docs/setup.md, "Villages"): read from pasted or typed
text or a file's column, added under the commune by the set-up, numbered after the existing ones, and
ended with their commune when it ends."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.models import Unit
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.operations import structure
from emulation_desktop.operations.unit_specs import unit_spec

# A village's type from the first words of its name; otherwise "Tổ dân phố" in a ward or town,
# "Thôn" elsewhere.
VILLAGE_TYPES = ("Tổ dân phố", "Khu phố", "Thôn", "Ấp", "Bản", "Làng", "Buôn", "Khóm", "Xóm", "Khu")
URBAN_TYPES = ("Phường", "Thị trấn")
# A first cell saying what the column is ("Tên thôn", "Thôn, tổ dân phố", "STT") is a heading.
_HEADINGS = ("ten", "stt", "danh sach", "thon, to dan pho", "thon/to dan pho", "thon", "to dan pho", "")


def village_key(name: str) -> str:
    """Two village names are the same when they differ only in case or spacing; not in diacritics
    ("Thôn Đông" and "Thôn Động" are two villages), so this is not ``fold``."""
    return clean_text(name).casefold()


def villages_from_text(text: str) -> list[str]:
    """Village names pasted from Excel (cells split by tabs) or typed one per line: trimmed, NFC, empty
    cells and repeats (ignoring case) dropped, in the order given."""
    names: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        for cell in line.split("\t"):
            name = clean_text(cell)
            if name and village_key(name) not in seen:
                seen.add(village_key(name))
                names.append(name)
    return names


def villages_from_column(cells: Iterable[str]) -> list[str]:
    """The villages of a column read from a file (its first cells holding a name): as
    ``villages_from_text``, with a heading in the first cell left out."""
    names = list(cells)
    heading = fold(names[0]) if names else ""
    if heading in _HEADINGS or heading.startswith("ten "):
        names = names[1:]
    return villages_from_text("\n".join(names))


def village_type(name: str, unit: Unit) -> str:
    for kind in VILLAGE_TYPES:
        if fold(name).startswith(fold(kind) + " "):
            return kind
    return "Tổ dân phố" if unit.unit_type in URBAN_TYPES else "Thôn"


def _villages(session: Session, unit: Unit) -> list[Unit]:
    return list(
        session.scalars(
            select(Unit).where(Unit.parent_id == unit.id, Unit.level_code == "village", ~Unit.deleted)
        )
    )


def valid_in(unit: Unit, year: int) -> bool:
    return (unit.valid_from is None or unit.valid_from <= year) and (
        unit.valid_until is None or unit.valid_until >= year
    )


def end_villages(session: Session, unit: Unit, last_year: int) -> list[str]:
    """The villages of a commune that ends (or goes on as a unit formed in ``last_year`` + 1), given its
    end: counted in its years, not in the new unit's. Those ended already, or starting later, stay.
    Returns their codes, for the caller's audit entry."""
    ended = []
    for village in _villages(session, unit):
        if village.valid_until is None and (village.valid_from is None or village.valid_from <= last_year):
            village.valid_until = last_year
            village.version += 1
            ended.append(village.code)
    return sorted(ended)


def add_villages(session: Session, unit: Unit, names: Iterable[str], year: int, user: str) -> None:
    """The villages not there yet in ``year`` (by name, ignoring case), numbered after the existing ones
    ("00454-01"), owned here like their commune. A unit formed in 2025 gives its villages its years: from
    then on for a year of the new unit, until the year before for a year of the old commune whose code it
    kept (its own row), so each year counts its own villages."""
    existing = _villages(session, unit)
    known = {village_key(v.name) for v in existing if valid_in(v, year)}
    codes = {v.code for v in existing}
    number, specs = 0, []
    for name in names:
        if village_key(name) in known:
            continue
        number += 1
        while f"{unit.code}-{number:02d}" in codes:
            number += 1
        code = f"{unit.code}-{number:02d}"
        codes.add(code)
        specs.append(unit_spec(code, name, village_type(name, unit), "village"))
    if specs:
        structure.insert_units(session, unit, specs, is_local=True, user=user)
        if unit.valid_from is not None:
            added = session.scalars(select(Unit).where(Unit.code.in_([s["code"] for s in specs])))
            for village in added:
                if year >= unit.valid_from:
                    village.valid_from = unit.valid_from
                else:
                    village.valid_until = unit.valid_from - 1
        # The year the set-up adds a village is kept in the audit log.
        session.add(
            audit_row(
                "create",
                "unit",
                unit.id,
                user=user,
                new={"villages": [s["code"] for s in specs], "from_year": year},
            )
        )
