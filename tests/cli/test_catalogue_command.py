"""``catalogue``: the official communes and wards of a province, without a data file."""

from __future__ import annotations

import json

from run_cli import cli


def test_ha_noi_has_126_communes_and_wards_as_json(tmp_path):
    done = cli("catalogue", "--province", "01", "--format", "json", data_dir=tmp_path / "none", check=True)
    listed = json.loads(done.stdout)
    assert listed["name"] == "Thành phố Hà Nội"
    assert len(listed["units"]) == 126
    assert {"code": "00454", "name": "Xã Đông Anh", "type": "Xã"} in listed["units"]
    assert not (tmp_path / "none").exists()  # no data file was made for a look at the list


def test_the_table_and_a_search_without_diacritics(tmp_path):
    done = cli("catalogue", "--province", "01", "--search", "dong anh", data_dir=tmp_path, check=True)
    assert done.stdout.splitlines()[0] == "Thành phố Hà Nội: 1 xã, phường"
    assert "00454  Xã Đông Anh  Xã" in done.stdout


def test_the_list_before_2025_by_year(tmp_path):
    done = cli(
        "catalogue", "--province", "01", "--year", "2022", "--format", "json", data_dir=tmp_path, check=True
    )
    assert len(json.loads(done.stdout)["units"]) == 526


def test_an_unknown_province_is_refused_with_exit_2(tmp_path):
    done = cli("catalogue", "--province", "99", data_dir=tmp_path)
    assert done.returncode == 2
    assert "Danh mục chính thức không có tỉnh, thành phố nào mang mã “99”" in done.stderr
