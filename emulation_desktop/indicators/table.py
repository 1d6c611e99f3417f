"""A plain-text table of a report's indicators, for the terminal."""

from __future__ import annotations

from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.indicators.compute import Figure, Report
from emulation_desktop.locale.formatting import format_number, format_percent
from emulation_desktop.locale.i18n import _


def describe(figure: Figure | None) -> str:
    """ "133 · 6.120.000.000 đ", "4.375/5.121 (85,4%)", or "–" for no data."""
    if figure is None:
        return "–"
    parts = []
    if figure.value is not None:
        parts.append(format_number(figure.value))
        if figure.total is not None:
            parts[-1] += f"/{format_number(figure.total)}"
            if figure.rate is not None:
                parts[-1] += f" ({format_percent(figure.rate, digits=1)})"
    if figure.amount_vnd is not None:
        parts.append(f"{format_number(figure.amount_vnd)} đ")
    return " · ".join(parts) or "–"


def render_table(report: Report) -> str:
    header = (_("Indicator"), str(report.year), str(report.year - 1))
    rows = [
        (_(BY_CODE[code].label), describe(result.current), describe(result.previous))
        for code, result in report.results.items()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [f"{report.scope.name} — {report.year}", ""]
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return "\n".join(lines)
