"""Display forms of numbers, money and dates in the window, from the shared ``locale.formatting``
(Vietnamese conventions: 1.500.000; 85,4%; dd/mm/yyyy), shaped for table cells and fields."""

from __future__ import annotations

from datetime import UTC, date, datetime

from emulation_desktop.locale import formatting


def number(value: int | None) -> str:
    return "" if value is None else formatting.format_number(value)


def money(value: int | None) -> str:
    """Full đồng with dot grouping, no unit word: tables and fields name the unit in their header."""
    return "" if value is None else formatting.format_vnd_short(value)


def percent_tenths(value: int | None) -> str:
    """Tenths of a percent as the clerk types them: 850 → "85,0"."""
    return "" if value is None else formatting.format_number(value / 10, 1)


def ratio(value: float | None) -> str:
    """0.854 → "85,4%"."""
    return "–" if value is None else formatting.format_percent(value, 1)


def short_date(value: date | None) -> str:
    return formatting.format_date(value) if value else ""


def local_time(value: datetime | None) -> str:
    """A stored UTC time as the clerk's clock shows it: 08/11/2022 14:05."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")
