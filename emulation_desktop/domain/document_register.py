"""The register of outgoing documents (sổ đăng ký văn bản đi, Nghị định 30/2020/NĐ-CP, Điều 15 and
Phụ lục IV): one row per document issued, with the number it was given ("Số: 15/BC-MTTQ"), its date,
what it is, to whom it went and who signed it. ``operations/document_register.py`` writes it, the
documents read it.

A number counts per issuing unit, calendar year of issue and symbol ("BC-MTTQ", "BB-CTĐ"): the law
starts the numbers again at 01 each 1 January. A document (its kind, scope, the unit or cluster it is
about, the year it reports on and its variant, e.g. a re-vote's tally) is registered once: printed
again, it keeps its number and date.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, RecordMixin

SYMBOL_LENGTH = 20
VARIANT_LENGTH = 80
SIGNER_LENGTH = 120


class RegisteredDocument(RecordMixin, Base):
    __tablename__ = "document_register"
    __table_args__ = (
        # One number per series, and one registration per document.
        UniqueConstraint("unit_id", "issue_year", "symbol", "number"),
        UniqueConstraint("kind", "scope", "subject_id", "year", "variant"),
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint("scope IN ('unit', 'cluster')", name="scope"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))  # the issuing unit (a cluster's head)
    issue_year: Mapped[int] = mapped_column(Integer)  # the year of ``issued_on``: the series' year
    symbol: Mapped[str] = mapped_column(String(SYMBOL_LENGTH))  # "BC-MTTQ"
    number: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))  # the document kind: "annual"…
    scope: Mapped[str] = mapped_column(String(10))  # "unit" or "cluster"
    subject_id: Mapped[str] = mapped_column(String(36))  # the unit's or the cluster's id
    year: Mapped[int] = mapped_column(Integer)  # the year the document is about
    variant: Mapped[str] = mapped_column(String(VARIANT_LENGTH), default="")
    title: Mapped[str] = mapped_column(Text)  # the document's type and summary, as printed
    recipients: Mapped[str] = mapped_column(Text, default="")  # one per line
    signer: Mapped[str] = mapped_column(String(SIGNER_LENGTH), default="")
    manual: Mapped[bool] = mapped_column(Boolean, default=False)  # the number was typed, not counted
