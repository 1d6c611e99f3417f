"""One lookup for bundled files: ``resource_path`` finds every kind from the source tree and a wheel.

The frozen build is covered by ``installer/smoke_test.py`` (CI runs it after the tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from emulation_desktop.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]

# (parts, what the file must start with or contain)
EXPECTED = [
    (("resources", "fonts", "LiberationSerif-Regular.ttf"), None),
    (("resources", "fonts", "LiberationSans-Regular.ttf"), None),
    (("resources", "fonts", "LICENSE-Liberation-OFL.txt"), "SIL Open Font License"),
    (("resources", "demo", "communes-2022.csv"), None),
    (("resources", "icons", "emulation-desktop.svg"), "<svg"),
    (("resources", "icons", "emulation-desktop.ico"), None),
    (("resources", "icons", "emulation-desktop-32.png"), None),
    (("resources", "licenses", "THIRD-PARTY.txt"), "PySide6"),
    (("resources", "licenses", "LGPL-3.0.txt"), "GNU LESSER GENERAL PUBLIC LICENSE"),
    (("resources", "manual", "01-bat-dau.md"), "# Bắt đầu"),
    (("resources", "manual", "images", "overview.png"), None),
]


@pytest.mark.parametrize(
    ("parts", "content"), EXPECTED, ids=lambda p: "/".join(p) if isinstance(p, tuple) else ""
)
def test_resource_found_from_the_source_tree(parts: tuple[str, ...], content: str | None) -> None:
    path = resource_path(*parts)
    assert path.is_file() and path.stat().st_size > 0
    if content is not None:
        assert content in path.read_text(encoding="utf-8", errors="replace")


def test_catalogs_found() -> None:
    for language in ("vi", "en"):
        try:
            path = resource_path("i18n", f"{language}.mo")
        except FileNotFoundError:
            path = resource_path("i18n", f"{language}.po")
        assert path.is_file()


def test_missing_resource_is_a_file_not_found_error() -> None:
    with pytest.raises(FileNotFoundError):
        resource_path("resources", "no-such-file.txt")


def test_icon_files_are_what_their_names_say() -> None:
    assert (
        resource_path("resources", "icons", "emulation-desktop-32.png").read_bytes()[:8]
        == b"\x89PNG\r\n\x1a\n"
    )
    assert (
        resource_path("resources", "icons", "emulation-desktop.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    )


def test_about_notices_name_the_bundled_fonts_and_libraries() -> None:
    from emulation_desktop.ui.about import notices_text

    text = notices_text()
    for name in ("Liberation", "PySide6", "SQLAlchemy", "ReportLab", "Babel", "platformdirs"):
        assert name in text
    assert "cryptography" in text and "openpyxl" in text
    assert "missing from this installation" not in text


WHEEL_PROBE = """
import json, sys
import emulation_desktop
from emulation_desktop.paths import resource_path
parts = json.loads(sys.argv[1])
print(json.dumps({"package": emulation_desktop.__file__, "found": [str(resource_path(*p)) for p in parts]}))
"""


@pytest.mark.slow
def test_resources_found_from_a_wheel_build(tmp_path: Path) -> None:
    """Run the wheel's ``build_py`` (which copies the data into the package), then look everything up
    from that build, away from the source tree."""
    unpacked = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(unpacked)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    parts = [list(p) for p, _ in EXPECTED] + [["i18n", "vi.mo"], ["i18n", "en.mo"]]
    probe = subprocess.run(
        [sys.executable, "-c", WHEEL_PROBE, json.dumps(parts)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the source tree
        env=dict(os.environ, PYTHONPATH=str(unpacked)),
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    result = json.loads(probe.stdout)
    assert Path(result["package"]).is_relative_to(unpacked)
    data = unpacked / "emulation_desktop" / "_data"
    for found in result["found"]:
        assert Path(found).is_relative_to(data), found
