"""Evidence files outside the data file: in a package (format 4) and as a copy in a folder the clerk
chooses (docs/exchange.md, "Evidence files").

In a package, ``evidence.json`` lists the attachments of the package's live records, and each file's
bytes travel once as ``evidence/<sha256>``, listed in the signed manifest with its SHA-256 and size.
The receiver checks every file against the manifest (exchange.package_reading), checks what it is by
its bytes as an attach does (operations.evidence.sniff), then mirrors the sender's attachments of that
unit's year: new ones are added, removed ones marked removed, and a file already here (sent twice, or
held by two records) is not stored again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.evidence import (
    MAX_FILE_BYTES,
    MAX_NAME_LENGTH,
    MEDIA_TYPES,
    EvidenceFile,
    EvidenceLink,
)
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.evidence import content_of, sniff
from emulation_desktop.storage.bulk import bulk_insert
from emulation_desktop.storage.database import Database

if TYPE_CHECKING:
    from emulation_desktop.exchange.import_plan import ImportPlan
    from emulation_desktop.exchange.package_reading import Package
    from emulation_desktop.exchange.safe_save import SavedFile

# The file name extensions a copy may be saved under, the first being the default.
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/webp": (".webp",),
    "image/heic": (".heic",),
}
_CHUNK = 500  # ids per IN (...): well under every database's limit on bound parameters


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _stamp(value: Any) -> str:
    return value.isoformat(timespec="microseconds")


# ------------------------------------------------------------------------------------------- export


def export_member(session: Session, unit_id: str, year: int) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The ``evidence.json`` member of a unit's year (the attachments of its live records) and each
    attached file's bytes by SHA-256, once."""
    rows: list[list[Any]] = []
    for kind in KINDS.values():
        table = kind.model.__table__
        statement = (
            select(
                EvidenceLink.id,
                EvidenceLink.record_id,
                EvidenceLink.sha256,
                EvidenceLink.file_name,
                EvidenceLink.media_type,
                EvidenceLink.size,
                EvidenceLink.added_at,
                EvidenceLink.added_by,
            )
            .join(table, table.c.id == EvidenceLink.record_id)
            .where(
                EvidenceLink.record_table == kind.name,
                EvidenceLink.deleted.is_(False),
                table.c.unit_id == unit_id,
                table.c.year == year,
                table.c.deleted.is_(False),
            )
            .order_by(EvidenceLink.added_at, EvidenceLink.id)
        )
        for link_id, record_id, sha256, name, media, size, added_at, added_by in session.execute(statement):
            rows.append(
                [link_id, kind.name, record_id, sha256, name, media, size, _stamp(added_at), added_by]
            )
    files: dict[str, bytes] = {}
    wanted = sorted({row[3] for row in rows})
    for chunk in _chunks(wanted):
        for sha256, content in session.execute(
            select(EvidenceFile.sha256, EvidenceFile.content).where(EvidenceFile.sha256.in_(chunk))
        ):
            files[sha256] = bytes(content)
    return {"columns": list(pf.EVIDENCE_COLUMNS), "rows": rows}, files


# ------------------------------------------------------------------------------------------- reading


def check_member(value: Any, files: dict[str, bytes], pkg: Package) -> list[dict[str, Any]]:
    """The attachments of a verified package (its files' hashes were checked against the signed
    manifest already): each names a live record of the package and a file it carries, each file is
    used, and each file is what its media type says, by its bytes."""
    invalid = pf.refusal(_("“{name}” is not valid.").format(name=pf.EVIDENCE))
    content = pf.require_keys(value, frozenset({"columns", "rows"}), pf.EVIDENCE)
    columns, rows = content["columns"], content["rows"]
    if columns != list(pf.EVIDENCE_COLUMNS) or not isinstance(rows, list):
        raise invalid
    links: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        if type(row) is not list or len(row) != len(columns):
            raise invalid
        link = dict(zip(columns, row, strict=True))
        kind, name = link["kind"], link["file_name"]
        if (
            not pf.is_uuid(link["id"])
            or link["id"] in seen
            or kind not in KINDS
            or not pf.is_uuid(link["record_id"])
            or not isinstance(name, str)
            or not 0 < len(name) <= MAX_NAME_LENGTH
            or clean_text(name) != name
            or "/" in name
            or "\\" in name
            or link["media_type"] not in MEDIA_TYPES
            or not pf.is_whole(link["size"], 1, MAX_FILE_BYTES)
            or pf.parse_stamp(link["added_at"]) is None
            or not isinstance(link["added_by"], str)
            or len(link["added_by"]) > 80
        ):
            raise invalid
        seen.add(link["id"])
        if link["record_id"] not in pkg.live_ids(kind):
            raise pf.refusal(
                _("the evidence file “{name}” is attached to a record the package does not carry.").format(
                    name=pf.shown(name)
                )
            )
        data = files.get(link["sha256"])
        if data is None or len(data) != link["size"]:
            raise pf.refusal(
                _("the evidence file “{name}” is missing from the package.").format(name=pf.shown(name))
            )
        links.append(link)
    used = {link["sha256"] for link in links}
    unused = sorted(set(files) - used)
    if unused:
        raise pf.refusal(
            _("it carries the file “{name}”, which no record uses.").format(
                name=pf.evidence_member(unused[0])
            )
        )
    media = {link["sha256"]: link["media_type"] for link in links}
    for sha256, data in files.items():
        try:
            found = sniff(data, pf.evidence_member(sha256))
        except InputError as exc:
            raise pf.refusal(exc.message) from exc
        if found != media[sha256]:
            raise pf.refusal(
                _("the evidence file “{name}” is not the kind of file the package says.").format(
                    name=pf.evidence_member(sha256)
                )
            )
    return links


