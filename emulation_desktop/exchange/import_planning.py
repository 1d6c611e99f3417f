"""Planning an import: what a verified package would change here, computed without writing.

A package already imported plans nothing (it is "unchanged"); one older than a package of the same
unit and year already imported is refused (older by the sender's numbering, not by a clock:
exchange.package_history.newer_import); one dated in the future is planned with a warning, since only
the sender's clock is wrong. Otherwise its units, records and tombstones, criteria sets
and self-scores are each sorted into the plan, in that order: records name the places planned first,
and a self-score of the package is matched to the criteria of a set the same package brings. The
evidence files (format 4) follow the records they are attached to.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NoReturn

from sqlalchemy.orm import Session

from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import PackageLog
from emulation_desktop.domain.text import clean_text
from emulation_desktop.exchange import evidence_files, self_scores
from emulation_desktop.exchange.criteria_set_planning import PlannedCriterion, plan_sets
from emulation_desktop.exchange.import_plan import ImportPlan
from emulation_desktop.exchange.package_format import refusal
from emulation_desktop.exchange.package_history import already_imported, newer_import, sequence_of
from emulation_desktop.exchange.package_reading import Package
from emulation_desktop.exchange.record_planning import plan_records
from emulation_desktop.exchange.unit_planning import PackagePlaces, plan_structure
from emulation_desktop.locale.i18n import _

# Office computers' clocks drift by minutes, and a package made in another time zone setting is hours
# off at most; a package dated more than a day ahead was made by a computer whose clock is wrong.
FUTURE_SLACK = timedelta(days=1)


def plan_import(session: Session, pkg: Package) -> ImportPlan:
    """What importing ``pkg`` would do, computed in ``session`` without writing."""
    plan = ImportPlan(
        package_id=pkg.package_id,
        unit_code=pkg.unit_code,
        unit_name=clean_text(pkg.manifest["unit_name"]) or pkg.unit_code,
        year=pkg.year,
        created_at=pkg.created_at.replace(tzinfo=None),
        submitted=pkg.manifest["submitted"],
        revised_after_submission=pkg.manifest["revised_after_submission"],
        file_sha256=pkg.sha256,
        sequence=pkg.sequence,
        key_fingerprint=pkg.key_fingerprint,
    )
    plan.future_dated = plan.created_at > utcnow() + FUTURE_SLACK
    prior = already_imported(session, pkg.package_id)
    if prior is not None:
        plan.already_imported_at = prior.logged_at
        plan.status = "unchanged"
        return plan
    newer = newer_import(
        session,
        pkg.unit_code,
        pkg.year,
        sequence=pkg.sequence,
        key=pkg.key_fingerprint,
        created_at=plan.created_at,
    )
    if newer is not None:
        _refuse_older(pkg, newer)
    by_code = plan_structure(session, pkg, plan)
    plan_records(session, pkg, plan, PackagePlaces(plan.unit_name, by_code))
    evidence_files.plan_evidence(session, pkg, plan)  # after the records: it skips those skipped
    received: dict[str, list[PlannedCriterion]] = {}
    if pkg.criteria_sets:
        received = plan_sets(session, pkg.criteria_sets, plan)
    if pkg.self_scores is not None:
        self_scores.plan_scores(session, pkg.self_scores["rows"], pkg.self_scores["columns"], plan, received)
    return plan


def _refuse_older(pkg: Package, newer: PackageLog) -> NoReturn:
    made = newer.created_at.strftime("%d/%m/%Y %H:%M") if newer.created_at is not None else "?"
    number = sequence_of(newer)
    if number is None:
        raise refusal(
            _("a newer package of {code} for {year} (made {date}) was already imported.").format(
                code=pkg.unit_code, year=pkg.year, date=made
            )
        )
    if pkg.sequence is None:
        raise refusal(
            _(
                "a newer package of {code} for {year} (package No. {found}, made {date}) was already "
                "imported; this one was made by an earlier version of the application."
            ).format(code=pkg.unit_code, year=pkg.year, found=number, date=made)
        )
    raise refusal(
        _(
            "a newer package of {code} for {year} (package No. {found}, made {date}) was already "
            "imported; this one is No. {number}."
        ).format(code=pkg.unit_code, year=pkg.year, found=number, date=made, number=pkg.sequence)
    )
