"""Export a unit's year as a signed data package (exchange.package_format), saved the safe way.

Everything the unit recorded for the year travels: live records by kind, deleted ones as tombstones,
the unit's own communes and villages so the receiving office can place the data (with the years each is
valid for, and the old units the unit was formed from), its self-scores, and
the criteria sets of the clusters it heads that year, and the evidence files attached to its records
(each file once, exchange.evidence_files). Records and sets keep their UUIDs; places travel by code.
Exporting as "submitted" then locks the year here (docs/architecture.md, "Storage").

The package is built first and saved second (``build_package``, ``save_package``), so the window can
show its size before anything reaches the stick; ``export_package`` does both.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop import __version__
from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import EmulationYear, PackageLog, Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import criteria_sets, evidence_files, keys, self_scores
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.package_sequence import next_sequence
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.evidence import size_text
from emulation_desktop.operations.predecessors import recorded
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.storage.database import Database
from emulation_desktop.storage.migrations import SCHEMA_VERSION


@dataclass(frozen=True)
class BuiltPackage:
    data: bytes
    manifest: dict[str, Any]
    counts: dict[str, int]
    tombstones: int
    evidence_files: int = 0  # files carried (each once)
    evidence_bytes: int = 0

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def size(self) -> int:
        """The package file's size in bytes: what it takes on the stick."""
        return len(self.data)

    @property
    def unit_code(self) -> str:
        return str(self.manifest["unit_code"])

    @property
    def year(self) -> int:
        return int(self.manifest["year"])

    def size_line(self) -> str:
        """The package's size, and what its evidence files take of it (shown before it is saved)."""
        if not self.evidence_files:
            return _("The package takes {size}.").format(size=size_text(self.size))
        return _("The package takes {size}, of which {files} evidence files take {evidence}.").format(
            size=size_text(self.size), files=self.evidence_files, evidence=size_text(self.evidence_bytes)
        )


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    unit_code: str
    year: int
    sha256: str
    counts: dict[str, int] = field(default_factory=dict)
    tombstones: int = 0
    submitted: bool = False
    size: int = 0
    evidence_files: int = 0

    def summary(self) -> str:
        total = sum(self.counts.values())
        text = _("Package for {unit}, year {year}: {n} records and {t} deletions, saved to “{path}”.").format(
            unit=self.unit_code, year=self.year, n=total, t=self.tombstones, path=self.path
        )
        text += " " + _("Size: {size}; evidence files: {files}.").format(
            size=size_text(self.size), files=self.evidence_files
        )
        if self.submitted:
            text += " " + _("The year is now locked as submitted.")
        return text


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat(timespec="microseconds") if value is not None else None


def _unit_json(unit: Unit, parent_code: str | None) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level_code,
        "unit_type": unit.unit_type,
        "place_name": unit.place_name,
        "parent_code": parent_code,
        # The years it is valid for travel with it, so a merger reads the same at every office.
        "valid_from": unit.valid_from,
        "valid_until": unit.valid_until,
    }


def _structure(session: Session, unit: Unit) -> tuple[dict[str, Any], dict[str, str]]:
    """The structure member and the id → code map of the unit's subtree."""
    ancestors: list[dict[str, Any]] = []
    chain: list[Unit] = []
    current = unit.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    chain.reverse()
    for index, ancestor in enumerate(chain):
        ancestors.append(_unit_json(ancestor, chain[index - 1].code if index else None))
    subtree = session.scalars(
        select(Unit)
        .where(in_subtree(Unit.path, unit.path), Unit.id != unit.id, Unit.deleted.is_(False))
        .order_by(Unit.path)
    ).all()
    codes = {unit.id: unit.code, **{u.id: u.code for u in subtree}}
    places = [_unit_json(u, codes.get(u.parent_id or "")) for u in subtree]
    parent_code = chain[-1].code if chain else None
    # The old units it was formed from: the receiver sums the same ones for "last year" (docs/setup.md).
    formed_from = [{"code": p.code, "name": p.name, "counted": p.counted} for p in recorded(session, unit)]
    return {
        "unit": _unit_json(unit, parent_code),
        "ancestors": ancestors,
        "places": places,
        pf.PREDECESSORS: formed_from,
    }, codes


