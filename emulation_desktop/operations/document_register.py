"""The register of outgoing documents (domain/document_register.py): the number a document was given,
the next number of a series, giving one, and the register of a unit's year.

A number is given once, when the document is first issued as final (``reports.document_register``
composes this with the build, in one transaction); printed again, the document keeps its number and
date. A number typed by hand (a paper register kept beside the app, or a report's number typed before
the register existed, ``report_draft.number``) is registered as given, if it is free; the count goes on
after the highest number of the series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.document_register import SIGNER_LENGTH, SYMBOL_LENGTH, VARIANT_LENGTH
from emulation_desktop.domain.models import RegisteredDocument, Unit
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError
from emulation_desktop.locale.formatting import format_date
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import find_cluster
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.storage.database import Database

MAX_NUMBER = 99_999


@dataclass(frozen=True)
class DocumentKey:
    """What makes two prints the same document: its kind, its scope, the unit or cluster it is about (by
    id), the year it reports on, and its variant ("" for most; e.g. a re-vote's tally)."""

    kind: str
    scope: str
    subject_id: str
    year: int
    variant: str = ""


@dataclass(frozen=True)
class Entry:
    """One line of the register."""

    number: int
    symbol: str  # "BC-MTTQ"
    issued_on: date
    title: str  # the document's type and summary
    recipients: tuple[str, ...]
    signer: str
    unit_code: str  # the issuing unit
    kind: str
    scope: str
    year: int  # the year the document is about
    variant: str = ""
    manual: bool = False

    @property
    def number_text(self) -> str:
        """ "01/BC-MTTQ": the number as it follows "Số:"."""
        return f"{number_label(self.number)}/{self.symbol}"

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "symbol": self.symbol,
            "number_text": self.number_text,
            "issued_on": self.issued_on.isoformat(),
            "title": self.title,
            "recipients": list(self.recipients),
            "signer": self.signer,
            "unit": self.unit_code,
            "kind": self.kind,
            "scope": self.scope,
            "year": self.year,
            "variant": self.variant,
            "manual": self.manual,
        }


def number_label(number: int) -> str:
    """The number as printed: two digits at least, as the register starts each year at 01 (NĐ 30,
    Điều 15)."""
    return f"{number:02d}"


def parse_number(text: str) -> int | None:
    """A number typed by hand ("15", "015", "15/BC-MTTQ"); None when nothing was typed."""
    value = clean_text(text or "")
    if not value:
        return None
    head = value.split("/", 1)[0].strip()
    if not re.fullmatch(r"\d{1,5}", head) or not 1 <= int(head) <= MAX_NUMBER:
        raise InputError(
            _("“{text}” is not a document number; type a whole number such as 15.").format(text=value)
        )
    return int(head)


def _entry(row: RegisteredDocument, unit_code: str) -> Entry:
    return Entry(
        row.number,
        row.symbol,
        row.issued_on,
        row.title,
        tuple(line for line in row.recipients.splitlines() if line),
        row.signer,
        unit_code,
        row.kind,
        row.scope,
        row.year,
        row.variant,
        bool(row.manual),
    )


def _row(session: Session, key: DocumentKey) -> RegisteredDocument | None:
    return session.scalar(
        select(RegisteredDocument).where(
            RegisteredDocument.kind == key.kind,
            RegisteredDocument.scope == key.scope,
            RegisteredDocument.subject_id == key.subject_id,
            RegisteredDocument.year == key.year,
            RegisteredDocument.variant == key.variant,
            RegisteredDocument.deleted.is_(False),
        )
    )


def find(session: Session, key: DocumentKey) -> Entry | None:
    """The document's line in the register, if it was issued."""
    row = _row(session, key)
    if row is None:
        return None
    return _entry(row, session.get(Unit, row.unit_id).code)  # type: ignore[union-attr]


def _series(unit_id: str, issue_year: int, symbol: str) -> Any:
    return (
        RegisteredDocument.unit_id == unit_id,
        RegisteredDocument.issue_year == issue_year,
        RegisteredDocument.symbol == symbol,
    )


def next_number(session: Session, unit_id: str, issue_year: int, symbol: str) -> int:
    """The number the next document of the series gets: one more than the highest given."""
    highest = session.scalar(
        select(func.max(RegisteredDocument.number)).where(*_series(unit_id, issue_year, symbol))
    )
    return (highest or 0) + 1


