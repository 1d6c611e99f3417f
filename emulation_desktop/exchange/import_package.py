"""Import a data package: verify it completely, plan what it would change, then apply it all or nothing.

Verification reads members in memory, by expected name only, under caps on sizes, compression ratio and
member count; path tricks, duplicate names, duplicate JSON keys, NaN and unknown fields are refused, as
are a newer format or schema, an untrusted unit, a bad signature and a bad hash. Every refusal is a
``PackageRejected`` with a Vietnamese message; nothing is written but the refusal itself, in the
package history (``log_refusal``), so that the clerk and an auditor see what came in and why it was
turned away.

The plan sorts every record into new / updated / unchanged / conflicts / rejected. Incoming rows go
through the same rules as a clerk's entries (``clean_values`` and the kind's checks). A record changed
here and at the source since the version last imported is a conflict and is left as it is here.
Applying takes a backup, then writes everything in one transaction (the bulk path for new rows).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from emulation_desktop import paths
from emulation_desktop.domain.base import new_id, utcnow
from emulation_desktop.domain.models import AuditEntry, ImportState, OrgLevel, PackageLog, SelfScore, Unit
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import AppError, InputError, ValidationError
from emulation_desktop.exchange import criteria_sets, keys, self_scores
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import check_values, clean_values, search_key_of
from emulation_desktop.operations.structure import change_ownership
from emulation_desktop.storage.bulk import bulk_insert
from emulation_desktop.storage.database import Database
from emulation_desktop.storage.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
    struct.error,
    KeyError,
    IndexError,
    OverflowError,
    UnicodeError,
)
MAX_VERSION = 2**31 - 1
MAX_PLACES = 100_000


def _refuse(message: str) -> PackageRejected:
    return PackageRejected(_("The package is refused: {reason}").format(reason=message))


# --------------------------------------------------------------------------------------------- reading


@dataclass
class Package:
    """A verified package: its manifest and parsed members."""

    manifest: dict[str, Any]
    structure: dict[str, Any]
    tombstones: list[dict[str, Any]]
    records: dict[str, dict[str, Any]]  # kind → {"columns", "rows"}
    sha256: str
    self_scores: dict[str, Any] | None = None  # {"columns", "rows"}
    criteria_sets: list[dict[str, Any]] | None = None  # the sets, shape checked
    _live: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def live_ids(self, kind_name: str) -> set[str]:
        """Ids of a kind's records the package carries live (for checking a child's parent)."""
        if kind_name not in self._live:
            content = self.records.get(kind_name)
            ids: set[str] = set()
            if content is not None:
                position = content["columns"].index("id")
                ids = {row[position] for row in content["rows"] if isinstance(row[position], str)}
            self._live[kind_name] = ids
        return self._live[kind_name]

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def unit_code(self) -> str:
        return str(self.manifest["unit_code"])

    @property
    def year(self) -> int:
        return int(self.manifest["year"])

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created_at"])


def _check_name(info: zipfile.ZipInfo) -> str:
    name, original = info.filename, info.orig_filename
    if (
        "\\" in original
        or "\x00" in original
        or original.startswith("/")
        or ":" in original
        or any(part in ("", ".", "..") for part in original.split("/"))
    ):
        raise _refuse(_("it contains a file with an unsafe path (“{name}”).").format(name=original[:80]))
    if name not in pf.ALL_MEMBERS:
        raise _refuse(_("it contains an unexpected file “{name}”.").format(name=name[:80]))
    return name


def _read_members(data: bytes) -> dict[str, bytes]:
    """Every member, by expected name only, with the caps enforced before and during decompression."""
    if len(data) > pf.MAX_FILE_BYTES:
        raise _refuse(_("the file is too large to be a data package."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if len(infos) > pf.MAX_MEMBERS:
            raise _refuse(_("it contains too many files."))
        seen: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = _check_name(info)
            if name in seen:
                raise _refuse(_("the file “{name}” appears twice.").format(name=name))
            seen[name] = info
            if info.flag_bits & 0x1:
                raise _refuse(_("it is encrypted."))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _refuse(_("it uses an unsupported compression."))
            limit = pf.MAX_MANIFEST_BYTES if name in (pf.MANIFEST, pf.SIGNATURE) else pf.MAX_MEMBER_BYTES
            if info.file_size > limit:
                raise _refuse(_("the file “{name}” is too large.").format(name=name))
            if info.file_size > 65536 and info.file_size > pf.MAX_RATIO * max(info.compress_size, 1):
                raise _refuse(
                    _("the file “{name}” is compressed suspiciously well (a zip bomb?).").format(name=name)
                )
            total += info.file_size
            if total > pf.MAX_TOTAL_BYTES:
                raise _refuse(_("its contents are too large."))
        members: dict[str, bytes] = {}
        for name, info in seen.items():
            with archive.open(info) as handle:
                # Read at most one byte past the declared size: a lying header cannot inflate us further.
                content = handle.read(info.file_size + 1)
                if len(content) != info.file_size:
                    raise _refuse(_("the file “{name}” is not the size its header says.").format(name=name))
            members[name] = content
        return members
    except PackageRejected:
        raise
    except _ZIP_ERRORS as exc:
        raise _refuse(_("the file is damaged or not a data package (it may have been cut short).")) from exc


def _is_int(value: Any, low: int = 0, high: int = MAX_VERSION) -> bool:
    return type(value) is int and low <= value <= high


def _parse_stamp(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is None else parsed.replace(tzinfo=None)


def _check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != pf.FORMAT:
        raise _refuse(_("it is not a data package of this application."))
    version = manifest.get("format_version")
    if _is_int(version) and version > pf.FORMAT_VERSION:
        raise _refuse(_("it was made by a newer version of the application; please update this one."))
    schema = manifest.get("schema_version")
    if _is_int(schema) and schema > SCHEMA_VERSION:
        raise _refuse(
            _(
                "its data version ({found}) is newer than this application knows ({known}); please update."
            ).format(found=schema, known=SCHEMA_VERSION)
        )
    pf.require_keys(manifest, pf.MANIFEST_KEYS, pf.MANIFEST)
    if version != pf.FORMAT_VERSION or not _is_int(schema, 1):
        raise _refuse(_("its format version is not one this application reads."))
    if not isinstance(manifest["package_id"], str) or not _UUID.match(manifest["package_id"]):
        raise _refuse(_("its identifier is not valid."))
    code = manifest["unit_code"]
    if not isinstance(code, str) or not code or len(code) > 20 or "/" in code or clean_text(code) != code:
        raise _refuse(_("its unit code is not valid."))
    if not isinstance(manifest["unit_name"], str) or len(manifest["unit_name"]) > 200:
        raise _refuse(_("its unit name is not valid."))
    if not _is_int(manifest["year"], 2000, 2100):
        raise _refuse(_("its year is not valid."))
    if _parse_stamp(manifest["created_at"]) is None:
        raise _refuse(_("its creation time is not valid."))
    if not isinstance(manifest["app_version"], str) or len(manifest["app_version"]) > 40:
        raise _refuse(_("its application version is not valid."))
    for flag in ("submitted", "revised_after_submission"):
        if not isinstance(manifest[flag], bool):
            raise _refuse(_("the field “{name}” is not valid.").format(name=flag))
    members = manifest["members"]
    if not isinstance(members, dict):
        raise _refuse(_("its list of files is not valid."))
    for name, entry in members.items():
        if name not in pf.DATA_MEMBERS:
            raise _refuse(_("its list of files names an unexpected file “{name}”.").format(name=name[:80]))
        pf.require_keys(entry, pf.MEMBER_KEYS, name)
        if not isinstance(entry["sha256"], str) or not _SHA256.match(entry["sha256"]):
            raise _refuse(_("the checksum of “{name}” is not valid.").format(name=name))
        if not _is_int(entry["rows"], 0, 10**8) or not _is_int(entry["bytes"], 0, pf.MAX_MEMBER_BYTES):
            raise _refuse(_("the size of “{name}” is not valid.").format(name=name))
    for required in (pf.STRUCTURE, pf.TOMBSTONES):
        if required not in members:
            raise _refuse(_("the file “{name}” is missing.").format(name=required))
    return manifest


def _unit_spec(value: Any, where: str) -> dict[str, Any]:
    spec = pf.require_keys(value, pf.UNIT_KEYS, where)
    for key in ("code", "name", "level", "unit_type", "place_name"):
        if not isinstance(spec[key], str) or len(spec[key]) > 200:
            raise _refuse(_("a unit in “{where}” is not valid.").format(where=where))
    code = spec["code"]
    if not code or len(code) > 20 or "/" in code or clean_text(code) != code or not clean_text(spec["name"]):
        raise _refuse(_("a unit in “{where}” is not valid.").format(where=where))
    if spec["parent_code"] is not None and not isinstance(spec["parent_code"], str):
        raise _refuse(_("a unit in “{where}” is not valid.").format(where=where))
    return spec


def _check_structure(value: Any, unit_code: str) -> dict[str, Any]:
    structure = pf.require_keys(value, pf.STRUCTURE_KEYS, pf.STRUCTURE)
    unit = _unit_spec(structure["unit"], pf.STRUCTURE)
    if unit["code"] != unit_code:
        raise _refuse(_("its structure is for another unit."))
    for key in ("ancestors", "places"):
        if not isinstance(structure[key], list) or len(structure[key]) > MAX_PLACES:
            raise _refuse(_("its structure is not valid."))
    ancestors = [_unit_spec(a, pf.STRUCTURE) for a in structure["ancestors"]]
    places = [_unit_spec(p, pf.STRUCTURE) for p in structure["places"]]
    known = {unit["code"]}
    for place in places:
        if place["parent_code"] not in known or place["code"] in known:
            raise _refuse(_("its structure is not valid."))
        known.add(place["code"])
    chain = [a["code"] for a in ancestors]
    if len(set(chain) | known) != len(chain) + len(known):
        raise _refuse(_("its structure is not valid."))
    return {"unit": unit, "ancestors": ancestors, "places": places}


def _check_records(value: Any, kind: RecordKind, member: str) -> dict[str, Any]:
    content = pf.require_keys(value, frozenset({"kind", "columns", "rows"}), member)
    if content["kind"] != kind.name or not isinstance(content["columns"], list):
        raise _refuse(_("“{name}” is not valid.").format(name=member))
    columns = content["columns"]
    expected = pf.record_columns(kind)
    if not all(isinstance(c, str) for c in columns) or len(set(columns)) != len(columns):
        raise _refuse(_("“{name}” is not valid.").format(name=member))
    unknown = set(columns) - set(expected)
    if unknown:
        raise _refuse(
            _("unknown field “{name}” in “{where}”.").format(name=sorted(unknown)[0][:40], where=member)
        )
    missing = set(expected) - set(columns)
    if missing:
        raise _refuse(
            _("field “{name}” is missing in “{where}”.").format(name=sorted(missing)[0], where=member)
        )
    rows = content["rows"]
    width = len(columns)
    if not isinstance(rows, list) or not all(type(row) is list and len(row) == width for row in rows):
        raise _refuse(_("“{name}” is not valid.").format(name=member))
    return content


def _check_scores(value: Any) -> dict[str, Any]:
    content = pf.require_keys(value, frozenset({"kind", "columns", "rows"}), pf.SELF_SCORES)
    columns = content["columns"]
    if content["kind"] != self_scores.KIND or not isinstance(columns, list):
        raise _refuse(_("“{name}” is not valid.").format(name=pf.SELF_SCORES))
    unknown = {c for c in columns if not isinstance(c, str) or c not in self_scores.COLUMNS}
    if unknown:
        raise _refuse(
            _("unknown field “{name}” in “{where}”.").format(
                name=str(sorted(map(str, unknown))[0])[:40], where=pf.SELF_SCORES
            )
        )
    if len(set(columns)) != len(columns) or set(columns) != set(self_scores.COLUMNS):
        raise _refuse(_("“{name}” is not valid.").format(name=pf.SELF_SCORES))
    rows = content["rows"]
    if not isinstance(rows, list) or not all(type(row) is list and len(row) == len(columns) for row in rows):
        raise _refuse(_("“{name}” is not valid.").format(name=pf.SELF_SCORES))
    return content


def _check_tombstones(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _refuse(_("“{name}” is not valid.").format(name=pf.TOMBSTONES))
    for entry in value:
        pf.require_keys(entry, pf.TOMBSTONE_KEYS, pf.TOMBSTONES)
        if (
            entry["kind"] not in KINDS
            or not isinstance(entry["id"], str)
            or not _UUID.match(entry["id"])
            or not _is_int(entry["version"], 1)
        ):
            raise _refuse(_("“{name}” is not valid.").format(name=pf.TOMBSTONES))
    return value


def read_package(session: Session, data: bytes) -> Package:
    """Verify a package completely (trust, signature, hashes, shapes) and parse it."""
    members = _read_members(data)
    if pf.MANIFEST not in members or pf.SIGNATURE not in members:
        raise _refuse(_("its manifest or signature is missing."))
    manifest_bytes = members[pf.MANIFEST]
    manifest = _check_manifest(pf.loads_strict(manifest_bytes, pf.MANIFEST))
    listed = set(manifest["members"])
    present = set(members) - {pf.MANIFEST, pf.SIGNATURE}
    if present != listed:
        extra = sorted(present - listed) or sorted(listed - present)
        raise _refuse(_("the file “{name}” does not match the manifest.").format(name=extra[0]))
    code = manifest["unit_code"]
    trusted = keys.active_key(session, code)
    if trusted is None:
        raise _refuse(
            _("no key is trusted for unit {code}. Register the unit's key card first (keys trust).").format(
                code=code
            )
        )
    signature = members[pf.SIGNATURE]
    if len(signature) != pf.SIGNATURE_BYTES or not keys.verify(trusted.public_key, signature, manifest_bytes):
        raise _refuse(
            _(
                "its signature does not match the key trusted for unit {code}: it was altered or signed by another key."
            ).format(code=code)
        )
    parsed: dict[str, Any] = {}
    for name in sorted(listed):
        content, entry = members[name], manifest["members"][name]
        if len(content) != entry["bytes"] or hashlib.sha256(content).hexdigest() != entry["sha256"]:
            raise _refuse(
                _("the file “{name}” does not match its checksum: it was damaged or altered.").format(
                    name=name
                )
            )
        parsed[name] = pf.loads_strict(content, name)
    structure = _check_structure(parsed[pf.STRUCTURE], code)
    tombstones = _check_tombstones(parsed[pf.TOMBSTONES])
    records: dict[str, dict[str, Any]] = {}
    for name, kind_name in pf.RECORD_MEMBERS.items():
        if name in parsed:
            records[kind_name] = _check_records(parsed[name], KINDS[kind_name], name)
    scores = None
    if pf.SELF_SCORES in parsed:
        scores = _check_scores(parsed[pf.SELF_SCORES])
    sets = None
    if pf.CRITERIA_SETS in parsed:
        sets = criteria_sets.check_member(parsed[pf.CRITERIA_SETS])
    counts = {pf.STRUCTURE: len(structure["places"]), pf.TOMBSTONES: len(tombstones)}
    counts.update({pf.record_member(k): len(v["rows"]) for k, v in records.items()})
    if scores is not None:
        counts[pf.SELF_SCORES] = len(scores["rows"])
    if sets is not None:
        counts[pf.CRITERIA_SETS] = len(sets)
    for name, count in counts.items():
        if manifest["members"][name]["rows"] != count:
            raise _refuse(_("the row count of “{name}” does not match the manifest.").format(name=name))
    return Package(manifest, structure, tombstones, records, hashlib.sha256(data).hexdigest(), scores, sets)


def read_file(path: str | Path) -> bytes:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > pf.MAX_FILE_BYTES:
            raise _refuse(_("the file is too large to be a data package."))
        return path.read_bytes()
    except OSError as exc:
        raise PackageRejected(
            _("The file “{name}” cannot be read: {detail}").format(name=path.name, detail=exc.strerror or exc)
        ) from exc


# -------------------------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class RowIssue:
    kind: str
    record_id: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.record_id, "reason": self.reason}


@dataclass
class _PlannedUnit:
    id: str
    spec: dict[str, Any]
    path: str
    parent_id: str | None


class _PackagePlaces:
    """Resolves the package's place codes to this installation's unit ids (existing or about to be made)."""

    def __init__(self, unit_name: str, by_code: dict[str, tuple[str, str, str]]) -> None:
        self.unit = type("U", (), {"name": unit_name})()
        self._by_code = by_code  # code → (id, name, level)

    def resolve(self, value: str, levels: tuple[str, ...]) -> tuple[str, str]:
        found = self._by_code.get(value)
        if found is None or found[2] not in levels:
            raise InputError(
                _("No commune or village “{value}” in {unit}.").format(value=value, unit=self.unit.name)
            )
        return found[0], found[1]


@dataclass
class ImportPlan:
    package_id: str
    unit_code: str
    unit_name: str
    year: int
    created_at: datetime
    submitted: bool
    revised_after_submission: bool
    file_sha256: str
    already_imported_at: datetime | None = None
    adopt_unit: bool = False  # the unit is marked local here but empty: it becomes an imported unit
    new_units: int = 0
    new: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    conflicts: list[RowIssue] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    status: str = "planned"  # planned, applied, unchanged
    # What apply writes, per kind: rows to insert, rows to update, tombstones; and the import states.
    _inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _deletions: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _states: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _units: list[_PlannedUnit] = field(default_factory=list, repr=False)
    _unit_updates: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _score_inserts: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _score_updates: list[dict[str, Any]] = field(default_factory=list, repr=False)
    _sets: list[criteria_sets.PlannedSet] = field(default_factory=list, repr=False)
    _unit_id: str = ""

    def counts(self) -> dict[str, int]:
        return {
            "new": sum(self.new.values()),
            "updated": sum(self.updated.values()) + sum(self.deleted.values()),
            "unchanged": sum(self.unchanged.values()),
            "conflicts": len(self.conflicts),
            "rejected": len(self.rejected),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "unit": self.unit_code,
            "year": self.year,
            "created_at": self.created_at.isoformat(),
            "status": self.status,
            "submitted": self.submitted,
            "revised_after_submission": self.revised_after_submission,
            **self.counts(),
            "deleted": sum(self.deleted.values()),
            "by_kind": {
                kind: {
                    "new": self.new[kind],
                    "updated": self.updated[kind],
                    "deleted": self.deleted[kind],
                    "unchanged": self.unchanged[kind],
                }
                for kind in PLAN_KINDS
                if self.new[kind] or self.updated[kind] or self.deleted[kind] or self.unchanged[kind]
            },
            "conflict_list": [c.as_json() for c in self.conflicts],
            "rejected_list": [r.as_json() for r in self.rejected],
        }

    def summary_lines(self, *, limit: int = 20) -> list[str]:
        """The summary the clerk reads (translated), one line each."""
        lines = [
            _("Package of {unit} ({code}), year {year}, made {date}.").format(
                unit=self.unit_name,
                code=self.unit_code,
                year=self.year,
                date=self.created_at.strftime("%d/%m/%Y %H:%M"),
            )
        ]
        if self.revised_after_submission:
            lines.append(_("The sender revised this year after submitting it."))
        if self.already_imported_at is not None:
            lines.append(
                _("This package was already imported on {date}; nothing was changed.").format(
                    date=self.already_imported_at.strftime("%d/%m/%Y %H:%M")
                )
            )
            return lines
        counts = self.counts()
        lines.append(
            _(
                "New: {new}; updated: {updated}; unchanged: {unchanged}; conflicts: {conflicts}; rejected: {rejected}."
            ).format(**counts)
        )
        if self.adopt_unit:
            lines.append(
                _(
                    "{unit} was marked as owned here but had no records; it becomes an imported, read-only unit."
                ).format(unit=self.unit_name)
            )
        kind = criteria_sets.KIND
        if self.new[kind] or self.updated[kind] or self.unchanged[kind]:
            lines.append(
                _("{kind}: new {new}; updated {updated}; unchanged {unchanged}.").format(
                    kind=kind_label(kind),
                    new=self.new[kind],
                    updated=self.updated[kind],
                    unchanged=self.unchanged[kind],
                )
            )
        for issue in self.conflicts[:limit]:
            lines.append(
                _("Conflict ({kind}, {id}): {reason}").format(
                    kind=kind_label(issue.kind), id=issue.record_id, reason=issue.reason
                )
            )
        for issue in self.rejected[:limit]:
            lines.append(
                _("Rejected ({kind}, {id}): {reason}").format(
                    kind=kind_label(issue.kind), id=issue.record_id, reason=issue.reason
                )
            )
        hidden = max(0, len(self.conflicts) - limit) + max(0, len(self.rejected) - limit)
        if hidden:
            lines.append(_("… and {n} more.").format(n=hidden))
        if self.status == "applied":
            lines.append(_("The package was imported."))
        elif self.status == "planned":
            lines.append(_("Dry run: nothing was changed."))
        return lines


# Every kind a plan counts, in the order the summary shows them: records, then the review's.
PLAN_KINDS = (*KINDS, criteria_sets.KIND, self_scores.KIND)


def kind_label(kind: str) -> str:
    """The clerk's name for a kind of the plan (a kind of record, a criteria set, a self-score)."""
    if kind in KINDS:
        return _(KINDS[kind].label)
    return _(criteria_sets.LABEL) if kind == criteria_sets.KIND else _(self_scores.LABEL)


