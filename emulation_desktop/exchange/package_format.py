"""The data package format (docs/architecture.md, "Packages"): member names, the manifest schema, size
caps, strict JSON, and the checks every travelling value shares (ids, versions, time stamps).

A package is a zip holding:

- ``manifest.json``: format and schema version, package UUID, source unit, year, creation time, the
  package's sequence number (exchange.package_sequence; from format 2), app version, whether the year
  was revised after submission, and per member its SHA-256 and row count;
- ``manifest.sig``: a detached Ed25519 signature (64 raw bytes) over the exact bytes of the manifest;
- ``structure.json``: the unit, its ancestors and its own communes and villages, by code, each with the
  years it is valid for (from format 3), and the old units the unit was formed from (code, name before
  the change, whether counted in its "last year");
- ``tombstones.json``: the records of the year deleted at the source (kind, id, version);
- ``records/<kind>.json``: one per kind of record: ``{"kind", "columns", "rows"}``, rows as arrays;
- ``criteria_sets.json``: the criteria sets of the year of the clusters the unit heads (groups and
  criteria with their ids, removed criteria flagged), for the members to score against;
- ``self_scores.json``: the unit's self-scores of the year, by cluster and criterion code;
- ``evidence.json`` (from format 4): the files attached to the package's live records (link id, record
  kind and id, SHA-256, file name, media type, size, when and by whom);
- ``evidence/<sha256>``: each attached file's bytes, once however many records hold it, stored
  uncompressed (photos and PDFs are compressed already); the manifest lists each with its SHA-256 and
  size, so the signature covers every file.

Records keep their UUIDs across installations; units and places travel by code, because each
installation gives its units its own ids.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import datetime
from typing import Any

from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _

FORMAT = "emulation-desktop-package"
# Format 2 adds the manifest's "sequence"; format 3 the years a unit is valid for and the old units it
# was formed from (``structure.json``: UNIT_YEAR_KEYS, "predecessors"). An older version refuses unknown
# fields, so the format number says it ("made by a newer version; please update") instead of a confusing
# refusal; this version still reads formats 1 to 3 (exchange.package_reading). Format 4 adds the
# evidence files (EVIDENCE, EVIDENCE_PREFIX).
FORMAT_VERSION = 4
LEGACY_FORMAT_VERSION = 1
SEQUENCE_FORMAT_VERSION = 2  # the first with "sequence"
HISTORY_FORMAT_VERSION = 3  # the first with the units' years and predecessors
EVIDENCE_FORMAT_VERSION = 4  # the first with evidence files
READ_FORMAT_VERSIONS = (
    LEGACY_FORMAT_VERSION,
    SEQUENCE_FORMAT_VERSION,
    HISTORY_FORMAT_VERSION,
    EVIDENCE_FORMAT_VERSION,
)

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
STRUCTURE = "structure.json"
TOMBSTONES = "tombstones.json"
CRITERIA_SETS = "criteria_sets.json"  # see exchange.criteria_sets
SELF_SCORES = "self_scores.json"  # see exchange.self_scores
RECORDS_PREFIX = "records/"
EVIDENCE = "evidence.json"  # see exchange.evidence_files
EVIDENCE_PREFIX = "evidence/"

# Caps checked before anything is decompressed (from the zip directory) and again while reading. A
# package is read whole in memory: 512 MiB of evidence files is about 25 scans at the 20 MB limit or
# 150 phone photos, and still fits an office PC's memory; the exporter refuses a bigger package with
# that reason before anything reaches the stick.
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 768 * 1024 * 1024
MAX_MANIFEST_BYTES = 4 * 1024 * 1024  # a manifest lists every evidence file (about 150 bytes each)
MAX_MEMBERS = 32  # data members; the evidence files are counted apart
MAX_EVIDENCE_FILES = 10_000
MAX_RATIO = 200  # uncompressed / compressed; JSON of records compresses 5-20×, a zip bomb 1000×

SIGNATURE_BYTES = 64
MAX_VERSION = 2**31 - 1  # a record's version: SQLite's INTEGER, kept within 32 bits for every reader

MANIFEST_KEYS = frozenset(
    {
        "format",
        "format_version",
        "schema_version",
        "package_id",
        "unit_code",
        "unit_name",
        "year",
        "created_at",
        "app_version",
        "submitted",
        "revised_after_submission",
        "members",
    }
)
LEGACY_MANIFEST_KEYS = MANIFEST_KEYS
MANIFEST_KEYS = MANIFEST_KEYS | {"sequence"}
MEMBER_KEYS = frozenset({"sha256", "rows", "bytes"})
SYSTEM_COLUMNS = ("id", "version", "created_at", "updated_at", "updated_by")
UNIT_KEYS = frozenset({"code", "name", "level", "unit_type", "place_name", "parent_code"})
UNIT_YEAR_KEYS = frozenset({"valid_from", "valid_until"})  # format 3: null is "always"
STRUCTURE_KEYS = frozenset({"unit", "ancestors", "places"})
PREDECESSORS = "predecessors"  # format 3: the old units the package's unit was formed from
PREDECESSOR_KEYS = frozenset({"code", "name", "counted"})
FIRST_UNIT_YEAR, LAST_UNIT_YEAR = 1945, 2100
TOMBSTONE_KEYS = frozenset({"kind", "id", "version"})


class PackageRejected(InputError):
    """The package cannot be trusted or read; nothing was written."""


def refusal(reason: str) -> PackageRejected:
    """The refusal of the whole package, for ``reason`` (a translated clause)."""
    return PackageRejected(_("The package is refused: {reason}").format(reason=reason))


def record_member(kind: str) -> str:
    return f"{RECORDS_PREFIX}{kind}.json"


RECORD_MEMBERS = {record_member(name): name for name in KINDS}
DATA_MEMBERS = (STRUCTURE, TOMBSTONES, *RECORD_MEMBERS, CRITERIA_SETS, SELF_SCORES, EVIDENCE)
ALL_MEMBERS = frozenset({MANIFEST, SIGNATURE, *DATA_MEMBERS})


def evidence_member(sha256: str) -> str:
    return f"{EVIDENCE_PREFIX}{sha256}"


_EVIDENCE_MEMBER = re.compile(r"^evidence/[0-9a-f]{64}$")


def is_evidence_member(name: str) -> bool:
    """A member holding an evidence file's bytes, named by their SHA-256."""
    return _EVIDENCE_MEMBER.match(name) is not None


