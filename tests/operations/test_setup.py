"""Day one for a real office (issue #16): the set-up's plan, its checks and the one transaction that
writes it, on real SQLite files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from emulation_desktop import paths
from emulation_desktop.domain.models import (
    AuditEntry,
    Cluster,
    ClusterMember,
    CommitteeMember,
    EmulationYear,
    Setting,
    Unit,
)
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.operations import setup, structure
from emulation_desktop.operations.setup import Person, SetupPlan
from emulation_desktop.storage.database import open_database

BAT_TRANG = "00577"  # Xã Bát Tràng, Hà Nội, in the 2025 list
GIA_LAM_2025 = "00565"  # Xã Gia Lâm


@pytest.fixture
def empty(data_dir):
    database = open_database(data_dir)
    yield database
    database.close()


def _count(db, model, *where):
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def _unit(db, code):
    with db.session() as session:
        return session.scalar(select(Unit).where(Unit.code == code))


def _plan(**changes):
    plan = setup.plan_from_catalogue(BAT_TRANG, 2025, chair="Nguyễn Văn An")
    return replace(plan, **{"villages": ("Thôn Đông", "Thôn Đoài", "Tổ dân phố số 3"), **changes})


# ------------------------------------------------------------------------------------------ the plan


def test_plan_from_catalogue_takes_name_type_and_province_from_the_list():
    plan = setup.plan_from_catalogue(BAT_TRANG, 2025, chair="  Nguyễn  Văn An ")
    assert (plan.unit_name, plan.unit_type, plan.province_code) == ("Xã Bát Tràng", "Xã", "01")
    assert plan.people == (Person("Nguyễn Văn An", "chair", "tm"),)
    assert setup.check_plan(plan) == {}

    head = setup.plan_from_catalogue(BAT_TRANG, 2025, role="cluster-head")
    assert (
        head.role == "cluster_head" and head.cluster_members == (BAT_TRANG,) and head.head_code == BAT_TRANG
    )

    city = setup.plan_from_catalogue("01", 2025, role="city")
    assert (city.unit_name, city.unit_type) == ("Thành phố Hà Nội", "Thành phố")

    district = setup.plan_from_catalogue("017", 2022)  # before 2025 a district has a committee
    assert district.unit_name == "Huyện Đông Anh"


@pytest.mark.parametrize(
    ("code", "year", "role"),
    [("99999", 2025, "office"), ("017", 2025, "office"), ("017", 2022, "city"), ("T01", 2025, "office")],
)
def test_plan_from_catalogue_refuses_a_code_not_in_the_list_of_that_year(code, year, role):
    with pytest.raises(InputError) as caught:
        setup.plan_from_catalogue(code, year, role=role)
    assert f"“{code}” không có trong danh mục" in caught.value.message


def test_plan_from_catalogue_refuses_an_unknown_role_and_year():
    with pytest.raises(InputError):
        setup.plan_from_catalogue(BAT_TRANG, 2025, role="mayor")
    with pytest.raises(InputError) as caught:
        setup.plan_from_catalogue(BAT_TRANG, 1999)
    assert "2000" in caught.value.message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": 2101}, "year"),
        ({"role": "mayor"}, "role"),
        ({"unit_code": ""}, "unit_code"),
        ({"unit_code": "99999"}, "unit_code"),
        ({"unit_code": "X12"}, "unit_code"),
        ({"villages": ("Thôn Đông", "thôn  đông")}, "villages"),
        ({"villages": ("Thôn " + "A" * 120,)}, "villages"),
        ({"villages": ("",)}, "villages"),
        ({"people": (Person(""),)}, "people"),
        ({"people": (Person("Trần Văn Bình", "vice_chair", "tm"),)}, "people"),
        ({"people": (Person("Trần Văn Bình", "chair", "kt"),)}, "people"),
        ({"people": (Person("Trần Văn Bình", "mayor"),)}, "people"),
        ({"people": (Person("A", "chair"), Person("B", "chair"))}, "people"),
        ({"cluster_code": "C3"}, "cluster_code"),  # only a cluster head sets a cluster up
    ],
)
def test_check_plan_names_the_field_that_is_wrong(changes, field):
    errors = setup.check_plan(_plan(**changes))
    assert field in errors, errors
    assert all(message and message[0].isupper() for message in errors.values())


def test_check_plan_for_a_cluster_head():
    plan = replace(
        setup.plan_from_catalogue(BAT_TRANG, 2025, role="cluster_head"),
        cluster_code="CUM-5",
        cluster_name="Cụm thi đua số 5",
        cluster_members=(GIA_LAM_2025,),
        deputy_code=GIA_LAM_2025,
    )
    assert setup.check_plan(plan) == {}  # the head itself is a member without being listed
    assert "head_code" in setup.check_plan(replace(plan, head_code="00145"))
    assert "deputy_code" in setup.check_plan(replace(plan, deputy_code=BAT_TRANG))
    assert "cluster_members" in setup.check_plan(replace(plan, cluster_members=("99999",)))
    assert "cluster_name" in setup.check_plan(replace(plan, cluster_name=""))
    assert "cluster_code" in setup.check_plan(replace(plan, cluster_code=""))


def test_a_test_unit_is_typed_in_with_a_code_starting_with_T():
    plan = SetupPlan("office", "T01", 2025, unit_name="Xã Thử Nghiệm", unit_type="Xã", province_code="01")
    assert setup.check_plan(plan) == {}
    assert "unit_name" in setup.check_plan(replace(plan, unit_name=""))
    assert "province_code" in setup.check_plan(replace(plan, province_code="99"))


def test_the_missing_chairman_is_a_warning_not_an_error():
    plan = _plan(people=(Person("Lê Thị Cúc", "clerk"),))
    assert setup.check_plan(plan) == {}
    assert "people" in setup.plan_warnings(plan)
    assert setup.plan_warnings(_plan()) == {}


def test_villages_from_text_splits_lines_and_tabs():
    pasted = "Thôn Đông\tThôn Đoài\r\n\n  Tổ dân phố  số 3 \nThôn Đông\n\t\n"
    assert setup.villages_from_text(pasted) == ["Thôn Đông", "Thôn Đoài", "Tổ dân phố số 3"]
    decomposed = "Tho\u0302n Đông"  # a keyboard's decomposed form is the same village
    assert setup.villages_from_text(f"Thôn Đông\n{decomposed}") == ["Thôn Đông"]


# ------------------------------------------------------------------------------------------ applying


def test_apply_setup_writes_the_unit_its_villages_people_year_and_role(empty):
    assert setup.needs_setup(empty)
    setup.apply_setup(empty, _plan(), user="clerk")
    assert not setup.needs_setup(empty)

    unit, province = _unit(empty, BAT_TRANG), _unit(empty, "01")
    assert unit.is_local and unit.parent_id == province.id and unit.path == f"/01/{BAT_TRANG}/"
    assert unit.place_name == "Bát Tràng" and unit.level_code == "commune"
    assert not province.is_local and province.level_code == "city"
    with empty.session() as session:
        villages = session.execute(
            select(Unit.code, Unit.name, Unit.unit_type, Unit.is_local, Unit.level_code)
            .where(Unit.parent_id == unit.id)
            .order_by(Unit.code)
        ).all()
        assert [tuple(v) for v in villages] == [
            (f"{BAT_TRANG}-01", "Thôn Đông", "Thôn", True, "village"),
            (f"{BAT_TRANG}-02", "Thôn Đoài", "Thôn", True, "village"),
            (f"{BAT_TRANG}-03", "Tổ dân phố số 3", "Tổ dân phố", True, "village"),
        ]
        assert session.scalar(select(EmulationYear.year).where(EmulationYear.unit_id == unit.id)) == 2025
        assert session.get(Setting, setup.ROLE_SETTING).value == "office"
        tables = set(session.scalars(select(AuditEntry.table_name).where(AuditEntry.user == "clerk")))
    assert {"unit", "committee_member", "emulation_year", "setting"} <= tables
    assert setup.people_of(empty, BAT_TRANG, 2025) == [Person("Nguyễn Văn An", "chair", "tm")]
    assert setup.installation_role(empty) == "office"


def test_setting_up_again_is_idempotent_and_another_year_adds_its_people(empty):
    setup.apply_setup(empty, _plan())
    counts = [_count(empty, m) for m in (Unit, CommitteeMember, AuditEntry, EmulationYear)]
    setup.apply_setup(empty, _plan())
    assert [_count(empty, m) for m in (Unit, CommitteeMember, AuditEntry, EmulationYear)] == counts

    people_2026 = (Person("Phạm Văn Dũng", "chair", "tm"), Person("Đỗ Thị Hoa", "vice_chair", "kt"))
    setup.apply_setup(empty, _plan(year=2026, people=people_2026, villages=("Thôn Nam",)))
    assert setup.people_of(empty, BAT_TRANG, 2026) == list(people_2026)
    assert setup.people_of(empty, BAT_TRANG, 2025) == [Person("Nguyễn Văn An", "chair", "tm")]
    assert _count(empty, Unit) == counts[0] + 1  # only the new village
    assert _unit(empty, f"{BAT_TRANG}-04").name == "Thôn Nam"
    assert _count(empty, EmulationYear) == 2

    # The same year with other people replaces them (the old rows stay, deleted, for the audit).
    setup.apply_setup(empty, _plan(year=2026, people=(Person("Phạm Văn Dũng", "chair", "tm"),)))
    assert setup.people_of(empty, BAT_TRANG, 2026) == [Person("Phạm Văn Dũng", "chair", "tm")]


def test_signer_is_the_tm_person_else_the_chair(empty):
    setup.apply_setup(empty, _plan(people=(Person("Lê Thị Cúc", "clerk"),)))
    assert setup.signer(empty, BAT_TRANG, 2025) is None
    chair_unsigned = (Person("Đỗ Thị Hoa", "vice_chair", "kt"), Person("Nguyễn Văn An", "chair", ""))
    setup.apply_setup(empty, _plan(year=2026, people=chair_unsigned))
    assert setup.signer(empty, BAT_TRANG, 2026) == Person("Nguyễn Văn An", "chair", "")
    setup.apply_setup(empty, _plan(year=2027))
    assert setup.signer(empty, BAT_TRANG, 2027) == Person("Nguyễn Văn An", "chair", "tm")


def test_a_folder_set_up_for_another_unit_is_refused_and_nothing_is_written(empty):
    setup.apply_setup(empty, _plan())
    before = [_count(empty, m) for m in (Unit, CommitteeMember, AuditEntry)]
    other = setup.plan_from_catalogue(GIA_LAM_2025, 2025, chair="Trần Văn Bình")
    with pytest.raises(InputError) as caught:
        setup.apply_setup(empty, other)
    assert "Xã Bát Tràng (00577)" in caught.value.message
    assert "mỗi thư mục dữ liệu là của một đơn vị" in caught.value.message
    assert [_count(empty, m) for m in (Unit, CommitteeMember, AuditEntry)] == before


def test_a_plan_with_errors_is_refused_with_them_and_writes_nothing(empty):
    with pytest.raises(ValidationError) as caught:
        setup.apply_setup(empty, _plan(villages=("Thôn Đông", "Thôn Đông")))
    assert set(caught.value.errors) == {"villages"}
    assert _count(empty, Unit) == 0 and setup.needs_setup(empty)


def test_the_set_up_is_one_transaction(empty, monkeypatch):
    def fail(*_args, **_kwargs):
        raise InputError("stop")

    monkeypatch.setattr(setup, "_put_role", fail)  # the last step fails: the first ones must not stay
    with pytest.raises(InputError):
        setup.apply_setup(empty, _plan())
    assert [_count(empty, m) for m in (Unit, CommitteeMember, EmulationYear, AuditEntry)] == [0, 0, 0, 0]


def test_a_cluster_head_sets_up_the_cluster_and_its_members(empty):
    plan = replace(
        setup.plan_from_catalogue(BAT_TRANG, 2025, role="cluster_head", chair="Nguyễn Văn An"),
        cluster_code="CUM-5",
        cluster_name="Cụm thi đua số 5",
        cluster_members=(GIA_LAM_2025, "00145"),
        deputy_code=GIA_LAM_2025,
    )
    setup.apply_setup(empty, plan)
    setup.apply_setup(empty, plan)  # twice: the same
    with empty.session() as session:
        cluster = session.scalar(select(Cluster))
        assert (cluster.code, cluster.name, cluster.parent_unit_id) == (
            "CUM-5",
            "Cụm thi đua số 5",
            _unit(empty, "01").id,
        )
        roles = dict(
            session.execute(
                select(Unit.code, ClusterMember.role)
                .join(ClusterMember, ClusterMember.unit_id == Unit.id)
                .where(ClusterMember.year == 2025)
            ).all()
        )
    assert roles == {BAT_TRANG: "head", GIA_LAM_2025: "deputy", "00145": "member"}
    assert not _unit(empty, GIA_LAM_2025).is_local and _unit(empty, GIA_LAM_2025).path == "/01/00565/"
    assert setup.installation_role(empty) == "cluster_head"

    # The next year, another head: the roles of that year alone change.
    setup.apply_setup(empty, replace(plan, year=2026, head_code="00145", deputy_code=BAT_TRANG))
    with empty.session() as session:
        heads = dict(
            session.execute(
                select(ClusterMember.year, Unit.code)
                .join(Unit, ClusterMember.unit_id == Unit.id)
                .where(ClusterMember.role == "head")
            ).all()
        )
    assert heads == {2025: BAT_TRANG, 2026: "00145"}


def test_a_district_before_2025_gets_its_communes_from_the_list(empty):
    setup.apply_setup(empty, setup.plan_from_catalogue("017", 2022, chair="Nguyễn Văn An"))
    district = _unit(empty, "017")
    assert district.is_local and district.level_code == "district" and district.path == "/01/017/"
    with empty.session() as session:
        communes = session.scalars(select(Unit).where(Unit.parent_id == district.id)).all()
    assert len(communes) == 24 and all(c.is_local and c.level_code == "commune" for c in communes)
    assert "Thị trấn Đông Anh" in {c.name for c in communes}


def test_a_commune_before_2025_sits_under_its_district(empty):
    setup.apply_setup(empty, setup.plan_from_catalogue("00457", 2024))
    assert _unit(empty, "00457").path == "/01/017/00457/"
    assert not _unit(empty, "017").is_local


def test_the_city_office_owns_the_province(empty):
    setup.apply_setup(empty, setup.plan_from_catalogue("01", 2025, role="city", chair="Nguyễn Văn An"))
    city = _unit(empty, "01")
    assert city.is_local and city.parent_id is None and city.place_name == "Hà Nội"
    assert setup.installation_role(empty) == "city"


def test_an_imported_copy_of_the_unit_is_adopted(db):
    """The small tree has 017 owned here and 020 imported: 020's folder could not be set up here, but a
    folder whose only units are imported copies adopts its own unit."""
    with pytest.raises(InputError):
        setup.apply_setup(db, SetupPlan("office", "T020", 2025, unit_name="Xã Thử", province_code="01"))
    structure.set_local(db, ["017"], is_local=False)
    assert setup.needs_setup(db)
    setup.apply_setup(db, SetupPlan("office", "020", 2024, unit_name="x", province_code="01"))
    assert _unit(db, "020").is_local and not _unit(db, "017").is_local


def test_a_test_unit_is_set_up_under_its_province(empty):
    setup.apply_setup(
        empty,
        SetupPlan(
            "office",
            "T01",
            2025,
            unit_name="Phường Thử Nghiệm",
            unit_type="Phường",
            province_code="01",
            villages=("Số 1",),
        ),
    )
    assert _unit(empty, "T01").path == "/01/T01/"
    assert _unit(empty, "T01-01").unit_type == "Tổ dân phố"  # in a ward, a village is a residential group


def test_an_old_data_file_gains_the_people_table(data_dir):
    """A file of schema version 1 (before the people) is migrated and then has the app's own schema."""
    from emulation_desktop.storage.schema import reference_schema, schema_of

    open_database(data_dir).close()
    file = paths.database_path(data_dir)
    with sqlite3.connect(file) as connection:
        connection.execute("DROP TABLE committee_member")
        connection.execute("PRAGMA user_version=1")
    connection.close()
    database = open_database(data_dir)
    setup.apply_setup(database, _plan())
    assert setup.people_of(database, BAT_TRANG, 2025)
    database.close()
    with sqlite3.connect(file) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] >= 2
        assert schema_of(connection) == reference_schema()
    connection.close()


def test_villages_from_a_workbook_or_a_csv(tmp_path):
    from openpyxl import Workbook

    from emulation_desktop.exchange.villages_file import villages_from_file

    book = Workbook()
    sheet = book.active
    for row in (("STT", "Tên thôn, tổ dân phố"), (1, "Thôn Đông"), (2, " Thôn  Đoài "), (3, "Thôn Đông")):
        sheet.append(row)
    book.save(tmp_path / "thon.xlsx")
    assert villages_from_file(tmp_path / "thon.xlsx") == ["Thôn Đông", "Thôn Đoài"]

    (tmp_path / "thon.csv").write_text("Thôn\nTổ dân phố số 1\nTổ dân phố số 2\n", encoding="utf-8")
    assert villages_from_file(tmp_path / "thon.csv") == ["Tổ dân phố số 1", "Tổ dân phố số 2"]