# ------------------------------------------------------------------------------------------- import


def _links_here(session: Session, unit_id: str, year: int) -> dict[str, str]:
    """The live attachments here of the records of a unit's year: link id → record id."""
    found: dict[str, str] = {}
    for kind in KINDS.values():
        table = kind.model.__table__
        statement = (
            select(EvidenceLink.id, EvidenceLink.record_id)
            .join(table, table.c.id == EvidenceLink.record_id)
            .where(
                EvidenceLink.record_table == kind.name,
                EvidenceLink.deleted.is_(False),
                table.c.unit_id == unit_id,
                table.c.year == year,
            )
        )
        found.update({link_id: record_id for link_id, record_id in session.execute(statement)})
    return found


def plan_evidence(session: Session, pkg: Package, plan: ImportPlan) -> None:
    """Sort the package's attachments into the plan (added, removed, files new here), without writing.
    A package of format 3 or older carries none and changes none."""
    if pkg.evidence is None:
        return
    plan.carries_evidence = True
    plan.evidence_files = len(pkg.evidence_files)
    plan.evidence_bytes = sum(len(data) for data in pkg.evidence_files.values())
    skipped = {(issue.kind, issue.record_id) for issue in plan.skipped}
    links = [link for link in pkg.evidence if (link["kind"], link["record_id"]) not in skipped]
    ids = [link["id"] for link in links]
    known: dict[str, bool] = {}  # link id here → deleted
    for chunk in _chunks(ids):
        statement = select(EvidenceLink.id, EvidenceLink.deleted).where(EvidenceLink.id.in_(chunk))
        known.update({link_id: deleted for link_id, deleted in session.execute(statement)})
    here = _links_here(session, plan.unit_id, plan.year) if plan.unit_id else {}
    writes = plan.writes
    needed: set[str] = set()
    for link in links:
        if link["id"] not in known:
            writes.evidence_links.append(_link_row(link))
        elif known[link["id"]]:
            writes.evidence_link_updates.append({"id": link["id"], "deleted": False, "deleted_at": None})
        else:
            continue
        plan.evidence_added += 1
        needed.add(link["sha256"])
    sent = set(ids)
    now = utcnow()
    for link_id in sorted(set(here) - sent):
        writes.evidence_link_updates.append(
            {"id": link_id, "deleted": True, "deleted_at": now, "deleted_by": plan.unit_code}
        )
        plan.evidence_removed += 1
    stored: set[str] = set()
    wanted = sorted(needed)
    for chunk in _chunks(wanted):
        stored.update(session.scalars(select(EvidenceFile.sha256).where(EvidenceFile.sha256.in_(chunk))))
    media = {link["sha256"]: link["media_type"] for link in links}
    for sha256 in wanted:
        if sha256 in stored:
            continue
        data = pkg.evidence_files[sha256]
        writes.evidence_files.append(
            {
                "sha256": sha256,
                "size": len(data),
                "media_type": media[sha256],
                "stored_at": now,
                "content": data,
            }
        )
        plan.evidence_new_files += 1
        plan.evidence_new_bytes += len(data)


def _link_row(link: dict[str, Any]) -> dict[str, Any]:
    stamp = pf.parse_stamp(link["added_at"])
    return {
        "id": link["id"],
        "record_table": link["kind"],
        "record_id": link["record_id"],
        "sha256": link["sha256"],
        "file_name": link["file_name"],
        "media_type": link["media_type"],
        "size": link["size"],
        "added_at": stamp,
        "added_by": link["added_by"],
        "deleted": False,
        "deleted_at": None,
        "deleted_by": "",
    }


def apply_evidence(session: Session, plan: ImportPlan) -> None:
    """Write what ``plan_evidence`` planned, inside the import's transaction: the files first (the links
    point at them)."""
    from sqlalchemy import update

    writes = plan.writes
    connection = session.connection()
    bulk_insert(connection, EvidenceFile.__table__, writes.evidence_files)
    bulk_insert(connection, EvidenceLink.__table__, writes.evidence_links)
    for changes in (
        [row for row in writes.evidence_link_updates if row["deleted"]],
        [row for row in writes.evidence_link_updates if not row["deleted"]],
    ):
        if changes:
            session.execute(update(EvidenceLink), changes)


# ------------------------------------------------------------------------------------------- copies


def save_copy(db: Database, link_id: str, out: str | Path) -> SavedFile:
    """Save a copy of an attachment to ``out`` (a folder, or a file named with the file's extension),
    the safe way (exchange.safe_save)."""
    from emulation_desktop.exchange.safe_save import output_target, safe_filename, safe_write

    evidence, data = content_of(db, link_id)
    allowed = EXTENSIONS.get(evidence.media_type, (Path(evidence.file_name).suffix.lower() or ".bin",))
    name = safe_filename(evidence.file_name)
    if Path(name).suffix.lower() not in allowed:
        name = Path(name).stem + allowed[0]
    target = Path(out)
    suffix = target.suffix.lower() if target.suffix.lower() in allowed else allowed[0]
    folder, file_name = output_target(out, suffix, name)
    return safe_write(folder, file_name, data)
