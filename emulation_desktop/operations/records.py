"""Create, update, soft-delete and restore any kind of record: one function, one transaction each."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row, audit_values
from emulation_desktop.domain.base import new_id, utcnow
from emulation_desktop.domain.fields import convert
from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.models import AuditEntry, EmulationYear, RecordMixin, Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.domain.text import fold
from emulation_desktop.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    ReadOnlyError,
    ValidationError,
)
from emulation_desktop.locale.i18n import _, gettext_in
from emulation_desktop.storage.bulk import bulk_insert
from emulation_desktop.storage.database import Database

_SYSTEM_FIELDS = {
    "id",
    "created_at",
    "updated_at",
    "updated_by",
    "version",
    "deleted",
    "search_key",
}


log = logging.getLogger(__name__)


def kind_of(name: str) -> RecordKind:
    try:
        return KINDS[name]
    except KeyError:
        raise InputError(_("Unknown kind of record “{name}”.").format(name=name)) from None


def resolve_unit(session: Session, unit: str) -> Unit:
    """Find a unit by id or code."""
    found = session.scalar(select(Unit).where((Unit.id == unit) | (Unit.code == unit)))
    if found is None or found.deleted:
        raise NotFoundError(_("No unit with code “{code}”.").format(code=unit))
    return found


class Places:
    """The communes and villages under a unit, for resolving and checking references."""

    def __init__(self, session: Session, unit: Unit) -> None:
        self.unit = unit
        self._session = session
        self._loaded: dict[str, Any] | None = None

    @property
    def _by_key(self) -> dict[str, Any]:
        # Loaded on first use: recommendations and pledge targets refer to no place and skip the query.
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _load(self) -> dict[str, Any]:
        session, unit = self._session, self.unit
        rows = session.execute(
            select(Unit.id, Unit.code, Unit.name, Unit.level_code).where(
                in_subtree(Unit.path, unit.path), Unit.id != unit.id, Unit.deleted.is_(False)
            )
        ).all()
        by_key: dict[str, Any] = {}
        for row in rows:
            by_key[row.id] = row
            by_key[row.code] = row
        return by_key

    def resolve(self, value: str, levels: tuple[str, ...]) -> tuple[str, str]:
        """(id, name) of the place with this id or code, if it lies under the unit at these levels."""
        row = self._by_key.get(value)
        if row is None or row.level_code not in levels:
            raise InputError(
                _("No commune or village “{value}” in {unit}.").format(value=value, unit=self.unit.name)
            )
        return row.id, row.name


def _guard(session: Session, unit: Unit, year: int | None) -> None:
    if not unit.is_local:
        raise ReadOnlyError(
            _("{unit} is an imported unit; its records are read-only here.").format(unit=unit.name)
        )
    if year is not None and session.scalar(
        select(EmulationYear.locked).where(EmulationYear.unit_id == unit.id, EmulationYear.year == year)
    ):
        raise ReadOnlyError(
            _("The year {year} of {unit} is locked; unlock it first.").format(year=year, unit=unit.name)
        )


def clean_values(
    kind: RecordKind,
    raw: Mapping[str, Any],
    places: Places,
    *,
    partial: bool = False,
    place_names: list[str] | None = None,
) -> dict[str, Any]:
    """Validate and convert raw values; raise ValidationError listing every bad field.

    ``place_names`` (if given) receives the names of the referenced places, for the search key."""
    unknown = set(raw) - {f.name for f in kind.fields}
    if unknown:
        raise InputError(_("Unknown fields: {names}.").format(names=", ".join(sorted(unknown))))
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in kind.fields:
        if partial and field.name not in raw:
            continue
        try:
            value = convert(field, raw.get(field.name))
            if field.kind == "ref" and value is not None:
                value, name = places.resolve(value, field.ref_levels)
                if place_names is not None:
                    place_names.append(name)
            cleaned[field.name] = value
        except InputError as exc:
            errors[field.name] = exc.message
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_values(kind: RecordKind, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for check in kind.checks:
        errors.update(check(values))
    if errors:
        raise ValidationError(errors)


@lru_cache(maxsize=1024)
def _choice_words(field: str, value: str) -> str:
    """Folded Vietnamese and English labels of a coded value, so either language finds the record."""
    label = choice_label(field, value)
    return fold(f"{gettext_in('vi', label)} {label}")


def search_key_of(kind: RecordKind, values: Mapping[str, Any], place_names: Iterable[str]) -> str:
    parts = [str(values.get(name) or "") for name in kind.search_fields]
    parts.extend(place_names)
    folded = [fold(" ".join(p for p in parts if p))]
    for field in kind.fields:
        if field.kind == "choice" and values.get(field.name):
            folded.append(_choice_words(field.name, values[field.name]))
    return " ".join(f for f in folded if f)


def _place_names(kind: RecordKind, values: Mapping[str, Any], places: Places) -> list[str]:
    names = []
    for field in kind.fields:
        if field.kind == "ref" and values.get(field.name):
            names.append(places.resolve(values[field.name], field.ref_levels)[1])
    return names


def _audit(
    session: Session,
    action: str,
    kind: RecordKind,
    record_id: str,
    user: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
) -> None:
    session.add(audit_row(action, kind.model.__tablename__, record_id, user=user, old=old, new=new))


def _owner(
    session: Session, kind: RecordKind, unit: str | None, values: Mapping[str, Any]
) -> tuple[Unit, dict[str, Any]]:
    """The owning unit and the inherited columns (unit, and year for child records)."""
    if kind.parent:
        parent_field, parent_kind = kind.parent
        parent = session.get(KINDS[parent_kind].model, values.get(parent_field) or "")
        if parent is None or parent.deleted:
            raise NotFoundError(_("The parent record was not found."))
        owner = session.get(Unit, parent.unit_id)
        assert owner is not None
        return owner, {"unit_id": owner.id, "year": parent.year}
    if unit is None:
        raise InputError(_("Choose the unit the record belongs to."))
    owner = resolve_unit(session, unit)
    return owner, {"unit_id": owner.id}


def _integrity_message(exc: IntegrityError, kind: RecordKind) -> InputError:
    """A rule the database itself enforces, in the clerk's words. A second tally for the same place and
    year is said beside the place (the form shows it once there, instead of a dialog at every click);
    SQLite's English goes to the log only."""
    text = str(exc.orig)
    log.warning("%s: the data file refused the values: %s", kind.name, text)
    if "UNIQUE" in text:
        message = _("A record for this place and year already exists; edit that one instead.")
        place = next((f.name for f in kind.fields if f.kind == "ref"), None)
        return ValidationError({place: message}) if place else InputError(message)
    return InputError(_("The values break a data rule and were not saved."))


