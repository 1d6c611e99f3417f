"""Rows for support activities (Great Solidarity houses and other support) and fund donations.

Each generator takes one district-year's totals and returns plain dicts for
``operations.records.create_records``; amounts are split so that they add up to the totals exactly.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from emulation_desktop.demo import data
from emulation_desktop.demo.figures import MILLION, District, DistrictYear
from emulation_desktop.demo.people import NameMaker
from emulation_desktop.demo.split import day_between, jittered, split_total
from emulation_desktop.demo.tree import Place

Row = dict[str, Any]

# Other support: the share of the amount per kind and a typical single value, which sets how many
# records there are (many small gifts, few larger production loans).
OTHER_KINDS = {
    "student": (0.30, 3 * MILLION),
    "production": (0.30, 20 * MILLION),
    "health": (0.20, 5 * MILLION),
    "gift": (0.20, 1 * MILLION),
}
# Which households each kind of support goes to, with rough weights.
CATEGORIES = {
    "house": (("poor", "near_poor", "policy", "hardship"), (5, 2, 1.5, 1.5)),
    "student": (("poor", "near_poor", "hardship"), (4, 3, 2)),
    "production": (("poor", "near_poor"), (3, 2)),
    "health": (("hardship", "poor", "policy"), (3, 2, 1)),
    "gift": (("policy", "poor", "near_poor"), (3, 3, 2)),
}
GIFT_PREFIX = {"policy": "Gia đình chính sách", "poor": "Hộ nghèo", "near_poor": "Hộ cận nghèo"}
SMALL_STEP = 100_000  # small gifts and donations are counted in hundreds of thousands of đồng


def _category(rng: random.Random, key: str) -> str:
    values, weights = CATEGORIES[key]
    return rng.choices(values, weights)[0]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def support_rows(
    district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
) -> list[Row]:
    """Houses built or repaired, then support to students, production, health care and gifts."""
    texts = data.support()
    people = NameMaker(rng)
    rows: list[Row] = []

    kinds = ["house_new" if rng.random() < 0.55 else "house_repair" for _ in range(figures.houses)]
    # A new house costs two to three times a repair; the values are whole millions, as reported.
    weights = [rng.uniform(55, 80) if kind == "house_new" else rng.uniform(20, 40) for kind in kinds]
    for kind, value in zip(kinds, split_total(figures.houses_vnd, weights, step=MILLION), strict=True):
        place = rng.choice(places)
        village = rng.choice(place.villages)
        rows.append(
            {
                "year": year,
                "kind": kind,
                "commune_id": place.commune.code,
                "beneficiary": f"Hộ {people.householder()}, {village.in_sentence}",
                "household_category": _category(rng, "house"),
                "activity_date": day_between(rng, date(year, 3, 1), date(year, 11, 15)),
                "value_vnd": value,
                "funding_source": rng.choice(texts["house_funding"]),
                "note": rng.choice(texts["notes"][kind]),
            }
        )

    shares = split_total(
        figures.other_support_vnd, [share for share, _ in OTHER_KINDS.values()], step=MILLION
    )
    for (kind, (_, typical)), share in zip(OTHER_KINDS.items(), shares, strict=True):
        count = max(1, round(share / typical))
        for value in split_total(share, jittered(rng, count, 0.5), step=SMALL_STEP):
            rows.append(_other_row(kind, year, value, places, people, texts, rng))
    return rows


def _other_row(
    kind: str,
    year: int,
    value: int,
    places: list[Place],
    people: NameMaker,
    texts: dict[str, Any],
    rng: random.Random,
) -> Row:
    place = rng.choice(places)
    village = rng.choice(place.villages)
    category = _category(rng, kind)
    note = rng.choice(texts["notes"][kind]) if kind in texts["notes"] else ""
    if kind == "student":
        school = rng.choice(people.lists["schools"])
        beneficiary = f"Em {people.person()[0]}, {school} {place.commune.place}"
        day = day_between(rng, date(year, 8, 15), date(year, 9, 15))
    elif kind == "production":
        beneficiary = f"Hộ {people.householder()}, {village.in_sentence}"
        day = day_between(rng, date(year, 3, 1), date(year, 10, 31))
    elif kind == "health":
        beneficiary = f"{_capitalised(people.householder())}, {village.in_sentence}"
        day = day_between(rng, date(year, 1, 5), date(year, 12, 20))
    else:  # gifts go out on the year's occasions: Tết, 27/7, the Great Solidarity day
        occasion = rng.choice(texts["gift_occasions"][str(year)])
        beneficiary = f"{GIFT_PREFIX[category]} {people.householder()}, {village.in_sentence}"
        day = day_between(rng, date.fromisoformat(occasion["from"]), date.fromisoformat(occasion["to"]))
        note = occasion["note"]
    return {
        "year": year,
        "kind": kind,
        "commune_id": place.commune.code,
        "beneficiary": beneficiary,
        "household_category": category,
        "activity_date": day,
        "value_vnd": value,
        "funding_source": rng.choice(texts["other_funding"]),
        "note": note,
    }


def donation_rows(
    district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
) -> list[Row]:
    """Donations to the Sea and Islands Fund and the For the Poor Fund, from communes and district bodies."""
    texts = data.support()["donations"]
    people = NameMaker(rng)
    rows: list[Row] = []
    for fund, total in (("sea_islands", figures.sea_islands_vnd), ("for_the_poor", figures.for_the_poor_vnd)):
        spec = texts[fund]
        # (commune code or None for district-level donors, donor, weight)
        donors: list[tuple[str | None, str, float]] = [
            (None, agency, rng.uniform(2, 4)) for agency in people.district_agencies()
        ]
        donors += [
            (None, company, rng.uniform(1.5, 3)) for company in rng.sample(people.lists["companies"], 3)
        ]
        first, *others = spec["commune_donors"]
        for place in places:
            # The commune's own collection always comes first and weighs most.
            chosen = [(first, rng.uniform(2.5, 4.0))]
            chosen += [
                (template, rng.uniform(0.4, 1.0)) for template in rng.sample(others, rng.randint(0, 2))
            ]
            for template, weight in chosen:
                donor = template.format(commune=place.commune.in_sentence, place=place.commune.place)
                donors.append((place.commune.code, donor, weight))
        amounts = split_total(total, [weight for *_, weight in donors], step=SMALL_STEP)
        first_day = date.fromisoformat(f"{year}{spec['from']}")
        last_day = date.fromisoformat(f"{year}{spec['to']}")
        for (commune, donor, _), amount in zip(donors, amounts, strict=True):
            rows.append(
                {
                    "year": year,
                    "fund_code": fund,
                    "commune_id": commune,
                    "donor": donor,
                    "donation_date": day_between(rng, first_day, last_day),
                    "amount_vnd": amount,
                    "note": spec["note"],
                }
            )
    return rows
