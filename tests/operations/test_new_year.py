"""A new year started from the one before: on a copy of the demo (Đông Anh opens 2023) and on the small
tree, with real SQLite files."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from emulation_desktop.domain.models import (
    AuditEntry,
    ClusterMember,
    EmulationYear,
    Pledge,
    PledgeTarget,
    Recommendation,
    Unit,
)
from emulation_desktop.errors import InputError, ReadOnlyError
from emulation_desktop.operations import new_year, setup, structure
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.operations.setup import Person
from emulation_desktop.storage.database import open_database

DONG_ANH = "017"
PEOPLE = [Person("Nguyễn Văn An", "chair", "tm"), Person("Đỗ Thị Hoa", "vice_chair", "kt")]


@pytest.fixture
def demo(demo_dir, tmp_path):
    folder = tmp_path / "demo"
    shutil.copytree(demo_dir, folder)
    database = open_database(folder)
    yield database
    database.close()


def _put_people(db, code, year, people):
    with db.transaction() as session:
        setup.put_people(session, resolve_unit(session, code), year, people, "test")


def _roles(db, cluster_code_year):
    with db.session() as session:
        return dict(
            session.execute(
                select(Unit.code, ClusterMember.role)
                .join(ClusterMember, ClusterMember.unit_id == Unit.id)
                .where(ClusterMember.year == cluster_code_year, ~ClusterMember.deleted)
            ).all()
        )


def _targets(session, pledge):
    return sorted(
        (t.indicator_code, t.target_value, t.target_amount_vnd, t.target_percent)
        for t in session.scalars(select(PledgeTarget).where(PledgeTarget.pledge_id == pledge.id))
    )


def test_dong_anh_opens_2023_from_2022(demo):
    _put_people(demo, DONG_ANH, 2022, PEOPLE)
    roles_2023 = _roles(demo, 2023)
    with demo.session() as session:
        unit = resolve_unit(session, DONG_ANH)
        open_2022 = session.scalars(
            select(Recommendation).where(
                Recommendation.unit_id == unit.id,
                Recommendation.year == 2022,
                Recommendation.status != "resolved",
            )
        ).all()
        all_2022 = session.scalar(select(func.count()).where(Recommendation.year == 2022))
    assert open_2022  # the demo has open recommendations, or this test would prove nothing

    counts = new_year.open_new_year(demo, DONG_ANH, 2023, user="clerk")

    assert counts["people"] == 2 and setup.people_of(demo, DONG_ANH, 2023) == PEOPLE
    assert counts["recommendations"] == len(open_2022)
    assert _roles(demo, 2023) == roles_2023  # the demo set 2023's roles already: nothing copied
    assert counts["cluster_members"] == 0
    with demo.session() as session:
        old = session.scalar(select(Pledge).where(Pledge.unit_id == unit.id, Pledge.year == 2022))
        draft = session.scalar(select(Pledge).where(Pledge.unit_id == unit.id, Pledge.year == 2023))
        assert draft.title == old.title and draft.id != old.id and draft.registered_on is None
        assert draft.note.startswith("Dự thảo từ năm 2022")
        assert _targets(session, draft) == _targets(session, old) and len(_targets(session, old)) > 1
        assert counts["pledge_targets"] == len(_targets(session, old))
        assert {
            t.year for t in session.scalars(select(PledgeTarget).where(PledgeTarget.pledge_id == draft.id))
        } == {2023}

        carried = session.scalars(
            select(Recommendation).where(Recommendation.unit_id == unit.id, Recommendation.year == 2023)
        ).all()
        assert sorted((r.supervision_id, r.content, r.status) for r in carried) == sorted(
            (r.supervision_id, r.content, r.status) for r in open_2022
        )
        # Last year's are left as reported.
        assert session.scalar(select(func.count()).where(Recommendation.year == 2022)) == all_2022
        assert session.scalar(
            select(EmulationYear.id).where(EmulationYear.unit_id == unit.id, EmulationYear.year == 2023)
        )
        reasons = session.scalars(
            select(AuditEntry.reason).where(
                AuditEntry.table_name == "recommendation", AuditEntry.user == "clerk"
            )
        ).all()
    assert sorted(reasons) == sorted(f"chép từ năm 2022, bản ghi {r.id}" for r in open_2022)

    with pytest.raises(InputError) as caught:
        new_year.open_new_year(demo, DONG_ANH, 2023)
    assert "Năm 2023 đã có dữ liệu" in caught.value.message


def test_refusals_write_nothing(demo):
    with demo.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(InputError) as caught:
        new_year.open_new_year(demo, DONG_ANH, 2025)  # 2024 has nothing
    assert "2024" in caught.value.message
    with pytest.raises(InputError):
        new_year.open_new_year(demo, DONG_ANH, 2022)  # already has data
    with demo.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_opening_is_one_transaction(demo, monkeypatch):
    def fail(*_args):
        raise InputError("stop")

    monkeypatch.setattr(new_year, "_carry_recommendations", fail)
    with pytest.raises(InputError):
        new_year.open_new_year(demo, DONG_ANH, 2023)
    with demo.session() as session:
        assert session.scalar(select(func.count()).where(Pledge.year == 2023)) == 0
        assert session.scalar(select(func.count()).where(EmulationYear.year == 2023)) == 0


def test_memberships_are_copied_unless_the_new_year_has_its_head(db):
    """The small tree: T-CUM with 017 (ours) head and 020 deputy in 2022."""
    _put_people(db, DONG_ANH, 2022, PEOPLE[:1])
    assert new_year.open_new_year(db, DONG_ANH, 2023)["cluster_members"] == 2
    assert _roles(db, 2023) == {"017": "head", "020": "deputy"}

    _put_people(db, DONG_ANH, 2023, PEOPLE[:1])
    structure.set_cluster_member(db, "T-CUM", "020", 2024, "head")  # elected at the 2023 review
    new_year.open_new_year(db, DONG_ANH, 2024)
    assert _roles(db, 2024) == {"017": "member", "020": "head"}


def test_an_imported_unit_cannot_open_a_year(db):
    with pytest.raises(ReadOnlyError):
        new_year.open_new_year(db, "020", 2023)
