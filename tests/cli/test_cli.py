"""The command line, run as a user runs it: a real process, a real data folder, real exit codes."""

import json
import sqlite3
import subprocess
import sys

from run_cli import cli


def test_check_on_a_fresh_file(data_dir):
    result = cli("check", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "nguyên vẹn" in result.stdout


def test_bad_input_exits_2_with_a_message(data_dir):
    result = cli("indicators", "--year", "2022", data_dir=data_dir)
    assert result.returncode == 2
    assert result.stderr.strip()
    result = cli("indicators", "--unit", "999", "--year", "2022", data_dir=data_dir)
    assert result.returncode == 2
    assert "999" in result.stderr


def test_foreign_file_exits_2(data_dir):
    connection = sqlite3.connect(data_dir / "emulation.sqlite3")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    result = cli("check", data_dir=data_dir)
    assert result.returncode == 2
    assert "emulation.sqlite3" in result.stderr


def test_data_dir_after_the_command(data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "emulation_desktop", "check", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (data_dir / "emulation.sqlite3").exists()


def test_demo_then_cluster_indicators_reproduce_the_article(tmp_path):
    data_dir = tmp_path / "d"
    assert cli("demo", data_dir=data_dir).returncode == 0
    result = cli(
        "indicators", "--cluster", "HN-CUM3", "--year", "2022", "--format", "json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["year"] == 2022 and report["scope"]["code"] == "HN-CUM3"
    got = report["indicators"]
    assert got["solidarity_houses"]["value"] == 133
    assert got["solidarity_houses"]["amount_vnd"] > 6_000_000_000
    assert got["other_support"]["amount_vnd"] > 3_000_000_000
    assert got["fund_sea_islands"]["amount_vnd"] == 7_690_000_000
    assert (got["delegate_conferences_villages"]["value"], got["delegate_conferences_villages"]["total"]) == (
        740,
        740,
    )
    assert (got["delegate_conferences_communes"]["value"], got["delegate_conferences_communes"]["total"]) == (
        106,
        106,
    )
    assert got["opinions_direct"]["value"] == 9379
    assert got["opinions_forms"]["value"] == 1299
    assert (got["cremations"]["value"], got["cremations"]["total"]) == (4375, 5121)
    assert got["cremations"]["previous"] is not None
    assert got["supervisions"]["value"] == 1053
    assert (got["mediations"]["value"], got["mediations"]["total"]) == (694, 823)
    for unit, check in (("017", lambda v: v == 2_280_000_000), ("020", lambda v: v > 1_600_000_000)):
        result = cli("indicators", "--unit", unit, "--year", "2022", "--format", "json", data_dir=data_dir)
        assert check(json.loads(result.stdout)["indicators"]["fund_sea_islands"]["amount_vnd"])
    table = cli("indicators", "--cluster", "HN-CUM3", "--year", "2022", data_dir=data_dir)
    assert table.returncode == 0 and "4.375/5.121 (85,4%)" in table.stdout


def test_backup_then_restore_round_trip(data_dir, tmp_path):
    assert cli("demo", "--structure-only", data_dir=data_dir).returncode == 0
    copy = tmp_path / "usb" / "sao-luu.sqlite3"
    refused = cli("backup", "--out", str(copy), data_dir=data_dir)
    assert refused.returncode == 2 and not copy.parent.exists()  # a mistyped folder is never created
    copy.parent.mkdir()
    result = cli("backup", "--out", str(copy), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert copy.exists()
    default = cli("backup", data_dir=data_dir)
    assert default.returncode == 0 and "backups" in default.stdout
    db_path = data_dir / "emulation.sqlite3"
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE unit SET name = 'Đổi tên' WHERE code = '017'")
    connection.commit()
    connection.close()
    result = cli("restore", str(copy), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT name FROM unit WHERE code = '017'").fetchone()[0] == "Huyện Đông Anh"
    connection.close()
    assert cli("restore", str(tmp_path / "none.sqlite3"), data_dir=data_dir).returncode == 2
    assert cli("check", data_dir=data_dir).returncode == 0
