"""Run the frozen program the way a user would and fail on any import or resource error.

    python -m installer.smoke_test [--app dist/emulation-desktop]

Each step runs the built executable (not the source) in a fresh data folder, offscreen:

1. ``--version`` prints the project version;
2. ``demo`` loads the demo data;
3. ``report annual --unit 017 --year 2022 --out X.pdf`` writes a PDF that ``pdffonts`` reads, with
   every font embedded;
4. ``report meeting-pack --cluster HN-CUM3 --year 2022``, the same check: the document builders are
   imported by name (``reports/registry.py``), so this catches a builder left out of the bundle;
   ``report annual … --out X.docx`` writes a Word file (python-docx's template is a data file);
5. ``evidence attach`` takes a JPEG, a PNG and a WebP photo (each decoded by the bundled Pillow) and a
   PDF; ``export-package --unit 017 --year 2022`` writes a signed zip (cryptography, hashlib, zipfile);
6. the window opens and closes itself (``EMULATION_DESKTOP_QUIT_AFTER_MS``, see ``ui/smoke.py``), exit 0.

Every step's stdout, stderr and the program's log files are searched for the marks of a broken bundle
(a missing module, file or Qt plugin). Exit code 0 when all steps pass.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_APP = ROOT / "dist" / "emulation-desktop"
BAD_MARKS = (
    "ModuleNotFoundError",
    "No module named",  # the command line reports an unexpected error by its message alone
    "ImportError",
    "FileNotFoundError",
    "Traceback",
    "Could not load the Qt platform plugin",
    "Could not find the Qt platform plugin",
    "Failed to execute script",
    "failed to load",
)
STEP_TIMEOUT_S = 120
QUIT_AFTER_MS = 3000


@dataclass
class Step:
    name: str
    ok: bool
    seconds: float
    detail: str = ""


def executable(app_dir: Path) -> Path:
    for name in ("emulation-desktop-cli.exe", "emulation-desktop.exe", "emulation-desktop"):
        if (app_dir / name).is_file():
            return app_dir / name
    raise SystemExit(f"no executable in {app_dir}: run `python -m installer.build` first")


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def bad_marks(text: str) -> list[str]:
    return [mark for mark in BAD_MARKS if mark.lower() in text.lower()]


def logs_text(data_dir: Path) -> str:
    folder = data_dir / "logs"
    if not folder.is_dir():
        return ""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*")))


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Nothing from a developer's venv may leak in: the bundle must stand alone.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def run(exe: Path, args: list[str], data_dir: Path | None, env: dict[str, str]) -> tuple[int, str, float]:
    command = [str(exe)] + (["--data-dir", str(data_dir)] if data_dir else []) + args
    started = time.monotonic()
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=STEP_TIMEOUT_S,
            env=env,
            cwd=tempfile.gettempdir(),  # not the source tree: nothing may be found there by accident
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return -1, f"timed out after {STEP_TIMEOUT_S} s\n{exc.stdout or ''}{exc.stderr or ''}", STEP_TIMEOUT_S
    output = f"$ {' '.join(command)}\n{result.stdout}{result.stderr}"
    return result.returncode, output, time.monotonic() - started


def check_pdf(pdf: Path) -> str:
    """An empty string if the PDF is valid with every font embedded, else what is wrong."""
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        return f"{pdf} is missing or not a PDF"
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        return "pdffonts (poppler-utils) is not installed"
    result = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"pdffonts cannot read the PDF:\n{result.stderr}"
    rows = result.stdout.splitlines()[2:]  # two header lines
    if not rows:
        return "the PDF has no fonts"
    # Columns: name type encoding emb sub uni object ID; "emb" is the 4th from the right.
    not_embedded = [row for row in rows if re.split(r"\s+", row.strip())[-5] != "yes"]
    if not_embedded:
        return "fonts not embedded:\n" + "\n".join(not_embedded)
    return ""


def check_docx(path: Path) -> str:
    """An empty string if ``path`` is a Word file holding the document's text, else what is wrong."""
    if not zipfile.is_zipfile(path):
        return f"{path} is missing or not a Word file"
    with zipfile.ZipFile(path) as archive:
        text = archive.read("word/document.xml").decode("utf-8")
    return "" if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text else "no national title in the Word file"


