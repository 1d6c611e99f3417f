"""Times New Roman where it is installed, Liberation Serif elsewhere; the PDF says which. A fake
installation is Liberation Serif copied under Times New Roman's Windows file names."""

from __future__ import annotations

import shutil

import pytest
from pdfcheck import HAVE_POPPLER
from pdfcheck import fonts as pdf_fonts
from pypdf import PdfReader
from run_cli import cli

from emulation_desktop.paths import resource_path
from emulation_desktop.reports.fonts import FONT_DIR_ENV, LIBERATION_FILES, TIMES_NAMES, choose_font


@pytest.fixture
def fake_times(tmp_path):
    folder = tmp_path / "Fonts"
    folder.mkdir()
    for bundled, name in zip(LIBERATION_FILES, TIMES_NAMES[0], strict=True):
        shutil.copyfile(resource_path("resources", "fonts", bundled), folder / name)
    return folder


def test_installed_times_new_roman_is_preferred(fake_times, tmp_path):
    chosen = choose_font([tmp_path / "empty", fake_times])
    assert chosen.name == "Times New Roman"
    assert [p.name for p in chosen.files] == ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"]


def test_without_it_liberation_serif_is_used(fake_times, tmp_path):
    (fake_times / "timesbi.ttf").unlink()  # three faces of four are not enough
    chosen = choose_font([fake_times, tmp_path / "empty"])
    assert chosen.name == "Liberation Serif"
    assert all(p.is_file() and p.name.startswith("LiberationSerif") for p in chosen.files)


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_the_pdf_says_which_font_it_embeds(demo_dir, fake_times, tmp_path, monkeypatch):
    made = {}
    for name, folder in (("times", fake_times), ("liberation", tmp_path / "empty")):
        monkeypatch.setenv(FONT_DIR_ENV, str(folder))
        out = tmp_path / f"{name}.pdf"
        cli(
            "report",
            "support-list",
            "--unit",
            "017",
            "--year",
            "2022",
            "--out",
            out,
            data_dir=demo_dir,
            check=True,
        )
        made[name] = out
        assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in pdf_fonts(out))
    creator = {name: PdfReader(str(path)).metadata["/Creator"] for name, path in made.items()}
    if choose_font([tmp_path / "empty"]).name == "Liberation Serif":  # not on a machine with TNR installed
        assert creator["liberation"] == "emulation-desktop; font: Liberation Serif"
    assert creator["times"] == "emulation-desktop; font: Times New Roman"