def create_record(
    db: Database, kind_name: str, unit: str | None, values: Mapping[str, Any], *, user: str = ""
) -> RecordMixin:
    """Validate and insert one record, with its audit entry, in one transaction."""
    kind = kind_of(kind_name)
    try:
        with db.transaction() as session:
            owner, inherited = _owner(session, kind, unit, values)
            places = Places(session, owner)
            cleaned = clean_values(kind, values, places)
            check_values(kind, cleaned)
            year = inherited.get("year", cleaned.get("year"))
            _guard(session, owner, year)
            record = kind.model(
                id=new_id(), updated_by=user, version=1, deleted=False, **inherited, **cleaned
            )
            record.search_key = search_key_of(kind, cleaned, _place_names(kind, cleaned, places))
            session.add(record)
            session.flush()
            _audit(session, "create", kind, record.id, user, None, cleaned)
    except IntegrityError as exc:
        raise _integrity_message(exc, kind) from exc
    return record


def create_records(
    db: Database, kind_name: str, unit: str, rows: Iterable[Mapping[str, Any]], *, user: str = ""
) -> int:
    """Validate many rows of one unit and insert them all in one transaction, or none.

    The bulk path of imports and the demo: rows are checked in Python, then inserted with executemany.
    A bad row raises ValidationError naming its row number (from 1).
    """
    kind = kind_of(kind_name)
    if kind.parent:
        raise InputError(_("Child records are created one by one."))
    now = utcnow()
    try:
        with db.transaction() as session:
            owner = resolve_unit(session, unit)
            places = Places(session, owner)
            records, audits, years = [], [], set()
            for number, raw in enumerate(rows, start=1):
                names: list[str] = []
                try:
                    cleaned = clean_values(kind, raw, places, place_names=names)
                    check_values(kind, cleaned)
                except ValidationError as exc:
                    raise ValidationError(
                        {
                            f"{number}:{k}": _("Row {n}: {message}").format(n=number, message=v)
                            for k, v in exc.errors.items()
                        }
                    ) from exc
                years.add(cleaned["year"])
                record_id = new_id()
                search = search_key_of(kind, cleaned, names)
                records.append(
                    dict(
                        cleaned,
                        id=record_id,
                        unit_id=owner.id,
                        created_at=now,
                        updated_at=now,
                        updated_by=user,
                        version=1,
                        deleted=False,
                        search_key=search,
                    )
                )
                audits.append(
                    {
                        "at": now,
                        "user": user,
                        "action": "create",
                        "record_id": record_id,
                        "table_name": kind.model.__tablename__,
                        "old_values": "",
                        "new_values": audit_values(cleaned),
                        "reason": "",
                    }
                )
            for year in years:
                _guard(session, owner, year)
            if records:
                connection = session.connection()
                bulk_insert(connection, kind.model.__table__, records)
                bulk_insert(connection, AuditEntry.__table__, audits)
    except IntegrityError as exc:
        raise _integrity_message(exc, kind) from exc
    return len(records)


