"""The official list of units read from its resource: the 2025 list, the one before it, the mapping
between them, and a search without diacritics."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from emulation_desktop.domain import catalogue

DEMO_COMMUNES = Path(__file__).resolve().parents[2] / "resources" / "demo" / "communes-2022.csv"


def test_the_2025_list_has_34_provinces_3321_units_and_126_in_ha_noi():
    listed = catalogue.current()
    assert len(listed.provinces) == 34
    assert len(listed.units) == 3321
    assert len(listed.units_of("01")) == 126
    assert listed.unit("00454").name == "Xã Đông Anh"
    assert listed.unit("00226").name == "Phường Văn Miếu - Quốc Tử Giám"  # the decision, not the draft
    assert {u.type for u in listed.units} == {"Xã", "Phường", "Đặc khu"}


def test_the_list_before_2025_has_districts_ha_noi_30_and_526_communes():
    listed = catalogue.before_2025()
    assert len(listed.provinces) == 63
    assert len([d for d in listed.districts if d.province == "01"]) == 30
    assert len(listed.units_of("01")) == 526
    commune = listed.unit("00454")
    assert commune.name == "Thị trấn Đông Anh"
    assert listed.district(commune.district).name == "Huyện Đông Anh"
    assert catalogue.for_year(2024) is listed and catalogue.for_year(2025) is catalogue.current()


def test_a_2025_ward_knows_the_old_communes_it_was_formed_from():
    formed = catalogue.predecessors("00226")
    whole = [p.code for p in formed if p.whole]
    assert whole == [
        "00193",
        "00202",
        "00205",
    ]  # Khâm Thiên, Thổ Quan, Văn Chương (Nghị quyết 1656, khoản 11)
    assert "00226" in [p.code for p in formed if not p.whole]  # the old Văn Miếu - Quốc Tử Giám, in part
    assert catalogue.predecessors("99999") == ()


@pytest.mark.parametrize(
    ("typed", "province", "first"),
    [
        ("dong anh", None, "00454"),
        ("Đông Anh", "01", "00454"),
        ("van mieu", "01", "00226"),
        ("0045", "01", "00454"),
    ],
)
def test_search_without_diacritics_by_word_starts_or_by_code(typed, province, first):
    found = catalogue.current().search(typed, province)
    assert found and found[0].code == first
    assert all(u.province == province for u in found) if province else True


def test_search_matches_the_start_of_words_not_any_letters():
    names = [u.name for u in catalogue.current().search("dong anh", "01")]
    assert names == ["Xã Đông Anh"]  # not "Đông Thành", which merely holds "anh"


def test_the_demo_districts_codes_are_the_official_ones():
    """The demo's 2022 communes carry the codes of the official list before 2025, where the unit
    still exists under its code (six were merged on 1 January 2025, before the list was frozen)."""
    listed = catalogue.before_2025()
    with DEMO_COMMUNES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    known = [row for row in rows if listed.unit(row["commune_code"]) is not None]
    assert len(rows) == 106
    assert len(known) == 100  # 00538, 00547, 00559, 00574, 00586 and 09001 were merged on 1 January 2025
    assert all(listed.district(row["district_code"]).name == row["district"] for row in rows)
