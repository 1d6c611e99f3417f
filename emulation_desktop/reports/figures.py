"""Indicator figures as table cells, written the Vietnamese way (1.053; 694/823 (84,3%); 7.690.000.000).

A figure that is not known prints "–", never a zero: the year of a scope that has recorded nothing yet,
and a ratio over nothing (0/0)."""

from __future__ import annotations

from dataclasses import dataclass

from emulation_desktop.domain.indicators import INDICATORS
from emulation_desktop.indicators.compute import Figure, Report, Result
from emulation_desktop.locale.formatting import describe_change, format_number, format_percent
from emulation_desktop.reports.layout import unbreakable
from emulation_desktop.reports.report_data import indicator_label

NONE = "–"  # no figure


@dataclass(frozen=True)
class Line:
    """One line of a figures table: an indicator (or its amount), and how to show a figure of it."""

    code: str
    label: str
    part: str  # "value", "amount" or "ratio"


def lines() -> list[Line]:
    out = []
    for definition in INDICATORS:
        label = indicator_label(definition.code)
        if definition.measure == "count_amount":
            out.append(Line(definition.code, f"{label} (nhà)", "value"))
            out.append(Line(definition.code, "Trị giá nhà đại đoàn kết (đồng)", "amount"))
        elif definition.measure == "amount":
            out.append(Line(definition.code, f"{label} (đồng)", "amount"))
        elif definition.measure == "ratio":
            out.append(Line(definition.code, label, "ratio"))
        else:
            out.append(Line(definition.code, label, "value"))
    return out


def cell(figure: Figure | None, part: str, *, newline: bool = False) -> str:
    """ "133", "6.120.000.000", "4.375/5.121 (85,4%)"; "–" when there is no figure or a ratio is 0/0."""
    if figure is None:
        return NONE
    if part == "amount":
        return format_number(figure.amount_vnd or 0)
    if part == "ratio":
        if not figure.total:
            return NONE
        text = f"{format_number(figure.value or 0)}/{format_number(figure.total or 0)}"
        if figure.rate is not None:
            text += ("\n" if newline else " ") + f"({format_percent(figure.rate, digits=1)})"
        return text
    return format_number(figure.value or 0)


def change(result: Result, part: str) -> str:
    """The change against last year: "tăng 15", "giảm 3", "tăng 5,4 điểm %", "không đổi"; "–" without
    both years' figures. A number keeps its unit on its line."""
    if result.previous is None:
        return NONE
    if part == "ratio":
        points = result.rate_change_points()
        return unbreakable(describe_change(points)) if points is not None else NONE
    key = "amount_vnd" if part == "amount" else "value"
    now, before = getattr(result.current, key) or 0, getattr(result.previous, key) or 0
    if now == before:
        return "không đổi"
    return f"{'tăng' if now > before else 'giảm'} {format_number(abs(now - before))}"


def comparison_rows(report: Report, *, current_known: bool = True) -> list[tuple[str, ...]]:
    """(No., indicator, last year, this year, change) for every line; ``current_known`` False (the scope
    has recorded nothing for the year) prints "–" for this year and for the change."""
    rows = []
    for i, line in enumerate(lines(), start=1):
        result = report.results[line.code]
        rows.append(
            (
                str(i),
                line.label,
                cell(result.previous, line.part, newline=True),
                cell(result.current, line.part, newline=True) if current_known else NONE,
                change(result, line.part) if current_known else NONE,
            )
        )
    return rows


def in_words(figure: Figure | None, measure: str) -> str:
    """A unit's figure as a scoring sheet states it: "38 nhà, trị giá 1.710.000.000 đồng",
    "780.000.000 đồng", "205/205 (100,0%)", "236"; "–" when it is not known."""
    if figure is None:
        return NONE
    if measure == "count_amount":
        return unbreakable(
            f"{format_number(figure.value or 0)} nhà, trị giá {format_number(figure.amount_vnd or 0)} đồng"
        )
    if measure == "amount":
        return unbreakable(f"{format_number(figure.amount_vnd or 0)} đồng")
    return cell(figure, "ratio" if measure == "ratio" else "value")
