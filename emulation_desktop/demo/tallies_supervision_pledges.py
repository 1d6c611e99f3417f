"""Rows for the year's tallies (delegate conferences, funerals, mediation, citizen reception),
supervision sessions with their recommendations, and pledges with their targets.

The per-year generators share one signature (district, year, places, figures, rng), so the loader
drives them from one table even where a generator needs only some of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from emulation_desktop.demo import data
from emulation_desktop.demo.figures import MILLION, District, DistrictYear
from emulation_desktop.demo.split import day_between, jittered, split_part, split_total
from emulation_desktop.demo.tree import Place

Row = dict[str, Any]


def conference_rows(
    district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
) -> list[Row]:
    """One delegate conference in every village, then one in every commune (740/740 and 106/106)."""
    targets: list[tuple[str, bool]] = []  # (place code, is the commune conference)
    for place in places:
        targets += [(village.code, False) for village in place.villages]
        targets.append((place.commune.code, True))
    # A commune conference hears about three times as many opinions as a village one.
    direct = split_total(
        figures.opinions_direct, [rng.uniform(2.5, 3.5) if c else rng.uniform(0.6, 1.4) for _, c in targets]
    )
    forms = split_total(figures.opinions_forms, [rng.uniform(0.0, 2.0) for _ in targets])
    rows = []
    for (code, is_commune), said, written in zip(targets, direct, forms, strict=True):
        if is_commune:  # communes meet after their villages, all before the cluster's review in November
            held_on = day_between(rng, date(year, 10, 21), date(year, 11, 5))
            attendees = rng.randint(120, 200)
        else:
            held_on = day_between(rng, date(year, 9, 15), date(year, 10, 20))
            attendees = rng.randint(45, 110)
        rows.append(
            {
                "year": year,
                "place_id": code,
                "held_on": held_on,
                "attendees": attendees,
                "opinions_direct": said,
                "opinions_forms": written,
                "note": "",
            }
        )
    return rows


def _commune_weights(places: list[Place], rng: random.Random) -> list[float]:
    """Bigger communes (more villages) have more deaths, cases and petitions."""
    return [
        (len(place.villages) + 2) * w
        for place, w in zip(places, jittered(rng, len(places), 0.25), strict=True)
    ]


def funeral_rows(
    district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
) -> list[Row]:
    deaths = split_total(figures.deaths, _commune_weights(places, rng), minimum=5)
    cremations = split_part(figures.cremations, deaths, rng)
    return [
        {"year": year, "commune_id": place.commune.code, "deaths": d, "cremations": c, "note": ""}
        for place, d, c in zip(places, deaths, cremations, strict=True)
    ]


def mediation_rows(
    district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
) -> list[Row]:
    cases = split_total(figures.mediation_cases, _commune_weights(places, rng), minimum=1)
    resolved = split_part(figures.mediations_resolved, cases, rng, jitter=0.1)
    return [
        {"year": year, "commune_id": place.commune.code, "cases_total": t, "cases_resolved": r, "note": ""}
        for place, t, r in zip(places, cases, resolved, strict=True)
    ]


def reception_rows(
    district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
) -> list[Row]:
    """Citizen reception: the Front joins the commune's monthly reception days, plus extra sessions."""
    # In 2021 the COVID-19 lockdowns suspended some reception days.
    fewest = 9 if year == 2021 else 12
    rows = []
    for place in places:
        sessions = rng.randint(fewest, 24)
        received = rng.randint(2, 6 + len(place.villages))
        rows.append(
            {
                "year": year,
                "commune_id": place.commune.code,
                "sessions": sessions,
                "citizens": sessions * rng.randint(1, 4),
                "petitions_received": received,
                "petitions_resolved": max(0, received - rng.choice((0, 0, 0, 1, 1, 2))),
                "note": "",
            }
        )
    return rows


def supervision_rows(
    district: District, year: int, places: list[Place], figures: DistrictYear, rng: random.Random
) -> list[Row]:
    """Supervision sessions, led or joint, across the article's fields (land first)."""
    spec = data.supervision()
    fields = list(spec["fields"])
    weights = [spec["fields"][f]["weight"] for f in fields]
    led = set(rng.sample(range(figures.supervisions), figures.supervisions_led))
    rows = []
    for number in range(figures.supervisions):
        field = rng.choices(fields, weights)[0]
        subject = rng.choice(spec["fields"][field]["subjects"])
        place = rng.choice(places)
        start = day_between(rng, date(year, 2, 15), date(year, 11, 30))
        rows.append(
            {
                "year": year,
                "mode": "led" if number in led else "joint",
                "kind": subject.get("kind", "supervision"),
                "field": field,
                "subject": subject["text"].format(
                    commune=place.commune.in_sentence, district=f"huyện {district.place_name}", year=year
                ),
                "commune_id": place.commune.code,
                "start_date": start,
                "end_date": min(start + timedelta(days=rng.randint(0, 10)), date(year, 12, 20)),
                "findings": rng.choice(spec["findings"]),
            }
        )
    # Social criticism (phản biện xã hội) is recorded beside the sessions but is not counted among them.
    for number in range(rng.randint(3, 8)):
        topic, field = rng.choice(_CRITICISM_TOPICS)
        held = day_between(rng, date(year, 3, 1), date(year, 11, 30))
        rows.append(
            {
                "year": year,
                "mode": "led",
                "kind": "social_criticism",
                "field": field,
                "subject": f"Phản biện xã hội đối với {topic} của huyện {district.place_name} năm {year}"
                + (f" (lần {number + 1})" if number else ""),
                "commune_id": None,
                "start_date": held,
                "end_date": held,
                "findings": "Hội nghị phản biện có ý kiến góp ý, đề nghị cơ quan soạn thảo tiếp thu, hoàn thiện.",
            }
        )
    return rows


