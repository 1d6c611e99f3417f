"""The demo's organisation tree: Hà Nội → the five districts → their real communes → invented villages,
and Cluster No. 3 with its members and roles for 2021-2023."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from emulation_desktop.demo import data
from emulation_desktop.demo.data import CommuneRow
from emulation_desktop.demo.figures import (
    CITY_CODE,
    CITY_NAME,
    CLUSTER_CODE,
    CLUSTER_NAME,
    DISTRICTS,
    ROLES,
    District,
)
from emulation_desktop.demo.split import jittered, split_total
from emulation_desktop.operations import structure
from emulation_desktop.storage.database import Database

MIN_VILLAGES = 3  # even the smallest commune has a few villages


@dataclass(frozen=True)
class Village:
    code: str
    name: str  # "Thôn Đông", "Tổ dân phố số 3"

    @property
    def in_sentence(self) -> str:
        """'thôn Đông', as written after a person's name."""
        return self.name[:1].lower() + self.name[1:]


@dataclass(frozen=True)
class Place:
    """A commune and its villages: what the record generators pick places from."""

    commune: CommuneRow
    villages: tuple[Village, ...]


def plan_places(district: District) -> list[Place]:
    """The district's communes with an invented set of villages, ``district.villages`` in all.

    Seeded by the district code, so the tree is the same in every load mode and every run.
    """
    rng = random.Random(f"villages:{district.code}")
    communes = [c for c in data.communes() if c.district_code == district.code]
    # Towns are denser: more residential groups than a commune has villages.
    weights = [
        w * (1.5 if c.unit_type == "Thị trấn" else 1.0)
        for w, c in zip(jittered(rng, len(communes)), communes, strict=True)
    ]
    counts = split_total(district.villages, weights, minimum=MIN_VILLAGES)
    pool = data.villages()
    places = []
    for commune, count in zip(communes, counts, strict=True):
        if commune.unit_type == "Thị trấn":
            names = [pool["residential_group"].format(n=n) for n in range(1, count + 1)]
        else:
            names = [f"Thôn {name}" for name in rng.sample(pool["village_names"], count)]
        villages = tuple(Village(f"{commune.code}-{n:02d}", name) for n, name in enumerate(names, start=1))
        places.append(Place(commune, villages))
    return places


def _district_spec(district: District, places: Iterable[Place]) -> dict[str, Any]:
    return {
        "code": district.code,
        "name": f"Huyện {district.place_name}",
        "level": "district",
        "unit_type": "Huyện",
        "place_name": district.place_name,
        "children": [
            {
                "code": place.commune.code,
                "name": place.commune.name,
                "level": "commune",
                "unit_type": place.commune.unit_type,
                "place_name": place.commune.place,
                "children": [
                    {
                        "code": village.code,
                        "name": village.name,
                        "level": "village",
                        "unit_type": "Tổ dân phố" if village.name.startswith("Tổ") else "Thôn",
                    }
                    for village in place.villages
                ],
            }
            for place in places
        ],
    }


def build_structure(db: Database, local_codes: set[str], *, user: str) -> dict[str, list[Place]]:
    """Add the city, districts, communes, villages and the cluster; return each district's places.

    Districts in ``local_codes`` (and everything under them) are owned by this installation; the others
    are there as structure only, as if imported from their owners. The city is never local: a district
    office does not own it.
    """
    structure.add_units(
        db,
        None,
        [
            {
                "code": CITY_CODE,
                "name": CITY_NAME,
                "level": "city",
                "unit_type": "Thành phố",
                "place_name": "Hà Nội",
            }
        ],
        is_local=False,
        user=user,
    )
    places: dict[str, list[Place]] = {}
    for district in DISTRICTS:
        places[district.code] = plan_places(district)
        # One transaction per district: the tree of one district loads at once, like an import.
        structure.add_units(
            db,
            CITY_CODE,
            [_district_spec(district, places[district.code])],
            is_local=district.code in local_codes,
            user=user,
        )
    structure.add_cluster(db, CLUSTER_CODE, CLUSTER_NAME, CITY_CODE, user=user)
    for year, roles in ROLES.items():
        for district in DISTRICTS:
            structure.set_cluster_member(
                db, CLUSTER_CODE, district.code, year, roles.get(district.code, "member"), user=user
            )
    return places
