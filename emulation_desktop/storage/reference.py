"""Reference rows every data file has: organisation levels, indicators and funds."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.indicators import FUNDS, INDICATORS
from emulation_desktop.domain.models import Fund, Indicator, OrgLevel

# The default hierarchy; a commune-level committee (after the 2025 reform) simply starts lower.
DEFAULT_LEVELS = (
    ("city", "Thành phố / Tỉnh", 0),
    ("district", "Quận / Huyện", 1),
    ("commune", "Xã / Phường / Thị trấn", 2),
    ("village", "Thôn / Tổ dân phố", 3),
)


def seed_reference_data(session: Session) -> None:
    """Insert the reference rows that are missing; never overwrite what the user changed."""
    have_levels = set(session.scalars(select(OrgLevel.code)))
    for code, name, depth in DEFAULT_LEVELS:
        if code not in have_levels:
            session.add(OrgLevel(code=code, name=name, depth=depth))
    have_indicators = set(session.scalars(select(Indicator.code)))
    for definition in INDICATORS:
        if definition.code not in have_indicators:
            session.add(Indicator(code=definition.code, name=definition.label, measure=definition.measure))
    have_funds = set(session.scalars(select(Fund.code)))
    for code, name in FUNDS:
        if code not in have_funds:
            session.add(Fund(code=code, name=name))
