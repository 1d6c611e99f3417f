"""A ward formed on 1 July 2025 from two old units, both with figures for 2024, for the tests of issue #16
"structure over time" in any test folder (``from predecessor_ward import …``, as ``small_tree``).

Phường Bình Thuận (02524, Tuyên Quang) was formed from Phường Đội Cấn (02524, whose code it kept: its
records of 2024 are the ward's own row's) and Xã Thái Long (02521), both taken whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from emulation_desktop.storage.database import Database

WARD = "02524"  # Phường Bình Thuận since 2025; Phường Đội Cấn before
THAI_LONG = "02521"  # Xã Thái Long, until 2024

# 2024: Đội Cấn 2 houses (100 + 40 million) and 3 million of other support; Thái Long 1 house (60 million)
# and 5 million. The ward's "last year" is their sum: 3 houses, 200 million, 8 million.
LAST_YEAR_HOUSES, LAST_YEAR_HOUSES_VND, LAST_YEAR_OTHER_VND = 3, 200_000_000, 8_000_000


def support(year: int, value: str, kind: str = "house_new") -> dict[str, object]:
    return {"year": year, "kind": kind, "household_category": "poor", "value_vnd": value}


def build_ward(db: Database) -> None:
    """The ward set up for 2025 from the official list (its predecessors counted as the mapping offers
    them), with Đội Cấn's and Thái Long's records of 2024 and one house of 2025. Thái Long's records are
    entered while it is owned here, then it is handed back, as if they had come in its package."""
    from emulation_desktop.operations import records, setup, structure

    setup.apply_setup(db, setup.plan_from_catalogue(WARD, 2025, chair="Nguyễn Văn An"))
    records.create_records(
        db,
        "support_activity",
        WARD,
        [
            support(2024, "100 triệu"),
            support(2024, "40 triệu", kind="house_repair"),
            support(2024, "3.000.000", kind="student"),
            support(2025, "70 triệu"),
        ],
    )
    structure.set_local(db, [THAI_LONG])
    records.create_records(
        db,
        "support_activity",
        THAI_LONG,
        [support(2024, "60 triệu"), support(2024, "5.000.000", kind="health")],
    )
    structure.set_local(db, [THAI_LONG], is_local=False)
