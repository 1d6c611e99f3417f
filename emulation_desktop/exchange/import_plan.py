"""An import's plan: what a verified package would change here, and what applying it writes.

Planning (exchange.import_planning) sorts every row of the package into new / updated / deleted /
unchanged / conflicts / rejected, counted per kind, and lists the rows skipped because a deletion
received earlier stands (exchange.record_planning), and keeps the rows to write in ``writes``; the
clerk reads the summary before anything is written, and applying (exchange.import_package) writes
exactly what the plan holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.exchange import criteria_sets, self_scores
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.evidence import size_text

if TYPE_CHECKING:
    from emulation_desktop.exchange.conflicts import Decision
    from emulation_desktop.exchange.criteria_set_planning import PlannedSet
    from emulation_desktop.operations.predecessors import Predecessor


@dataclass(frozen=True)
class RowIssue:
    """A row of the package that is not imported (a conflict or a rejection), with the reason."""

    kind: str
    record_id: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.record_id, "reason": self.reason}


@dataclass
class PlannedUnit:
    """A unit or place of the package that is new here."""

    id: str
    spec: dict[str, Any]
    path: str
    parent_id: str | None


@dataclass
class PlannedWrites:
    """What applying the plan writes, all in one transaction. Rows are dicts of column values; the
    record lists are per kind of record."""

    units: list[PlannedUnit] = field(default_factory=list)
    unit_updates: list[dict[str, Any]] = field(default_factory=list)
    record_inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    record_updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    record_deletions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # tombstones
    criteria_sets: list[PlannedSet] = field(default_factory=list)
    score_inserts: list[dict[str, Any]] = field(default_factory=list)
    score_updates: list[dict[str, Any]] = field(default_factory=list)
    # ImportState rows: the version and digest each written row came with, what its next copy is
    # compared to (exchange.conflicts).
    import_states: list[dict[str, Any]] = field(default_factory=list)
    # Evidence files (exchange.evidence_files): the bytes not stored here yet, the attachments new here,
    # and the attachments changed (removed at the sender, or brought back).
    evidence_files: list[dict[str, Any]] = field(default_factory=list)
    evidence_links: list[dict[str, Any]] = field(default_factory=list)
    evidence_link_updates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What importing a package would do: counts per kind, the rows not imported with their reasons,
    and (``writes``) the rows applying writes."""

    package_id: str
    unit_code: str
    unit_name: str
    year: int
    created_at: datetime
    submitted: bool
    revised_after_submission: bool
    file_sha256: str
    sequence: int | None = None  # the sender's number for the package (None: format 1)
    key_fingerprint: str = ""  # of the key that verified it: the receiver compares numbers per key
    future_dated: bool = False  # made "in the future" by this computer's clock: the sender's is wrong
    already_imported_at: datetime | None = None
    adopt_unit: bool = False  # the unit is marked local here but empty: it becomes an imported unit
    new_units: int = 0
    new: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    conflicts: list[RowIssue] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)  # live rows of records deleted earlier
    status: str = "planned"  # planned, applied, unchanged
    unit_id: str = ""  # the id here of the package's unit (made by the plan when it is new here)
    # The old units the package's unit was formed from, when they differ from those recorded here
    # (exchange.unit_planning), and the year it was formed; None: nothing to change.
    predecessors: list[Predecessor] | None = None
    formed_in: int = 0
    # Evidence files (format 4): what the package carries, what is new here, attachments added/removed.
    carries_evidence: bool = False
    evidence_files: int = 0
    evidence_bytes: int = 0
    evidence_new_files: int = 0
    evidence_new_bytes: int = 0
    evidence_added: int = 0
    evidence_removed: int = 0
    writes: PlannedWrites = field(default_factory=PlannedWrites, repr=False)

    def add_rejected(self, kind: str, record_id: str, reason: str) -> None:
        """A row that breaks the rules: not imported, and in a real import the whole package is refused."""
        self.rejected.append(RowIssue(kind, record_id, reason))

    def add_conflict(self, kind: str, record_id: str, reason: str) -> None:
        """A row whose copy here is kept."""
        self.conflicts.append(RowIssue(kind, record_id, reason))

    def add_skipped(self, kind: str, record_id: str, reason: str) -> None:
        """A row not imported because a deletion received earlier stands: the package does not know of it."""
        self.skipped.append(RowIssue(kind, record_id, reason))

    def keeps_here(self, kind: str, record_id: str, decision: Decision) -> bool:
        """Count a row the import leaves as it is here (unchanged, or a conflict with its reason);
        False when the decision is to write it."""
        if decision.outcome == "unchanged":
            self.unchanged[kind] += 1
        elif decision.outcome == "conflict":
            self.add_conflict(kind, record_id, decision.reason)
        else:
            return False
        return True

    def count_write(
        self,
        kind: str,
        outcome: str,
        *,
        record_id: str,
        table_name: str,
        version: int,
        row_hash: str,
    ) -> None:
        """Count a row that applying writes (new, updated or deleted) and keep the import state it
        leaves."""
        {"new": self.new, "update": self.updated, "delete": self.deleted}[outcome][kind] += 1
        self.keep_state(record_id=record_id, table_name=table_name, version=version, row_hash=row_hash)

    def keep_state(self, *, record_id: str, table_name: str, version: int, row_hash: str) -> None:
        """Keep the import state a row leaves (also for a deletion of a record never seen here, which
        changes nothing else but must hold against a later package: exchange.record_planning)."""
        self.writes.import_states.append(
            {
                "record_id": record_id,
                "table_name": table_name,
                "unit_code": self.unit_code,
                "year": self.year,
                "version": version,
                "row_hash": row_hash,
                "package_id": self.package_id,
            }
        )

    def counts(self) -> dict[str, int]:
        return {
            "new": sum(self.new.values()),
            "updated": sum(self.updated.values()) + sum(self.deleted.values()),
            "unchanged": sum(self.unchanged.values()),
            "conflicts": len(self.conflicts),
            "rejected": len(self.rejected),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "unit": self.unit_code,
            "year": self.year,
            "created_at": self.created_at.isoformat(),
            "sequence": self.sequence,
            "key": self.key_fingerprint,
            "future_dated": self.future_dated,
            "status": self.status,
            "submitted": self.submitted,
            "revised_after_submission": self.revised_after_submission,
            **self.counts(),
            "deleted": sum(self.deleted.values()),
            "by_kind": {
                kind: {
                    "new": self.new[kind],
                    "updated": self.updated[kind],
                    "deleted": self.deleted[kind],
                    "unchanged": self.unchanged[kind],
                }
                for kind in PLAN_KINDS
                if self.new[kind] or self.updated[kind] or self.deleted[kind] or self.unchanged[kind]
            },
            "evidence": {
                "files": self.evidence_files,
                "bytes": self.evidence_bytes,
                "new_files": self.evidence_new_files,
                "new_bytes": self.evidence_new_bytes,
                "attachments_added": self.evidence_added,
                "attachments_removed": self.evidence_removed,
            },
            "conflict_list": [c.as_json() for c in self.conflicts],
            "rejected_list": [r.as_json() for r in self.rejected],
            "skipped_list": [r.as_json() for r in self.skipped],
        }

    def summary_lines(self, *, limit: int = 20, with_outcome: bool = True) -> list[str]:
        """The summary the clerk reads (translated), one line each; ``with_outcome``: ending with what
        was done (imported, or nothing in a dry run)."""
        lines = [
            _("Package of {unit} ({code}), year {year}, made {date}.").format(
                unit=self.unit_name,
                code=self.unit_code,
                year=self.year,
                date=self.created_at.strftime("%d/%m/%Y %H:%M"),
            )
        ]
        if self.future_dated:
            lines.append(
                _(
                    "The package's date {date} is in the future — the sending computer's clock may be wrong."
                ).format(date=self.created_at.strftime("%d/%m/%Y %H:%M"))
            )
        if self.revised_after_submission:
            lines.append(_("The sender revised this year after submitting it."))
        if self.already_imported_at is not None:
            lines.append(
                _("This package was already imported on {date}; nothing was changed.").format(
                    date=self.already_imported_at.strftime("%d/%m/%Y %H:%M")
                )
            )
            return lines
        counts = self.counts()
        lines.append(
            _(
                "New: {new}; updated: {updated}; unchanged: {unchanged}; conflicts: {conflicts}; rejected: {rejected}."
            ).format(**counts)
        )
        if self.carries_evidence:
            lines.append(self.evidence_line())
        if self.predecessors is not None:
            names = ", ".join(f"{p.name or p.code} ({p.code})" for p in self.predecessors) or _("none")
            lines.append(_("Old units it was formed from: {names}.").format(names=names))
        if self.adopt_unit:
            lines.append(
                _(
                    "{unit} was marked as owned here but had no records; it becomes an imported, read-only unit."
                ).format(unit=self.unit_name)
            )
        kind = criteria_sets.KIND
        if self.new[kind] or self.updated[kind] or self.unchanged[kind]:
            lines.append(
                _("{kind}: new {new}; updated {updated}; unchanged {unchanged}.").format(
                    kind=kind_label(kind),
                    new=self.new[kind],
                    updated=self.updated[kind],
                    unchanged=self.unchanged[kind],
                )
            )
        for issue in self.conflicts[:limit]:
            lines.append(
                _("Conflict ({kind}, {id}): {reason}").format(
                    kind=kind_label(issue.kind), id=issue.record_id, reason=issue.reason
                )
            )
        for issue in self.rejected[:limit]:
            lines.append(
                _("Rejected ({kind}, {id}): {reason}").format(
                    kind=kind_label(issue.kind), id=issue.record_id, reason=issue.reason
                )
            )
        for issue in self.skipped[:limit]:
            lines.append(
                _("Skipped ({kind}, {id}): {reason}").format(
                    kind=kind_label(issue.kind), id=issue.record_id, reason=issue.reason
                )
            )
        hidden = sum(max(0, len(issues) - limit) for issues in (self.conflicts, self.rejected, self.skipped))
        if hidden:
            lines.append(_("… and {n} more.").format(n=hidden))
        if with_outcome and self.status == "applied":
            lines.append(_("The package was imported."))
        elif with_outcome and self.status == "planned":
            lines.append(_("Dry run: nothing was changed."))
        return lines

    def evidence_line(self) -> str:
        """The evidence files the package carries, and what they change here."""
        return _(
            "Evidence files: {files} ({size}), {new} of them new here ({new_size}); attachments added: "
            "{added}; removed: {removed}."
        ).format(
            files=self.evidence_files,
            size=size_text(self.evidence_bytes),
            new=self.evidence_new_files,
            new_size=size_text(self.evidence_new_bytes),
            added=self.evidence_added,
            removed=self.evidence_removed,
        )


# Every kind a plan counts, in the order the summary shows them: records, then the review's.
PLAN_KINDS = (*KINDS, criteria_sets.KIND, self_scores.KIND)


def kind_label(kind: str) -> str:
    """The clerk's name for a kind of the plan (a kind of record, a criteria set, a self-score)."""
    if kind in KINDS:
        return _(KINDS[kind].label)
    return _(criteria_sets.LABEL) if kind == criteria_sets.KIND else _(self_scores.LABEL)
