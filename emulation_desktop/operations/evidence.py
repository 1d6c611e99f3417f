"""Evidence files attached to a record (issue #18, domain/evidence.py): attach, list, open, remove.

A file is accepted by what its bytes are, never by its name: a PDF starts ``%PDF-`` and ends with
``%%EOF``; a JPEG, PNG or WebP photo must also decode (Pillow, which ReportLab brings already), so a cut
short copy from a pulled stick is refused here rather than found broken at the cluster head. Anything
else is refused with a message saying what it looks like and what is accepted. Each attach and each
removal is one transaction with its audit entry; the record's own rules apply (an imported unit's
record or a locked year cannot get files).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from emulation_desktop.domain import evidence as ev
from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.evidence import EvidenceFile, EvidenceLink
from emulation_desktop.domain.file_messages import unreadable
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, NotFoundError
from emulation_desktop.locale.formatting import format_number
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import _guard, _load, kind_of
from emulation_desktop.storage.database import Database

LINK_TABLE = EvidenceLink.__tablename__


@dataclass(frozen=True)
class Evidence:
    """One attachment as the window and the command line show it."""

    id: str
    kind: str
    record_id: str
    sha256: str
    file_name: str
    media_type: str
    size: int
    added_at: datetime
    added_by: str

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "record_id": self.record_id,
            "sha256": self.sha256,
            "file_name": self.file_name,
            "media_type": self.media_type,
            "size": self.size,
            "added_at": self.added_at.isoformat(timespec="seconds"),
            "added_by": self.added_by,
        }


def size_text(size: int) -> str:
    """A file's size as a clerk reads it: "850 KB", "12,3 MB" (decimal units, as Windows rounds them
    close enough)."""
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)) if size else 0)} KB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"


# ------------------------------------------------------------------------------------ what a file is

_JPEG, _PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"


def _looks_like(data: bytes) -> str:
    """What a refused file looks like, for the message (its first bytes, not its name)."""
    head = data[:64]
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return _("a HEIC photo from an iPhone (save it as JPEG first)")
    if head[4:8] == b"ftyp":
        return _("a video or audio file")
    known = (
        (b"MZ", _("a Windows program (.exe)")),
        (b"\x7fELF", _("a program")),
        (b"PK\x03\x04", _("a ZIP archive or a Word/Excel file (.docx, .xlsx; save it as PDF first)")),
        (b"\xd0\xcf\x11\xe0", _("an old Word/Excel file (.doc, .xls; save it as PDF first)")),
        (b"Rar!", _("a RAR archive")),
        (b"GIF8", _("a GIF image (save it as PNG first)")),
        (b"BM", _("a BMP image (save it as PNG first)")),
        (b"II*\x00", _("a TIFF image (save it as PDF or PNG first)")),
        (b"MM\x00*", _("a TIFF image (save it as PDF or PNG first)")),
        (b"{\\rtf", _("an RTF document (save it as PDF first)")),
    )
    for magic, name in known:
        if head.startswith(magic):
            return name
    if not data:
        return _("an empty file")
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return _("a file of an unknown kind")
    return _("a text file")


def _decodes(data: bytes) -> bool:
    """Whether an image really decodes (a renamed or cut-short file does not)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            # A reduced-size decode still reads the whole compressed stream: a truncated file fails.
            image.draft("RGB", (256, 256))
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
    return True


def sniff(data: bytes, file_name: str = "") -> str:
    """The media type of an evidence file, by its content; InputError naming what it is otherwise."""
    shown = file_name or _("The file")
    if data.startswith(b"%PDF-"):
        # The trailer is written last: without "%%EOF" near the end the copy was cut short.
        if b"%%EOF" in data[-2048:]:
            return "application/pdf"
        raise InputError(
            _("“{name}” is a damaged or incomplete PDF (it may have been cut short); copy it again.").format(
                name=shown
            )
        )
    media = None
    if data.startswith(_JPEG):
        media = "image/jpeg"
    elif data.startswith(_PNG):
        media = "image/png"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        media = "image/webp"
    if media is not None:
        if _decodes(data):
            return media
        raise InputError(
            _(
                "“{name}” looks like a photo but cannot be read (damaged or incomplete); copy it again."
            ).format(name=shown)
        )
    raise InputError(
        _("“{name}” is not accepted: it is {what}. Evidence files must be PDF, JPEG, PNG or WebP.").format(
            name=shown, what=_looks_like(data)
        )
    )


def check_size(size: int, file_name: str) -> None:
    if size > ev.MAX_FILE_BYTES:
        raise InputError(
            _("“{name}” is {size}; an evidence file may be at most {limit}.").format(
                name=file_name, size=size_text(size), limit=size_text(ev.MAX_FILE_BYTES)
            )
        )
    if size == 0:
        raise InputError(_("“{name}” is empty.").format(name=file_name))