def first_record(data: Path) -> str:
    """A support activity of the demo (read from its data file), to attach evidence to."""
    import sqlite3

    connection = sqlite3.connect(data / "emulation.sqlite3")
    try:
        return connection.execute("SELECT id FROM support_activity ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        connection.close()


def evidence_files(folder: Path) -> list[str]:
    """A photo in each accepted format and a PDF, made here (the build's Python has Pillow and ReportLab)."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    made = []
    for number, fmt in enumerate(("JPEG", "PNG", "WEBP")):
        path = folder / f"anh-{number}.{fmt.lower()}"
        Image.new("RGB", (48, 32), (40 * number, 90, 160)).save(path, fmt)
        made.append(str(path))
    pdf = folder / "bien-ban.pdf"
    page = canvas.Canvas(str(pdf))
    page.drawString(72, 720, "Bien ban ban giao")
    page.save()
    return [*made, str(pdf)]


def smoke(app_dir: Path) -> list[Step]:
    exe = executable(app_dir)
    env = environment()
    steps: list[Step] = []
    with tempfile.TemporaryDirectory(prefix="emulation-smoke-") as temp:
        data = Path(temp) / "data"

        def step(name: str, args: list[str], check, data_dir: Path | None = data) -> None:  # type: ignore[no-untyped-def]
            code, output, seconds = run(exe, args, data_dir, env)
            marks = bad_marks(output)
            problem = check(code, output) if not marks else f"found {', '.join(marks)}"
            if code != 0 and not problem:
                problem = f"exit code {code}"
            steps.append(Step(name, not problem, seconds, "" if not problem else f"{problem}\n{output}"))

        version = project_version()
        step(
            "--version",
            ["--version"],
            lambda c, out: "" if version in out else f"no {version} in output",
            None,
        )
        step("demo", ["demo"], lambda c, out: "")
        pdf = Path(temp) / "annual-017-2022.pdf"
        step(
            "report annual",
            ["report", "annual", "--unit", "017", "--year", "2022", "--out", str(pdf)],
            lambda c, out: check_pdf(pdf),
        )
        pack = Path(temp) / "meeting-pack-HN-CUM3-2022.pdf"
        step(
            "report meeting-pack",
            ["report", "meeting-pack", "--cluster", "HN-CUM3", "--year", "2022", "--out", str(pack)],
            lambda c, out: check_pdf(pack),
        )
        word = Path(temp) / "annual-017-2022.docx"
        step(
            "report annual docx",
            ["report", "annual", "--unit", "017", "--year", "2022", "--out", str(word)],
            lambda c, out: check_docx(word),
        )
        files = evidence_files(Path(temp))
        step(
            "evidence attach",
            ["evidence", "attach", "--kind", "support_activity", "--record", first_record(data), *files],
            lambda c, out: "" if c == 0 else "the photos were not attached",
        )
        package = Path(temp) / "package-017-2022.zip"
        step(
            "export-package",
            ["export-package", "--unit", "017", "--year", "2022", "--out", str(package)],
            lambda c, out: "" if zipfile.is_zipfile(package) else f"{package} is missing or not a zip file",
        )
        env["EMULATION_DESKTOP_QUIT_AFTER_MS"] = str(QUIT_AFTER_MS)
        step("window", [], lambda c, out: "" if "smoke: window shown" in out else "the window did not report")
        env.pop("EMULATION_DESKTOP_QUIT_AFTER_MS")
        log_marks = bad_marks(logs_text(data))
        steps.append(
            Step(
                "log files",
                not log_marks,
                0.0,
                f"found {', '.join(log_marks)}\n{logs_text(data)}" if log_marks else "",
            )
        )
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m installer.smoke_test", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--app", type=Path, default=DEFAULT_APP, help="the one-folder build")
    args = parser.parse_args(argv)
    started = time.monotonic()
    steps = smoke(args.app)
    for s in steps:
        print(f"{'PASS' if s.ok else 'FAIL'}  {s.name:<19} {s.seconds:5.1f} s")
        if not s.ok:
            print("    " + s.detail.replace("\n", "\n    "))
    failed = [s for s in steps if not s.ok]
    print(f"smoke test: {len(steps) - len(failed)}/{len(steps)} passed in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
