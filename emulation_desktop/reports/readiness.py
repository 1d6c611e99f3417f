"""Whether a document may be issued as final and, if not, what is still missing: the one rule every
document follows (``registry.build_request`` prints an incomplete one as a draft, ``report --final``
refuses it). The lines are Vietnamese whatever the window's language: they go on the draft's first
page and into the refusal.

What "complete" means depends on what the document states:

- the documents of the year's figures (the year-end and consolidated reports, the two lists) and the
  meeting pack, whose scoring sheets show each member's results: every unit of the scope has result
  records for the year (an imported member has also sent its year package), and the year is over or
  its unit has locked it as submitted; at the city's office, besides, every unit's year on the city's
  board is accepted (by its cluster head, who forwarded it);
- the pledge form: every unit of the scope has a pledge for the year;
- the review documents: the steps of ``review.board.readiness`` that they print (the scoring sheets
  need the criteria and the self-scores, the summary the agreed scores too, the tally the counted
  ballots, the minutes everything, the proposal the agreed scores and the proposals);
- the year-end and consolidated reports, besides: no part of their text still waits for the clerk
  (``narrative.TO_WRITE``);
- the blank ballots: nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Pledge, Unit
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import N_, _, gettext_in
from emulation_desktop.operations.clusters import cluster_of_unit
from emulation_desktop.operations.unit_years import year_state
from emulation_desktop.reports.report_data import city_clusters, find_cluster, members, the_city, the_unit
from emulation_desktop.reports.request import CITY, ReportRequest
from emulation_desktop.review.board import readiness as review_readiness
from emulation_desktop.storage.database import Database

# The records that say what a unit did in the year; a pledge only says what it meant to do.
RESULT_KINDS = tuple(kind for name, kind in KINDS.items() if name not in ("pledge", "pledge_target"))

FIGURES = ("annual", "cluster", "support-list", "supervision-list", "meeting-pack")
REVIEW_STEPS = {
    "review-scoring-sheet": ("criteria", "packages", "self_scores"),
    "review-summary": ("criteria", "packages", "self_scores", "agreed_scores"),
    "review-minutes": (
        "criteria",
        "packages",
        "self_scores",
        "agreed_scores",
        "elections",
        "roles",
        "proposals",
    ),
    "review-proposal": ("criteria", "agreed_scores", "proposals"),
    "review-tally": ("elections",),
}

# One Vietnamese line per step of the review (several gaps of a step about one unit make one line).
STEP_LINES = {
    "criteria": N_("The cluster's scoring criteria for {year} are not complete."),
    "packages": N_("{unit} has not sent its figures for {year}."),
    "self_scores": N_("{unit} has not finished scoring itself."),
    "agreed_scores": N_("The cluster's scores for {unit} have not all been agreed."),
    "elections": N_("The acclaim and the elections of the conference have not all been counted."),
    "roles": N_("Next year's cluster head and deputy have not been set."),
    "proposals": N_("No commendation has been proposed."),
}
NO_RECORDS = N_("{unit} has no figures recorded for {year}.")
NOT_ACCEPTED = N_(
    "The year {year} of {unit} has not been accepted by its cluster head and sent here ({status})."
)
NOT_SUBMITTED = N_("The year {year} is not over and {unit} has not locked its figures as submitted.")
NO_PLEDGE = N_("{unit} has no emulation pledge for {year}.")
UNWRITTEN = N_("The part “{part}” of the report is still to be written.")
REPORTS = ("annual", "cluster")  # the reports whose text the clerk edits


def vi(message: str, **values: object) -> str:
    return gettext_in("vi", message).format(**values)


def units_with_results(session: Session, unit_ids: Iterable[str], year: int) -> set[str]:
    """The units (ids) that have any result record of the year."""
    ids = list(unit_ids)
    found: set[str] = set()
    for kind in RESULT_KINDS:
        model = kind.model
        rest = [i for i in ids if i not in found]
        if not rest:
            break
        found |= set(
            session.scalars(
                select(model.unit_id)
                .where(model.unit_id.in_(rest), model.year == year, model.deleted.is_(False))
                .distinct()
            )
        )
    return found


def _scope_units(session: Session, request: ReportRequest) -> list[Unit]:
    if request.scope == "unit":
        return [the_unit(session, request.code)]
    if request.scope == CITY:
        city = the_city(session, request.code)
        return [m.unit for _cluster, listed in city_clusters(session, city, request.year) for m in listed]
    return [m.unit for m in members(session, find_cluster(session, request.code), request.year)]


def _cluster_code(session: Session, request: ReportRequest) -> str | None:
    if request.scope == "cluster":
        return request.code
    cluster = cluster_of_unit(session, the_unit(session, request.code).id, request.year)
    return cluster.code if cluster is not None else None


def _figures(session: Session, request: ReportRequest, today: date) -> list[str]:
    year = request.year
    units = _scope_units(session, request)
    with_results = units_with_results(session, (u.id for u in units), year)
    unsent: set[str] = set()
    if request.scope == "cluster":
        unsent = {g.unit_code for g in review_readiness(session, request.code, year) if g.step == "packages"}
    waiting = _not_accepted_at_city(session, year) if request.scope == CITY else {}
    out = []
    for unit in units:
        name = unit.name
        if unit.code in waiting:
            out.append(vi(NOT_ACCEPTED, unit=name, year=year, status=waiting[unit.code]))
        elif unit.code in unsent:
            out.append(vi(STEP_LINES["packages"], unit=name, year=year))
        elif unit.id not in with_results:
            out.append(vi(NO_RECORDS, unit=name, year=year))
        elif today.year <= year and unit.is_local and not year_state(session, unit.code, year).locked:
            out.append(vi(NOT_SUBMITTED, unit=name, year=year))
    return out


def _not_accepted_at_city(session: Session, year: int) -> dict[str, str]:
    """The units whose year the city's board does not show accepted, with their status in Vietnamese."""
    from emulation_desktop.operations.submissions import STATUS_LABELS, board

    return {
        row.unit_code: gettext_in("vi", STATUS_LABELS[row.status]).lower()
        for row in board(session, year).rows
        if row.status != "accepted"
    }


