"""What the clerk edited in a document before exporting it, kept with the report (docs/architecture.md, Documents).

One row per unit, year, kind of document and scope: the narrative drafted from the figures, as edited,
and the next year's key tasks. A cluster-wide report is kept under the cluster head's unit.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, RecordMixin


class ReportDraft(RecordMixin, Base):
    __tablename__ = "report_draft"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "kind", "scope"),
        Index("ix_report_draft_scope", "unit_id", "year", "deleted"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))  # the document kind: "annual"...
    scope: Mapped[str] = mapped_column(String(10), default="unit")  # "unit" or "cluster"
    narrative: Mapped[str] = mapped_column(Text, default="")  # one paragraph per line
    key_tasks: Mapped[str] = mapped_column(Text, default="")  # one task per line
    signer_name: Mapped[str] = mapped_column(String(120), default="")
    number: Mapped[str] = mapped_column(String(20), default="")  # the document number, once given