def _row_hash(row: list[Any]) -> str:
    """A digest of the row as the package carried it (its values are JSON scalars: repr is stable)."""
    return hashlib.blake2b(repr(row).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _plan_structure(session: Session, pkg: Package, plan: ImportPlan) -> dict[str, tuple[str, str, str]]:
    """Match the package's units to ours by code; plan the missing ones. Returns code → (id, name, level)."""
    structure = pkg.structure
    levels = set(session.scalars(select(OrgLevel.code)))
    specs = [*structure["ancestors"], structure["unit"], *structure["places"]]
    for spec in specs:
        if spec["level"] not in levels:
            raise _refuse(
                _("it uses an organisation level “{level}” unknown here.").format(level=spec["level"][:40])
            )
    codes = [s["code"] for s in specs]
    existing: dict[str, Unit] = {}
    for start in range(0, len(codes), 500):
        for unit in session.scalars(select(Unit).where(Unit.code.in_(codes[start : start + 500]))):
            existing[unit.code] = unit
    unit_spec = structure["unit"]
    own = existing.get(unit_spec["code"])
    if own is not None:
        if own.deleted:
            raise _refuse(_("the unit {code} was deleted here.").format(code=own.code))
        if own.is_local:
            if keys.has_live_records(session, own):
                raise PackageRejected(
                    _(
                        "The package is refused: {unit} is owned by this installation and has records here. "
                        "A unit is edited in one place only; import packages of units owned elsewhere."
                    ).format(unit=own.name)
                )
            plan.adopt_unit = True
    by_code: dict[str, tuple[str, str, str]] = {}
    paths_by_code: dict[str, str] = {}
    ids_by_code: dict[str, str] = {}
    for spec in specs:
        code = spec["code"]
        found = existing.get(code)
        parent_code = spec["parent_code"]
        if found is not None:
            ids_by_code[code], paths_by_code[code] = found.id, found.path
            if code != unit_spec["code"] and spec in structure["places"]:
                if not found.path.startswith(paths_by_code[unit_spec["code"]]):
                    raise _refuse(_("the place {code} belongs to another unit here.").format(code=code))
                if found.is_local and not plan.adopt_unit:
                    raise _refuse(_("the place {code} is owned by this installation.").format(code=code))
                name, unit_type, place_name = (
                    clean_text(spec[k]) for k in ("name", "unit_type", "place_name")
                )
                if (found.name, found.unit_type, found.place_name, found.deleted) != (
                    name,
                    unit_type,
                    place_name,
                    False,
                ):
                    plan._unit_updates.append(
                        {
                            "id": found.id,
                            "name": name,
                            "unit_type": unit_type,
                            "place_name": place_name,
                            "deleted": False,
                            "search_key": fold(f"{name} {code}"),
                        }
                    )
            by_code[code] = (found.id, found.name, found.level_code)
            continue
        if parent_code is not None and parent_code not in ids_by_code:
            raise _refuse(_("its structure is not valid."))
        parent_path = paths_by_code[parent_code] if parent_code is not None else "/"
        unit_id = new_id()
        ids_by_code[code], paths_by_code[code] = unit_id, f"{parent_path}{code}/"
        plan._units.append(
            _PlannedUnit(
                unit_id, spec, paths_by_code[code], ids_by_code.get(parent_code) if parent_code else None
            )
        )
        by_code[code] = (unit_id, clean_text(spec["name"]), spec["level"])
    plan.new_units = len(plan._units)
    plan._unit_id = ids_by_code[unit_spec["code"]]
    # Only the unit's own places can be referenced by its records.
    place_codes = {p["code"] for p in structure["places"]}
    return {code: value for code, value in by_code.items() if code in place_codes}


def _plan_records(session: Session, pkg: Package, plan: ImportPlan, places: _PackagePlaces) -> None:
    unit_id, year, code = plan._unit_id, pkg.year, pkg.unit_code
    states = {
        row.record_id: (row.version, row.row_hash)
        for row in session.execute(
            select(ImportState.record_id, ImportState.version, ImportState.row_hash).where(
                ImportState.unit_code == code
            )
        )
    }
    tomb_ids = {t["id"] for t in pkg.tombstones}
    seen_ids: set[str] = set()
    live_ids: dict[str, set[str]] = {}
    package_id = pkg.package_id
    for kind in KINDS.values():
        content = pkg.records.get(kind.name)
        model = kind.model
        local = {
            row.id: (row.version, row.deleted)
            for row in session.execute(
                select(model.id, model.version, model.deleted).where(model.unit_id == unit_id)  # type: ignore[attr-defined]
            )
        }
        live_ids[kind.name] = {i for i, (_v, dead) in local.items() if not dead}
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        if content is None:
            continue
        columns = content["columns"]
        index = {name: i for i, name in enumerate(columns)}
        system = [index[c] for c in pf.SYSTEM_COLUMNS]
        field_index = [(f.name, index[f.name]) for f in kind.fields]
        has_year = any(f.name == "year" for f in kind.fields)
        parent_field, parent_kind = kind.parent if kind.parent else (None, None)
        for row in content["rows"]:
            record_id, version, created_raw, updated_raw, updated_by = (row[i] for i in system)
            shown_id = record_id if isinstance(record_id, str) else "?"
            if not isinstance(record_id, str) or not _UUID.match(record_id):
                plan.rejected.append(
                    RowIssue(kind.name, shown_id[:40], _("The record identifier is not valid."))
                )
                continue
            if record_id in seen_ids or record_id in tomb_ids:
                plan.rejected.append(
                    RowIssue(kind.name, record_id, _("The record appears twice in the package."))
                )
                continue
            seen_ids.add(record_id)
            created_at, updated_at = _parse_stamp(created_raw), _parse_stamp(updated_raw)
            if (
                not _is_int(version, 1)
                or created_at is None
                or updated_at is None
                or not isinstance(updated_by, str)
            ):
                plan.rejected.append(
                    RowIssue(kind.name, record_id, _("The record's version or dates are not valid."))
                )
                continue
            raw = {name: row[i] for name, i in field_index}
            names: list[str] = []
            try:
                cleaned = clean_values(kind, raw, places, place_names=names)  # type: ignore[arg-type]
                check_values(kind, cleaned)
            except ValidationError as exc:
                plan.rejected.append(RowIssue(kind.name, record_id, "; ".join(exc.errors.values())))
                continue
            except InputError as exc:
                plan.rejected.append(RowIssue(kind.name, record_id, exc.message))
                continue
            if has_year and cleaned["year"] != year:
                plan.rejected.append(
                    RowIssue(
                        kind.name,
                        record_id,
                        _("The record is for {found}, not for the package's year {year}.").format(
                            found=cleaned["year"], year=year
                        ),
                    )
                )
                continue
            if parent_field is not None:
                parent_id = cleaned[parent_field]
                if parent_id not in live_ids[parent_kind] and parent_id not in pkg.live_ids(parent_kind):  # type: ignore[index]
                    plan.rejected.append(
                        RowIssue(kind.name, record_id, _("The record's parent record is not in the package."))
                    )
                    continue
            digest = _row_hash(row)
            values = dict(
                cleaned,
                id=record_id,
                unit_id=unit_id,
                year=year,
                created_at=created_at,
                updated_at=updated_at,
                updated_by=clean_text(updated_by)[:80],
                version=version,
                deleted=False,
                search_key=search_key_of(kind, cleaned, names),
            )
            state = {
                "record_id": record_id,
                "table_name": model.__tablename__,
                "unit_code": code,
                "year": year,
                "version": version,
                "row_hash": digest,
                "package_id": package_id,
            }
            here = local.get(record_id)
            if here is None:
                inserts.append(values)
                plan.new[kind.name] += 1
                plan._states.append(state)
                continue
            base = states.get(record_id)
            if base is None:
                plan.conflicts.append(
                    RowIssue(
                        kind.name,
                        record_id,
                        _("The record exists here but was not imported; it is kept as it is here."),
                    )
                )
                continue
            local_changed = here[0] != base[0]
            incoming_changed = version != base[0] or digest != base[1]
            if not incoming_changed or version < base[0]:
                plan.unchanged[kind.name] += 1
            elif local_changed or version == base[0]:
                plan.conflicts.append(
                    RowIssue(
                        kind.name,
                        record_id,
                        _(
                            "Changed both here and at the source since version {v}; the copy here is kept."
                        ).format(v=base[0]),
                    )
                )
            else:
                updates.append(values)
                plan.updated[kind.name] += 1
                plan._states.append(state)
        plan._inserts[kind.name] = inserts
        plan._updates[kind.name] = updates
    # Tombstones: delete what the source deleted, unless it changed here meanwhile.
    for tomb in pkg.tombstones:
        kind = KINDS[tomb["kind"]]
        model = kind.model
        here = session.execute(
            select(model.version, model.deleted, model.unit_id).where(model.id == tomb["id"])  # type: ignore[attr-defined]
        ).first()
        if here is None or here.deleted:
            plan.unchanged[kind.name] += 1
            continue
        if here.unit_id != unit_id:
            plan.rejected.append(
                RowIssue(kind.name, tomb["id"], _("The deleted record belongs to another unit here."))
            )
            continue
        base = states.get(tomb["id"])
        if base is None or here.version != base[0]:
            plan.conflicts.append(
                RowIssue(
                    kind.name, tomb["id"], _("Deleted at the source but changed here; the copy here is kept.")
                )
            )
            continue
        plan._deletions.setdefault(kind.name, []).append(
            {"id": tomb["id"], "deleted": True, "version": tomb["version"]}
        )
        plan.deleted[kind.name] += 1
        plan._states.append(
            {
                "record_id": tomb["id"],
                "table_name": model.__tablename__,
                "unit_code": code,
                "year": year,
                "version": tomb["version"],
                "row_hash": "",
                "package_id": package_id,
            }
        )


def _already_imported(session: Session, package_id: str) -> PackageLog | None:
    return session.scalars(
        select(PackageLog).where(
            PackageLog.direction == "received",
            PackageLog.status == "applied",
            PackageLog.package_id == package_id,
        )
    ).first()


def plan_import(session: Session, pkg: Package) -> ImportPlan:
    """What importing ``pkg`` would do, computed in ``session`` without writing."""
    plan = ImportPlan(
        package_id=pkg.package_id,
        unit_code=pkg.unit_code,
        unit_name=clean_text(pkg.manifest["unit_name"]) or pkg.unit_code,
        year=pkg.year,
        created_at=pkg.created_at.replace(tzinfo=None),
        submitted=pkg.manifest["submitted"],
        revised_after_submission=pkg.manifest["revised_after_submission"],
        file_sha256=pkg.sha256,
    )
    received = select(PackageLog).where(PackageLog.direction == "received", PackageLog.status == "applied")
    prior = _already_imported(session, pkg.package_id)
    if prior is not None:
        plan.already_imported_at = prior.logged_at
        plan.status = "unchanged"
        return plan
    newer = session.scalars(
        received.where(
            PackageLog.unit_code == pkg.unit_code,
            PackageLog.year == pkg.year,
            PackageLog.created_at > plan.created_at,
        )
    ).first()
    if newer is not None and newer.created_at is not None:
        raise _refuse(
            _("a newer package of {code} for {year} (made {date}) was already imported.").format(
                code=pkg.unit_code, year=pkg.year, date=newer.created_at.strftime("%d/%m/%Y %H:%M")
            )
        )
    by_code = _plan_structure(session, pkg, plan)
    places = _PackagePlaces(plan.unit_name, by_code)
    _plan_records(session, pkg, plan, places)
    is_uuid = lambda value: isinstance(value, str) and _UUID.match(value) is not None  # noqa: E731
    received: dict[str, list[criteria_sets.PlannedCriterion]] = {}
    if pkg.criteria_sets:
        # Before the self-scores: a score of the same package is matched to the criteria it brings.
        received = criteria_sets.plan_sets(
            session, pkg.criteria_sets, plan, parse_stamp=_parse_stamp, is_uuid=is_uuid, issue=RowIssue
        )
    if pkg.self_scores is not None:
        self_scores.plan_scores(
            session,
            pkg.self_scores["rows"],
            pkg.self_scores["columns"],
            plan,
            unit_id=plan._unit_id,
            parse_stamp=_parse_stamp,
            is_uuid=is_uuid,
            row_hash=_row_hash,
            issue=RowIssue,
            received=received,
        )
    return plan


# -------------------------------------------------------------------------------------------- applying


def _apply(session: Session, pkg: Package, plan: ImportPlan, user: str, file_name: str) -> None:
    now = utcnow()
    connection = session.connection()
    if plan._units:
        bulk_insert(
            connection,
            Unit.__table__,
            [
                {
                    "id": u.id,
                    "code": u.spec["code"],
                    "name": clean_text(u.spec["name"]),
                    "unit_type": clean_text(u.spec["unit_type"]),
                    "level_code": u.spec["level"],
                    "parent_id": u.parent_id,
                    "path": u.path,
                    "is_local": False,
                    "place_name": clean_text(u.spec["place_name"]),
                    "created_at": now,
                    "updated_at": now,
                    "updated_by": user,
                    "version": 1,
                    "deleted": False,
                    "search_key": fold(f"{clean_text(u.spec['name'])} {u.spec['code']}"),
                }
                for u in plan._units
            ],
        )
    if plan._unit_updates:
        session.execute(update(Unit), plan._unit_updates)
    if plan.adopt_unit:
        unit = session.get(Unit, plan._unit_id)
        assert unit is not None
        change_ownership(
            session,
            unit,
            False,
            user=user,
            reason=_("Imported from the package {id} of its owner.").format(id=plan.package_id),
        )
    for kind in KINDS.values():
        rows = plan._inserts.get(kind.name)
        if rows:
            bulk_insert(connection, kind.model.__table__, rows)
        # Updates and tombstones set different columns: one bulk UPDATE each.
        for changes in (plan._updates.get(kind.name), plan._deletions.get(kind.name)):
            if changes:
                session.execute(update(kind.model), changes)
    if plan._sets:  # before the self-scores that point at their criteria
        criteria_sets.apply_sets(session, plan._sets, unit_code=plan.unit_code, year=plan.year, user=user)
    if plan._score_inserts:
        bulk_insert(connection, SelfScore.__table__, plan._score_inserts)
    if plan._score_updates:
        session.execute(update(SelfScore), plan._score_updates)
    changed_ids = [s["record_id"] for s in plan._states]
    for start in range(0, len(changed_ids), 500):
        session.execute(
            delete(ImportState).where(ImportState.record_id.in_(changed_ids[start : start + 500]))
        )
    if plan._states:
        bulk_insert(connection, ImportState.__table__, plan._states)
    summary = json.dumps({**plan.counts(), "deleted": sum(plan.deleted.values())}, ensure_ascii=False)
    session.add(
        AuditEntry(
            user=user,
            action="import",
            table_name="package_log",
            record_id=plan.package_id,
            new_values=summary,
            reason=_("Package of {code} for {year}").format(code=plan.unit_code, year=plan.year),
        )
    )
    session.add(
        PackageLog(
            direction="received",
            package_id=plan.package_id,
            unit_code=plan.unit_code,
            year=plan.year,
            created_at=plan.created_at,
            status="applied",
            file_name=file_name,
            file_sha256=plan.file_sha256,
            user=user,
            summary=json.dumps(plan.as_json(), ensure_ascii=False),
        )
    )


def import_package(
    db: Database,
    source: str | Path | bytes,
    *,
    dry_run: bool = False,
    user: str = "",
    backup: bool = True,
    file_name: str = "",
    record_refusal: bool | None = None,
) -> ImportPlan:
    """Verify, plan and (unless ``dry_run``) apply a package. Raises PackageRejected; returns the plan
    with ``status`` "planned" (dry run), "applied" or "unchanged" (already imported).

    A refusal (and, in a dry run, a plan with records that break the rules) is written to the package
    history (``log_refusal``) when ``record_refusal`` says so: by default when importing, not in a dry
    run, which then writes nothing. The clerk's check before importing is a dry run that records it."""
    data = source if isinstance(source, bytes) else read_file(source)
    name = file_name or ("" if isinstance(source, bytes) else Path(source).name)
    record = (not dry_run) if record_refusal is None else record_refusal
    plan: ImportPlan | None = None
    try:
        with db.session() as session:
            pkg = read_package(session, data)
            plan = plan_import(session, pkg)
        if plan.status == "unchanged":
            return plan
        if plan.rejected:
            refusal = refused_rows(plan)
            if not dry_run:
                raise refusal
            if record:
                log_refusal(db, data, refusal.message, file_name=name, user=user, plan=plan)
            return plan
        if dry_run:
            return plan
        return _import(db, pkg, plan, user, backup, name)
    except PackageRejected as exc:
        if record:
            log_refusal(db, data, exc.message, file_name=name, user=user, plan=plan)
        raise


def refused_rows(plan: ImportPlan) -> PackageRejected:
    """The refusal of a package some of whose records break the rules, listing them."""
    return PackageRejected(
        "\n".join(
            [
                _("The package is refused: {n} records break the rules, so nothing was imported.").format(
                    n=len(plan.rejected)
                ),
                *plan.summary_lines()[1:],
            ]
        )
    )


def log_refusal(
    db: Database,
    data: bytes,
    reason: str,
    *,
    file_name: str = "",
    user: str = "",
    plan: ImportPlan | None = None,
) -> None:
    """Write a refused package to the history, once per file: refusing the same file again updates its
    entry (time, reason) instead of adding another. Never raises: if the history cannot be written (a
    full or read-only disk), the refusal the clerk is about to read still stands, and the log says so."""
    try:
        _write_refusal(db, data, reason, file_name=file_name, user=user, plan=plan)
    except AppError:
        log.warning("the refusal of %s could not be written to the history", file_name, exc_info=True)


def _write_refusal(
    db: Database, data: bytes, reason: str, *, file_name: str, user: str, plan: ImportPlan | None
) -> None:
    digest = hashlib.sha256(data).hexdigest()
    with db.transaction() as session:
        entry = session.scalar(
            select(PackageLog).where(
                PackageLog.direction == "received",
                PackageLog.status == "rejected",
                PackageLog.file_sha256 == digest,
            )
        )
        if entry is None:
            entry = PackageLog(direction="received", status="rejected", file_sha256=digest)
            session.add(entry)
        entry.logged_at = utcnow()
        entry.file_name = file_name[:255]
        entry.user = user[:80]
        entry.summary = json.dumps({"reason": reason}, ensure_ascii=False)
        if plan is not None:  # the package could be read: whose and which year it was
            entry.package_id, entry.unit_code = plan.package_id, plan.unit_code
            entry.year, entry.created_at = plan.year, plan.created_at


def _import(
    db: Database, pkg: Package, plan: ImportPlan, user: str, backup: bool, file_name: str
) -> ImportPlan:
    if backup and db.folder is not None:
        from emulation_desktop.storage.backup import take_backup

        take_backup(paths.database_path(db.folder), paths.backups_dir(db.folder), reason="before-import")
    try:
        with db.transaction() as session:
            # The plan made above is applied as it is: one running copy per data folder (the instance
            # lock) and nothing else writes meanwhile; only a second import of the same file is re-checked.
            if _already_imported(session, plan.package_id) is None:
                _apply(session, pkg, plan, user, file_name)
                plan.status = "applied"
            else:
                plan.status = "unchanged"
    except IntegrityError as exc:
        raise PackageRejected(
            _("The package is refused: its records clash with records already here ({detail}).").format(
                detail=str(exc.orig)[:200]
            )
        ) from exc
    return plan


def history(session: Session, limit: int = 200) -> list[PackageLog]:
    """Packages sent and received, newest first."""
    return list(
        session.scalars(
            select(PackageLog).order_by(PackageLog.logged_at.desc(), PackageLog.id.desc()).limit(limit)
        )
    )
