"""bench_pdf: the 10,000-row list of support activities as a PDF, three ways on the same rows.

Core: ``reports.support_list.render_list``: the whole administrative document (header, title, the
table with a repeated header row on every page, signature) from rows already formatted the Vietnamese
way, through ``tables.RowsTable``.

Baseline: a raw ReportLab canvas drawing the same rows by hand: ``drawString`` per cell
(``drawRightString`` for numbers), one rule per row, a new page when full, the same font, page size and
stream settings. No header block, no wrapping: the least a program can do to put these rows on paper.

Peer (not in the ratio): ``soffice --headless --convert-to pdf`` of the same rows as an XLSX file, which
is what clerks do today. Its median is printed and kept in the JSON; if LibreOffice is not installed,
the benchmark says it skipped it.
"""

from __future__ import annotations

import io
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks import data
from benchmarks.harness import Outcome, Sample, Scale, compare, timed
from emulation_desktop.locale.formatting import format_date, format_number
from emulation_desktop.reports import fonts, support_list
from emulation_desktop.reports import layout as L
from emulation_desktop.reports.report_data import choice

NAME = "bench_pdf"
TARGET = 1.5
ROWS = {"full": 10_000, "quick": 1_000}
ISSUER = L.Issuer(
    parent_lines=("ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐÔNG ANH"),
    body="BAN THƯỜNG TRỰC",
    place="Đông Anh",
    number_suffix="DS-MTTQ",
    sign_for="TM. BAN THƯỜNG TRỰC",
    sign_titles=("CHỦ TỊCH",),
    name_in_text="Ủy ban MTTQ Việt Nam huyện Đông Anh",
)
COMMUNES = ("Xã Bắc Hồng", "Xã Cổ Loa", "Xã Đông Hội", "Xã Kim Chung", "Xã Uy Nỗ", "Thị trấn Đông Anh")


def rows(count: int, seed: int = 2022) -> list[tuple[str, ...]]:
    """Support activities formatted as the list prints them (dates, labels, 1.500.000-style amounts)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        kind = data.weighted(rng, data.SUPPORT_KINDS)
        name, male = data.person(rng)
        out.append(
            (
                str(i + 1),
                format_date(data.random_date(rng, 2022)),
                rng.choice(COMMUNES),
                f"{'ông' if male else 'bà'} {name}",
                choice("kind", kind),
                choice("household_category", data.weighted(rng, data.HOUSEHOLDS)),
                format_number(data.money_value(rng, kind)),
                rng.choice(data.FUNDING),
            )
        )
    return out


def core_pdf(table_rows: list[tuple[str, ...]]) -> bytes:
    return support_list.render_list(
        table_rows, issuer=ISSUER, issued_on=date(2022, 11, 8), year=2022, scope_name="Huyện Đông Anh"
    )


def canvas_pdf(table_rows: list[tuple[str, ...]]) -> bytes:
    """The same rows drawn by hand on a ReportLab canvas."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts()
    rl_config.useA85 = 0  # the same stream settings as the core's documents
    buffer = io.BytesIO()
    width, height = L.LANDSCAPE
    canvas = Canvas(buffer, pagesize=L.LANDSCAPE, initialFontName=fonts.REGULAR, invariant=1)
    frame = width - L.MARGIN_LEFT - L.MARGIN_RIGHT
    weights = [c.weight for c in support_list.COLUMNS]
    widths = [frame * w / sum(weights) for w in weights]
    right = {0, 6}
    row_height, top, bottom = 15.0, height - L.MARGIN_TOP, L.MARGIN_BOTTOM
    y = top
    canvas.setFont(fonts.REGULAR, 10.5)
    for row in table_rows:
        if y - row_height < bottom:
            canvas.showPage()
            canvas.setFont(fonts.REGULAR, 10.5)
            y = top
        x = L.MARGIN_LEFT
        for i, (text, w) in enumerate(zip(row, widths, strict=True)):
            if i in right:
                canvas.drawRightString(x + w - 3, y - 11, text)
            else:
                canvas.drawString(x + 3, y - 11, text)
            x += w
        canvas.line(L.MARGIN_LEFT, y - row_height, width - L.MARGIN_RIGHT, y - row_height)
        y -= row_height
    canvas.save()
    return buffer.getvalue()


def _xlsx(table_rows: list[tuple[str, ...]], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sach")
    sheet.append([c.header for c in support_list.COLUMNS])
    for row in table_rows:
        sheet.append(list(row))
    book.save(path)


def _soffice(table_rows: list[tuple[str, ...]], repeat: int, log: Callable[[str], None]) -> dict[str, object]:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if not binary:
        log("  soffice: skipped (LibreOffice is not installed; Debian: libreoffice-calc-nogui)")
        return {"soffice": "skipped: not installed"}
    scratch = Path(tempfile.mkdtemp(prefix="emud-bench-soffice-"))
    try:
        source = scratch / "rows.xlsx"
        _xlsx(table_rows, source)
        profile = (scratch / "profile").as_uri()
        command = [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(scratch / "out"),
            str(source),
        ]
        subprocess.run(command, capture_output=True, check=True, timeout=600)  # untimed: first-run profile
        seconds = []
        for i in range(repeat):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, timeout=600)
            seconds.append(time.perf_counter() - started)
            log(f"  soffice run {i + 1}/{repeat}: {seconds[-1] * 1000:.1f} ms")
        pdf = scratch / "out" / "rows.pdf"
        return {
            "soffice_median_ms": round(statistics.median(seconds) * 1000, 1),
            "soffice_runs_ms": [round(s * 1000, 1) for s in seconds],
            "soffice_pdf_bytes": pdf.stat().st_size if pdf.exists() else None,
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    count = ROWS.get(scale.name, ROWS["full"])
    table_rows = rows(count)
    log(f"  preparing: {count:,} rows; one untimed run of each side (fonts, imports)")
    core_bytes, canvas_bytes = core_pdf(table_rows), canvas_pdf(table_rows)
    for label, pdf in (("core", core_bytes), ("canvas", canvas_bytes)):
        if not pdf.startswith(b"%PDF") or not pdf.rstrip().endswith(b"%%EOF"):
            raise RuntimeError(f"the {label} side did not produce a PDF")

    def core(_: int) -> Sample:
        sample, _pdf = timed(lambda: core_pdf(table_rows))
        return sample

    def baseline(_: int) -> Sample:
        sample, _pdf = timed(lambda: canvas_pdf(table_rows))
        return sample

    core_side, base_side = compare(
        repeat,
        ("reports.support_list.render_list (administrative document, RowsTable)", core),
        ("raw ReportLab canvas: drawString per cell, a rule per row", baseline),
        log,
    )
    params: dict[str, object] = {
        "rows": count,
        "core_pdf_bytes": len(core_bytes),
        "canvas_pdf_bytes": len(canvas_bytes),
    }
    params.update(_soffice(table_rows, repeat, log))
    soffice_ms = params.get("soffice_median_ms")
    if isinstance(soffice_ms, float):
        log(
            f"  soffice median {soffice_ms:.1f} ms; core median {core_side.median_ms:.1f} ms "
            f"({core_side.median_ms / soffice_ms:.2f}x LibreOffice)"
        )
    return Outcome(
        NAME,
        f"{count:,}-row support list as a PDF: core / raw canvas (LibreOffice XLSX→PDF as a peer)",
        core_side,
        base_side,
        TARGET,
        params,
    )