def clean_file_name(name: str) -> str:
    """The name as kept and shown: its last part only, NFC, trimmed, at most 255 characters (the
    extension kept), and nothing UTF-8 cannot hold (a Linux name undecodable as UTF-8)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = clean_text(name.encode("utf-8", "replace").decode("utf-8").replace("\x00", ""))
    if len(name) > ev.MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            name = stem[: ev.MAX_NAME_LENGTH - len(extension) - 1] + "." + extension
        else:
            name = name[: ev.MAX_NAME_LENGTH]
    return name or "tep"


# ------------------------------------------------------------------------------------------- reading


def _evidence(link: EvidenceLink) -> Evidence:
    return Evidence(
        link.id,
        link.record_table,
        link.record_id,
        link.sha256,
        link.file_name,
        link.media_type,
        link.size,
        link.added_at,
        link.added_by,
    )


def _live_links(session: Session, kind_name: str, record_id: str) -> list[EvidenceLink]:
    return list(
        session.scalars(
            select(EvidenceLink)
            .where(
                EvidenceLink.record_table == kind_name,
                EvidenceLink.record_id == record_id,
                EvidenceLink.deleted.is_(False),
            )
            .order_by(EvidenceLink.added_at, EvidenceLink.id)
        )
    )


def list_evidence(db: Database, kind_name: str, record_id: str) -> list[Evidence]:
    """The files attached to a record, oldest first."""
    kind_of(kind_name)
    with db.session() as session:
        return [_evidence(link) for link in _live_links(session, kind_name, record_id)]


def content_of(db: Database, link_id: str) -> tuple[Evidence, bytes]:
    """An attachment and its bytes (to open or save a copy)."""
    with db.session() as session:
        link = session.get(EvidenceLink, link_id)
        if link is None or link.deleted:
            raise NotFoundError(_("The evidence file was not found; it may have been removed."))
        data = session.scalar(select(EvidenceFile.content).where(EvidenceFile.sha256 == link.sha256))
        if data is None:
            raise NotFoundError(_("The evidence file was not found; it may have been removed."))
        return _evidence(link), bytes(data)


# ------------------------------------------------------------------------------------------- writing


def read_source(path: str | Path) -> tuple[bytes, str]:
    """A file the clerk chose: its bytes and name, its size checked before it is read."""
    path = Path(path)
    try:
        check_size(path.stat().st_size, path.name)
        return path.read_bytes(), path.name
    except OSError as exc:
        raise InputError(unreadable(path, exc)) from exc


def attach(
    db: Database,
    kind_name: str,
    record_id: str,
    source: str | Path | bytes,
    *,
    file_name: str = "",
    user: str = "",
) -> Evidence:
    """Attach a file (a path, or bytes with ``file_name``) to a record, in one transaction with its
    audit entry. The bytes are stored once whatever record holds them already."""
    kind = kind_of(kind_name)
    if isinstance(source, bytes):
        data, name = source, file_name
    else:
        data, name = read_source(source)
        name = file_name or name
    name = clean_file_name(name)
    check_size(len(data), name)
    media_type = sniff(data, name)
    sha256 = hashlib.sha256(data).hexdigest()
    with db.transaction() as session:
        record, owner = _load(session, kind, record_id)
        if record.deleted:
            raise InputError(_("The record is in the recycle bin; restore it before attaching files."))
        _guard(session, owner, record.year)  # type: ignore[attr-defined]
        links = _live_links(session, kind.name, record_id)
        same = next((link for link in links if link.sha256 == sha256), None)
        if same is not None:
            raise InputError(
                _("This file is already attached to the record (as “{name}”).").format(name=same.file_name)
            )
        if len(links) >= ev.MAX_RECORD_FILES:
            raise InputError(
                _("A record may hold at most {n} evidence files; remove one first.").format(
                    n=ev.MAX_RECORD_FILES
                )
            )
        total = sum(link.size for link in links) + len(data)
        if total > ev.MAX_RECORD_BYTES:
            raise InputError(
                _(
                    "With “{name}” the record's evidence files would take {size}; a record may hold at most {limit}."
                ).format(name=name, size=size_text(total), limit=size_text(ev.MAX_RECORD_BYTES))
            )
        stored = session.scalar(select(func.count()).where(EvidenceFile.sha256 == sha256))
        if not stored:
            session.add(EvidenceFile(sha256=sha256, size=len(data), media_type=media_type, content=data))
        link = EvidenceLink(
            record_table=kind.name,
            record_id=record_id,
            sha256=sha256,
            file_name=name,
            media_type=media_type,
            size=len(data),
            added_at=utcnow(),
            added_by=user,
            deleted=False,
            deleted_by="",
        )
        session.add(link)
        session.flush()
        session.add(
            audit_row(
                "attach",
                LINK_TABLE,
                link.id,
                user=user,
                new={
                    "record_table": kind.name,
                    "record_id": record_id,
                    "file_name": name,
                    "sha256": sha256,
                    "size": len(data),
                    "media_type": media_type,
                },
            )
        )
        return _evidence(link)


def detach(db: Database, link_id: str, *, user: str = "") -> Evidence:
    """Remove an attachment from its record (the link is marked deleted; the bytes stay for the audit
    trail), in one transaction with its audit entry."""
    with db.transaction() as session:
        link = session.get(EvidenceLink, link_id)
        if link is None or link.deleted:
            raise NotFoundError(_("The evidence file was not found; it may have been removed."))
        record, owner = _load(session, kind_of(link.record_table), link.record_id)
        _guard(session, owner, record.year)  # type: ignore[attr-defined]
        link.deleted = True
        link.deleted_at = utcnow()
        link.deleted_by = user
        session.add(
            audit_row(
                "detach",
                LINK_TABLE,
                link.id,
                user=user,
                old={"record_id": link.record_id, "file_name": link.file_name, "sha256": link.sha256},
                new={"deleted": True},
            )
        )
        return _evidence(link)
