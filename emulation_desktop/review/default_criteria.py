"""The cluster's default scoring table (bảng tiêu chí chấm điểm): ten figures of the year, each with
its maximum points (100 in all). The meeting pack prints it for a cluster that has no criteria set of
its own, and the criteria step offers it as a template to start the year's set from, so that what the
clerk starts from is what the conference has always been handed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.text import clean_text
from emulation_desktop.locale.i18n import gettext_in


@dataclass(frozen=True)
class DefaultCriterion:
    indicator_code: str  # the figure the criterion scores
    shown_as: str  # how the sheet shows the unit's result: "value", "amount" or "ratio"
    max_points: int


DEFAULT_CRITERIA: tuple[DefaultCriterion, ...] = (
    DefaultCriterion("solidarity_houses", "value", 10),
    DefaultCriterion("other_support", "amount", 5),
    DefaultCriterion("fund_sea_islands", "amount", 5),
    DefaultCriterion("fund_for_the_poor", "amount", 10),
    DefaultCriterion("delegate_conferences_villages", "ratio", 10),
    DefaultCriterion("cremations", "ratio", 15),
    DefaultCriterion("supervisions", "value", 15),
    DefaultCriterion("recommendations", "ratio", 10),
    DefaultCriterion("mediations", "ratio", 10),
    DefaultCriterion("petitions", "ratio", 10),
)

# The one group the template's criteria go in, when copied into a set (a criterion of the editor sits
# in a group); stored, and printed, in Vietnamese like a set's title.
DEFAULT_GROUP = "Kết quả thực hiện các chỉ tiêu thi đua"


def criterion_name(code: str) -> str:
    """The figure's name in Vietnamese, whatever the window's language: it is printed on documents."""
    return clean_text(gettext_in("vi", BY_CODE[code].label))


def default_groups() -> list[dict[str, Any]]:
    """The template as the criteria operations read a new set's groups (numbered 1, 2…, no targets of
    its own: a unit's pledged target is measured against)."""
    return [
        {
            "code": "I",
            "name": DEFAULT_GROUP,
            "criteria": [
                {
                    "code": str(number),
                    "name": criterion_name(item.indicator_code),
                    "max_points": item.max_points,
                    "indicator_code": item.indicator_code,
                }
                for number, item in enumerate(DEFAULT_CRITERIA, start=1)
            ],
        }
    ]
