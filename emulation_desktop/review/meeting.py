"""The review meeting's set-up (domain/meeting.py): read it, check it and save it whole, in one
transaction with its audit row. The window's meeting page and the ``meeting`` command both call
:func:`save_meeting`; the meeting pack, the invitation, the minutes and the notice read
:func:`meeting_of`.

A delegate list comes typed, pasted from Excel or read from a CSV file as rows of cells ("Họ và tên",
"Chức vụ", "Đơn vị"); :func:`delegates_from_rows` reads them the same way for all three.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.meeting import NAME_LENGTH, PLACE_LENGTH, TITLE_LENGTH
from emulation_desktop.domain.models import MeetingDelegate, ReviewMeeting, Unit
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import ValidationError
from emulation_desktop.locale.formatting import format_date
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import cluster_members, find_cluster
from emulation_desktop.operations.report_drafts import get_draft
from emulation_desktop.storage.database import Database

MAX_DELEGATES = 500
NOTE_LENGTH = 4000
_TIME = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})$")
# A first row naming its columns is a heading, not a delegate ("Họ và tên", "Họ tên", "Name").
_HEADINGS = {"ho va ten", "ho ten", "name", "full name", "ten"}


@dataclass(frozen=True)
class Delegate:
    name: str
    title: str = ""  # chức vụ
    unit_code: str = ""  # a member unit's code; "" for a guest (the city's leaders)
    unit_name: str = ""  # filled when read back


@dataclass(frozen=True)
class MeetingSetup:
    held_on: date
    starts_at: str  # "08:00"
    place: str
    chair: str
    secretary: str
    chair_title: str = ""
    secretary_title: str = ""
    note: str = ""
    conclusions: str = ""  # one paragraph per line, recorded at the meeting
    delegates: tuple[Delegate, ...] = field(default_factory=tuple)

    @property
    def hour_minute(self) -> tuple[int, int]:
        hour, minute = self.starts_at.split(":")
        return int(hour), int(minute)

    def conclusion_lines(self) -> list[str]:
        return [line.strip() for line in self.conclusions.splitlines() if line.strip()]


# Reading ---------------------------------------------------------------------------------------------


def _meeting_row(session: Session, cluster_id: str, year: int) -> ReviewMeeting | None:
    return session.scalar(
        select(ReviewMeeting).where(
            ReviewMeeting.cluster_id == cluster_id,
            ReviewMeeting.year == year,
            ReviewMeeting.deleted.is_(False),
        )
    )


def _delegate_rows(session: Session, meeting_id: str) -> list[MeetingDelegate]:
    return list(
        session.scalars(
            select(MeetingDelegate)
            .where(MeetingDelegate.meeting_id == meeting_id, MeetingDelegate.deleted.is_(False))
            .order_by(MeetingDelegate.sort_order)
        )
    )


def meeting_of(session: Session, cluster_code: str, year: int) -> MeetingSetup | None:
    """The cluster's review meeting of ``year`` as set up, or None when nobody set it up yet."""
    cluster = find_cluster(session, cluster_code)
    row = _meeting_row(session, cluster.id, year)
    if row is None:
        return None
    units = {u.id: u for u, _role in cluster_members(session, cluster, year)}
    delegates = []
    for d in _delegate_rows(session, row.id):
        unit = units.get(d.unit_id or "") or (session.get(Unit, d.unit_id) if d.unit_id else None)
        delegates.append(Delegate(d.name, d.title, unit.code if unit else "", unit.name if unit else ""))
    return MeetingSetup(
        held_on=row.held_on,
        starts_at=row.starts_at,
        place=row.place,
        chair=row.chair,
        secretary=row.secretary,
        chair_title=row.chair_title,
        secretary_title=row.secretary_title,
        note=row.note,
        conclusions=row.conclusions,
        delegates=tuple(delegates),
    )


def read_meeting(db: Database, cluster_code: str, year: int) -> MeetingSetup | None:
    """:func:`meeting_of` in a session of its own (the window's meeting page)."""
    with db.session() as session:
        return meeting_of(session, cluster_code, year)


def next_year_tasks(session: Session, cluster_code: str, year: int) -> list[str]:
    """The cluster's key tasks for ``year + 1``, as written in its year-end report (kept under the
    cluster head's unit): the content of next year's emulation agreement."""
    cluster = find_cluster(session, cluster_code)
    members = cluster_members(session, cluster, year)
    head = next((u for u, role in members if role == "head"), members[0][0] if members else None)
    if head is None:
        return []
    draft = get_draft(session, head.code, year, "annual", "cluster")
    return draft.key_task_list() if draft else []


