"""Kill -9 a real ``import-list`` at evenly spread moments of its run (issue #15): after each kill the
data file opens, ``check`` passes, the list's rows are there all or none, and nothing is left behind
(no temporary file beside the rejected-rows report, no stray file in the data folder).

Each kill works on a fresh copy of the same small data file. The moments are spread evenly over 120%
of the length of one whole run, measured first: start-up, reading the workbook, checking rows, the one transaction,
writing the report. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest
from openpyxl import Workbook
from run_cli import cli

from emulation_desktop import paths
from emulation_desktop.exchange.safe_save import TEMP_PREFIX

ROWS = 3000
BAD = 3  # rows with no amount, so that a rejected-rows report is written


def _list(path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Ho tro")
    sheet.append(["Năm", "Hình thức hỗ trợ", "Xã/thị trấn", "Đối tượng được hỗ trợ", "Diện hộ", "Trị giá"])
    for i in range(ROWS):
        sheet.append([2022, "Tặng quà", "Xã Bắc Hồng", f"Hộ số {i}", "Hộ nghèo", 500_000 + i])
    for i in range(BAD):
        sheet.append([2022, "Tặng quà", "Xã Bắc Hồng", f"Thiếu tiền {i}", "Hộ nghèo", None])
    workbook.save(path)


def _command(folder, source, rejects) -> list[str]:
    return [
        sys.executable,
        "-m",
        "emulation_desktop",
        "--data-dir",
        str(folder),
        "import-list",
        str(source),
        *("--kind", "support_activity", "--unit", "017", "--rejects", str(rejects)),
    ]


def _fresh(template, folder):
    folder.mkdir()
    shutil.copyfile(template, paths.database_path(folder))
    return folder


def _after(folder, rejects_dir, baseline: str) -> str:
    """Check the folder after a run; return what is there: "none" or "all". ``baseline``: what
    ``check`` says of the untouched data file (all ✓ on a clean tree)."""
    database = paths.database_path(folder)
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute("SELECT count(*) FROM support_activity").fetchone()[0]
        audits = connection.execute(
            "SELECT count(*) FROM audit_log WHERE table_name = 'support_activity'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert rows in (0, ROWS), f"half an import: {rows} rows"
    assert audits == rows
    check = cli("check", data_dir=folder)
    assert check.stdout == baseline, check.stdout + check.stderr
    leftovers = [p.name for p in rejects_dir.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert not leftovers, leftovers
    for report in rejects_dir.iterdir():  # a report is whole or absent
        assert report.read_text(encoding="utf-8-sig").count("\n") == 1 + BAD
    return "all" if rows else "none"


@pytest.mark.parametrize("kills", [8, pytest.param(30, marks=pytest.mark.slow)])
def test_killing_import_list(tmp_path, db, kills):
    db.close()
    template = paths.database_path(db.folder)
    source = tmp_path / "danh-sach.xlsx"
    _list(source)
    expected = {p.name for p in db.folder.iterdir()} | {"backups"}

    baseline = cli("check", data_dir=_fresh(template, tmp_path / "untouched")).stdout
    assert "✓" in baseline

    whole_dir = tmp_path / "whole-report"
    whole_dir.mkdir()
    whole = _fresh(template, tmp_path / "whole")
    started = time.monotonic()
    run = subprocess.run(_command(whole, source, whole_dir / "loai.csv"), capture_output=True, text=True)
    length = time.monotonic() - started
    assert run.returncode == 0, run.stderr
    assert _after(whole, whole_dir, baseline) == "all"

    outcomes: Counter[str] = Counter()
    lines = []
    for i in range(kills):
        # Spread over 120% of a whole run: the last moments land in the one transaction or after it.
        moment = 1.2 * length * (i + 0.5) / kills
        folder = _fresh(template, tmp_path / f"kill-{i}")
        rejects_dir = tmp_path / f"report-{i}"
        rejects_dir.mkdir()
        process = subprocess.Popen(
            _command(folder, source, rejects_dir / "loai.csv"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(moment)
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        outcome = _after(folder, rejects_dir, baseline)
        report = "report" if any(rejects_dir.iterdir()) else "no report"
        outcomes[outcome] += 1
        lines.append(f"  {moment:5.2f} s: {'killed' if killed else 'had ended'}, rows {outcome}, {report}")
        stray = {p.name for p in folder.iterdir()} - expected
        assert not stray, stray
    print(f"\nimport-list of {ROWS} rows takes {length:.2f} s; {kills} kills:")
    print("\n".join(lines))
    print(
        f"  rows none: {outcomes['none']}, all: {outcomes['all']}, never partial; check as before each time"
    )
    print("  check says:", " | ".join(baseline.splitlines()))
    assert outcomes["none"] >= 1  # the sweep did interrupt imports
