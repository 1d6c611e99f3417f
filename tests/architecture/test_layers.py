"""The layers contract (pyproject.toml, docs/architecture.md) is real: a copy of the package with one
forbidden import added breaks it, and the untouched copy keeps it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "emulation_desktop",
        tmp_path / "emulation_desktop",
        ignore=shutil.ignore_patterns("__pycache__", "_data", "_catalogs"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _add_line(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("house"))


def test_the_untouched_package_keeps_every_contract(package_copy: Path) -> None:
    result = _lint(package_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Layers KEPT" in result.stdout and "Qt lives only in emulation_desktop.ui KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # Qt in a core module that was under no contract before (review's command line).
        ("review/cli_commands.py", "import PySide6", "Qt lives only in emulation_desktop.ui BROKEN"),
        ("storage/database.py", "from PySide6 import QtCore", "Qt lives only in emulation_desktop.ui BROKEN"),
        # A lower layer reaching up: the figures importing the window, storage importing a document.
        ("indicators/compute.py", "import emulation_desktop.ui.app", "Layers BROKEN"),
        ("storage/backup.py", "import emulation_desktop.reports.registry", "Layers BROKEN"),
        ("cli.py", "import emulation_desktop.ui.app", "Layers BROKEN"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str, broken: str) -> None:
    folder = _copy(tmp_path)
    _add_line(folder / "emulation_desktop" / module, line)
    result = _lint(folder)
    assert result.returncode != 0
    assert broken in result.stdout, result.stdout


def test_a_new_package_must_be_given_its_layer(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    extra = folder / "emulation_desktop" / "newcomer"
    extra.mkdir()
    (extra / "__init__.py").write_text('"""A package nobody placed in the layers."""\n', encoding="utf-8")
    result = _lint(folder)
    assert result.returncode != 0
    assert "newcomer" in result.stdout + result.stderr


def test_every_module_outside_ui_imports_without_qt() -> None:
    """The core, the command line and the documents load on a machine with no Qt at all."""
    script = """
import importlib, sys
class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError("Qt is not installed here")
sys.meta_path.insert(0, NoQt())
from pathlib import Path
import emulation_desktop
root = Path(emulation_desktop.__file__).parent
names = [
    ".".join(("emulation_desktop", *p.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
    for p in root.rglob("*.py")
]
core = [n for n in names if not n.startswith(("emulation_desktop.ui", "emulation_desktop.main", "emulation_desktop.__main__"))]
for name in core:
    importlib.import_module(name)
print(len(core))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 80  # every module outside ui, not a handful