def check_number(session: Session, unit_id: str, symbol: str, issued_on: date, number: int | None) -> int:
    """The number a document of the series, dated ``issued_on``, is given: ``number`` if typed and free,
    else the next one. A counted number may not go to a document dated before the last one of its
    series: numbers follow the order of the dates (NĐ 30, Điều 15)."""
    issue_year = issued_on.year
    if number is not None:
        taken = session.scalar(
            select(RegisteredDocument).where(
                *_series(unit_id, issue_year, symbol), RegisteredDocument.number == number
            )
        )
        if taken is not None:
            raise InputError(
                _(
                    "The number {number} of {year} is already given to “{title}” ({date}); leave the number "
                    "empty to take the next one."
                ).format(
                    number=f"{number_label(number)}/{symbol}",
                    year=issue_year,
                    title=taken.title,
                    date=format_date(taken.issued_on),
                )
            )
        return number
    last = session.scalar(
        select(RegisteredDocument)
        .where(*_series(unit_id, issue_year, symbol))
        .order_by(RegisteredDocument.number.desc())
        .limit(1)
    )
    if last is not None and last.issued_on > issued_on:
        raise InputError(
            _(
                "The last document numbered {number} is dated {date}; date this one on or after that day, "
                "so the numbers follow the dates."
            ).format(number=f"{number_label(last.number)}/{symbol}", date=format_date(last.issued_on))
        )
    return (last.number if last else 0) + 1


def register(
    session: Session,
    key: DocumentKey,
    *,
    unit_id: str,
    symbol: str,
    issued_on: date,
    number: int,
    title: str,
    recipients: tuple[str, ...] = (),
    signer: str = "",
    manual: bool = False,
    user: str = "",
) -> Entry:
    """Write the document's line in the register (a building block: the caller owns the transaction and
    has the number from :func:`check_number`); audited."""
    if _row(session, key) is not None:
        raise InputError(_("This document already has a number in the register."))
    symbol, title, signer = clean_text(symbol), clean_text(title), clean_text(signer)
    variant = clean_text(key.variant)
    if not symbol or len(symbol) > SYMBOL_LENGTH or len(variant) > VARIANT_LENGTH:
        raise InputError(_("The document's symbol “{symbol}” cannot be registered.").format(symbol=symbol))
    row = RegisteredDocument(
        unit_id=unit_id,
        issue_year=issued_on.year,
        symbol=symbol,
        number=number,
        issued_on=issued_on,
        kind=key.kind,
        scope=key.scope,
        subject_id=key.subject_id,
        year=key.year,
        variant=variant,
        title=title,
        recipients="\n".join(clean_text(line) for line in recipients if clean_text(line)),
        signer=signer[:SIGNER_LENGTH],
        manual=manual,
        updated_by=user,
    )
    row.search_key = fold(f"{number_label(number)}/{symbol} {title}")
    session.add(row)
    session.flush()
    entry = _entry(row, session.get(Unit, unit_id).code)  # type: ignore[union-attr]
    session.add(
        audit_row(
            "create",
            "document_register",
            row.id,
            user=user,
            new={"number": entry.number_text, "issued_on": issued_on, "title": title, "manual": manual},
        )
    )
    return entry


def entries(session: Session, unit: str, issue_year: int) -> list[Entry]:
    """The register of a unit for a year: every document it issued, by date, then series and number."""
    owner = resolve_unit(session, unit)
    rows = session.scalars(
        select(RegisteredDocument)
        .where(
            RegisteredDocument.unit_id == owner.id,
            RegisteredDocument.issue_year == issue_year,
            RegisteredDocument.deleted.is_(False),
        )
        .order_by(RegisteredDocument.issued_on, RegisteredDocument.symbol, RegisteredDocument.number)
    )
    return [_entry(row, owner.code) for row in rows]


def register_of(db: Database, unit: str, issue_year: int) -> list[Entry]:
    """:func:`entries` in a session of its own (the ``documents`` command)."""
    if not 1900 <= issue_year <= 2200:
        raise InputError(_("The year {year} is out of range.").format(year=issue_year))
    with db.session() as session:
        return entries(session, unit, issue_year)


def subject_id(session: Session, scope: str, code: str) -> str:
    """The id a document's key holds for the unit or cluster it is about."""
    return find_cluster(session, code).id if scope == "cluster" else resolve_unit(session, code).id
