"""A district's data file for the benchmarks, and the small reads they check their results with."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from benchmarks import data
from emulation_desktop.domain.models import Unit
from emulation_desktop.operations import structure
from emulation_desktop.storage.database import Database, open_database


def district_installation(folder: Path, code: str, *, owner: bool = True) -> Database:
    """A new data file with the district's communes and villages; ``owner``: this installation keeps
    the district's records (else it receives them in packages)."""
    db = open_database(folder)
    structure.add_units(db, None, data.unit_specs((data.district(code),)))
    if owner:
        structure.set_local(db, [code])
    return db


def unit_ids(db: Database) -> dict[str, str]:
    """code → id of every unit in the file."""
    with db.session() as session:
        return {code: unit_id for unit_id, code in session.execute(select(Unit.id, Unit.code))}


def count(db: Database, sql: str) -> int:
    """One number read with the raw driver (no ORM between the benchmark and its check)."""
    raw = db.engine.raw_connection()
    try:
        return raw.driver_connection.execute(sql).fetchone()[0]  # type: ignore[union-attr]
    finally:
        raw.close()
