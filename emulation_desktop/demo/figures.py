"""The demo's per-district totals: the article's cluster figures for 2022, split across the five districts.

The split is invented (the article only gives cluster totals, plus Đông Anh's and Thanh Trì's sea and
islands fund) but sized to each district: Sóc Sơn is the largest and most rural, Thanh Trì the smallest
and most urban (hence its higher cremation rate). 2021 is a little lower on most counts, and its
cremation rate is exactly 80,0% so that 2022's 85,4% reads "up 5,4 points" as in the article.
The generators in this package turn these totals into individual records that add up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MILLION = 1_000_000

CITY_CODE = "01"
CITY_NAME = "Thành phố Hà Nội"
CLUSTER_CODE = "HN-CUM3"
CLUSTER_NAME = "Cụm thi đua số 3"
YEARS = (2021, 2022)
# The cluster's roles per year. 2023's come from the article (Sóc Sơn head, Thanh Trì deputy); the
# earlier ones are a plausible rotation in which the deputy becomes the next year's head.
ROLES: dict[int, dict[str, str]] = {
    2021: {"018": "head", "017": "deputy"},
    2022: {"017": "head", "016": "deputy"},
    2023: {"016": "head", "020": "deputy"},
}


@dataclass(frozen=True)
class District:
    code: str
    place_name: str
    villages: int  # villages and residential groups under its communes (the cluster has 740)
    titles: dict[int, str]  # the pledged emulation title per year


@dataclass(frozen=True)
class DistrictYear:
    """What one district achieved in one year; every field is a total its records must reproduce."""

    houses: int
    houses_vnd: int
    other_support_vnd: int
    sea_islands_vnd: int
    for_the_poor_vnd: int
    opinions_direct: int
    opinions_forms: int
    deaths: int
    cremations: int
    supervisions: int
    supervisions_led: int
    recommendations: int
    recommendations_resolved: int
    mediation_cases: int
    mediations_resolved: int


_CITY_FLAG = "Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội"
_CITY_MERIT = "Bằng khen của Ủy ban MTTQ Việt Nam TP Hà Nội"
_CENTRAL_FLAG = "Cờ thi đua của Ủy ban Trung ương MTTQ Việt Nam"

DISTRICTS: tuple[District, ...] = (
    District("016", "Sóc Sơn", 205, {2021: _CITY_MERIT, 2022: _CITY_FLAG}),
    District("017", "Đông Anh", 176, {2021: _CITY_FLAG, 2022: _CENTRAL_FLAG}),
    District("018", "Gia Lâm", 152, {2021: _CITY_FLAG, 2022: _CITY_FLAG}),
    District("020", "Thanh Trì", 98, {2021: _CITY_MERIT, 2022: _CITY_FLAG}),
    District("250", "Mê Linh", 109, {2021: _CITY_MERIT, 2022: _CITY_MERIT}),
)
BY_CODE = {district.code: district for district in DISTRICTS}


# Amounts in millions of đồng (triệu), as the districts report them; the rest are counts.
# fmt: off
_TABLE: dict[int, dict[str, tuple[int, ...]]] = {
    # Cluster 2022 (the article): 133 houses, 6.120 triệu; other support 3.245 triệu; sea and islands
    # 7.690 triệu (Đông Anh 2.280, Thanh Trì 1.640); opinions 9.379 + 1.299; cremations 4.375/5.121;
    # 1.053 supervisions; mediation 694/823.
    #        houses  triệu  other   sea   poor  direct forms deaths crem  sup  led  rec  ok  cases  ok
    2022: {
        "016": (38,  1710,  780,  1350, 2850,  2466,  318,  1262,  988, 236,  92,  20, 15,  205, 172),
        "017": (27,  1260,  720,  2280, 3420,  2213,  301,  1318, 1142, 248, 104,  22, 18,  186, 158),
        "018": (24,  1100,  640,  1420, 3150,  1905,  268,  1095,  968, 221,  88,  20, 15,  166, 139),
        "020": (16,   760,  480,  1640, 2380,  1312,  196,   702,  658, 168,  70,  18, 15,  127, 108),
        "250": (28,  1290,  625,  1000, 2260,  1483,  216,   744,  619, 180,  74,  18, 13,  139, 117),
    },
    # Cluster 2021: 118 houses, 5.240 triệu; cremations 4.272/5.340 = 80,0% (a COVID year: more deaths).
    2021: {
        "016": (34,  1480,  690,  1120, 2610,  2310,  290,  1318,  942, 214,  84,  12,  9,  209, 168),
        "017": (25,  1120,  650,  1860, 3050,  2080,  276,  1372, 1125, 226,  92,  12,  9,  182, 150),
        "018": (21,   930,  575,  1210, 2880,  1790,  241,  1140,  952, 203,  80,  10,  7,  162, 131),
        "020": (14,   640,  430,  1380, 2150,  1236,  180,   735,  661, 152,  62,  10,  8,  121, 101),
        "250": (24,  1070,  560,   890, 2040,  1402,  197,   775,  592, 167,  66,  10,  7,  136, 110),
    },
}
# fmt: on
_AMOUNTS = {"houses_vnd", "other_support_vnd", "sea_islands_vnd", "for_the_poor_vnd"}


def _district_year(values: tuple[int, ...]) -> DistrictYear:
    names = [field.name for field in fields(DistrictYear)]
    return DistrictYear(
        **{name: v * MILLION if name in _AMOUNTS else v for name, v in zip(names, values, strict=True)}
    )


FIGURES: dict[int, dict[str, DistrictYear]] = {
    year: {code: _district_year(values) for code, values in rows.items()} for year, rows in _TABLE.items()
}
