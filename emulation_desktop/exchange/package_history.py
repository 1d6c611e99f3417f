"""The package history (``PackageLog``): packages sent and received, and the ones turned away.

A refused package is written here too, once per file, so that the clerk and an auditor see what came
in and why it was turned away; nothing else of it is written. An applied package is what makes the
same package twice change nothing, and a package older than one already imported be refused.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import PackageLog
from emulation_desktop.errors import AppError
from emulation_desktop.storage.database import Database

if TYPE_CHECKING:
    from emulation_desktop.exchange.import_plan import ImportPlan

log = logging.getLogger(__name__)

_APPLIED = select(PackageLog).where(PackageLog.direction == "received", PackageLog.status == "applied")


def history(session: Session, limit: int = 200) -> list[PackageLog]:
    """Packages sent and received, newest first."""
    return list(
        session.scalars(
            select(PackageLog).order_by(PackageLog.logged_at.desc(), PackageLog.id.desc()).limit(limit)
        )
    )


def package_history(db: Database, limit: int = 200) -> list[PackageLog]:
    """The history the exchange tab shows: packages sent and received, newest first."""
    with db.session() as session:
        return history(session, limit)


def already_imported(session: Session, package_id: str) -> PackageLog | None:
    """The entry of the package's import, when it was imported here already."""
    return session.scalars(_APPLIED.where(PackageLog.package_id == package_id)).first()


def newer_import(
    session: Session, unit_code: str, year: int, *, sequence: int | None, key: str, created_at: datetime
) -> PackageLog | None:
    """An imported package of the same unit and year that is newer than this one, if there is one.

    Packages are ordered by the number their sender gave them (exchange.package_sequence), never by a
    clock: a computer with a wrong clock must not lock its later packages out. Numbers are compared
    among the packages verified by the same key (a new computer has a new key and starts again at 1).
    Packages of format 1 have no number: among themselves they are ordered by their creation time, as
    that version did, and any numbered package of the same key is newer than them (the sender updated).
    The number and key of an applied package are in its summary (``ImportPlan.as_json``)."""
    applied = _APPLIED.where(PackageLog.unit_code == unit_code, PackageLog.year == year)
    their_number = func.json_extract(PackageLog.summary, "$.sequence")
    same_key = func.json_extract(PackageLog.summary, "$.key") == key
    if sequence is None:
        condition = or_(
            and_(their_number.is_(None), PackageLog.created_at > created_at),
            and_(their_number.is_not(None), same_key),
        )
    else:
        condition = and_(their_number >= sequence, same_key)
    return session.scalars(applied.where(condition).order_by(their_number.desc())).first()


def sequence_of(entry: PackageLog) -> int | None:
    """The number of an applied package (None for a package of format 1)."""
    try:
        number = json.loads(entry.summary).get("sequence")
    except (ValueError, AttributeError):
        return None
    return number if type(number) is int else None


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
