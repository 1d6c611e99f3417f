"""The acceptance test of data exchange, as clerks would run it, through the command line.

Five district offices each load their own district (``demo --unit``), save their key card and export
their 2022 package. The cluster office (``demo --structure-only``) trusts the five keys, imports the
five packages, and must then show exactly the figures of the all-in-one demo for 2022.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from run_cli import cli

DISTRICTS = ("016", "017", "018", "020", "250")
CLUSTER = "HN-CUM3"


def _district(tmp_path, code):
    folder = tmp_path / f"district-{code}"
    cli("demo", "--unit", code, data_dir=folder, check=True)
    cli("keys", "export", "--out", tmp_path / f"key-{code}.json", data_dir=folder, check=True)
    cli(
        "export-package",
        "--year",
        2022,
        "--out",
        tmp_path / f"package-{code}.zip",
        data_dir=folder,
        check=True,
    )
    return folder


def _indicators(folder):
    result = cli(
        "indicators", "--cluster", CLUSTER, "--year", 2022, "--format", "json", data_dir=folder, check=True
    )
    return json.loads(result.stdout)


def test_five_districts_to_the_cluster_office_give_the_all_in_one_figures(tmp_path):
    hub, whole = tmp_path / "cluster-office", tmp_path / "all-in-one"
    with ThreadPoolExecutor(max_workers=min(7, os.cpu_count() or 2)) as pool:
        districts = list(pool.map(lambda code: _district(tmp_path, code), DISTRICTS))
        structure = pool.submit(cli, "demo", "--structure-only", data_dir=hub, check=True)
        reference = pool.submit(cli, "demo", data_dir=whole, check=True)
        structure.result()
        reference.result()
    assert len(districts) == 5

    for code in DISTRICTS:
        trusted = cli("keys", "trust", tmp_path / f"key-{code}.json", data_dir=hub, check=True)
        assert code in trusted.stdout
    for code in DISTRICTS:
        package = tmp_path / f"package-{code}.zip"
        dry = cli("import-package", package, "--dry-run", data_dir=hub, check=True)
        assert "Chạy thử" in dry.stdout
        applied = cli("import-package", package, data_dir=hub, check=True)
        assert "xung đột: 0" in applied.stdout and "bị từ chối: 0" in applied.stdout, applied.stdout
    again = cli("import-package", tmp_path / "package-017.zip", data_dir=hub)
    assert again.returncode == 0 and "đã được nhập" in again.stdout

    got, expected = _indicators(hub), _indicators(whole)
    assert got["scope"] == expected["scope"]
    current = {k: {**v, "previous": None} for k, v in got["indicators"].items()}
    assert current == {k: {**v, "previous": None} for k, v in expected["indicators"].items()}
    # The article's figures, as the cluster office now sees them.
    figures = got["indicators"]
    assert figures["solidarity_houses"]["value"] == 133
    assert figures["fund_sea_islands"]["amount_vnd"] == 7_690_000_000
    assert (figures["mediations"]["value"], figures["mediations"]["total"]) == (694, 823)
    assert (figures["cremations"]["value"], figures["cremations"]["total"]) == (4375, 5121)
    assert figures["supervisions"]["value"] == 1053

    # Imported units are read-only at the cluster office; a tampered package is refused with exit 2.
    data = (tmp_path / "package-016.zip").read_bytes()
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(data[: len(data) // 2])
    refused = cli("import-package", tampered, data_dir=hub)
    assert refused.returncode == 2 and "bị từ chối" in refused.stderr


def test_cli_refuses_an_untrusted_package_with_exit_2(tmp_path):
    district, hub = tmp_path / "d", tmp_path / "h"
    cli("demo", "--unit", "020", data_dir=district, check=True)
    cli("export-package", "--year", 2022, "--out", tmp_path / "p.zip", data_dir=district, check=True)
    cli("demo", "--structure-only", data_dir=hub, check=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "emulation_desktop",
            "--data-dir",
            str(hub),
            "import-package",
            str(tmp_path / "p.zip"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "EMULATION_DESKTOP_LANG": "vi"},
        timeout=300,
    )
    assert result.returncode == 2
    assert "keys trust" in result.stderr