def _kind_rows(
    session: Session, kind: RecordKind, unit: Unit, year: int, codes: dict[str, str]
) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    model = kind.model
    table = model.__table__
    names = [f.name for f in kind.fields]
    columns = [table.c[n] for n in (*pf.SYSTEM_COLUMNS, "deleted", *names)]
    statement = select(*columns).where(table.c.unit_id == unit.id, table.c.year == year).order_by(table.c.id)
    rows: list[list[Any]] = []
    tombstones: list[dict[str, Any]] = []
    converters = []
    for f in kind.fields:
        if f.kind == "ref":
            converters.append(lambda v: codes.get(v, v) if v is not None else None)
        elif f.kind == "date":
            converters.append(lambda v: v.isoformat() if v is not None else None)
        else:
            converters.append(None)
    for record in session.execute(statement):
        record_id, version, created_at, updated_at, updated_by, deleted, *values = record
        if deleted:
            tombstones.append({"kind": kind.name, "id": record_id, "version": version})
            continue
        row = [record_id, version, _stamp(created_at), _stamp(updated_at), updated_by or ""]
        row.extend(c(v) if c else v for c, v in zip(converters, values, strict=True))
        rows.append(row)
    return rows, tombstones


def build_package(
    db: Database, unit_code: str, year: int, *, submitted: bool = False, now: datetime | None = None
) -> BuiltPackage:
    """The package bytes (zip) for a unit owned here and a year. Nothing is written but the unit's next
    package number (exchange.package_sequence), which the signed manifest carries."""
    now = now or utcnow()
    with db.session() as session:
        unit = resolve_unit(session, unit_code)
        if not unit.is_local:
            raise InputError(
                _("{unit} is an imported unit; only its owner can send its package.").format(unit=unit.name)
            )
        revised = bool(
            session.scalar(
                select(EmulationYear.revised_after_submission).where(
                    EmulationYear.unit_id == unit.id, EmulationYear.year == year
                )
            )
        )
        structure, codes = _structure(session, unit)
        members: dict[str, bytes] = {pf.STRUCTURE: pf.dumps(structure)}
        counts: dict[str, int] = {pf.STRUCTURE: len(structure["places"])}
        tombstones: list[dict[str, Any]] = []
        record_counts: dict[str, int] = {}
        for kind in KINDS.values():
            rows, dead = _kind_rows(session, kind, unit, year, codes)
            tombstones.extend(dead)
            name = pf.record_member(kind.name)
            members[name] = pf.dumps(
                {"kind": kind.name, "columns": list(pf.record_columns(kind)), "rows": rows}
            )
            counts[name] = record_counts[kind.name] = len(rows)
        members[pf.TOMBSTONES] = pf.dumps(tombstones)
        counts[pf.TOMBSTONES] = len(tombstones)
        sets = criteria_sets.export_member(session, unit.id, year)
        members[pf.CRITERIA_SETS] = pf.dumps(sets)
        counts[pf.CRITERIA_SETS] = record_counts[criteria_sets.KIND] = len(sets["rows"])
        scores = self_scores.export_member(session, unit.id, year)
        members[pf.SELF_SCORES] = pf.dumps(scores)
        counts[pf.SELF_SCORES] = record_counts[self_scores.KIND] = len(scores["rows"])
        attached, files = evidence_files.export_member(session, unit.id, year)
        members[pf.EVIDENCE] = pf.dumps(attached)
        counts[pf.EVIDENCE] = len(attached["rows"])
        for sha256, content in files.items():
            members[pf.evidence_member(sha256)] = content
            counts[pf.evidence_member(sha256)] = 1
        unit_name = unit.name
    _refuse_too_large(unit_name, year, members)
    sequence = next_sequence(db, unit.code)
    manifest = {
        "format": pf.FORMAT,
        "format_version": pf.FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "package_id": str(uuid.uuid4()),
        "unit_code": unit.code,
        "unit_name": unit_name,
        "year": year,
        "created_at": _stamp(now),
        "sequence": sequence,
        "app_version": __version__,
        "submitted": submitted,
        "revised_after_submission": revised,
        "members": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "rows": counts[name], "bytes": len(data)}
            for name, data in members.items()
        },
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    signature = keys.sign(db.folder, manifest_bytes)
    buffer = io.BytesIO()
    stamp = (now.year, now.month, now.day, now.hour, now.minute, now.second)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in ((pf.MANIFEST, manifest_bytes), (pf.SIGNATURE, signature), *members.items()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            # Photos and PDFs are compressed already: deflating them again costs time and saves nothing.
            stored = pf.is_evidence_member(name)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=None if stored else 6)
    return BuiltPackage(
        buffer.getvalue(),
        manifest,
        record_counts,
        len(tombstones),
        len(files),
        sum(len(content) for content in files.values()),
    )


