"""The documents the tests build over the demo and read back (a module of its own, not the conftest:
``from conftest import`` finds whichever conftest was loaded last when several test folders run)."""

from __future__ import annotations

from datetime import date

ISSUED_ON = date(2022, 11, 8)

# (kind, scope, code) of every document the tests read back.
DOCUMENTS = [
    ("annual", "unit", "017"),
    ("annual", "cluster", "HN-CUM3"),
    ("cluster", "cluster", "HN-CUM3"),
    ("pledge-form", "unit", "017"),
    ("pledge-form", "cluster", "HN-CUM3"),
    ("support-list", "unit", "017"),
    ("support-list", "cluster", "HN-CUM3"),
    ("supervision-list", "unit", "017"),
    ("supervision-list", "cluster", "HN-CUM3"),
    ("meeting-pack", "cluster", "HN-CUM3"),
]
