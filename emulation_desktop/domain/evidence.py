"""Evidence files attached to a record: scanned minutes, photos of a handed-over house (issue #18).

A file's bytes are kept once, by their SHA-256 (``evidence_file``), however many records point at them
and however often a package brings them again; each attachment is a link (``evidence_link``) from one
record (its table and id) to those bytes, with the name the clerk's file had, its media type and size,
who added it and when. Removing an attachment only marks the link deleted: the bytes stay, so the audit
trail can always show what was attached.

The bytes live in the data file itself, not in a folder beside it (docs/exchange.md, "Evidence files":
backups, restore, the check and the record's own transaction then cover them with no second copy path).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, new_id, utcnow

# What a clerk may attach, checked by the file's first bytes (operations.evidence.sniff), never by its
# name: media type → the Vietnamese-facing name of the kind of file.
MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp", "image/heic")
# A scanned set of minutes at 300 dpi or a phone photo is a few MB; 20 MB leaves room for a long scan
# and keeps one file well inside what a package (and an office PC's memory) carries comfortably.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Per record: a handful of photos and a scan. The cap keeps one record from filling a package.
MAX_RECORD_BYTES = 60 * 1024 * 1024
MAX_RECORD_FILES = 20
MAX_NAME_LENGTH = 255


class EvidenceFile(Base):
    """The bytes of one evidence file, once, under their SHA-256 (lower-case hex)."""

    __tablename__ = "evidence_file"
    __table_args__ = (CheckConstraint("size >= 0", name="size"),)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(40))
    stored_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Last, so that reading the other columns never pages the bytes in.
    content: Mapped[bytes] = mapped_column(LargeBinary)


class EvidenceLink(Base):
    """One file attached to one record (``record_table`` is the record kind's name, its table)."""

    __tablename__ = "evidence_link"
    __table_args__ = (
        CheckConstraint("size >= 0", name="size"),
        Index("ix_evidence_link_record", "record_table", "record_id", "deleted"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    record_table: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_file.sha256"))
    file_name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH))  # NFC, as the clerk's file was named
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(BigInteger)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(80), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    deleted_by: Mapped[str] = mapped_column(String(80), default="")