_CRITICISM_TOPICS = (
    ("dự thảo kế hoạch sử dụng đất", "land"),
    ("dự thảo đề án xây dựng nông thôn mới nâng cao", "other"),
    ("dự thảo kế hoạch đầu tư công trung hạn", "capital_investment"),
    ("dự thảo phương án bồi thường, hỗ trợ tái định cư", "site_clearance"),
)


@dataclass(frozen=True)
class SessionRef:
    """A stored supervision session a recommendation can hang on."""

    id: str
    field: str
    commune_code: str
    end_date: date


def recommendation_rows(
    district: District,
    year: int,
    sessions: list[SessionRef],
    figures: DistrictYear,
    rng: random.Random,
) -> list[Row]:
    """Recommendations on a sample of the year's sessions, ``figures.recommendations_resolved`` resolved.

    ``sessions`` must come in a stable order (the caller sorts them), so the sample is the same each run.
    """
    spec = data.supervision()
    by_code = {c.code: c for c in data.communes()}
    chosen = rng.sample(sessions, figures.recommendations)
    open_count = figures.recommendations - figures.recommendations_resolved
    statuses = ["resolved"] * figures.recommendations_resolved + [
        rng.choice(("in_progress", "in_progress", "pending", "unresolved")) for _ in range(open_count)
    ]
    rng.shuffle(statuses)
    responses = spec["responses"]
    rows = []
    for session, status in zip(chosen, statuses, strict=True):
        advice = rng.choice(spec["fields"][session.field]["recommendations"])
        commune = by_code[session.commune_code].in_sentence
        followed = None
        if status != "pending":
            followed = min(session.end_date + timedelta(days=rng.randint(20, 75)), date(year, 12, 28))
        response = {
            "resolved": rng.choice((responses[0], responses[2])),
            "in_progress": responses[1],
            "unresolved": responses[3],
            "pending": "",
        }[status]
        rows.append(
            {
                "supervision_id": session.id,
                "content": advice["content"],
                "addressee": advice["addressee"].format(
                    commune=commune, district=f"huyện {district.place_name}"
                ),
                "status": status,
                "followed_up_on": followed,
                "response": response,
            }
        )
    return rows


def pledge_rows(district: District, rng: random.Random) -> list[Row]:
    """The district's pledge (the title it strives for) for each demo year, registered after Tết."""
    return [
        {
            "year": year,
            "title": title,
            "registered_on": day_between(rng, date(year, 2, 15), date(year, 3, 10)),
            "note": f"Đăng ký thi đua năm {year} của Ủy ban MTTQ Việt Nam huyện {district.place_name}",
        }
        for year, title in sorted(district.titles.items())
    ]


def _floor(value: float, step: int) -> int:
    return int(value // step * step)


def target_rows(pledge_id: str, figures: DistrictYear, communes: int) -> list[Row]:
    """Targets registered at the start of the year: a little below what the district then achieved.

    Ratios are in tenths of a percent (850 = 85,0%).
    """
    cremation_rate = figures.cremations / figures.deaths
    mediation_rate = figures.mediations_resolved / figures.mediation_cases
    targets: list[tuple[str, dict[str, int]]] = [
        (
            "solidarity_houses",
            {
                "target_value": _floor(figures.houses * 0.9, 1),
                "target_amount_vnd": _floor(figures.houses_vnd * 0.9, 100 * MILLION),
            },
        ),
        ("other_support", {"target_amount_vnd": _floor(figures.other_support_vnd * 0.9, 50 * MILLION)}),
        ("fund_sea_islands", {"target_amount_vnd": _floor(figures.sea_islands_vnd * 0.8, 100 * MILLION)}),
        ("fund_for_the_poor", {"target_amount_vnd": _floor(figures.for_the_poor_vnd * 0.9, 100 * MILLION)}),
        ("delegate_conferences_villages", {"target_percent": 1000}),
        ("delegate_conferences_communes", {"target_percent": 1000}),
        ("cremations", {"target_percent": _floor(cremation_rate * 1000, 10) - 20}),
        ("supervisions", {"target_value": _floor(figures.supervisions * 0.9, 5)}),
        ("recommendations", {"target_percent": 700}),
        ("mediations", {"target_percent": _floor(mediation_rate * 1000, 10) - 20}),
        ("citizen_receptions", {"target_value": 12 * communes}),
        ("petitions", {"target_percent": 900}),
    ]
    return [
        {"pledge_id": pledge_id, "indicator_code": code, **values, "note": "Chỉ tiêu đăng ký đầu năm"}
        for code, values in targets
    ]
