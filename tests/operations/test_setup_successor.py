"""One data folder, one unit — and the natural exception (issue #16): the office of an old commune goes
on as the office of the ward formed from it; the old unit stays owned here as history. An unrelated
unit, or a new unit that only shares a split commune, is still refused. Real SQLite files."""

from __future__ import annotations

import pytest
from predecessor_ward import THAI_LONG, WARD
from run_cli import cli
from sqlalchemy import select

from emulation_desktop.domain.models import Unit
from emulation_desktop.errors import InputError
from emulation_desktop.operations import predecessors, setup
from emulation_desktop.storage.database import open_database


@pytest.fixture
def old_office(data_dir):
    database = open_database(data_dir)
    setup.apply_setup(database, setup.plan_from_catalogue(THAI_LONG, 2024, chair="Lê Văn Cường"))
    yield database
    database.close()


def test_the_old_commune_s_office_sets_up_the_ward_formed_from_it(old_office):
    setup.apply_setup(old_office, setup.plan_from_catalogue(WARD, 2025, chair="Nguyễn Văn An"))
    with old_office.session() as session:
        owned = {u.code: u.valid_until for u in session.scalars(select(Unit).where(Unit.is_local))}
    assert owned == {THAI_LONG: 2024, WARD: None}  # the old commune stays, as history, until 2024
    assert {p.code for p in predecessors.predecessors_of(old_office, WARD)} == {THAI_LONG, WARD}


def test_an_unrelated_unit_is_still_refused(old_office):
    with pytest.raises(InputError) as caught:
        setup.apply_setup(old_office, setup.plan_from_catalogue("00454", 2025))  # Xã Đông Anh, Hà Nội
    assert "Xã Thái Long (02521)" in caught.value.message
    with old_office.session() as session:
        assert session.scalar(select(Unit.id).where(Unit.code == "00454")) is None


def test_the_command_refuses_an_unrelated_unit_with_exit_2(tmp_path):
    folder = tmp_path / "data"
    cli("setup", "--unit", THAI_LONG, "--year", 2024, data_dir=folder, check=True)
    refused = cli("setup", "--unit", "00454", "--year", 2025, data_dir=folder)
    assert refused.returncode == 2 and "đã được thiết lập cho Xã Thái Long (02521)" in refused.stderr
    allowed = cli("setup", "--unit", WARD, "--year", 2025, data_dir=folder)
    assert allowed.returncode == 0, allowed.stderr
