"""Build the one-folder program for the current OS: ``python -m installer.build``.

1. compiles the gettext catalogs (``i18n/*.po``) into ``build/catalogs/*.mo``;
2. on Windows, writes the .exe version resource from the project version;
3. runs PyInstaller on ``installer/emulation_desktop.spec`` (work files in ``build/pyinstaller``);
4. prints the folder (``dist/emulation-desktop``), its size and the biggest parts.

Needs the build extra: ``pip install -e '.[build]'``. The Windows installer is a separate step
(``installer/windows/emulation_desktop.iss``, see ``installer/README.md``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "emulation_desktop.spec"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
APP_DIR = DIST / "emulation-desktop"
SIZE_TARGET_MB = 150

VERSION_INFO = """\
VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple4}, prodvers={tuple4}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('042a04b0', [
      StringStruct('CompanyName', 'Uy ban MTTQ Viet Nam'),
      StringStruct('FileDescription', 'Emulation Desktop'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'emulation-desktop'),
      StringStruct('OriginalFilename', 'emulation-desktop.exe'),
      StringStruct('ProductName', 'Emulation Desktop'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])])
  ]
)
"""


def project_version() -> str:
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def compile_catalogs(target: Path) -> list[Path]:
    from emulation_desktop.locale.catalog import compile_catalogs as compile_po

    written = compile_po(ROOT / "i18n", target)
    if not written:
        raise SystemExit("no catalogs in i18n/")
    return written


def write_version_info(version: str, target: Path) -> Path:
    numbers = [int(part) for part in version.split(".")[:4] if part.isdigit()]
    tuple4 = tuple([*numbers, 0, 0, 0, 0][:4])
    target.write_text(VERSION_INFO.format(version=version, tuple4=tuple4), encoding="utf-8")
    return target


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def disk_usage_mib(folder: Path) -> int | None:
    """What ``du -sm`` prints (allocated blocks, MiB rounded up); None where st_blocks is unknown."""
    paths = [folder, *folder.rglob("*")]
    if not hasattr(folder.stat(), "st_blocks"):
        return None
    blocks = sum(path.lstat().st_blocks for path in paths)
    return -(-blocks * 512 // 2**20)


GROUPS = ("Qt/plugins/", "emulation_desktop/_data/", "cryptography", "reportlab", "PIL/", "pillow.libs/")


def biggest_parts(folder: Path, count: int = 12) -> list[tuple[str, int]]:
    """The largest files, with Qt's plugin folders and data folders counted as one."""
    sizes: Counter[str] = Counter()
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(folder).as_posix()
        for group in GROUPS:
            if group in relative:
                relative = relative[: relative.index(group) + len(group)] + "…"
                break
        sizes[relative] += path.stat().st_size
    return sizes.most_common(count)


def report(folder: Path) -> int:
    total = folder_size(folder)
    megabytes = total / 1e6
    print(f"\nbuilt {folder}")
    du = disk_usage_mib(folder)
    on_disk = f", du -sm {du}" if du is not None else ""
    print(f"size: {megabytes:.1f} MB{on_disk} (target under {SIZE_TARGET_MB} MB)")
    print("largest parts:")
    for name, size in biggest_parts(folder):
        print(f"  {size / 1e6:7.1f} MB  {name}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.build", description=__doc__.splitlines()[0])
    parser.add_argument("--size-only", action="store_true", help="report the size of an existing build")
    args = parser.parse_args(argv)
    if args.size_only:
        report(APP_DIR)
        return 0
    started = time.monotonic()
    catalogs = BUILD / "catalogs"
    print("compiled:", ", ".join(p.name for p in compile_catalogs(catalogs)))
    env = dict(os.environ, EMULATION_DESKTOP_MO_DIR=str(catalogs))
    if sys.platform == "win32":
        info = write_version_info(project_version(), BUILD / "version_info.txt")
        env["EMULATION_DESKTOP_VERSION_FILE"] = str(info)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--workpath",
        str(BUILD / "pyinstaller"),
        "--distpath",
        str(DIST),
        str(SPEC),
    ]
    print("running:", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        print(f"PyInstaller failed (exit code {result.returncode})", file=sys.stderr)
        return result.returncode
    total = report(APP_DIR)
    print(f"build time: {time.monotonic() - started:.0f} s")
    if total > SIZE_TARGET_MB * 1e6:
        print(f"warning: the folder is over {SIZE_TARGET_MB} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
