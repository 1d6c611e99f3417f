"""A unit's name with the years it is valid for, wherever a clerk chooses a unit and old and new units
exist side by side ("Huyện Đông Anh (đến 2024)", "Phường Bình Thuận (từ 2025)"): one wording for the
window's pickers and the set-up pages (docs/setup.md, "Units formed in 2025")."""

from __future__ import annotations

from emulation_desktop.locale.i18n import _


def with_years(name: str, valid_from: int | None, valid_until: int | None) -> str:
    """The name, followed by its years when it has any (a unit valid always has none)."""
    if valid_from is not None and valid_until is not None:
        return _("{name} ({start}–{end})").format(name=name, start=valid_from, end=valid_until)
    if valid_until is not None:
        return _("{name} (until {year})").format(name=name, year=valid_until)
    if valid_from is not None:
        return _("{name} (from {year})").format(name=name, year=valid_from)
    return name