def _refuse_too_large(unit_name: str, year: int, members: dict[str, bytes]) -> None:
    """Refuse, before anything is signed or saved, a package the receiver would refuse as too large."""
    total = sum(len(data) for data in members.values())
    if total > pf.MAX_FILE_BYTES or total > pf.MAX_TOTAL_BYTES:
        raise InputError(
            _(
                "The package of {unit} for {year} would take {size}, more than the {limit} a receiving "
                "office reads. Remove some evidence files (or attach smaller scans) and export again."
            ).format(unit=unit_name, year=year, size=size_text(total), limit=size_text(pf.MAX_FILE_BYTES))
        )


def default_unit(db: Database) -> str:
    """The one unit this installation owns, when the clerk did not say which."""
    with db.session() as session:
        units = keys.own_units(session)
    if len(units) != 1:
        raise InputError(
            _("Choose the unit to export (--unit): this installation owns {n} units.").format(n=len(units))
        )
    return units[0].code


def default_file_name(unit_code: str, year: int) -> str:
    return f"goi-du-lieu-{unit_code}-{year}.zip"


def export_package(
    db: Database,
    unit_code: str | None,
    year: int,
    out: str | Path,
    *,
    submit: bool = False,
    user: str = "",
) -> ExportResult:
    """Build, sign and save the package of a unit-year to ``out`` (a file, or a folder for the default
    name); with ``submit`` the year is then locked here."""
    from emulation_desktop.storage.database import refuse_if_read_only

    if db.read_only and db.folder is not None:
        # The package's log and its number are written here too: refuse before the stick gets a file.
        refuse_if_read_only(db.folder)
    code = unit_code or default_unit(db)
    built = build_package(db, code, year, submitted=submit)
    return save_package(db, built, out, user=user)


def save_package(db: Database, built: BuiltPackage, out: str | Path, *, user: str = "") -> ExportResult:
    """Save a built package to ``out`` (a file, or a folder for the default name) the safe way, log it,
    and, when it was built as submitted, lock the year here."""
    from emulation_desktop.exchange.safe_save import output_target, safe_write
    from emulation_desktop.operations.structure import lock_year
    from emulation_desktop.storage.database import refuse_if_read_only

    if db.read_only and db.folder is not None:
        refuse_if_read_only(db.folder)
    code, year, submit = built.unit_code, built.year, bool(built.manifest["submitted"])
    folder, name = output_target(out, ".zip", default_file_name(code, year))
    saved = safe_write(folder, name, built.data)
    with db.transaction() as session:
        session.add(
            PackageLog(
                direction="sent",
                package_id=built.package_id,
                unit_code=code,
                year=year,
                created_at=datetime.fromisoformat(built.manifest["created_at"]),
                status="sent",
                file_name=str(saved.path),
                file_sha256=saved.sha256,
                user=user,
                summary=json.dumps(
                    {
                        "records": built.counts,
                        "tombstones": built.tombstones,
                        "submitted": submit,
                        "sequence": built.manifest["sequence"],
                        "evidence_files": built.evidence_files,
                        "bytes": saved.size,
                    },
                    ensure_ascii=False,
                ),
            )
        )
    if submit:
        lock_year(
            db, code, year, reason=_("Submitted in package {id}").format(id=built.package_id), user=user
        )
    return ExportResult(
        saved.path,
        built.package_id,
        code,
        year,
        saved.sha256,
        built.counts,
        built.tombstones,
        submit,
        saved.size,
        built.evidence_files,
    )
