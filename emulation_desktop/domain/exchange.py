"""Data exchange bookkeeping: trusted keys, the package history and what each imported record was based on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, new_id, utcnow


class TrustedKey(Base):
    """A unit's public signing key, registered once by the receiving office (from the unit's key card).

    Only one key per unit is active; replacing it keeps the old row with ``replaced_at``/``replaced_by``."""

    __tablename__ = "trusted_key"
    __table_args__ = (Index("ix_trusted_key_unit", "unit_code", "active"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    unit_code: Mapped[str] = mapped_column(String(20))
    unit_name: Mapped[str] = mapped_column(String(120), default="")
    public_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519 public key, base64
    fingerprint: Mapped[str] = mapped_column(String(100))
    trusted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    trusted_by: Mapped[str] = mapped_column(String(80), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaced_by: Mapped[str | None] = mapped_column(String(36))  # id of the key that replaced this one


class PackageLog(Base):
    """A package sent or received (or refused), for the history the clerk sees."""

    __tablename__ = "package_log"
    __table_args__ = (Index("ix_package_log_package", "package_id", "direction"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(10))  # "sent" or "received"
    package_id: Mapped[str] = mapped_column(String(36), default="")
    unit_code: Mapped[str] = mapped_column(String(20), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime | None] = mapped_column(DateTime)  # when the package was made
    logged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20))  # sent, applied, unchanged, rejected
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    user: Mapped[str] = mapped_column(String(80), default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # JSON


class ImportState(Base):
    """What an imported record was last set from: the base for telling an update from a conflict."""

    __tablename__ = "import_state"
    __table_args__ = (Index("ix_import_state_unit", "unit_code", "year"),)

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    unit_code: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)  # the version the package carried
    row_hash: Mapped[str] = mapped_column(String(32))  # of the row as the package carried it
    package_id: Mapped[str] = mapped_column(String(36))
