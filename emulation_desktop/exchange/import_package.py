"""Importing a data package, the front door: verify it, plan what it would change, then apply it all or
nothing.

Reading and verifying is exchange.package_reading; planning, exchange.import_planning (the plan is an
``ImportPlan``, exchange.import_plan); the refusals and the applied packages are kept in the package
history (exchange.package_history). Applying takes a backup, then writes everything the plan holds in
one transaction: new units and places, records (the bulk path for new rows), criteria sets before the
self-scores that point at them, the import states, an audit entry and the history's entry.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from emulation_desktop import paths
from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import (
    CriteriaSet,
    Criterion,
    CriterionGroup,
    ImportState,
    PackageLog,
    SelfScore,
    Unit,
)
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.exchange import criteria_sets, evidence_files
from emulation_desktop.exchange.criteria_set_planning import PlannedSet
from emulation_desktop.exchange.import_plan import ImportPlan
from emulation_desktop.exchange.import_planning import plan_import
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.exchange.package_history import already_imported, log_refusal
from emulation_desktop.exchange.package_reading import read_file, read_package
from emulation_desktop.exchange.unit_planning import apply_predecessors
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.structure import change_ownership
from emulation_desktop.storage.bulk import bulk_insert
from emulation_desktop.storage.database import Database

log = logging.getLogger(__name__)


def import_package(
    db: Database,
    source: str | Path | bytes,
    *,
    dry_run: bool = False,
    user: str = "",
    backup: bool = True,
    file_name: str = "",
    record_refusal: bool | None = None,
) -> ImportPlan:
    """Verify, plan and (unless ``dry_run``) apply a package. Raises PackageRejected; returns the plan
    with ``status`` "planned" (dry run), "applied" or "unchanged" (already imported).

    A refusal (and, in a dry run, a plan with records that break the rules) is written to the package
    history (``log_refusal``) when ``record_refusal`` says so: by default when importing, not in a dry
    run, which then writes nothing. The clerk's check before importing is a dry run that records it."""
    data = source if isinstance(source, bytes) else read_file(source)
    name = file_name or ("" if isinstance(source, bytes) else Path(source).name)
    from emulation_desktop.exchange import acknowledgement

    if acknowledgement.is_acknowledgement(data):  # the receiver's answer to a package sent (#18)
        return acknowledgement.receive(db, data, dry_run=dry_run, user=user, file_name=name)  # type: ignore[return-value]
    from emulation_desktop.exchange import forwarding

    if forwarding.is_forwarding(data):  # a cluster head's forwarding of its members' years (#18)
        return forwarding.receive(db, data, dry_run=dry_run, user=user, file_name=name)  # type: ignore[return-value]
    record = (not dry_run) if record_refusal is None else record_refusal
    plan: ImportPlan | None = None
    try:
        with db.session() as session:
            pkg = read_package(session, data)
            plan = plan_import(session, pkg)
        if plan.status == "unchanged":
            return plan
        if plan.rejected:
            refusal = refused_rows(plan)
            if not dry_run:
                raise refusal
            if record:
                log_refusal(db, data, refusal.message, file_name=name, user=user, plan=plan)
            return plan
        if dry_run:
            return plan
        return _import(db, plan, user, backup, name, data)
    except PackageRejected as exc:
        if record:
            log_refusal(db, data, exc.message, file_name=name, user=user, plan=plan)
        raise


def refused_rows(plan: ImportPlan) -> PackageRejected:
    """The refusal of a package some of whose records break the rules, listing them."""
    return PackageRejected(
        "\n".join(
            [
                _("The package is refused: {n} records break the rules, so nothing was imported.").format(
                    n=len(plan.rejected)
                ),
                # Without the closing "Dry run: nothing was changed.": a refusal says nothing changed.
                *plan.summary_lines(with_outcome=False)[1:],
            ]
        )
    )


def _import(
    db: Database, plan: ImportPlan, user: str, backup: bool, file_name: str, data: bytes
) -> ImportPlan:
    if backup and db.folder is not None:
        from emulation_desktop.storage.backup import take_backup

        take_backup(paths.database_path(db.folder), paths.backups_dir(db.folder), reason="before-import")
    try:
        with db.transaction() as session:
            # The plan made above is applied as it is: one running copy per data folder (the instance
            # lock) and nothing else writes meanwhile; only a second import of the same file is re-checked.
            if already_imported(session, plan.package_id) is None:
                _apply(session, plan, user, file_name, data)
                plan.status = "applied"
            else:
                plan.status = "unchanged"
    except IntegrityError as exc:
        # SQLite's own text ("UNIQUE constraint failed: …") is for the log, not for the clerk.
        log.warning("package %s clashes with the data file: %s", plan.package_id, exc.orig)
        raise PackageRejected(
            _(
                "The package is refused: some of its records clash with records already here (the same "
                "record, or a value that must be unique, under another identity). Nothing was imported."
            )
        ) from exc
    return plan


def apply_plan(session: Session, plan: ImportPlan, *, user: str, file_name: str, data: bytes) -> None:
    """Apply a planned package inside the caller's transaction: a forwarding package applies each of
    its units' packages so, all in one (exchange.forwarding)."""
    _apply(session, plan, user, file_name, data)


