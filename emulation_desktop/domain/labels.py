"""Display labels of coded choices (English source strings, translated when shown)."""

from __future__ import annotations

from emulation_desktop.locale.i18n import N_

CHOICE_LABELS: dict[str, dict[str, str]] = {
    "kind": {
        "house_new": N_("Great Solidarity house (new)"),
        "house_repair": N_("Great Solidarity house (repair)"),
        "student": N_("Support for poor students"),
        "production": N_("Support for production"),
        "health": N_("Health care support"),
        "gift": N_("Gifts to policy and poor households"),
        "other": N_("Other support"),
        "supervision": N_("Supervision"),
        "social_criticism": N_("Social criticism"),
        "people_inspection": N_("People's Inspection"),
        "community_investment": N_("Community investment supervision"),
    },
    "household_category": {
        "poor": N_("Poor household"),
        "near_poor": N_("Near-poor household"),
        "policy": N_("Policy family"),
        "hardship": N_("Household in special hardship"),
        "other": N_("Other"),
    },
    "fund_code": {
        "sea_islands": N_("Vietnam Sea and Islands Fund"),
        "for_the_poor": N_("For the Poor Fund"),
    },
    "mode": {"led": N_("Led by the Front"), "joint": N_("Joint supervision")},
    "field": {
        "land": N_("Land management"),
        "construction_order": N_("Construction order"),
        "site_clearance": N_("Site clearance"),
        "capital_investment": N_("Capital construction investment"),
        "one_stop": N_("One-stop administrative service"),
        "funds": N_("Collection and use of funds"),
        "social_policy": N_("Social policy"),
        "environment": N_("Environment"),
        "other": N_("Other"),
    },
    "status": {
        "pending": N_("Awaiting response"),
        "in_progress": N_("Being handled"),
        "resolved": N_("Resolved"),
        "unresolved": N_("Not resolved"),
    },
}


def choice_label(field: str, value: str) -> str:
    """The English source label of a coded value (translate it with ``_``)."""
    return CHOICE_LABELS.get(field, {}).get(value, value)
