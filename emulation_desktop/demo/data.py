"""The demo's bundled data files (resources/demo), read the same way from source, wheel or build."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from emulation_desktop.domain.text import clean_text
from emulation_desktop.paths import resource_path


@dataclass(frozen=True)
class CommuneRow:
    district_code: str
    code: str
    name: str  # "Xã Bắc Hồng", "Thị trấn Đông Anh"
    unit_type: str  # "Xã" or "Thị trấn"

    @property
    def place(self) -> str:
        """The bare place name ("Bắc Hồng"), for school names and the like."""
        return self.name.removeprefix(self.unit_type).strip()

    @property
    def in_sentence(self) -> str:
        """The name as it reads inside a sentence ("xã Bắc Hồng")."""
        return f"{self.unit_type.lower()} {self.place}"


def data_path(name: str) -> Path:
    return resource_path("resources", "demo", name)


@cache
def communes() -> tuple[CommuneRow, ...]:
    """The cluster's 106 communes with their official codes (General Statistics Office list, 2022)."""
    with data_path("communes-2022.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            CommuneRow(
                clean_text(row["district_code"]),
                clean_text(row["commune_code"]),
                clean_text(row["commune"]),
                clean_text(row["commune_type"]),
            )
            for row in csv.DictReader(handle)
        )


@cache
def _json(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def names() -> dict[str, list[str]]:
    return _json("names.json")  # type: ignore[no-any-return]


def villages() -> dict[str, Any]:
    return _json("villages.json")  # type: ignore[no-any-return]


def supervision() -> dict[str, Any]:
    return _json("supervision.json")  # type: ignore[no-any-return]


def support() -> dict[str, Any]:
    return _json("support.json")  # type: ignore[no-any-return]


def key_tasks(year: int) -> list[str]:
    """The cluster's key task groups for ``year`` (12 for 2023, after the article); [] if none shipped."""
    try:
        path = data_path(f"key-tasks-{year}.json")
    except FileNotFoundError:
        return []
    with path.open(encoding="utf-8") as handle:
        return [clean_text(task) for task in json.load(handle)]
