"""A unit's self-scores for the year travel in its package (``self_scores.json``).

A self-score belongs to a criterion of the cluster's criteria set. Each installation gives its criteria
its own ids, so a score travels with the cluster code and the criterion code and is matched to the
receiver's criterion of the same cluster, year and code (when the same package brings the cluster's
criteria set, the criterion of that set). Matching by the score's own id, the same rules as records
decide new / updated / unchanged / conflict (exchange.conflicts); a score whose criterion is missing here, or whose points
exceed the criterion's maximum, is rejected with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Cluster, CriteriaSet, Criterion, SelfScore
from emulation_desktop.domain.text import clean_text
from emulation_desktop.exchange.conflicts import Copy, decide, imported_copies
from emulation_desktop.exchange.package_format import is_uuid, is_whole, parse_stamp, row_hash
from emulation_desktop.locale.i18n import N_, _

if TYPE_CHECKING:  # the plan's module names this one's kind: imported for the types only
    from emulation_desktop.exchange.criteria_set_planning import PlannedCriterion
    from emulation_desktop.exchange.import_plan import ImportPlan

MEMBER = "self_scores.json"
KIND = "self_score"
LABEL = N_("Self-score")
COLUMNS = (
    "id",
    "version",
    "created_at",
    "updated_at",
    "updated_by",
    "deleted",
    "cluster_code",
    "criterion_code",
    "points_tenths",
    "justification",
    "evidence",
)
MAX_TEXT = 20_000


def export_member(session: Session, unit_id: str, year: int) -> dict[str, Any]:
    rows = session.execute(
        select(
            SelfScore.id,
            SelfScore.version,
            SelfScore.created_at,
            SelfScore.updated_at,
            SelfScore.updated_by,
            SelfScore.deleted,
            Cluster.code,
            Criterion.code,
            SelfScore.points_tenths,
            SelfScore.justification,
            SelfScore.evidence,
        )
        .join(Criterion, Criterion.id == SelfScore.criterion_id)
        .join(CriteriaSet, CriteriaSet.id == Criterion.set_id)
        .join(Cluster, Cluster.id == CriteriaSet.cluster_id)
        .where(SelfScore.unit_id == unit_id, SelfScore.year == year)
        .order_by(SelfScore.id)
    ).all()
    out = []
    for row in rows:
        values = list(row)
        values[2] = values[2].isoformat(timespec="microseconds") if values[2] else None
        values[3] = values[3].isoformat(timespec="microseconds") if values[3] else None
        values[5] = bool(values[5])
        out.append(values)
    return {"kind": KIND, "columns": list(COLUMNS), "rows": out}


def _criteria(
    session: Session, year: int, received: Mapping[str, Sequence[PlannedCriterion]]
) -> dict[tuple[str, str], Criterion | PlannedCriterion]:
    """(cluster code, criterion code) → the live criterion of that cluster's set for the year: the one
    stored here, or, for a cluster whose set the same package brings, the criteria it will leave."""
    found = session.execute(
        select(Cluster.code, Criterion)
        .join(CriteriaSet, CriteriaSet.cluster_id == Cluster.id)
        .join(Criterion, Criterion.set_id == CriteriaSet.id)
        .where(CriteriaSet.year == year, CriteriaSet.deleted.is_(False), Criterion.deleted.is_(False))
    ).all()
    result: dict[tuple[str, str], Criterion | PlannedCriterion] = {
        (cluster_code, criterion.code): criterion
        for cluster_code, criterion in found
        if cluster_code not in received
    }
    for cluster_code, criteria in received.items():
        result.update({(cluster_code, criterion.code): criterion for criterion in criteria})
    return result


def plan_scores(
    session: Session,
    rows: list[list[Any]],
    columns: list[str],
    plan: ImportPlan,
    received: Mapping[str, Sequence[PlannedCriterion]] | None = None,
) -> None:
    """Sort the package's self-scores into the plan (the same rules as records). ``received``: per
    cluster code, the criteria a set of the same package leaves there (exchange.criteria_set_planning)."""
    unit_id = plan.unit_id
    index = {name: i for i, name in enumerate(columns)}
    criteria = _criteria(session, plan.year, received or {}) if rows else {}
    local = {
        r.id: (r.version, r.unit_id, r.criterion_id)
        for r in session.execute(
            select(SelfScore.id, SelfScore.version, SelfScore.unit_id, SelfScore.criterion_id).where(
                SelfScore.unit_id == unit_id
            )
        )
    }
    taken = {(u, c): i for i, (_v, u, c) in local.items()}
    states = imported_copies(session, plan.unit_code, SelfScore.__tablename__)
    seen: set[str] = set()
    for row in rows:
        get = {name: row[i] for name, i in index.items()}
        score_id = get["id"]
        if not is_uuid(score_id) or score_id in seen:
            plan.add_rejected(KIND, str(score_id)[:40], _("The record identifier is not valid."))
            continue
        seen.add(score_id)
        created_at, updated_at = parse_stamp(get["created_at"]), parse_stamp(get["updated_at"])
        version = get["version"]
        if (
            not is_whole(version, 1)
            or created_at is None
            or updated_at is None
            or not isinstance(get["updated_by"], str)
            or not isinstance(get["deleted"], bool)
        ):
            plan.add_rejected(KIND, score_id, _("The record's version or dates are not valid."))
            continue
        cluster_code, criterion_code = get["cluster_code"], get["criterion_code"]
        criterion = (
            criteria.get((cluster_code, criterion_code))
            if isinstance(cluster_code, str) and isinstance(criterion_code, str)
            else None
        )
        if criterion is None:
            plan.add_rejected(
                KIND,
                score_id,
                _("The criteria of cluster {cluster} for {year} have no criterion “{code}” here.").format(
                    cluster=str(cluster_code)[:20], year=plan.year, code=str(criterion_code)[:20]
                ),
            )
            continue
        points, justification, evidence = get["points_tenths"], get["justification"], get["evidence"]
        if type(points) is not int or not 0 <= points <= criterion.max_tenths:
            plan.add_rejected(
                KIND,
                score_id,
                _("The points of criterion “{code}” are not between 0 and its maximum.").format(
                    code=criterion.code
                ),
            )
            continue
        if not _valid_texts(justification, evidence):
            plan.add_rejected(KIND, score_id, _("The justification or evidence is not valid text."))
            continue
        digest = row_hash(row)
        here = local.get(score_id)
        decision = decide(
            None if here is None else Copy(here[0]), states.get(score_id), Copy(version, digest)
        )
        if decision.outcome == "new" and (unit_id, criterion.id) in taken:
            plan.add_conflict(KIND, score_id, _("This criterion already has another score here; it is kept."))
            continue
        if plan.keeps_here(KIND, score_id, decision):
            continue
        values = {
            "id": score_id,
            "unit_id": unit_id,
            "year": plan.year,
            "criterion_id": criterion.id,
            "points_tenths": points,
            "justification": clean_text(justification),
            "evidence": evidence,
            "created_at": created_at,
            "updated_at": updated_at,
            "updated_by": clean_text(get["updated_by"])[:80],
            "version": version,
            "deleted": get["deleted"],
        }
        if decision.outcome == "new":
            plan.writes.score_inserts.append({**values, "search_key": ""})
        else:
            plan.writes.score_updates.append(values)
        plan.count_write(
            KIND,
            decision.outcome,
            record_id=score_id,
            table_name=SelfScore.__tablename__,
            version=version,
            row_hash=digest,
        )


def _valid_texts(justification: Any, evidence: Any) -> bool:
    """Text within its cap, and evidence either empty or a JSON list (of the files it names)."""
    if (
        not isinstance(justification, str)
        or not isinstance(evidence, str)
        or max(len(justification), len(evidence)) > MAX_TEXT
    ):
        return False
    if evidence:
        try:
            return isinstance(json.loads(evidence), list)
        except (ValueError, RecursionError):
            return False
    return True
