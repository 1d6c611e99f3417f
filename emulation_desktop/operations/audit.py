"""The audit trail, readable: who changed what, when, from what to what, for one record or a unit-year.

Each ``AuditEntry`` keeps the old and new values as JSON; here they become lines a clerk reads: the
field's label, and values as the window shows them (1.500.000; 08/11/2022; "Hộ nghèo"; a commune's
name instead of its id). Also the lock status of a unit-year. Qt-free, so tests and reports reuse it.

``record_history_of`` and ``year_history_of`` are the window's doors (each opens its own read); the
functions over a session are the building blocks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from emulation_desktop.domain import models as m
from emulation_desktop.domain.fields import Field
from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.locale import formatting
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.storage.database import Database

ACTION_LABELS = {
    "create": N_("Added"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "restore": N_("Restored"),
    "lock": N_("Year locked"),
    "unlock": N_("Year unlocked"),
}
LONG_TEXT = 120  # longer values are cut in the trail; the record itself keeps them whole
YEAR_LIMIT = 2000

_BY_TABLE: dict[str, RecordKind] = {kind.model.__tablename__: kind for kind in KINDS.values()}


@dataclass(frozen=True)
class Change:
    field: str
    label: str  # translated field label
    old: str  # formatted; "" when there was no old value (a new record)
    new: str


@dataclass(frozen=True)
class AuditLine:
    at: datetime  # local time
    user: str
    action: str
    action_label: str  # translated
    kind: str  # kind name ("donation"), or "emulation_year"
    kind_label: str  # translated
    record_id: str
    record_title: str  # a few words naming the record ("Công ty TNHH Bắc Hồng")
    changes: tuple[Change, ...] = field(default_factory=tuple)
    reason: str = ""

    def describe(self) -> str:
        """One line per change: "Số tiền: 1.000.000 → 2.000.000"."""
        lines, empty = [], _("(empty)")
        for change in self.changes:
            if self.action == "create" or not change.old:
                lines.append(f"{change.label}: {change.new or empty}")
            else:
                lines.append(f"{change.label}: {change.old} → {change.new or empty}")
        if self.reason:
            lines.append(_("Reason: {reason}").format(reason=self.reason))
        return "\n".join(lines)


@dataclass(frozen=True)
class YearLock:
    locked: bool
    locked_at: datetime | None = None  # local time
    reason: str = ""
    revised_after_submission: bool = False


@dataclass(frozen=True)
class YearHistory:
    lines: list[AuditLine]
    lock: YearLock


def _local(at: datetime | None) -> datetime:
    """Audit times are stored as naive UTC; show them in the computer's time zone."""
    if at is None:
        return datetime.now()
    return at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


