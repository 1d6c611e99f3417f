"""Invented Vietnamese personal names for beneficiaries; never real people."""

from __future__ import annotations

import random

from emulation_desktop.demo import data


class NameMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lists = data.names()

    def person(self, female: bool | None = None) -> tuple[str, bool]:
        """A full name (surname, middle, given) and whether it is a woman's."""
        if female is None:
            female = self.rng.random() < 0.5
        sex = "female" if female else "male"
        parts = (self.lists["surnames"], self.lists[f"{sex}_middle"], self.lists[f"{sex}_given"])
        return " ".join(self.rng.choice(part) for part in parts), female

    def householder(self) -> str:
        """'ông Nguyễn Văn Hùng' or 'bà Trần Thị Lan', as a household is named in Front records."""
        name, female = self.person()
        return f"{'bà' if female else 'ông'} {name}"

    def company(self) -> str:
        return self.rng.choice(self.lists["companies"])

    def district_agencies(self) -> list[str]:
        return list(self.lists["district_agencies"])
