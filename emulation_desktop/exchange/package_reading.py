"""Reading a data package: verify it completely, then parse it into a ``Package``.

Members are read in memory, by expected name only, under caps on sizes, compression ratio and member
count; path tricks, duplicate names, duplicate JSON keys, NaN and unknown fields are refused, as are a
newer format or schema, an untrusted unit, a bad signature and a bad hash, and text no data file can hold
(checked here, so that the dry run and the import always agree). Every refusal is a
``PackageRejected`` with a Vietnamese message (the package history keeps it: exchange.package_history).
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from emulation_desktop.domain.evidence import MAX_FILE_BYTES as MAX_EVIDENCE_BYTES
from emulation_desktop.domain.file_messages import unreadable
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.domain.text import clean_text
from emulation_desktop.exchange import criteria_sets, evidence_files, keys, self_scores
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.package_format import PackageRejected, is_uuid, is_whole, parse_stamp
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage.migrations import SCHEMA_VERSION

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
MAX_PLACES = 100_000
# Where a member's JSON text could hold a NUL or a lone surrogate: only as an escape (a raw one is not
# valid JSON or not valid UTF-8). Members without one skip the walk over every value.
_RISKY_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


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
    key_fingerprint: str = ""  # of the trusted key that verified the signature
    # Format 4: the attachments of its records (None: an older format, which changes none here) and
    # each file's bytes by SHA-256 (exchange.evidence_files).
    evidence: list[dict[str, Any]] | None = None
    evidence_files: dict[str, bytes] = field(default_factory=dict, repr=False)
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

    @property
    def sequence(self) -> int | None:
        """The sender's number for this package (None in a package of format 1)."""
        return self.manifest.get("sequence")


def _check_name(info: zipfile.ZipInfo) -> str:
    name, original = info.filename, info.orig_filename
    if (
        "\\" in original
        or "\x00" in original
        or original.startswith("/")
        or ":" in original
        or any(part in ("", ".", "..") for part in original.split("/"))
    ):
        raise pf.refusal(_("it contains a file with an unsafe path (“{name}”).").format(name=original[:80]))
    if name not in pf.ALL_MEMBERS and not pf.is_evidence_member(name):
        raise pf.refusal(_("it contains an unexpected file “{name}”.").format(name=name[:80]))
    return name


