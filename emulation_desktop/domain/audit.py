"""The audit log: who changed what, when, from what to what."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, restore, lock, unlock...
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), default="")
    old_values: Mapped[str] = mapped_column(Text, default="")  # JSON
    new_values: Mapped[str] = mapped_column(Text, default="")  # JSON
    reason: Mapped[str] = mapped_column(Text, default="")


def audit_values(values: Mapping[str, Any] | str | None) -> str:
    """Old or new values as the audit log keeps them: a mapping as JSON (keys sorted, a date as its
    ISO text), a text as it is (an older entry's "3 units added"), "" for none."""
    if not values:
        return ""
    if isinstance(values, str):
        return values
    return json.dumps(dict(values), ensure_ascii=False, default=str, sort_keys=True)


def audit_row(
    action: str,
    table_name: str,
    record_id: str = "",
    *,
    user: str = "",
    old: Mapping[str, Any] | str | None = None,
    new: Mapping[str, Any] | str | None = None,
    reason: str = "",
) -> AuditEntry:
    """The audit entry of one change, with the values before and after (see ``audit_values``):
    ``session.add(audit_row("update", "donation", record.id, user=user, old=old, new=new))``."""
    return AuditEntry(
        user=user,
        action=action,
        table_name=table_name,
        record_id=record_id,
        old_values=audit_values(old),
        new_values=audit_values(new),
        reason=reason,
    )


class Setting(Base):
    """Installation-wide settings stored with the data (installation id, user name...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
