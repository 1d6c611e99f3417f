"""Planning an import: what a verified package would change here, computed without writing.

A package already imported plans nothing (it is "unchanged"); one older than a package of the same
unit and year already imported is refused. Otherwise its units, records and tombstones, criteria sets
and self-scores are each sorted into the plan, in that order: records name the places planned first,
and a self-score of the package is matched to the criteria of a set the same package brings.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from emulation_desktop.domain.text import clean_text
from emulation_desktop.exchange import self_scores
from emulation_desktop.exchange.criteria_set_planning import PlannedCriterion, plan_sets
from emulation_desktop.exchange.import_plan import ImportPlan
from emulation_desktop.exchange.package_format import refusal
from emulation_desktop.exchange.package_history import already_imported, newer_import
from emulation_desktop.exchange.package_reading import Package
from emulation_desktop.exchange.record_planning import plan_records
from emulation_desktop.exchange.unit_planning import PackagePlaces, plan_structure
from emulation_desktop.locale.i18n import _


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
    )
    prior = already_imported(session, pkg.package_id)
    if prior is not None:
        plan.already_imported_at = prior.logged_at
        plan.status = "unchanged"
        return plan
    newer = newer_import(session, pkg.unit_code, pkg.year, plan.created_at)
    if newer is not None and newer.created_at is not None:
        raise refusal(
            _("a newer package of {code} for {year} (made {date}) was already imported.").format(
                code=pkg.unit_code, year=pkg.year, date=newer.created_at.strftime("%d/%m/%Y %H:%M")
            )
        )
    by_code = plan_structure(session, pkg, plan)
    plan_records(session, pkg, plan, PackagePlaces(plan.unit_name, by_code))
    received: dict[str, list[PlannedCriterion]] = {}
    if pkg.criteria_sets:
        received = plan_sets(session, pkg.criteria_sets, plan)
    if pkg.self_scores is not None:
        self_scores.plan_scores(session, pkg.self_scores["rows"], pkg.self_scores["columns"], plan, received)
    return plan
