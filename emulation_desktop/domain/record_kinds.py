"""The kinds of record a clerk edits, with their fields and cross-field rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from emulation_desktop.domain import models as m
from emulation_desktop.domain.fields import Field
from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.vocabulary import (
    HOUSEHOLD_CATEGORIES,
    RECOMMENDATION_STATUSES,
    SUPERVISION_FIELDS,
    SUPERVISION_KINDS,
    SUPERVISION_MODES,
    SUPPORT_KINDS,
)
from emulation_desktop.locale.i18n import N_, _

Check = Callable[[dict[str, object]], dict[str, str]]
COMMUNE = ("commune",)
PLACE = ("commune", "village")


@dataclass(frozen=True)
class RecordKind:
    name: str
    model: type[m.RecordMixin]
    label: str
    fields: tuple[Field, ...]
    search_fields: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    # A child record (recommendation, pledge target) takes its unit and year from its parent.
    parent: tuple[str, str] | None = None  # (field holding the parent id, parent kind name)

    def __post_init__(self) -> None:
        # The model is the one place a table's columns are spelled: every field must be one of its
        # columns, and a text field takes its length from the column.
        columns = self.model.__table__.c
        fields = []
        for spec in self.fields:
            column = columns.get(spec.name)
            if column is None:
                raise TypeError(f"{self.name}: “{spec.name}” is not a column of {self.model.__tablename__}")
            length = getattr(column.type, "length", None)
            if spec.kind == "text" and length:
                spec = replace(spec, max_length=length)
            fields.append(spec)
        for name in self.search_fields:
            if name not in columns:
                raise TypeError(f"{self.name}: search field “{name}” is not a column")
        object.__setattr__(self, "fields", tuple(fields))

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _not_more(part: str, whole: str, message: str) -> Check:
    def check(values: dict[str, object]) -> dict[str, str]:
        # An empty count is stored as 0 (the columns' default), so it is checked as 0: "5 resolved of
        # nothing received" is refused here, beside the field, not by the data file in English.
        a, b = values.get(part), values.get(whole)
        b = 0 if b is None else b
        if isinstance(a, int) and isinstance(b, int) and a > b:
            return {part: _(message).format(part=a, whole=b)}
        return {}

    return check


def _dates_in_order(values: dict[str, object]) -> dict[str, str]:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:  # type: ignore[operator]
        return {"end_date": _("The end date is before the start date.")}
    return {}


def _known_indicator(values: dict[str, object]) -> dict[str, str]:
    code = values.get("indicator_code")
    if code is not None and code not in BY_CODE:
        return {"indicator_code": _("Unknown indicator “{code}”.").format(code=code)}
    return {}


def _target_given(values: dict[str, object]) -> dict[str, str]:
    if all(values.get(k) is None for k in ("target_value", "target_amount_vnd", "target_percent")):
        return {"target_value": _("Give the target as a number, an amount or a percentage.")}
    return {}


YEAR = Field("year", "year", N_("Year"), required=True)
NOTE = Field("note", "longtext", N_("Note"))

KINDS: dict[str, RecordKind] = {
    kind.name: kind
    for kind in (
        RecordKind(
            "pledge",
            m.Pledge,
            N_("Emulation pledge"),
            (
                YEAR,
                Field("title", "text", N_("Title"), required=True),
                Field("registered_on", "date", N_("Registered on")),
                NOTE,
            ),
            search_fields=("title", "note"),
        ),
        RecordKind(
            "pledge_target",
            m.PledgeTarget,
            N_("Pledge target"),
            (
                Field("pledge_id", "text", N_("Pledge"), required=True),
                Field("indicator_code", "text", N_("Indicator"), required=True),
                Field("target_value", "int", N_("Target (number)")),
                Field("target_amount_vnd", "money", N_("Target (amount)")),
                Field("target_percent", "percent", N_("Target (tenths of a percent)")),
                NOTE,
            ),
            search_fields=("note",),
            checks=(_known_indicator, _target_given),
            parent=("pledge_id", "pledge"),
        ),
        RecordKind(
            "support_activity",
            m.SupportActivity,
            N_("Support activity"),
            (
                YEAR,
                Field("kind", "choice", N_("Kind of support"), required=True, choices=SUPPORT_KINDS),
                Field("commune_id", "ref", N_("Commune"), ref_levels=COMMUNE),
                Field("beneficiary", "text", N_("Beneficiary")),
                Field(
                    "household_category",
                    "choice",
                    N_("Household category"),
                    required=True,
                    choices=HOUSEHOLD_CATEGORIES,
                ),
                Field("activity_date", "date", N_("Date")),
                Field("value_vnd", "money", N_("Value"), required=True),
                Field("funding_source", "text", N_("Funding source")),
                NOTE,
            ),
            search_fields=("beneficiary", "funding_source", "note"),
        ),
        RecordKind(
            "donation",
            m.Donation,
            N_("Fund donation"),
            (
                YEAR,
                Field(
                    "fund_code",
                    "choice",
                    N_("Fund"),
                    required=True,
                    choices=("sea_islands", "for_the_poor"),
                ),
                Field("commune_id", "ref", N_("Commune"), ref_levels=COMMUNE),
                Field("donor", "text", N_("Donor")),
                Field("donation_date", "date", N_("Date")),
                Field("amount_vnd", "money", N_("Amount"), required=True),
                NOTE,
            ),
            search_fields=("donor", "note"),
        ),
        RecordKind(
            "supervision",
            m.Supervision,
            N_("Supervision session"),
            (
                YEAR,
                Field("mode", "choice", N_("Led or joint"), required=True, choices=SUPERVISION_MODES),
                Field("kind", "choice", N_("Kind"), required=True, choices=SUPERVISION_KINDS),
                Field("field", "choice", N_("Field"), required=True, choices=SUPERVISION_FIELDS),
                Field("subject", "text", N_("Subject"), required=True),
                Field("commune_id", "ref", N_("Commune"), ref_levels=COMMUNE),
                Field("start_date", "date", N_("Start date")),
                Field("end_date", "date", N_("End date")),
                Field("findings", "longtext", N_("Findings")),
            ),
            search_fields=("subject", "findings"),
            checks=(_dates_in_order,),
        ),
        RecordKind(
            "recommendation",
            m.Recommendation,
            N_("Recommendation"),
            (
                Field("supervision_id", "text", N_("Supervision session"), required=True),
                Field("content", "longtext", N_("Recommendation"), required=True),
                Field("addressee", "text", N_("Addressed to")),
                Field(
                    "status",
                    "choice",
                    N_("Follow-up status"),
                    required=True,
                    choices=RECOMMENDATION_STATUSES,
                ),
                Field("followed_up_on", "date", N_("Followed up on")),
                Field("response", "longtext", N_("Response")),
            ),
            search_fields=("content", "addressee", "response"),
            parent=("supervision_id", "supervision"),
        ),
        RecordKind(
            "delegate_conference",
            m.DelegateConference,
            N_("Delegate conference"),
            (
                YEAR,
                Field("place_id", "ref", N_("Village or commune"), required=True, ref_levels=PLACE),
                Field("held_on", "date", N_("Held on")),
                Field("attendees", "int", N_("Attendees")),
                Field("opinions_direct", "int", N_("Opinions given directly")),
                Field("opinions_forms", "int", N_("Opinions given on forms")),
                NOTE,
            ),
            search_fields=("note",),
        ),
        RecordKind(
            "funeral_tally",
            m.FuneralTally,
            N_("Funerals and cremations"),
            (
                YEAR,
                Field("commune_id", "ref", N_("Commune"), required=True, ref_levels=COMMUNE),
                Field("deaths", "int", N_("Deaths"), required=True),
                Field("cremations", "int", N_("Cremations"), required=True),
                NOTE,
            ),
            search_fields=("note",),
            checks=(
                _not_more(
                    "cremations",
                    "deaths",
                    N_("Cremations ({part}) cannot exceed deaths ({whole})."),
                ),
            ),
        ),
        RecordKind(
            "mediation_tally",
            m.MediationTally,
            N_("Grassroots mediation"),
            (
                YEAR,
                Field("commune_id", "ref", N_("Commune"), required=True, ref_levels=COMMUNE),
                Field("cases_total", "int", N_("Cases"), required=True),
                Field("cases_resolved", "int", N_("Cases resolved"), required=True),
                NOTE,
            ),
            search_fields=("note",),
            checks=(
                _not_more(
                    "cases_resolved",
                    "cases_total",
                    N_("Cases resolved ({part}) cannot exceed cases ({whole})."),
                ),
            ),
        ),
        RecordKind(
            "citizen_reception",
            m.CitizenReception,
            N_("Citizen reception and petitions"),
            (
                YEAR,
                Field("commune_id", "ref", N_("Commune"), required=True, ref_levels=COMMUNE),
                Field("sessions", "int", N_("Reception sessions")),
                Field("citizens", "int", N_("Citizens received")),
                Field("petitions_received", "int", N_("Petitions received")),
                Field("petitions_resolved", "int", N_("Petitions resolved")),
                NOTE,
            ),
            search_fields=("note",),
            checks=(
                _not_more(
                    "petitions_resolved",
                    "petitions_received",
                    N_("Petitions resolved ({part}) cannot exceed petitions received ({whole})."),
                ),
            ),
        ),
    )
}