def _apply(session: Session, plan: ImportPlan, user: str, file_name: str, data: bytes) -> None:
    writes = plan.writes
    now = utcnow()
    connection = session.connection()
    if writes.units:
        bulk_insert(
            connection,
            Unit.__table__,
            [
                {
                    "id": u.id,
                    "code": u.spec["code"],
                    "name": clean_text(u.spec["name"]),
                    "unit_type": clean_text(u.spec["unit_type"]),
                    "level_code": u.spec["level"],
                    "parent_id": u.parent_id,
                    "path": u.path,
                    "is_local": False,
                    "place_name": clean_text(u.spec["place_name"]),
                    "created_at": now,
                    "updated_at": now,
                    "updated_by": user,
                    "version": 1,
                    "deleted": False,
                    "search_key": fold(f"{clean_text(u.spec['name'])} {u.spec['code']}"),
                }
                for u in writes.units
            ],
        )
    if writes.unit_updates:
        session.execute(update(Unit), writes.unit_updates)
    apply_predecessors(session, plan, user)
    if plan.adopt_unit:
        unit = session.get(Unit, plan.unit_id)
        assert unit is not None
        change_ownership(
            session,
            unit,
            False,
            user=user,
            reason=_("Imported from the package {id} of its owner.").format(id=plan.package_id),
        )
    for kind in KINDS.values():
        rows = writes.record_inserts.get(kind.name)
        if rows:
            bulk_insert(connection, kind.model.__table__, rows)
        # Updates and tombstones set different columns: one bulk UPDATE each.
        for changes in (writes.record_updates.get(kind.name), writes.record_deletions.get(kind.name)):
            if changes:
                session.execute(update(kind.model), changes)
    for planned in writes.criteria_sets:  # before the self-scores that point at their criteria
        _apply_set(session, planned, plan, user, now)
    if writes.score_inserts:
        bulk_insert(connection, SelfScore.__table__, writes.score_inserts)
    if writes.score_updates:
        session.execute(update(SelfScore), writes.score_updates)
    changed_ids = [s["record_id"] for s in writes.import_states]
    for start in range(0, len(changed_ids), 500):
        session.execute(
            delete(ImportState).where(ImportState.record_id.in_(changed_ids[start : start + 500]))
        )
    if writes.import_states:
        bulk_insert(connection, ImportState.__table__, writes.import_states)
    evidence_files.apply_evidence(session, plan)
    _audit(
        session,
        plan,
        user=user,
        action="import",
        table_name="package_log",
        record_id=plan.package_id,
        new={
            **plan.counts(),
            "deleted": sum(plan.deleted.values()),
            "evidence_added": plan.evidence_added,
            "evidence_removed": plan.evidence_removed,
        },
    )
    session.add(
        PackageLog(
            direction="received",
            package_id=plan.package_id,
            unit_code=plan.unit_code,
            year=plan.year,
            created_at=plan.created_at,
            status="applied",
            file_name=file_name,
            file_sha256=plan.file_sha256,
            user=user,
            summary=json.dumps(plan.as_json(), ensure_ascii=False),
        )
    )
    from emulation_desktop.exchange.forwarding import keep_original

    keep_original(session, plan, data)  # the signed original, for the cluster head to forward (#18)


def _apply_set(session: Session, p: PlannedSet, plan: ImportPlan, user: str, now: datetime) -> None:
    """Write one received criteria set: the set, then its groups and criteria (parents before their
    children). Changes and removals set different columns: one bulk UPDATE each."""
    unit_code = plan.unit_code
    if p.old_revision is None:
        row = {"id": p.set_id, "cluster_id": p.cluster_id, "year": plan.year, "created_at": now, **p.values}
        session.execute(insert(CriteriaSet), [{**row, "version": p.revision, "updated_by": unit_code}])
    else:
        session.execute(
            update(CriteriaSet),
            [{"id": p.set_id, **p.values, "version": p.revision, "updated_by": unit_code}],
        )
    for model, rows in ((CriterionGroup, p.group_inserts), (Criterion, p.criterion_inserts)):
        if rows:
            session.execute(insert(model), rows)
    for model, rows in (
        (CriterionGroup, p.group_updates),
        (CriterionGroup, p.group_removals),
        (Criterion, p.criterion_updates),
        (Criterion, p.criterion_removals),
    ):
        if rows:
            session.execute(update(model), rows)
    _audit(
        session,
        plan,
        user=user,
        action="import" if p.old_revision is None else "update",
        table_name=criteria_sets.KIND,
        record_id=p.set_id,
        old=None if p.old_revision is None else {"version": p.old_revision},
        new={
            "version": p.revision,
            "added": len(p.criterion_inserts),
            "changed": len(p.criterion_updates),
            "removed": len(p.criterion_removals),
        },
    )


def _audit(
    session: Session,
    plan: ImportPlan,
    *,
    user: str,
    action: str,
    table_name: str,
    record_id: str,
    new: dict[str, Any],
    old: dict[str, Any] | None = None,
) -> None:
    """The audit entry of what the import wrote, its reason naming the package's unit and year."""
    reason = _("Package of {code} for {year}").format(code=plan.unit_code, year=plan.year)
    session.add(audit_row(action, table_name, record_id, user=user, old=old, new=new, reason=reason))
