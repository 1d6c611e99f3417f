"""Every figure, computed in one place. The dashboard, the PDFs and the CLI all call ``compute``.

Each table is read with one aggregate query over the year and the year before (GROUP BY year), using
the (unit_id, year, deleted, ...) indexes, so a cluster-year over a million records stays fast.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import case, distinct, func, or_, select
from sqlalchemy.orm import Session

from emulation_desktop.domain import models as m
from emulation_desktop.domain.records import HOUSE_KINDS
from emulation_desktop.indicators.definitions import INDICATORS
from emulation_desktop.indicators.scope import Scope


@dataclass(frozen=True)
class Figure:
    value: int | None = None
    total: int | None = None
    amount_vnd: int | None = None

    @property
    def rate(self) -> float | None:
        """value / total, or None when there is no total."""
        if self.value is None or not self.total:
            return None
        return self.value / self.total

    def as_dict(self) -> dict[str, int | None]:
        return {"value": self.value, "total": self.total, "amount_vnd": self.amount_vnd}


@dataclass(frozen=True)
class Result:
    code: str
    current: Figure
    previous: Figure | None

    def rate_change_points(self) -> float | None:
        """Change of a ratio against the previous year, in percentage points (85% vs 79,6% → 5,4)."""
        if self.previous is None or self.current.rate is None or self.previous.rate is None:
            return None
        return (self.current.rate - self.previous.rate) * 100


@dataclass
class Report:
    scope: Scope
    year: int
    results: dict[str, Result] = field(default_factory=dict)

    def __getitem__(self, code: str) -> Result:
        return self.results[code]

    def as_json(self) -> dict[str, object]:
        return {
            "scope": self.scope.as_dict(),
            "year": self.year,
            "indicators": {
                code: {
                    **r.current.as_dict(),
                    "previous": r.previous.as_dict() if r.previous else None,
                }
                for code, r in self.results.items()
            },
        }


def _live(model: type[m.RecordMixin], scope: Scope, years: tuple[int, int]) -> list[object]:
    return [
        model.unit_id.in_(scope.unit_ids),  # type: ignore[attr-defined]
        model.year.in_(years),  # type: ignore[attr-defined]
        model.deleted.is_(False),
    ]


def compute(session: Session, scope: Scope, year: int) -> Report:
    """All indicators of a scope for ``year``, each with the year before."""
    years = (year - 1, year)
    per_year: dict[int, dict[str, Figure]] = defaultdict(dict)

    sa = m.SupportActivity
    is_house = sa.kind.in_(HOUSE_KINDS)
    for y, houses, house_vnd, other_vnd in session.execute(
        select(
            sa.year,
            func.sum(case((is_house, 1), else_=0)),
            func.sum(case((is_house, sa.value_vnd), else_=0)),
            func.sum(case((is_house, 0), else_=sa.value_vnd)),
        )
        .where(*_live(sa, scope, years))
        .group_by(sa.year)
    ):
        per_year[y]["solidarity_houses"] = Figure(value=houses, amount_vnd=house_vnd)
        per_year[y]["other_support"] = Figure(amount_vnd=other_vnd)

    dn = m.Donation
    for y, fund, amount in session.execute(
        select(dn.year, dn.fund_code, func.sum(dn.amount_vnd))
        .where(*_live(dn, scope, years))
        .group_by(dn.year, dn.fund_code)
    ):
        per_year[y][f"fund_{fund}"] = Figure(amount_vnd=amount)

    totals = _place_totals(session, scope)
    dc, place = m.DelegateConference, m.Unit
    for y, level, places, direct, forms in session.execute(
        select(
            dc.year,
            place.level_code,
            func.count(distinct(dc.place_id)),
            func.sum(dc.opinions_direct),
            func.sum(dc.opinions_forms),
        )
        .join(place, place.id == dc.place_id)
        .where(*_live(dc, scope, years))
        .group_by(dc.year, place.level_code)
    ):
        if level in ("village", "commune"):
            per_year[y][f"delegate_conferences_{level}s"] = Figure(value=places, total=totals[level])
        figures = per_year[y]
        figures["opinions_direct"] = Figure(
            value=(figures.get("opinions_direct", Figure(value=0)).value or 0) + direct
        )
        figures["opinions_forms"] = Figure(
            value=(figures.get("opinions_forms", Figure(value=0)).value or 0) + forms
        )

    _ratio(session, per_year, "cremations", m.FuneralTally, "cremations", "deaths", scope, years)
    _ratio(session, per_year, "mediations", m.MediationTally, "cases_resolved", "cases_total", scope, years)
    _ratio(
        session,
        per_year,
        "petitions",
        m.CitizenReception,
        "petitions_resolved",
        "petitions_received",
        scope,
        years,
    )
    cr = m.CitizenReception
    for y, sessions in session.execute(
        select(cr.year, func.sum(cr.sessions)).where(*_live(cr, scope, years)).group_by(cr.year)
    ):
        per_year[y]["citizen_receptions"] = Figure(value=sessions)

    sv = m.Supervision
    # Social criticism, People's Inspection and community investment supervision are recorded with the
    # sessions but are not supervision sessions: "giám sát và phối hợp giám sát 1.053 cuộc" counts only these.
    is_session = sv.kind != "social_criticism"
    for y, led, joint, criticisms in session.execute(
        select(
            sv.year,
            func.sum(case((is_session & (sv.mode == "led"), 1), else_=0)),
            func.sum(case((is_session & (sv.mode == "joint"), 1), else_=0)),
            func.sum(case((sv.kind == "social_criticism", 1), else_=0)),
        )
        .where(*_live(sv, scope, years))
        .group_by(sv.year)
    ):
        per_year[y]["supervisions"] = Figure(value=led + joint)
        per_year[y]["supervisions_led"] = Figure(value=led)
        per_year[y]["supervisions_joint"] = Figure(value=joint)
        per_year[y]["social_criticisms"] = Figure(value=criticisms)

    rc = m.Recommendation
    for y, made, resolved in session.execute(
        select(rc.year, func.count(), func.sum(case((rc.status == "resolved", 1), else_=0)))
        .where(*_live(rc, scope, years))
        .group_by(rc.year)
    ):
        per_year[y]["recommendations"] = Figure(value=resolved, total=made)

    report = Report(scope, year)
    for definition in INDICATORS:
        current = per_year[year].get(definition.code) or _empty(definition.measure, definition.code, totals)
        report.results[definition.code] = Result(
            definition.code, current, per_year[year - 1].get(definition.code)
        )
    return report


def _ratio(session, per_year, code, model, part, whole, scope, years) -> None:  # type: ignore[no-untyped-def]
    for y, value, total in session.execute(
        select(model.year, func.sum(getattr(model, part)), func.sum(getattr(model, whole)))
        .where(*_live(model, scope, years))
        .group_by(model.year)
    ):
        per_year[y][code] = Figure(value=value, total=total)


def _place_totals(session: Session, scope: Scope) -> dict[str, int]:
    """How many communes and villages lie under the scope's units (the denominators of 106/106)."""
    unit = m.Unit
    rows = session.execute(
        select(unit.level_code, func.count())
        .where(or_(*[unit.path.startswith(p) for p in scope.unit_paths]), unit.deleted.is_(False))
        .group_by(unit.level_code)
    ).all()
    counts = {level: count for level, count in rows}
    return {"village": counts.get("village", 0), "commune": counts.get("commune", 0)}


def _empty(measure: str, code: str, totals: dict[str, int]) -> Figure:
    """The figure of an indicator with no records this year: zero, not unknown."""
    if code.startswith("delegate_conferences_"):
        level = "village" if code.endswith("villages") else "commune"
        return Figure(value=0, total=totals[level])
    if measure == "amount":
        return Figure(amount_vnd=0)
    if measure == "count_amount":
        return Figure(value=0, amount_vnd=0)
    if measure == "ratio":
        return Figure(value=0, total=0)
    return Figure(value=0)