class _Names:
    """Unit names by id, looked up once per query (for "ref" fields such as commune_id)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[str, str] = {}

    def __call__(self, unit_id: str) -> str:
        if unit_id not in self.cache:
            name = self.session.scalar(select(m.Unit.name).where(m.Unit.id == unit_id))
            self.cache[unit_id] = name or unit_id
        return self.cache[unit_id]


def format_value(spec: Field | None, value: Any, names: Any = None) -> str:
    """A stored value as the window shows it ("" for none)."""
    if value is None or value == "":
        return ""
    kind = spec.kind if spec else ""
    try:
        if kind == "money":
            return formatting.format_vnd(int(value))
        if kind in ("int", "year") and spec and spec.name != "year":
            return formatting.format_number(int(value))
        if kind == "percent":
            return formatting.format_number(int(value) / 10, 1) + "%"
        if kind == "date":
            parsed = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
            return formatting.format_date(parsed)
        if kind == "choice" and spec:
            return _(choice_label(spec.name, str(value)))
        if kind == "ref" and names is not None:
            return names(str(value))
        if spec and spec.name == "indicator_code" and value in BY_CODE:
            return _(BY_CODE[value].label)
    except (TypeError, ValueError):
        pass
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return _short(str(value))


def _values(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {"": text}  # an older free-text entry ("3 units added")
    return loaded if isinstance(loaded, dict) else {"": text}


def _changes(kind: RecordKind | None, old: dict[str, Any], new: dict[str, Any], names: Any) -> list[Change]:
    specs = {f.name: f for f in kind.fields} if kind else {}
    order = [f.name for f in kind.fields] if kind else []
    keys = [k for k in order if k in old or k in new] + sorted(k for k in {*old, *new} if k not in order)
    out = []
    for key in keys:
        if kind and kind.parent and key == kind.parent[0]:
            continue  # the parent's id says nothing to a clerk
        spec = specs.get(key)
        if key == "deleted":
            continue  # told by the action ("Deleted", "Restored")
        label = _(spec.label) if spec else (_("Details") if key == "" else key)
        old_text = format_value(spec, old.get(key), names) if key in old else ""
        new_text = format_value(spec, new.get(key), names) if key in new else ""
        if old_text == new_text:
            continue  # unchanged, or a new record's empty field
        out.append(Change(key, label, old_text, new_text))
    return out


def _title(kind: RecordKind, record: Any, names: Any) -> str:
    """A few words naming the record: its first text field with a value, else its place."""
    for spec in kind.fields:
        if spec.kind in ("text", "longtext") and spec.name not in ("note",) and not spec.name.endswith("_id"):
            value = getattr(record, spec.name, "") or ""
            if value:
                return format_value(spec, value, names)
    for spec in kind.fields:
        if spec.kind in ("ref", "choice"):
            value = getattr(record, spec.name, None)
            if value:
                return format_value(spec, value, names)
    return ""


def _line(entry: m.AuditEntry, kind: RecordKind | None, title: str, names: Any) -> AuditLine:
    if kind is None and entry.table_name == "emulation_year":
        kind_name, kind_label = "emulation_year", _("Emulation year")
    else:
        kind_name = kind.name if kind else entry.table_name
        kind_label = _(kind.label) if kind else entry.table_name
    return AuditLine(
        at=_local(entry.at),
        user=entry.user or "",
        action=entry.action,
        action_label=_(ACTION_LABELS[entry.action]) if entry.action in ACTION_LABELS else entry.action,
        kind=kind_name,
        kind_label=kind_label,
        record_id=entry.record_id,
        record_title=title,
        changes=tuple(_changes(kind, _values(entry.old_values), _values(entry.new_values), names)),
        reason=entry.reason or "",
    )


def record_history(session: Session, kind_name: str, record_id: str) -> list[AuditLine]:
    """Every audited change of one record, newest first."""
    kind = KINDS[kind_name]
    names = _Names(session)
    record = session.get(kind.model, record_id)
    title = _title(kind, record, names) if record is not None else ""
    entries = session.scalars(
        select(m.AuditEntry)
        .where(m.AuditEntry.table_name == kind.model.__tablename__, m.AuditEntry.record_id == record_id)
        .order_by(m.AuditEntry.at.desc(), m.AuditEntry.id.desc())
    ).all()
    return [_line(e, kind, title, names) for e in entries]


def year_history(session: Session, unit_code: str, year: int, limit: int = YEAR_LIMIT) -> list[AuditLine]:
    """Every audited change of a unit-year's records, and its locks and unlocks, newest first."""
    unit = resolve_unit(session, unit_code)
    names = _Names(session)
    records: dict[tuple[str, str], tuple[RecordKind, Any]] = {}
    conditions = []
    for kind in KINDS.values():
        model: Any = kind.model
        found = session.scalars(select(model).where(model.unit_id == unit.id, model.year == year)).all()
        for record in found:
            records[(model.__tablename__, record.id)] = (kind, record)
        if found:
            conditions.append(
                and_(
                    m.AuditEntry.table_name == model.__tablename__,
                    m.AuditEntry.record_id.in_(
                        select(model.id).where(model.unit_id == unit.id, model.year == year)
                    ),
                )
            )
    year_id = session.scalar(
        select(m.EmulationYear.id).where(m.EmulationYear.unit_id == unit.id, m.EmulationYear.year == year)
    )
    if year_id:
        conditions.append(
            and_(m.AuditEntry.table_name == "emulation_year", m.AuditEntry.record_id == year_id)
        )
    if not conditions:
        return []
    entries = session.scalars(
        select(m.AuditEntry)
        .where(or_(*conditions))
        .order_by(m.AuditEntry.at.desc(), m.AuditEntry.id.desc())
        .limit(limit)
    ).all()
    lines = []
    for entry in entries:
        kind, record = records.get((entry.table_name, entry.record_id), (None, None))
        title = _title(kind, record, names) if kind is not None else str(year)
        lines.append(_line(entry, kind, title, names))
    return lines


def year_lock(session: Session, unit_code: str, year: int) -> YearLock:
    """Whether a unit-year is locked, since when, why, and whether it was revised after submission."""
    unit = resolve_unit(session, unit_code)
    row = session.scalar(
        select(m.EmulationYear).where(m.EmulationYear.unit_id == unit.id, m.EmulationYear.year == year)
    )
    if row is None:
        return YearLock(False)
    return YearLock(
        bool(row.locked),
        _local(row.locked_at) if row.locked and row.locked_at else None,
        row.lock_reason or "",
        bool(row.revised_after_submission),
    )


def record_history_of(db: Database, kind_name: str, record_id: str) -> list[AuditLine]:
    """Every audited change of one record, newest first, read on its own (see ``record_history``)."""
    with db.session() as session:
        return record_history(session, kind_name, record_id)


def year_history_of(db: Database, unit_code: str, year: int) -> YearHistory:
    """A unit-year's trail and its lock status, read together (see ``year_history``, ``year_lock``)."""
    with db.session() as session:
        return YearHistory(year_history(session, unit_code, year), year_lock(session, unit_code, year))
