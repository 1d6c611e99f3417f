"""Build hooks; the project metadata lives in pyproject.toml.

A wheel must run without the source tree, so ``build_py`` puts the data the app needs inside the
package, where ``emulation_desktop.paths.resource_path`` looks first:

- ``i18n/<lang>.po`` compiled to ``emulation_desktop/_data/i18n/<lang>.mo`` (the ``.po`` is not shipped:
  the runtime loader would compile it again in memory);
- ``resources/`` (fonts with their licence, icons, demo data) copied to ``emulation_desktop/_data/resources``.

Editable installs (``pip install -e .``) skip this: they read ``i18n/*.po`` and ``resources/`` from the
source tree, and the loader compiles the ``.po`` in memory. The sdist carries ``i18n/`` and
``resources/`` so that a wheel built from it is complete too.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
PACKAGE = "emulation_desktop"
DATA_DIRNAME = "_data"
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*.mo", "*.mo.marshal", "*~")


def _module(path: Path) -> ModuleType:
    """A module of the package loaded from its file alone (the package itself is not importable while it
    is being built; this one needs only the standard library)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile ``source/*.po`` into ``target/*.mo``, each with the cache the app reads at start
    (``catalog_cache``); fuzzy entries stay out, as gettext expects."""
    from babel.messages.mofile import write_mo  # a build requirement (pyproject.toml)
    from babel.messages.pofile import read_po

    catalog_cache = _module(ROOT / PACKAGE / "locale" / "catalog_cache.py")

    target.mkdir(parents=True, exist_ok=True)
    written = []
    for po_path in sorted(source.glob("*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.stem)
        mo_path = target / f"{po_path.stem}.mo"
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written += [mo_path, catalog_cache.write(mo_path)]
    if not written:
        raise SystemExit(f"no gettext catalogs (*.po) in {source}")
    return written


class BuildPyWithData(build_py):
    """``build_py`` that also writes the compiled catalogs and the resources into the package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / PACKAGE / DATA_DIRNAME
        shutil.rmtree(target, ignore_errors=True)  # no leftovers from an earlier build
        compile_catalogs(ROOT / "i18n", target / "i18n")
        shutil.copytree(ROOT / "resources", target / "resources", ignore=SKIP)
        self.announce(f"wrote catalogs and resources to {target}", level=2)


class SdistWithData(sdist):
    """``sdist`` that carries the catalog sources and the resources the wheel build needs."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        for name in ("i18n", "resources"):
            shutil.copytree(ROOT / name, Path(base_dir) / name, ignore=SKIP, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithData, "sdist": SdistWithData})
