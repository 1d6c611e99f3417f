"""Judging a received criteria set's values, and the digest that tells whether a set changed.

A set from the head is held to the criteria editor's own rules and messages (names, numbers, kinds,
maxima, indicators, targets); anything it breaks rejects the whole set with its reason (``SetRejected``),
while the rest of the package is still planned. The digest covers the content (title, note, live groups
and criteria) and is the same for the package's copy and the copy written here from it, so it does not
depend on how each installation counts versions.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import CriteriaSet, Criterion, CriterionGroup
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import ValidationError
from emulation_desktop.exchange.criteria_sets import CRITERION_FIELDS, MAX_POSITION, MAX_TARGET
from emulation_desktop.exchange.package_format import is_uuid
from emulation_desktop.locale.i18n import _
from emulation_desktop.review.criteria import MAX_CODE, MAX_GROUP_NAME, MAX_TITLE, criterion_values


class SetRejected(Exception):
    """One set is rejected with this reason (the rest of the package is still planned)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def set_digest(
    title: str, note: str, deleted: bool, groups: list[tuple[Any, ...]], criteria: list[tuple[Any, ...]]
) -> str:
    """The content of a set (live groups and criteria, each a tuple starting with its id): the same
    for the package's copy and the copy written here from it."""
    content = (title, note, deleted, sorted(groups), sorted(criteria))
    return hashlib.blake2b(repr(content).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def group_tuple(g: Any) -> tuple[Any, ...]:
    """A group's part of the digest."""
    return (g["id"], g["code"], g["name"], g["position"])


def criterion_tuple(c: dict[str, Any]) -> tuple[Any, ...]:
    """A criterion's part of the digest."""
    return (c["id"], *(c[k] for k in CRITERION_FIELDS))


def local_digest(session: Session, criteria_set: CriteriaSet) -> str:
    """The digest of the set as it is stored here."""
    groups = session.scalars(
        select(CriterionGroup).where(
            CriterionGroup.set_id == criteria_set.id, CriterionGroup.deleted.is_(False)
        )
    )
    criteria = session.scalars(
        select(Criterion).where(Criterion.set_id == criteria_set.id, Criterion.deleted.is_(False))
    )
    return set_digest(
        criteria_set.title,
        criteria_set.note or "",
        bool(criteria_set.deleted),
        [(g.id, g.code, g.name, g.position) for g in groups],
        [criterion_tuple(stored_values(c)) for c in criteria],
    )


def stored_values(criterion: Criterion) -> dict[str, Any]:
    """A stored criterion's travelling values, as planning cleans the package's."""
    values = {k: getattr(criterion, k) for k in ("id", *CRITERION_FIELDS, "search_key")}
    values["target_text"] = values["target_text"] or ""
    return values


def _points(tenths: int) -> str:
    """95 → "9,5": the editor's own input form, so its rules and messages apply unchanged."""
    return f"{tenths // 10},{tenths % 10}" if tenths >= 0 else str(tenths)


def _clean(value: str, limit: int, message: str) -> str:
    cleaned = clean_text(value)
    if len(cleaned) > limit:
        raise SetRejected(message)
    return cleaned


def checked_heading(entry: dict[str, Any]) -> tuple[str, str]:
    """The set's title and note, cleaned."""
    title = _clean(entry["title"], MAX_TITLE, _("A name or code in the criteria set is too long."))
    if not title:
        raise SetRejected(_("A criteria set needs a title."))
    return title, clean_text(entry["note"])


def checked_groups(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The live groups, each with a valid id, a name and a number of its own."""
    groups: list[dict[str, Any]] = []
    seen: set[str] = set()
    codes: set[str] = set()
    too_long = _("A name or code in the criteria set is too long.")
    for group in entry["groups"]:
        if not is_uuid(group["id"]) or group["id"] in seen:
            raise SetRejected(_("A group or criterion of the set has no valid identifier."))
        seen.add(group["id"])
        name = _clean(group["name"], MAX_GROUP_NAME, too_long)
        if not name:
            raise SetRejected(_("A group of criteria needs a name."))
        code = _clean(group["code"], MAX_CODE, too_long)
        if code and code in codes:
            raise SetRejected(
                _("Two groups cannot have the same number “{code}” in one set.").format(code=code)
            )
        codes.add(code)
        if not 0 <= group["position"] <= MAX_POSITION:
            raise SetRejected(_("The order of a group or criterion is not valid."))
        groups.append(
            {
                "id": group["id"],
                "code": code,
                "name": name,
                "position": group["position"],
            }
        )
    return groups


def checked_criteria(
    session: Session, entry: dict[str, Any], group_ids: set[str]
) -> tuple[list[dict[str, Any]], set[str]]:
    """The live criteria, each validated as the criteria editor does, and the ids of removed ones."""
    live: list[dict[str, Any]] = []
    removed: set[str] = set()
    seen: set[str] = set(group_ids)
    codes: set[str] = set()
    too_long = _("A name or code in the criteria set is too long.")
    for item in entry["criteria"]:
        if not is_uuid(item["id"]) or item["id"] in seen:
            raise SetRejected(_("A group or criterion of the set has no valid identifier."))
        seen.add(item["id"])
        if item["deleted"]:
            removed.add(item["id"])
            continue
        code = _clean(item["code"], MAX_CODE, too_long)
        shown = code or str(item["position"])
        if not code:
            raise SetRejected(
                _("Criterion “{code}”: {reason}").format(
                    code=shown, reason=_("A criterion needs its number.")
                )
            )
        if code in codes:
            raise SetRejected(
                _("Two criteria cannot have the same number “{code}” in one set.").format(code=code)
            )
        codes.add(code)
        if item["group_id"] is not None and item["group_id"] not in group_ids:
            raise SetRejected(
                _("Criterion “{code}”: {reason}").format(code=code, reason=_("its group is not in the set."))
            )
        if not 0 <= item["position"] <= MAX_POSITION:
            raise SetRejected(_("The order of a group or criterion is not valid."))
        target = item["target_value"]
        if target is not None and target > MAX_TARGET:
            raise SetRejected(
                _("Criterion “{code}”: {reason}").format(
                    code=code, reason=_("The target must be a whole number above zero.")
                )
            )
        try:
            # The criteria editor's own rules and messages (name, kind, maximum, indicator, target,
            # lengths). An empty kind, which the editor reads as "normal", is refused: the head's
            # package always names it.
            values = criterion_values(
                session,
                {
                    "name": item["name"],
                    "code": code,
                    "kind": item["kind"] or "-",
                    "max_points": _points(item["max_tenths"]),
                    "indicator_code": item["indicator_code"],
                    "target_value": target,
                    "target_text": item["target_text"],
                },
            )
        except ValidationError as exc:
            raise SetRejected(
                _("Criterion “{code}”: {reason}").format(code=code, reason="; ".join(exc.errors.values()))
            ) from None
        values.update(id=item["id"], group_id=item["group_id"], position=item["position"])
        live.append(values)
    return live, removed
