"""A unit's name with the years it is valid for, wherever a clerk chooses a unit and old and new units
exist side by side ("Huyện Đông Anh (đến 2024)", "Phường Bình Thuận (từ 2025)"): one wording for the
window's pickers and the set-up pages (docs/setup.md, "Units formed in 2025"). Also what a name says
of itself: its type, and the place name written before a document's date."""

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


# The type of an old commune, from the first words of its name (one typed in, or kept from before 2025).
OLD_TYPES = ("Thị trấn", "Phường", "Xã", "Đặc khu")


def old_type(name: str) -> str:
    """ "Phường" for "Phường Đội Cấn"; "" when the name starts with no known type."""
    return next((t for t in OLD_TYPES if name.startswith(t + " ")), "")


def place_name(name: str, unit_type: str) -> str:
    """'Đông Anh' for 'Huyện Đông Anh', as written before the date of a document."""
    return name.removeprefix(unit_type).strip() if unit_type else name
