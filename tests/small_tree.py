"""The small tree the tests' data files are built on (a module of its own, not a conftest, so that any
test folder can import it): city 01; district 017 Đông Anh with two communes and three villages;
district 020 Thanh Trì with one commune. And how a row received in 020's package is noted."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app is imported by the fixtures, once the conftest has set the environment
    from emulation_desktop.storage.database import Database


def tree() -> list[dict]:
    """The units for ``structure.add_units(db, None, tree())`` (a new list each call)."""
    return [
        {
            "code": "01",
            "name": "Thành phố Hà Nội",
            "level": "city",
            "children": [
                {
                    "code": "017",
                    "name": "Huyện Đông Anh",
                    "level": "district",
                    "place_name": "Đông Anh",
                    "children": [
                        {
                            "code": "00454",
                            "name": "Xã Bắc Hồng",
                            "level": "commune",
                            "children": [
                                {"code": "00454-01", "name": "Thôn Đông", "level": "village"},
                                {"code": "00454-02", "name": "Thôn Đoài", "level": "village"},
                            ],
                        },
                        {
                            "code": "00457",
                            "name": "Xã Nguyên Khê",
                            "level": "commune",
                            "children": [{"code": "00457-01", "name": "Thôn Xuân Nộn", "level": "village"}],
                        },
                    ],
                },
                {
                    "code": "020",
                    "name": "Huyện Thanh Trì",
                    "level": "district",
                    "children": [{"code": "00640", "name": "Thị trấn Văn Điển", "level": "commune"}],
                },
            ],
        }
    ]


def note_received(db: Database, record_id: str, table_name: str, *, unit_code: str = "020", year: int = 2022):
    """Note the row as the import of ``unit_code``'s package does (an ImportState), which makes it that
    unit's here: a criteria set noted so is the cluster head's, read-only to the other members."""
    from emulation_desktop.domain.base import new_id
    from emulation_desktop.domain.models import ImportState

    state = ImportState(record_id=record_id, table_name=table_name, unit_code=unit_code, year=year)
    state.version, state.row_hash, state.package_id = 1, "0" * 32, new_id()
    with db.transaction() as session:
        session.add(state)
