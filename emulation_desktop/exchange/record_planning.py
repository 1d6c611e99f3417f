"""Planning a package's records and tombstones against the records here.

Incoming rows go through the same rules as a clerk's entries (``clean_values`` and the kind's checks),
must be of the package's year and have their parent record here or in the package; then each is
decided new / updated / unchanged / conflict (exchange.conflicts), unless a deletion received earlier
holds against it (it is then skipped, and the plan says so). A tombstone deletes the record here unless
it changed here since it was imported; a tombstone of a record never seen here is kept as its import
state, so that a later package that does not know of the deletion cannot bring the record back
(docs/reliability.md, "a deleted record comes back").
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.conflicts import DELETED, Copy, decide, deletion_holds, imported_copies
from emulation_desktop.exchange.import_plan import ImportPlan
from emulation_desktop.exchange.package_format import is_uuid, is_whole, parse_stamp, row_hash
from emulation_desktop.exchange.package_reading import Package
from emulation_desktop.exchange.unit_planning import PackagePlaces
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import check_values, clean_values, search_key_of


def plan_records(session: Session, pkg: Package, plan: ImportPlan, places: PackagePlaces) -> None:
    """Sort the package's records, then its tombstones, into the plan."""
    states = imported_copies(session, pkg.unit_code)
    checks = _RowChecks(pkg, plan, places)
    for kind in KINDS.values():
        model = kind.model
        local = {
            row.id: (row.version, row.deleted)
            for row in session.execute(
                select(model.id, model.version, model.deleted).where(model.unit_id == plan.unit_id)  # type: ignore[attr-defined]
            )
        }
        checks.live_ids[kind.name] = {i for i, (_v, dead) in local.items() if not dead}
        content = pkg.records.get(kind.name)
        if content is None:
            continue
        index = {name: i for i, name in enumerate(content["columns"])}
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row in content["rows"]:
            values = checks.values(kind, row, index)
            if values is None:
                continue
            record_id, version = values["id"], values["version"]
            digest = row_hash(row)
            here = local.get(record_id)
            base, incoming = states.get(record_id), Copy(version, digest)
            if deletion_holds(base, incoming):
                plan.add_skipped(
                    kind.name,
                    record_id,
                    _("the record was deleted earlier; this package does not know of it."),
                )
                continue
            decision = decide(None if here is None else Copy(here[0]), base, incoming)
            if plan.keeps_here(kind.name, record_id, decision):
                continue
            (inserts if decision.outcome == "new" else updates).append(values)
            plan.count_write(
                kind.name,
                decision.outcome,
                record_id=record_id,
                table_name=model.__tablename__,
                version=version,
                row_hash=digest,
            )
        plan.writes.record_inserts[kind.name] = inserts
        plan.writes.record_updates[kind.name] = updates
    _plan_tombstones(session, pkg, plan, states)


class _RowChecks:
    """The rules an incoming record must keep before it is compared with the one here: a clerk's rules,
    the package's year, one row per id, and its parent record here or in the package."""

    def __init__(self, pkg: Package, plan: ImportPlan, places: PackagePlaces) -> None:
        self.pkg, self.plan, self.places = pkg, plan, places
        self.tomb_ids = {t["id"] for t in pkg.tombstones}
        self.seen_ids: set[str] = set()
        self.live_ids: dict[str, set[str]] = {}  # kind → ids of its live records here

    def values(self, kind: RecordKind, row: list[Any], index: dict[str, int]) -> dict[str, Any] | None:
        """The row's values as they would be stored, or None when it breaks a rule (the plan says why)."""
        plan, year = self.plan, self.pkg.year
        record_id, version, created_raw, updated_raw, updated_by = (row[index[c]] for c in pf.SYSTEM_COLUMNS)
        if not is_uuid(record_id):
            shown_id = record_id if isinstance(record_id, str) else "?"
            plan.add_rejected(kind.name, shown_id[:40], _("The record identifier is not valid."))
            return None
        if record_id in self.seen_ids or record_id in self.tomb_ids:
            plan.add_rejected(kind.name, record_id, _("The record appears twice in the package."))
            return None
        self.seen_ids.add(record_id)
        created_at, updated_at = parse_stamp(created_raw), parse_stamp(updated_raw)
        if (
            not is_whole(version, 1)
            or created_at is None
            or updated_at is None
            or not isinstance(updated_by, str)
        ):
            plan.add_rejected(kind.name, record_id, _("The record's version or dates are not valid."))
            return None
        raw = {f.name: row[index[f.name]] for f in kind.fields}
        names: list[str] = []
        try:
            cleaned = clean_values(kind, raw, self.places, place_names=names)  # type: ignore[arg-type]
            check_values(kind, cleaned)
        except ValidationError as exc:
            plan.add_rejected(kind.name, record_id, "; ".join(exc.errors.values()))
            return None
        except InputError as exc:
            plan.add_rejected(kind.name, record_id, exc.message)
            return None
        # The columns are the kind's system columns and fields (checked when reading).
        if "year" in index and cleaned["year"] != year:
            plan.add_rejected(
                kind.name,
                record_id,
                _("The record is for {found}, not for the package's year {year}.").format(
                    found=cleaned["year"], year=year
                ),
            )
            return None
        if kind.parent:
            parent_field, parent_kind = kind.parent
            parent_id = cleaned[parent_field]
            if parent_id not in self.live_ids[parent_kind] and parent_id not in self.pkg.live_ids(
                parent_kind
            ):
                plan.add_rejected(
                    kind.name, record_id, _("The record's parent record is not in the package.")
                )
                return None
        return dict(
            cleaned,
            id=record_id,
            unit_id=plan.unit_id,
            year=year,
            created_at=created_at,
            updated_at=updated_at,
            updated_by=clean_text(updated_by)[:80],
            version=version,
            deleted=False,
            search_key=search_key_of(kind, cleaned, names),
        )


def _plan_tombstones(session: Session, pkg: Package, plan: ImportPlan, states: dict[str, Copy]) -> None:
    """Delete what the source deleted, unless it changed here meanwhile."""
    for tomb in pkg.tombstones:
        kind = KINDS[tomb["kind"]]
        model = kind.model
        here = session.execute(
            select(model.version, model.deleted, model.unit_id).where(model.id == tomb["id"])  # type: ignore[attr-defined]
        ).first()
        if here is None or here.deleted:
            plan.unchanged[kind.name] += 1
            if here is None and not deletion_holds(states.get(tomb["id"]), Copy(tomb["version"])):
                plan.keep_state(
                    record_id=tomb["id"],
                    table_name=model.__tablename__,
                    version=tomb["version"],
                    row_hash=DELETED,
                )
            continue
        if here.unit_id != plan.unit_id:
            plan.add_rejected(kind.name, tomb["id"], _("The deleted record belongs to another unit here."))
            continue
        base = states.get(tomb["id"])
        if base is None or here.version != base.version:
            plan.add_conflict(
                kind.name, tomb["id"], _("Deleted at the source but changed here; the copy here is kept.")
            )
            continue
        plan.writes.record_deletions.setdefault(kind.name, []).append(
            {"id": tomb["id"], "deleted": True, "version": tomb["version"]}
        )
        plan.count_write(
            kind.name,
            "delete",
            record_id=tomb["id"],
            table_name=model.__tablename__,
            version=tomb["version"],
            row_hash=DELETED,
        )