def _unwritten(session: Session, request: ReportRequest) -> list[str]:
    from emulation_desktop.reports.annual import filled, report_context
    from emulation_desktop.reports.narrative import TO_WRITE

    text = filled(session, report_context(session, request), request.kind, request.scope)
    parts = (
        ("Kết quả thực hiện các nội dung thi đua", text.narrative),
        ("Hạn chế, tồn tại", text.shortcomings),
        ("Đề xuất, kiến nghị", text.proposals),
    )
    return [vi(UNWRITTEN, part=part) for part, value in parts if TO_WRITE in (value or "")]


def _pledges(session: Session, request: ReportRequest) -> list[str]:
    units = _scope_units(session, request)
    pledged = set(
        session.scalars(
            select(Pledge.unit_id).where(
                Pledge.unit_id.in_([u.id for u in units]),
                Pledge.year == request.year,
                Pledge.deleted.is_(False),
            )
        )
    )
    return [vi(NO_PLEDGE, unit=u.name, year=request.year) for u in units if u.id not in pledged]


def _review(session: Session, request: ReportRequest, steps: tuple[str, ...]) -> list[str]:
    code = _cluster_code(session, request)
    if code is None:
        return []  # the builder refuses a unit in no cluster
    names = {m.unit.code: m.unit.name for m in members(session, find_cluster(session, code), request.year)}
    out: list[str] = []
    for gap in review_readiness(session, code, request.year):
        if gap.step not in steps:
            continue
        if "{unit}" in STEP_LINES[gap.step] and not gap.unit_code:
            continue  # a gap of the whole cluster (no criteria to score on): the criteria line says it
        if request.scope == "unit" and gap.unit_code and gap.unit_code != request.code:
            continue  # a unit's own scoring sheet waits only for that unit
        line = vi(STEP_LINES[gap.step], unit=names.get(gap.unit_code, ""), year=request.year)
        if line not in out:
            out.append(line)
    return out


# The meeting's papers: besides the review steps they print, the meeting's set-up (review.meeting), the
# key tasks that make next year's agreement, and the conclusions the notice states. The pack holds
# every part, so it needs every step and all three.
MEETING_STEPS = ("criteria", "self_scores", "agreed_scores", "elections", "roles", "proposals")
MEETING: dict[str, tuple[str, ...]] = {
    "meeting-pack": MEETING_STEPS,
    "review-invitation": (),
    "review-agreement": (),
    "review-notice": MEETING_STEPS,
}
NO_MEETING = N_(
    "The review meeting of {year} has not been set up (date, time, place, chair, secretary, delegates)."
)
NO_TASKS = N_("The cluster's key tasks for {next} (next year's emulation agreement) are not written yet.")
NO_CONCLUSIONS = N_("The conclusions of the review meeting have not been recorded.")


def _meeting(session: Session, request: ReportRequest) -> list[str]:
    from emulation_desktop.review.meeting import meeting_of, next_year_tasks

    setup = meeting_of(session, request.code, request.year)
    kind, year = request.kind, request.year
    out = []
    if setup is None and kind != "review-agreement":
        out.append(vi(NO_MEETING, year=year))
    if kind in ("meeting-pack", "review-agreement") and not next_year_tasks(session, request.code, year):
        out.append(vi(NO_TASKS, next=year + 1))
    if kind in ("meeting-pack", "review-notice") and setup is not None and not setup.conclusion_lines():
        out.append(vi(NO_CONCLUSIONS))
    return out


def missing(session: Session, request: ReportRequest, *, today: date | None = None) -> list[str]:
    """What the document still lacks, one Vietnamese sentence each; empty when it may be issued."""
    today = today or date.today()
    if request.kind in FIGURES:
        lacking = _figures(session, request, today)
        if request.kind in MEETING:
            lacking += _review(session, request, MEETING_STEPS) + _meeting(session, request)
        return lacking + (_unwritten(session, request) if request.kind in REPORTS else [])
    if request.kind in MEETING:
        return _review(session, request, MEETING[request.kind]) + _meeting(session, request)
    if request.kind == "pledge-form":
        return _pledges(session, request)
    if request.kind in REVIEW_STEPS:
        return _review(session, request, REVIEW_STEPS[request.kind])
    return []


def document_missing(db: Database, request: ReportRequest) -> list[str]:
    """:func:`missing` in a session of its own (for the window: say "draft" instead of "ready")."""
    with db.session() as session:
        return missing(session, request)


def require_final(session: Session, request: ReportRequest) -> None:
    """Refuse to issue as final a document that is not complete, listing what it lacks."""
    refuse_draft(missing(session, request))


def refuse_draft(lacking: Iterable[str]) -> None:
    """The refusal of a document that lacks ``lacking`` (nothing when it lacks nothing)."""
    lines = list(lacking)
    if lines:
        raise InputError(
            _("This document can only be printed as a draft; it still lacks:")
            + "".join(f"\n- {line}" for line in lines)
        )