# Checking --------------------------------------------------------------------------------------------


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy (also d/m/yyyy and dd-mm-yyyy); None when it is not a date."""
    value = clean_text(text).replace("-", "/").replace(".", "/")
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        return None


def parse_time(text: str) -> str | None:
    """ "08:00" from "8:00", "08h00" or "8h00"; None when it is not a time of day."""
    found = _TIME.match(clean_text(text))
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _long(errors: dict[str, str], name: str, value: str, limit: int, label: str) -> None:
    if len(value) > limit:
        errors[name] = _("{label} is longer than {limit} characters.").format(label=label, limit=limit)


def check_meeting(setup: MeetingSetup, year: int, members: Sequence[Unit]) -> dict[str, str]:
    """Every problem of the set-up, field by field, in the clerk's words (empty when it may be saved).
    The meeting of ``year`` is held in that year or in January of the next; the delegates' units are
    the cluster's members of the year."""
    errors: dict[str, str] = {}
    held = setup.held_on
    if not (held.year == year or (held.year == year + 1 and held.month == 1)):
        errors["held_on"] = _(
            "The review of {year} is held between 01/01/{year} and 31/01/{next}; {date} is outside."
        ).format(year=year, next=year + 1, date=format_date(held))
    if parse_time(setup.starts_at) != setup.starts_at:
        errors["starts_at"] = _("Give the start time as HH:MM, for example 08:00.")
    for name, value, label in (
        ("place", setup.place, _("The place")),
        ("chair", setup.chair, _("The chair")),
        ("secretary", setup.secretary, _("The secretary")),
    ):
        if not value:
            errors[name] = _("{label} is required.").format(label=label)
    _long(errors, "place", setup.place, PLACE_LENGTH, _("The place"))
    for name, value, label in (
        ("chair", setup.chair, _("The chair")),
        ("secretary", setup.secretary, _("The secretary")),
    ):
        _long(errors, name, value, NAME_LENGTH, label)
    for name, value in (("chair_title", setup.chair_title), ("secretary_title", setup.secretary_title)):
        _long(errors, name, value, TITLE_LENGTH, _("The position"))
    _long(errors, "note", setup.note, NOTE_LENGTH, _("The note"))
    _long(errors, "conclusions", setup.conclusions, NOTE_LENGTH * 4, _("The conclusions"))
    codes = {u.code for u in members}
    if not setup.delegates:
        errors["delegates"] = _("List the delegates: one ballot is printed for each.")
    elif len(setup.delegates) > MAX_DELEGATES:
        errors["delegates"] = _("At most {n} delegates.").format(n=MAX_DELEGATES)
    for number, delegate in enumerate(setup.delegates, start=1):
        if not delegate.name:
            errors["delegates"] = _("Delegate {n} has no name.").format(n=number)
        elif len(delegate.name) > NAME_LENGTH or len(delegate.title) > TITLE_LENGTH:
            errors["delegates"] = _("Delegate {n}: the name or the position is too long.").format(n=number)
        elif delegate.unit_code and delegate.unit_code not in codes:
            errors["delegates"] = _(
                "Delegate {n}: “{unit}” is not a member of the cluster in {year}."
            ).format(n=number, unit=delegate.unit_code, year=year)
        if "delegates" in errors:
            break
    return errors


def _cleaned(setup: MeetingSetup) -> MeetingSetup:
    def lines(text: str) -> str:
        return "\n".join(clean_text(line) for line in text.splitlines() if clean_text(line))

    return MeetingSetup(
        held_on=setup.held_on,
        starts_at=parse_time(setup.starts_at) or clean_text(setup.starts_at),
        place=clean_text(setup.place),
        chair=clean_text(setup.chair),
        secretary=clean_text(setup.secretary),
        chair_title=clean_text(setup.chair_title),
        secretary_title=clean_text(setup.secretary_title),
        note=lines(setup.note),
        conclusions=lines(setup.conclusions),
        delegates=tuple(
            Delegate(clean_text(d.name), clean_text(d.title), clean_text(d.unit_code))
            for d in setup.delegates
        ),
    )


def _unit_key(text: str) -> str:
    key = fold(text)
    for prefix in ("uy ban mttq viet nam ", "ubmttq ", "huyen ", "quan ", "thi xa ", "xa ", "phuong "):
        key = key.removeprefix(prefix)
    return key


