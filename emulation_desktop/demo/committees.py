"""The demo districts' standing committees: invented names (``people.NameMaker``), never real people.
They sign each district's documents (the set-up's signer, ``operations/committee.py``) and are the
delegates each district sends to the cluster's review meeting (``review.meeting_setup``), so one
person never appears under two names."""

from __future__ import annotations

import random

from emulation_desktop.demo.figures import YEARS
from emulation_desktop.demo.people import NameMaker
from emulation_desktop.operations import structure
from emulation_desktop.operations.committee import Person, put_people
from emulation_desktop.storage.database import Database

# Who sits on a district's standing committee, in the order the set-up lists them: the chairman
# signs "TM. BAN THƯỜNG TRỰC", the first vice chairman "KT. CHỦ TỊCH".
POSITIONS = (
    ("chair", "tm", "Chủ tịch"),
    ("vice_chair", "kt", "Phó Chủ tịch"),
    ("vice_chair", "", "Phó Chủ tịch"),
    ("standing_member", "", "Ủy viên Ban Thường trực"),
    ("clerk", "", "Chánh Văn phòng"),
)


def committee(code: str) -> list[tuple[Person, str]]:
    """A district's committee (the same people in every demo year: a term is five years), each with
    the title printed on the meeting's papers."""
    names = NameMaker(random.Random(f"{code}:committee"))
    return [(Person(names.person()[0], position, signs_as), title) for position, signs_as, title in POSITIONS]


def save_committees(db: Database, local: set[str], *, user: str) -> int:
    """Record the committees of the districts owned here for every demo year, in one transaction;
    returns how many people-years were written."""
    count = 0
    with db.transaction() as session:
        for code in sorted(local):
            unit = structure.resolve_unit(session, code)
            people = [person for person, _title in committee(code)]
            for year in YEARS:
                put_people(session, unit, year, people, user)
                count += len(people)
    return count