def _read_members(data: bytes) -> dict[str, bytes]:
    """Every member, by expected name only, with the caps enforced before and during decompression."""
    if len(data) > pf.MAX_FILE_BYTES:
        raise pf.refusal(_("the file is too large to be a data package."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        files = sum(1 for info in infos if pf.is_evidence_member(info.filename))
        if len(infos) - files > pf.MAX_MEMBERS or files > pf.MAX_EVIDENCE_FILES:
            raise pf.refusal(_("it contains too many files."))
        seen: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = _check_name(info)
            if name in seen:
                raise pf.refusal(_("the file “{name}” appears twice.").format(name=name))
            seen[name] = info
            if info.flag_bits & 0x1:
                raise pf.refusal(_("it is encrypted."))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise pf.refusal(_("it uses an unsupported compression."))
            limit = pf.MAX_MANIFEST_BYTES if name in (pf.MANIFEST, pf.SIGNATURE) else pf.MAX_MEMBER_BYTES
            if pf.is_evidence_member(name):
                limit = MAX_EVIDENCE_BYTES
            if info.file_size > limit:
                raise pf.refusal(_("the file “{name}” is too large.").format(name=name))
            if info.file_size > 65536 and info.file_size > pf.MAX_RATIO * max(info.compress_size, 1):
                raise pf.refusal(
                    _("the file “{name}” is compressed suspiciously well (a zip bomb?).").format(name=name)
                )
            total += info.file_size
            if total > pf.MAX_TOTAL_BYTES:
                raise pf.refusal(_("its contents are too large."))
        members: dict[str, bytes] = {}
        for name, info in seen.items():
            with archive.open(info) as handle:
                # Read at most one byte past the declared size: a lying header cannot inflate us further.
                content = handle.read(info.file_size + 1)
                if len(content) != info.file_size:
                    raise pf.refusal(
                        _("the file “{name}” is not the size its header says.").format(name=name)
                    )
            members[name] = content
        return members
    except PackageRejected:
        raise
    except _ZIP_ERRORS as exc:
        raise pf.refusal(
            _("the file is damaged or not a data package (it may have been cut short).")
        ) from exc


def _check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != pf.FORMAT:
        raise pf.refusal(_("it is not a data package of this application."))
    version = manifest.get("format_version")
    if is_whole(version) and version > pf.FORMAT_VERSION:
        raise pf.refusal(_("it was made by a newer version of the application; please update this one."))
    schema = manifest.get("schema_version")
    if is_whole(schema) and schema > SCHEMA_VERSION:
        raise pf.refusal(
            _(
                "its data version ({found}) is newer than this application knows ({known}); please update."
            ).format(found=schema, known=SCHEMA_VERSION)
        )
    legacy = is_whole(version) and version == pf.LEGACY_FORMAT_VERSION
    pf.require_keys(manifest, pf.LEGACY_MANIFEST_KEYS if legacy else pf.MANIFEST_KEYS, pf.MANIFEST)
    if not (is_whole(version) and version in pf.READ_FORMAT_VERSIONS) or not is_whole(schema, 1):
        raise pf.refusal(_("its format version is not one this application reads."))
    if not legacy and not is_whole(manifest["sequence"], 1):
        raise pf.refusal(_("its sequence number is not valid."))
    if not is_uuid(manifest["package_id"]):
        raise pf.refusal(_("its identifier is not valid."))
    code = manifest["unit_code"]
    if not isinstance(code, str) or not code or len(code) > 20 or "/" in code or clean_text(code) != code:
        raise pf.refusal(_("its unit code is not valid."))
    if not isinstance(manifest["unit_name"], str) or len(manifest["unit_name"]) > 200:
        raise pf.refusal(_("its unit name is not valid."))
    if not is_whole(manifest["year"], 2000, 2100):
        raise pf.refusal(_("its year is not valid."))
    if parse_stamp(manifest["created_at"]) is None:
        raise pf.refusal(_("its creation time is not valid."))
    if not isinstance(manifest["app_version"], str) or len(manifest["app_version"]) > 40:
        raise pf.refusal(_("its application version is not valid."))
    for flag in ("submitted", "revised_after_submission"):
        if not isinstance(manifest[flag], bool):
            raise pf.refusal(_("the field “{name}” is not valid.").format(name=flag))
    members = manifest["members"]
    if not isinstance(members, dict):
        raise pf.refusal(_("its list of files is not valid."))
    evidence = is_whole(version) and version >= pf.EVIDENCE_FORMAT_VERSION
    for name, entry in members.items():
        is_file = evidence and pf.is_evidence_member(name)
        if name not in pf.DATA_MEMBERS and not is_file:
            raise pf.refusal(_("its list of files names an unexpected file “{name}”.").format(name=name[:80]))
        pf.require_keys(entry, pf.MEMBER_KEYS, name)
        if not isinstance(entry["sha256"], str) or not _SHA256.match(entry["sha256"]):
            raise pf.refusal(_("the checksum of “{name}” is not valid.").format(name=name))
        if is_file and (entry["sha256"] != name.removeprefix(pf.EVIDENCE_PREFIX) or entry["rows"] != 1):
            raise pf.refusal(_("the checksum of “{name}” is not valid.").format(name=name))
        if not is_whole(entry["rows"], 0, 10**8) or not is_whole(entry["bytes"], 0, pf.MAX_MEMBER_BYTES):
            raise pf.refusal(_("the size of “{name}” is not valid.").format(name=name))
    for required in (pf.STRUCTURE, pf.TOMBSTONES):
        if required not in members:
            raise pf.refusal(_("the file “{name}” is missing.").format(name=required))
    return manifest


def _unit_spec(value: Any, where: str, history: bool = False) -> dict[str, Any]:
    """A unit of the structure; with ``history`` (format 3) also the years it is valid for."""
    allowed = pf.UNIT_KEYS | pf.UNIT_YEAR_KEYS if history else pf.UNIT_KEYS
    spec = pf.require_keys(value, allowed, where, required=pf.UNIT_KEYS)
    years = [spec.get(key) for key in ("valid_from", "valid_until")]
    if any(y is not None and not is_whole(y, pf.FIRST_UNIT_YEAR, pf.LAST_UNIT_YEAR) for y in years) or (
        None not in years and years[0] > years[1]
    ):
        raise pf.refusal(_("the years of a unit in “{where}” are not valid.").format(where=where))
    for key in ("code", "name", "level", "unit_type", "place_name"):
        if not isinstance(spec[key], str) or len(spec[key]) > 200:
            raise pf.refusal(_("a unit in “{where}” is not valid.").format(where=where))
    code = spec["code"]
    if not code or len(code) > 20 or "/" in code or clean_text(code) != code or not clean_text(spec["name"]):
        raise pf.refusal(_("a unit in “{where}” is not valid.").format(where=where))
    if spec["parent_code"] is not None and not isinstance(spec["parent_code"], str):
        raise pf.refusal(_("a unit in “{where}” is not valid.").format(where=where))
    return spec


def _check_predecessors(value: Any) -> list[dict[str, Any]]:
    """The old units of a format 3 package's unit: each code once, a name, counted or not."""
    if not isinstance(value, list) or len(value) > MAX_PLACES:
        raise pf.refusal(_("its list of old units is not valid."))
    seen: set[str] = set()
    for entry in value:
        pf.require_keys(entry, pf.PREDECESSOR_KEYS, pf.STRUCTURE)
        code, name = entry["code"], entry["name"]
        if (
            not isinstance(code, str)
            or not code
            or len(code) > 20
            or "/" in code
            or clean_text(code) != code
            or code in seen
            or not isinstance(name, str)
            or len(name) > 120
            or not isinstance(entry["counted"], bool)
        ):
            raise pf.refusal(_("its list of old units is not valid."))
        seen.add(code)
    return value


def _check_structure(value: Any, unit_code: str, history: bool = False) -> dict[str, Any]:
    """The structure member; ``history`` (format 3): the units' years and the unit's old units too."""
    allowed = pf.STRUCTURE_KEYS | {pf.PREDECESSORS} if history else pf.STRUCTURE_KEYS
    structure = pf.require_keys(value, allowed, pf.STRUCTURE, required=pf.STRUCTURE_KEYS)
    unit = _unit_spec(structure["unit"], pf.STRUCTURE, history)
    if unit["code"] != unit_code:
        raise pf.refusal(_("its structure is for another unit."))
    for key in ("ancestors", "places"):
        if not isinstance(structure[key], list) or len(structure[key]) > MAX_PLACES:
            raise pf.refusal(_("its structure is not valid."))
    ancestors = [_unit_spec(a, pf.STRUCTURE, history) for a in structure["ancestors"]]
    places = [_unit_spec(p, pf.STRUCTURE, history) for p in structure["places"]]
    known = {unit["code"]}
    for place in places:
        if place["parent_code"] not in known or place["code"] in known:
            raise pf.refusal(_("its structure is not valid."))
        known.add(place["code"])
    chain = [a["code"] for a in ancestors]
    if len(set(chain) | known) != len(chain) + len(known):
        raise pf.refusal(_("its structure is not valid."))
    checked = {"unit": unit, "ancestors": ancestors, "places": places}
    if pf.PREDECESSORS in structure:
        checked[pf.PREDECESSORS] = _check_predecessors(structure[pf.PREDECESSORS])
    return checked


def _check_records(value: Any, kind: RecordKind, member: str) -> dict[str, Any]:
    content = pf.require_keys(value, frozenset({"kind", "columns", "rows"}), member)
    if content["kind"] != kind.name or not isinstance(content["columns"], list):
        raise pf.refusal(_("“{name}” is not valid.").format(name=member))
    columns = content["columns"]
    expected = pf.record_columns(kind)
    if not all(isinstance(c, str) for c in columns) or len(set(columns)) != len(columns):
        raise pf.refusal(_("“{name}” is not valid.").format(name=member))
    unknown = set(columns) - set(expected)
    if unknown:
        raise pf.refusal(
            _("unknown field “{name}” in “{where}”.").format(name=sorted(unknown)[0][:40], where=member)
        )
    missing = set(expected) - set(columns)
    if missing:
        raise pf.refusal(
            _("field “{name}” is missing in “{where}”.").format(name=sorted(missing)[0], where=member)
        )
    rows = content["rows"]
    width = len(columns)
    if not isinstance(rows, list) or not all(type(row) is list and len(row) == width for row in rows):
        raise pf.refusal(_("“{name}” is not valid.").format(name=member))
    return content


def _check_scores(value: Any) -> dict[str, Any]:
    content = pf.require_keys(value, frozenset({"kind", "columns", "rows"}), pf.SELF_SCORES)
    columns = content["columns"]
    if content["kind"] != self_scores.KIND or not isinstance(columns, list):
        raise pf.refusal(_("“{name}” is not valid.").format(name=pf.SELF_SCORES))
    unknown = {c for c in columns if not isinstance(c, str) or c not in self_scores.COLUMNS}
    if unknown:
        raise pf.refusal(
            _("unknown field “{name}” in “{where}”.").format(
                name=str(sorted(map(str, unknown))[0])[:40], where=pf.SELF_SCORES
            )
        )
    if len(set(columns)) != len(columns) or set(columns) != set(self_scores.COLUMNS):
        raise pf.refusal(_("“{name}” is not valid.").format(name=pf.SELF_SCORES))
    rows = content["rows"]
    if not isinstance(rows, list) or not all(type(row) is list and len(row) == len(columns) for row in rows):
        raise pf.refusal(_("“{name}” is not valid.").format(name=pf.SELF_SCORES))
    return content


def _check_tombstones(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise pf.refusal(_("“{name}” is not valid.").format(name=pf.TOMBSTONES))
    for entry in value:
        pf.require_keys(entry, pf.TOMBSTONE_KEYS, pf.TOMBSTONES)
        if entry["kind"] not in KINDS or not is_uuid(entry["id"]) or not is_whole(entry["version"], 1):
            raise pf.refusal(_("“{name}” is not valid.").format(name=pf.TOMBSTONES))
    return value


def _bad_text(member: str, field: str, fault: str) -> PackageRejected:
    kind = KINDS.get(pf.RECORD_MEMBERS.get(member, ""))
    labels = {f.name: f.label for f in kind.fields} if kind is not None else {}
    name = _(labels[field]) if field in labels else pf.shown(field)
    if fault == "nul":
        reason = _("the field “{field}” in “{member}” holds a NUL character, which no data file can hold.")
    else:
        reason = _(
            "the field “{field}” in “{member}” holds half of a UTF-16 surrogate pair, which no data file can hold."
        )
    return pf.refusal(reason.format(field=name, member=member))


def _check_text(value: Any, member: str, raw: bytes) -> None:
    """Refuse text no data file can hold anywhere in a member (keys too), naming the field; a record's
    cell is named by its column."""
    if not _RISKY_ESCAPE.search(raw.decode("utf-8", "replace")):
        return
    stack: list[tuple[Any, str]] = [(value, member)]
    while stack:
        item, name = stack.pop()
        if isinstance(item, str):
            fault = pf.text_fault(item)
            if fault:
                raise _bad_text(member, name, fault)
        elif isinstance(item, list):
            stack.extend((child, name) for child in item)
        elif isinstance(item, dict):
            columns = item.get("columns")
            for key, child in item.items():
                fault = pf.text_fault(key)
                if fault:
                    raise _bad_text(member, key, fault)
                if key == "rows" and isinstance(child, list) and isinstance(columns, list):
                    for row in child:
                        cells = row if isinstance(row, list) else [row]
                        stack.extend(
                            (cell, columns[i] if i < len(columns) and isinstance(columns[i], str) else key)
                            for i, cell in enumerate(cells)
                        )
                else:
                    stack.append((child, key))


def read_package(session: Session, data: bytes) -> Package:
    """Verify a package completely (trust, signature, hashes, shapes) and parse it."""
    members = _read_members(data)
    if pf.MANIFEST not in members or pf.SIGNATURE not in members:
        raise pf.refusal(_("its manifest or signature is missing."))
    manifest_bytes = members[pf.MANIFEST]
    manifest = pf.loads_strict(manifest_bytes, pf.MANIFEST)
    _check_text(manifest, pf.MANIFEST, manifest_bytes)
    manifest = _check_manifest(manifest)
    listed = set(manifest["members"])
    present = set(members) - {pf.MANIFEST, pf.SIGNATURE}
    if present != listed:
        extra = sorted(present - listed) or sorted(listed - present)
        raise pf.refusal(_("the file “{name}” does not match the manifest.").format(name=extra[0]))
    code = manifest["unit_code"]
    refused = keys.signature_refusal(
        session, code, _("unit {code}").format(code=code), members[pf.SIGNATURE], manifest_bytes
    )
    if refused:
        raise pf.refusal(refused)
    trusted = keys.active_key(session, code)
    assert trusted is not None  # the signature was checked against it
    parsed: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    for name in sorted(listed):
        content, entry = members[name], manifest["members"][name]
        if len(content) != entry["bytes"] or hashlib.sha256(content).hexdigest() != entry["sha256"]:
            raise pf.refusal(
                _("the file “{name}” does not match its checksum: it was damaged or altered.").format(
                    name=name
                )
            )
        if pf.is_evidence_member(name):  # bytes, not JSON: checked by what they are below
            files[entry["sha256"]] = content
            continue
        parsed[name] = pf.loads_strict(content, name)
        _check_text(parsed[name], name, content)
    history = manifest["format_version"] >= pf.HISTORY_FORMAT_VERSION
    structure = _check_structure(parsed[pf.STRUCTURE], code, history)
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
    if pf.EVIDENCE in parsed:
        rows = parsed[pf.EVIDENCE].get("rows") if isinstance(parsed[pf.EVIDENCE], dict) else None
        counts[pf.EVIDENCE] = len(rows) if isinstance(rows, list) else -1
    elif files:
        raise pf.refusal(_("the file “{name}” is missing.").format(name=pf.EVIDENCE))
    for name, count in counts.items():
        if manifest["members"][name]["rows"] != count:
            raise pf.refusal(_("the row count of “{name}” does not match the manifest.").format(name=name))
    pkg = Package(
        manifest,
        structure,
        tombstones,
        records,
        hashlib.sha256(data).hexdigest(),
        scores,
        sets,
        key_fingerprint=trusted.fingerprint,
    )
    if pf.EVIDENCE in parsed:
        pkg.evidence = evidence_files.check_member(parsed[pf.EVIDENCE], files, pkg)
        pkg.evidence_files = files
    return pkg


def read_file(path: str | Path) -> bytes:
    """The bytes of a package (or key card) file, refused when too large or unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > pf.MAX_FILE_BYTES:
            raise pf.refusal(_("the file is too large to be a data package."))
        return path.read_bytes()
    except OSError as exc:
        raise PackageRejected(unreadable(path, exc)) from exc