def match_unit(text: str, members: Sequence[Unit]) -> str:
    """The member's code a cell names: its code, its name or its place name ("Đông Anh", "Huyện Đông
    Anh", "Ủy ban MTTQ Việt Nam huyện Đông Anh"); the text itself when nothing matches (the check then
    refuses it by name)."""
    text = clean_text(text)
    if not text:
        return ""
    key = _unit_key(text)
    for unit in members:
        if text == unit.code or key in (_unit_key(unit.name), _unit_key(unit.place_name or "")):
            return unit.code
    return text


def delegates_from_rows(rows: Iterable[Sequence[object]], members: Sequence[Unit]) -> list[Delegate]:
    """Delegates from rows of cells (a CSV file, a block pasted from Excel): name, position, unit. A
    numbering cell in front ("1", "2.") and a heading row are left out, and so are empty rows."""
    out: list[Delegate] = []
    for row in rows:
        cells = ["" if c is None else clean_text(str(c)) for c in row]
        if cells and cells[0].rstrip(".").isdigit():
            cells = cells[1:]
        if not any(cells):
            continue
        if not out and fold(cells[0]) in _HEADINGS:
            continue
        cells += [""] * (3 - len(cells))
        out.append(Delegate(cells[0], cells[1], match_unit(cells[2], members)))
    return out


def cluster_units(session: Session, cluster_code: str, year: int) -> list[Unit]:
    """The cluster's member units of the year (the delegates' units are chosen among them)."""
    return [u for u, _role in cluster_members(session, find_cluster(session, cluster_code), year)]


def member_units(db: Database, cluster_code: str, year: int) -> list[Unit]:
    with db.session() as session:
        units = cluster_units(session, cluster_code, year)
        session.expunge_all()
        return units


# Saving ----------------------------------------------------------------------------------------------


def _audit_values(setup: MeetingSetup) -> dict[str, object]:
    return {
        "held_on": setup.held_on.isoformat(),
        "starts_at": setup.starts_at,
        "place": setup.place,
        "chair": setup.chair,
        "chair_title": setup.chair_title,
        "secretary": setup.secretary,
        "secretary_title": setup.secretary_title,
        "note": setup.note,
        "conclusions": setup.conclusions,
        "delegates": len(setup.delegates),
    }


def save_meeting(db: Database, cluster_code: str, year: int, setup: MeetingSetup, *, user: str = "") -> None:
    """Save the whole set-up (the meeting and its delegate list) in one transaction, after checking it;
    a refusal (ValidationError, one message per field) writes nothing."""
    setup = _cleaned(setup)
    with db.transaction() as session:
        cluster = find_cluster(session, cluster_code)
        units = cluster_units(session, cluster_code, year)
        errors = check_meeting(setup, year, units)
        if not units:
            errors["cluster"] = _("The cluster “{code}” has no members in {year}.").format(
                code=cluster.code, year=year
            )
        if errors:
            raise ValidationError(errors)
        by_code = {u.code: u.id for u in units}
        row = _meeting_row(session, cluster.id, year)
        old = meeting_of(session, cluster_code, year)
        values = {k: v for k, v in _audit_values(setup).items() if k != "delegates"}
        values["held_on"] = setup.held_on
        if row is None:
            row = ReviewMeeting(id=new_id(), cluster_id=cluster.id, year=year, updated_by=user, **values)
            session.add(row)
            session.flush()
        else:
            for key, value in values.items():
                setattr(row, key, value)
            row.version, row.updated_by = row.version + 1, user
        existing = _delegate_rows(session, row.id)
        for order, delegate in enumerate(setup.delegates, start=1):
            unit_id = by_code.get(delegate.unit_code) if delegate.unit_code else None
            if order <= len(existing):
                kept = existing[order - 1]
                if (kept.name, kept.title, kept.unit_id) != (delegate.name, delegate.title, unit_id):
                    kept.name, kept.title, kept.unit_id = delegate.name, delegate.title, unit_id
                    kept.version, kept.updated_by = kept.version + 1, user
                continue
            session.add(
                MeetingDelegate(
                    id=new_id(),
                    meeting_id=row.id,
                    sort_order=order,
                    name=delegate.name,
                    title=delegate.title,
                    unit_id=unit_id,
                    updated_by=user,
                )
            )
        for gone in existing[len(setup.delegates) :]:
            gone.deleted, gone.version, gone.updated_by = True, gone.version + 1, user
        session.add(
            audit_row(
                "update" if old else "create",
                "review_meeting",
                row.id,
                user=user,
                old=_audit_values(old) if old else None,
                new=_audit_values(setup),
            )
        )
