"""The stable indicator codes and what each one measures.

Labels are English source strings; ``locale.i18n._`` translates them at display time. Documents use the
same labels through the Vietnamese catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from emulation_desktop.locale.i18n import N_


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    label: str
    measure: str  # "count" (value), "amount" (amount_vnd), "count_amount" (both), "ratio" (value of total)


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("solidarity_houses", N_("Great Solidarity houses built or repaired"), "count_amount"),
    IndicatorDef("other_support", N_("Other support (students, production, health care)"), "amount"),
    IndicatorDef("fund_sea_islands", N_("Donations to the Vietnam Sea and Islands Fund"), "amount"),
    IndicatorDef("fund_for_the_poor", N_("Donations to the For the Poor Fund"), "amount"),
    IndicatorDef("delegate_conferences_villages", N_("Villages that held a delegate conference"), "ratio"),
    IndicatorDef("delegate_conferences_communes", N_("Communes that held a delegate conference"), "ratio"),
    IndicatorDef("opinions_direct", N_("Opinions given directly at delegate conferences"), "count"),
    IndicatorDef("opinions_forms", N_("Opinions given on forms at delegate conferences"), "count"),
    IndicatorDef("cremations", N_("Cremations out of deaths"), "ratio"),
    IndicatorDef("supervisions", N_("Supervision sessions, led and joint"), "count"),
    IndicatorDef("supervisions_led", N_("Supervision sessions led by the Front"), "count"),
    IndicatorDef("supervisions_joint", N_("Joint supervision sessions"), "count"),
    IndicatorDef("social_criticisms", N_("Social criticism sessions"), "count"),
    IndicatorDef("recommendations", N_("Recommendations resolved out of made"), "ratio"),
    IndicatorDef("mediations", N_("Mediation cases resolved out of total"), "ratio"),
    IndicatorDef("citizen_receptions", N_("Citizen reception sessions"), "count"),
    IndicatorDef("petitions", N_("Petitions resolved out of received"), "ratio"),
)
BY_CODE = {definition.code: definition for definition in INDICATORS}

FUNDS = (
    ("sea_islands", N_("Vietnam Sea and Islands Fund")),
    ("for_the_poor", N_("For the Poor Fund")),
)
