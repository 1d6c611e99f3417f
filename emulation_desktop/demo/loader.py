"""Load the Cluster No. 3 demo through the same validated operations a clerk's entries go through.

Records go in with ``create_records`` (one bulk call per kind per district, both years at once); child
records (recommendations, pledge targets) need a parent and go one by one with ``create_record``. Nothing
is written around the operations, so the demo also tests them end to end.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any, Protocol

from sqlalchemy import select

from emulation_desktop.demo import support, tallies_supervision_pledges
from emulation_desktop.demo.committees import save_committees
from emulation_desktop.demo.figures import BY_CODE, DISTRICTS, FIGURES, ROLES, YEARS, District, DistrictYear
from emulation_desktop.demo.tallies_supervision_pledges import SessionRef
from emulation_desktop.demo.texts import save_texts
from emulation_desktop.demo.tree import Place, build_structure
from emulation_desktop.domain.models import Pledge, Supervision, Unit
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import records
from emulation_desktop.storage.database import Database


class Generator(Protocol):
    def __call__(
        self, district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
    ) -> list[dict[str, Any]]: ...


# Kinds loaded in bulk, one create_records call per district with both years' rows.
GENERATORS: dict[str, Generator] = {
    "support_activity": support.support_rows,
    "donation": support.donation_rows,
    "delegate_conference": tallies_supervision_pledges.conference_rows,
    "funeral_tally": tallies_supervision_pledges.funeral_rows,
    "mediation_tally": tallies_supervision_pledges.mediation_rows,
    "citizen_reception": tallies_supervision_pledges.reception_rows,
    "supervision": tallies_supervision_pledges.supervision_rows,
}


def _rng(district: District, year: int, kind: str) -> random.Random:
    # One stream per district, year and kind: a district's records are identical whether the demo is
    # loaded for the whole cluster or for that district alone, and changing one kind leaves the rest.
    return random.Random(f"{district.code}:{year}:{kind}")


def load_demo(
    db: Database, *, unit_code: str | None = None, structure_only: bool = False, user: str = "demo"
) -> dict[str, int]:
    """Load the demo into an empty data file and return counts per kind of row written.

    - Default: the whole cluster, all five districts owned here, with their 2021 and 2022 records and
      the text the clerk writes in their 2022 reports (``texts``).
    - ``unit_code``: only that district is owned here and gets records; the others are structure only.
    - ``structure_only``: the tree and the cluster but no records, ready for a clerk to start entering.
      With ``unit_code`` too, only that district is owned.

    Each step is its own transaction, like a clerk's entries; should one fail, load again into a new
    data folder.
    """
    if unit_code is not None and unit_code not in BY_CODE:
        raise InputError(
            _("The demo has no district “{code}”; choose one of {codes}.").format(
                code=unit_code, codes=", ".join(BY_CODE)
            )
        )
    with db.session() as session:
        if session.scalar(select(Unit.id).limit(1)) is not None:
            raise InputError(
                _("This data file already holds units; load the demo into an empty data folder.")
            )
    local = {unit_code} if unit_code else set(BY_CODE)
    places = build_structure(db, local, user=user)
    committee_members = save_committees(db, local, user=user)

    summary: Counter[str] = Counter()
    for district in DISTRICTS:
        summary["communes"] += len(places[district.code])
        summary["villages"] += sum(len(place.villages) for place in places[district.code])
    summary.update(districts=len(DISTRICTS), local_districts=len(local), cities=1, clusters=1)
    summary["committee_members"] = committee_members
    summary["cluster_members"] = len(DISTRICTS) * len(ROLES)  # every district, every year
    for kind in KINDS:
        summary[kind] = 0
    if not structure_only:
        for district in DISTRICTS:
            if district.code in local:
                summary.update(load_district(db, district, places[district.code], user=user))
    if not structure_only:
        summary["report_text"] = save_texts(db, local, user=user)
    if not structure_only and unit_code is None:  # the 2022 review needs every district's own scores
        from emulation_desktop.demo.review import load_review

        summary.update(load_review(db, user=user))
    return dict(summary)


def load_district(db: Database, district: District, places: list[Place], *, user: str) -> Counter[str]:
    """All demo records of one district for 2021 and 2022; returns how many of each kind."""
    code = district.code
    counts: Counter[str] = Counter()

    for kind, make in GENERATORS.items():
        rows = [
            row
            for year in YEARS
            for row in make(district, year, places, FIGURES[year][code], _rng(district, year, kind))
        ]
        counts[kind] += records.create_records(db, kind, code, rows, user=user)
    pledges = tallies_supervision_pledges.pledge_rows(district, random.Random(f"{code}:pledge"))
    counts["pledge"] += records.create_records(db, "pledge", code, pledges, user=user)

    for year in YEARS:
        figures = FIGURES[year][code]
        sessions = _sessions(db, code, year)
        for row in tallies_supervision_pledges.recommendation_rows(
            district, year, sessions, figures, _rng(district, year, "recommendation")
        ):
            records.create_record(db, "recommendation", None, row, user=user)
            counts["recommendation"] += 1
        pledge_id = _pledge_id(db, code, year)
        for row in tallies_supervision_pledges.target_rows(pledge_id, figures, len(places)):
            records.create_record(db, "pledge_target", None, row, user=user)
            counts["pledge_target"] += 1
    return counts


def _sessions(db: Database, unit_code: str, year: int) -> list[SessionRef]:
    """The district's stored supervision sessions of a year, in a stable order.

    Ids are random, so order by what the session says; two sessions alike in all of these are
    interchangeable for the recommendations generated on them.
    """
    district, commune = Unit.__table__.alias("district"), Unit.__table__.alias("commune")
    sv = Supervision
    with db.session() as session:
        rows = session.execute(
            select(sv.id, sv.field, commune.c.code, sv.end_date)
            .join(district, district.c.id == sv.unit_id)
            .join(commune, commune.c.id == sv.commune_id)
            .where(district.c.code == unit_code, sv.year == year, sv.deleted.is_(False))
            .order_by(sv.start_date, sv.end_date, sv.subject, sv.mode, sv.field, commune.c.code, sv.findings)
        ).all()
    return [SessionRef(r[0], r[1], r[2], r[3]) for r in rows]


def _pledge_id(db: Database, unit_code: str, year: int) -> str:
    with db.session() as session:
        return session.scalars(
            select(Pledge.id)
            .join(Unit, Unit.id == Pledge.unit_id)
            .where(Unit.code == unit_code, Pledge.year == year, Pledge.deleted.is_(False))
        ).one()