EVIDENCE_COLUMNS = (
    "id",
    "kind",
    "record_id",
    "sha256",
    "file_name",
    "media_type",
    "size",
    "added_at",
    "added_by",
)


def record_columns(kind: RecordKind) -> tuple[str, ...]:
    return (*SYSTEM_COLUMNS, *(f.name for f in kind.fields))


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and Infinity are refused at the source too."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise PackageRejected(
                _("The package is refused: the key “{key}” appears twice in one object.").format(
                    key=shown(key)
                )
            )
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise PackageRejected(
        _("The package is refused: it holds a value that is not a number ({name}).").format(name=name)
    )


def _no_floats(text: str) -> Any:
    value = float(text)
    if not math.isfinite(value):
        _no_constants(text[:20])
    return value


def loads_strict(data: bytes, member: str) -> Any:
    """Parse a member's JSON: UTF-8, no duplicate keys, no NaN/Infinity (too deep a nesting is a
    RecursionError inside the parser, refused like any invalid JSON)."""
    try:
        text = data.decode("utf-8")
        value = json.loads(
            text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants, parse_float=_no_floats
        )
    except PackageRejected:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PackageRejected(
            _("The package is refused: “{member}” is not valid JSON.").format(member=member)
        ) from exc
    return value


def require_keys(
    value: Any, allowed: frozenset[str], where: str, *, required: frozenset[str] | None = None
) -> dict[str, Any]:
    """An object with no unknown keys and every required key (all of ``allowed`` by default)."""
    if not isinstance(value, dict):
        raise PackageRejected(_("The package is refused: “{where}” has the wrong shape.").format(where=where))
    unknown = set(value) - allowed
    if unknown:
        raise PackageRejected(
            _("The package is refused: unknown field “{name}” in “{where}”.").format(
                name=sorted(unknown)[0][:40], where=where
            )
        )
    missing = (allowed if required is None else required) - set(value)
    if missing:
        raise PackageRejected(
            _("The package is refused: field “{name}” is missing in “{where}”.").format(
                name=sorted(missing)[0], where=where
            )
        )
    return value


# ------------------------------------------------------------------------------- values that travel

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_uuid(value: Any) -> bool:
    """A record's id as every installation writes it: a lower-case UUID."""
    return isinstance(value, str) and _UUID.match(value) is not None


def is_whole(value: Any, low: int = 0, high: int = MAX_VERSION) -> bool:
    """A JSON integer (not a bool, not a float) between ``low`` and ``high``."""
    return type(value) is int and low <= value <= high


def parse_stamp(value: Any) -> datetime | None:
    """A time stamp as the package writes it (ISO 8601), naive; None when it is not one."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is None else parsed.replace(tzinfo=None)


def text_fault(text: str) -> str | None:
    """What in ``text`` no data file can keep, if anything: "nul" (SQLite's C side and C strings end
    text at it) or "surrogate" (JSON's "\\ud800" parses to a lone UTF-16 surrogate, which UTF-8 cannot
    encode, so the write fails where the dry run did not)."""
    if "\x00" in text:
        return "nul"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "surrogate"
    return None


def shown(text: str, limit: int = 40) -> str:
    """A name from a package, safe to put in a message (and so in the history): escapes for what UTF-8
    cannot hold."""
    return text[:limit].encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def row_hash(row: list[Any]) -> str:
    """A digest of a row as the package carried it (its values are JSON scalars: repr is stable)."""
    return hashlib.blake2b(repr(row).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