def _load(session: Session, kind: RecordKind, record_id: str) -> tuple[RecordMixin, Unit]:
    record = session.get(kind.model, record_id)
    if record is None:
        raise NotFoundError(_("The record was not found; it may have been removed."))
    owner = session.get(Unit, record.unit_id)  # type: ignore[attr-defined]
    assert owner is not None
    return record, owner


def _snapshot(kind: RecordKind, record: RecordMixin) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in kind.fields}


def update_record(
    db: Database,
    kind_name: str,
    record_id: str,
    changes: Mapping[str, Any],
    *,
    user: str = "",
    expected_version: int | None = None,
) -> RecordMixin:
    """Change some fields of a record. ``expected_version`` guards against overwriting newer edits."""
    kind = kind_of(kind_name)
    if kind.parent and kind.parent[0] in changes:
        raise InputError(_("A record cannot be moved to another parent."))
    try:
        with db.transaction() as session:
            record, owner = _load(session, kind, record_id)
            if expected_version is not None and record.version != expected_version:
                raise ConflictError(_("Someone changed this record meanwhile; reload it and try again."))
            places = Places(session, owner)
            cleaned = clean_values(kind, changes, places, partial=True)
            old = _snapshot(kind, record)
            merged = {**old, **cleaned}
            check_values(kind, merged)
            _guard(session, owner, record.year)  # type: ignore[attr-defined]
            if "year" in cleaned:
                _guard(session, owner, cleaned["year"])
            changed = {k: v for k, v in cleaned.items() if old.get(k) != v}
            if not changed:
                return record
            for name, value in changed.items():
                setattr(record, name, value)
            record.version += 1
            record.updated_by = user
            record.search_key = search_key_of(kind, merged, _place_names(kind, merged, places))
            _audit(session, "update", kind, record.id, user, {k: old[k] for k in changed}, changed)
    except IntegrityError as exc:
        raise _integrity_message(exc, kind) from exc
    return record


def _set_deleted(db: Database, kind_name: str, record_id: str, deleted: bool, user: str) -> RecordMixin:
    kind = kind_of(kind_name)
    with db.transaction() as session:
        record, owner = _load(session, kind, record_id)
        _guard(session, owner, record.year)  # type: ignore[attr-defined]
        if record.deleted == deleted:
            return record
        record.deleted = deleted
        record.version += 1
        record.updated_by = user
        _audit(
            session,
            "delete" if deleted else "restore",
            kind,
            record.id,
            user,
            {"deleted": not deleted},
            {"deleted": deleted},
        )
    return record


def delete_record(db: Database, kind_name: str, record_id: str, *, user: str = "") -> RecordMixin:
    """Soft-delete: the record is hidden from lists and figures but can be restored."""
    return _set_deleted(db, kind_name, record_id, True, user)


def restore_record(db: Database, kind_name: str, record_id: str, *, user: str = "") -> RecordMixin:
    return _set_deleted(db, kind_name, record_id, False, user)
