"""`check`: SQLite's own integrity checks plus the application's invariants, in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, aliased

from emulation_desktop.domain import models as m
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import schema
from emulation_desktop.storage.plain_sql import connection_of


@dataclass(frozen=True)
class Finding:
    ok: bool
    message: str


def _places_outside_owner(session: Session) -> int:
    """Records whose commune or village does not lie under the unit that owns them."""
    owner, place = aliased(m.Unit), aliased(m.Unit)
    bad = 0
    for model, column in (
        (m.SupportActivity, "commune_id"),
        (m.Donation, "commune_id"),
        (m.Supervision, "commune_id"),
        (m.DelegateConference, "place_id"),
        (m.FuneralTally, "commune_id"),
        (m.MediationTally, "commune_id"),
        (m.CitizenReception, "commune_id"),
    ):
        ref = getattr(model, column)
        bad += (
            session.scalar(
                select(func.count())
                .select_from(model)
                .join(owner, owner.id == model.unit_id)
                .join(place, place.id == ref)
                .where(~in_subtree(place.path, owner.path))
            )
            or 0
        )
    return bad


def _broken_ratios(session: Session) -> int:
    return sum(
        session.scalar(select(func.count()).select_from(model).where(condition)) or 0
        for model, condition in (
            (m.FuneralTally, m.FuneralTally.cremations > m.FuneralTally.deaths),
            (m.MediationTally, m.MediationTally.cases_resolved > m.MediationTally.cases_total),
            (
                m.CitizenReception,
                m.CitizenReception.petitions_resolved > m.CitizenReception.petitions_received,
            ),
        )
    )


def _double_roles(session: Session) -> int:
    """Cluster-years with more than one head or more than one deputy."""
    cm = m.ClusterMember
    grouped = (
        select(cm.cluster_id, cm.year, cm.role)
        .where(cm.role.in_(("head", "deputy")), cm.deleted.is_(False))
        .group_by(cm.cluster_id, cm.year, cm.role)
        .having(func.count() > 1)
        .subquery()
    )
    return session.scalar(select(func.count()).select_from(grouped)) or 0


def run_checks(session: Session) -> list[Finding]:
    """Every check, each with a message a clerk can read. Nothing is changed."""
    findings: list[Finding] = []
    integrity = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
    findings.append(
        Finding(True, _("The data file is intact."))
        if integrity == ["ok"]
        else Finding(False, _("The data file is damaged: {detail}").format(detail="; ".join(integrity[:5])))
    )
    changed = schema.differences(connection_of(session))
    findings.append(
        Finding(True, _("The tables, indexes and triggers are the application's own."))
        if not changed
        else Finding(
            False,
            _("The data file's structure is not the application's own: {detail}.").format(
                detail="; ".join(changed[:10])
            ),
        )
    )
    dangling = session.execute(text("PRAGMA foreign_key_check")).all()
    findings.append(
        Finding(True, _("Every record points to records that exist."))
        if not dangling
        else Finding(False, _("{n} records point to records that do not exist.").format(n=len(dangling)))
    )
    outside = _places_outside_owner(session)
    findings.append(
        Finding(True, _("Every commune and village belongs to the unit that recorded it."))
        if not outside
        else Finding(False, _("{n} records name a commune or village of another unit.").format(n=outside))
    )
    broken = _broken_ratios(session)
    findings.append(
        Finding(True, _("No tally counts more resolved cases than cases."))
        if not broken
        else Finding(False, _("{n} tallies count more resolved cases than cases.").format(n=broken))
    )
    doubled = _double_roles(session)
    findings.append(
        Finding(True, _("Each cluster has at most one head and one deputy per year."))
        if not doubled
        else Finding(False, _("{n} cluster years have two heads or two deputies.").format(n=doubled))
    )
    return findings
