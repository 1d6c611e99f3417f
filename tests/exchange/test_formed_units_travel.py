"""Units formed in 2025 travel with their years and their old units (issue #16): the office of an old
commune goes on as the new ward's, sends its packages, and the cluster head computes the same "last
year" and prints the same footnote. Real data folders, real zip packages, real keys."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace

import pytest
from predecessor_ward import THAI_LONG, WARD, support
from sqlalchemy import func, select

from emulation_desktop.domain.models import Unit
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import predecessors, records, setup
from emulation_desktop.reports import cluster as cluster_report
from emulation_desktop.reports.request import ReportRequest
from emulation_desktop.storage.database import open_database

from .conftest import made_by_format, resign, rezip, unzip

HEAD = "00691"  # Phường Hà Giang 2 (Tuyên Quang), heads the cluster in 2025


@pytest.fixture
def offices(tmp_path):
    """The old commune's office, now the ward's (it set up Xã Thái Long for 2024, then the ward for
    2025), and the office heading the ward's cluster, which trusts the first one's key."""
    ward_office = open_database(tmp_path / "ward")
    setup.apply_setup(ward_office, setup.plan_from_catalogue(THAI_LONG, 2024, chair="Lê Văn Cường"))
    records.create_records(ward_office, "support_activity", THAI_LONG, [support(2024, "60 triệu")])
    # The natural case: the old commune's office becomes the new ward's (the old unit stays as history).
    setup.apply_setup(ward_office, setup.plan_from_catalogue(WARD, 2025, chair="Nguyễn Văn An"))
    records.create_records(
        ward_office, "support_activity", WARD, [support(2024, "100 triệu"), support(2025, "70 triệu")]
    )
    head = open_database(tmp_path / "head")
    plan = setup.plan_from_catalogue(HEAD, 2025, role="cluster-head")
    setup.apply_setup(
        head,
        replace(plan, cluster_code="08-CUM1", cluster_name="Cụm thi đua số 1", cluster_members=(HEAD, WARD)),
    )
    keys.trust_card(head, keys.key_card(ward_office))
    yield ward_office, head
    ward_office.close()
    head.close()


def _send(source, target, code, year):
    return import_package(target, build_package(source, code, year).data, backup=False)


def _units_coded(db, code):
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Unit).where(Unit.code == code))


def test_the_old_commune_s_office_goes_on_as_the_ward_s(offices):
    ward_office, _head = offices
    with ward_office.session() as session:
        owned = {
            u.code: (u.valid_from, u.valid_until) for u in session.scalars(select(Unit).where(Unit.is_local))
        }
    assert owned[THAI_LONG] == (None, 2024) and owned[WARD] == (2025, None)  # history kept, years set


def test_the_cluster_head_sums_the_same_old_units_and_says_so(offices, tmp_path):
    ward_office, head = offices
    package = build_package(ward_office, WARD, 2025)
    structure = json.loads(unzip(package.data)[pf.STRUCTURE])
    assert package.manifest["format_version"] >= pf.HISTORY_FORMAT_VERSION
    assert structure["unit"]["valid_from"] == 2025
    assert structure[pf.PREDECESSORS] == [
        {"code": THAI_LONG, "name": "Xã Thái Long", "counted": True},
        {"code": WARD, "name": "Phường Đội Cấn", "counted": True},
    ]
    # Before the packages, the cluster head has the ward from the list, with no old units.
    assert predecessors.predecessors_of(head, WARD) == []
    for code, year in ((THAI_LONG, 2024), (WARD, 2024), (WARD, 2025)):
        plan = _send(ward_office, head, code, year)
        assert plan.status == "applied", plan.summary_lines()
    with ward_office.session() as session:
        here = compute(session, unit_scope(session, WARD), 2025)
    with head.session() as session:
        there = compute(session, unit_scope(session, WARD), 2025)
    assert there.previous_from == here.previous_from and len(here.previous_from) == 2
    houses = there["solidarity_houses"].previous
    assert houses == here["solidarity_houses"].previous and houses.value == 2  # Thái Long's and Đội Cấn's
    assert _units_coded(head, WARD) == 1 and _units_coded(head, THAI_LONG) == 1

    with head.session() as session:
        built = cluster_report.build(session, ReportRequest("cluster", "cluster", "08-CUM1", 2025))
    pdf = tmp_path / "cum.pdf"
    pdf.write_bytes(built.pdf)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert (
        "Số liệu năm 2024 của các đơn vị hình thành năm 2025 là tổng số liệu của Ủy ban MTTQ Việt Nam" in text
    )
    assert "xã Thái Long và phường Đội Cấn" in text
    # A cluster of wards is told as one: never "các huyện" after the districts are gone.
    assert "gồm 2 đơn vị: Ủy ban MTTQ Việt Nam các phường Hà Giang 2, Bình Thuận." in text
    assert "Cụm trưởng: Ủy ban MTTQ Việt Nam phường Hà Giang 2" in text and "huyện" not in text


def test_a_correction_arrives_as_the_same_unit(offices):
    ward_office, head = offices
    _send(ward_office, head, WARD, 2025)
    predecessors.set_predecessors(ward_office, WARD, [(WARD, True)])  # the clerk takes Thái Long off
    plan = _send(ward_office, head, WARD, 2025)
    assert any("Phường Đội Cấn (02524)" in line for line in plan.summary_lines())
    assert [p.code for p in predecessors.predecessors_of(head, WARD)] == [WARD]
    assert _units_coded(head, WARD) == 1
    again = _send(ward_office, head, WARD, 2025)  # nothing new: the old units are not planned again
    assert again.predecessors is None


def test_an_older_package_without_years_still_imports(offices):
    ward_office, head = offices
    members = made_by_format(unzip(build_package(ward_office, WARD, 2025).data), pf.SEQUENCE_FORMAT_VERSION)
    structure = json.loads(members[pf.STRUCTURE])
    old = rezip(resign(members, ward_office.folder, format_version=2))
    plan = import_package(head, old, backup=False)
    assert plan.status == "applied" and plan.predecessors is None
    with head.session() as session:
        assert session.scalar(select(Unit.valid_from).where(Unit.code == WARD)) is None
    # The same fields in a package that says format 2 are unknown there: refused, as before.
    members[pf.STRUCTURE] = pf.dumps({**structure, pf.PREDECESSORS: []})
    with pytest.raises(pf.PackageRejected):
        import_package(head, rezip(resign(members, ward_office.folder, format_version=2)), backup=False)
