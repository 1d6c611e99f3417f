"""The official list of units: the 34 provinces and 3,321 communes and wards in force since 1 July
2025, and the 63 provinces with their districts and communes before it, with the mapping from each old
commune to the new ones. Generated from `vietnamadminunits` by ``scripts/units_catalogue.py``; the
choice of source, the format and how corrections travel are in docs/units.md.

The list is reference data, read-only and loaded once: the current list alone (a few milliseconds) for
the set-up and the ``catalogue`` command, the older one only when the years before 2025 are asked for.
A unit that is not in the list (a test unit) is still typed in by the clerk; nothing here refuses one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from emulation_desktop.domain.text import fold
from emulation_desktop.paths import resource_path

CURRENT_FILE = "catalogue.json"
BEFORE_FILE = "catalogue-before-2025.json"
FIRST_YEAR_OF_CURRENT = 2025  # the list in force from 1 July 2025 serves the year 2025 onwards


@dataclass(frozen=True)
class Province:
    code: str
    name: str


@dataclass(frozen=True)
class ListedUnit:
    """A commune, ward or special zone (or, before 2025, a district) of the official list."""

    code: str
    name: str
    type: str  # "Xã", "Phường", "Đặc khu"; before 2025 also "Thị trấn", "Quận", "Huyện"…
    province: str  # the province's code
    district: str = ""  # before 2025: the district's code (communes only)

    @property
    def search_key(self) -> str:
        return fold(self.name)


@dataclass(frozen=True)
class Predecessor:
    """An old commune that went, whole or in part, into a new one on 1 July 2025."""

    code: str
    whole: bool


class Catalogue:
    """One list: its provinces and units, found by code, by province, or by a search without diacritics."""

    def __init__(
        self, provinces: list[Province], units: list[ListedUnit], districts: list[ListedUnit]
    ) -> None:
        self.provinces = tuple(provinces)
        self.units = tuple(units)
        self.districts = tuple(districts)
        self._province = {p.code: p for p in provinces}
        self._unit = {u.code: u for u in units}
        self._district = {d.code: d for d in districts}

    def province(self, code: str) -> Province | None:
        return self._province.get(code)

    def unit(self, code: str) -> ListedUnit | None:
        return self._unit.get(code)

    def district(self, code: str) -> ListedUnit | None:
        return self._district.get(code)

    def units_of(self, province: str) -> list[ListedUnit]:
        return [u for u in self.units if u.province == province]

    def search(self, text: str, province: str | None = None, limit: int = 50) -> list[ListedUnit]:
        """Units whose name has a word starting with each word typed, without diacritics ("dong anh",
        "Đông Anh", "d anh"), or whose code starts with what is typed; names that start with the words
        come first."""
        words = fold(text).split()
        found: list[tuple[int, ListedUnit]] = []
        for unit in self.units if province is None else self.units_of(province):
            key = unit.search_key
            if text.strip().isdigit():
                if unit.code.startswith(text.strip()):
                    found.append((0, unit))
            elif all(any(part.startswith(word) for part in key.split()) for word in words):
                bare = fold(unit.name.removeprefix(unit.type).strip())
                found.append((0 if bare.startswith(" ".join(words)) else 1, unit))
        found.sort(key=lambda item: (item[0], item[1].search_key))
        return [unit for _rank, unit in found[:limit]]


@cache
def _read(name: str) -> dict[str, Any]:
    with resource_path("resources", "units", name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def current() -> Catalogue:
    """The list in force since 1 July 2025 (Quyết định 19/2025/QĐ-TTg)."""
    part = _read(CURRENT_FILE)["current"]
    provinces = [Province(code, name) for code, name in part["provinces"]]
    units = [ListedUnit(code, name, kind, province) for code, name, kind, province in part["communes"]]
    return Catalogue(provinces, units, [])


@cache
def before_2025() -> Catalogue:
    """The list in force until 30 June 2025: 63 provinces, their districts and communes."""
    part = _read(BEFORE_FILE)["before_2025"]
    provinces = [Province(code, name) for code, name in part["provinces"]]
    districts = [ListedUnit(code, name, kind, province) for code, name, kind, province in part["districts"]]
    province_of = {d.code: d.province for d in districts}
    units = [
        ListedUnit(code, name, kind, province_of.get(district, ""), district)
        for code, name, kind, district in part["communes"]
    ]
    return Catalogue(provinces, units, districts)


def for_year(year: int) -> Catalogue:
    return current() if year >= FIRST_YEAR_OF_CURRENT else before_2025()


@cache
def _predecessors() -> dict[str, tuple[Predecessor, ...]]:
    rows = _read(BEFORE_FILE)["changes_2025"]["communes"]
    return {
        new: tuple(Predecessor(c, True) for c in whole) + tuple(Predecessor(c, False) for c in in_part)
        for new, whole, in_part in rows
    }


def predecessors(code: str) -> tuple[Predecessor, ...]:
    """The old communes a unit of the 2025 list was formed from (whole ones first), as the official
    mapping gives them; the clerk may correct them for the unit."""
    return _predecessors().get(code, ())
