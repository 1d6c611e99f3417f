"""A draft's box of what is missing splits across pages: a city's cluster of many communes and wards,
none with figures for the year, lists a line for each, more than a page holds (it used to stop the
year-end report with ReportLab's LayoutError; benchmarks/README.md, ``city_report``). The consolidated
report's appendix, a column per member, is cut into tables a landscape page holds."""

from __future__ import annotations

from datetime import date

import pytest
from pdfcheck import HAVE_POPPLER, flat, layout_text
from pypdf import PdfReader
from sqlalchemy import select

from emulation_desktop.domain.models import Cluster, Unit
from emulation_desktop.operations import structure
from emulation_desktop.reports import build_document
from emulation_desktop.storage.database import open_database

pytestmark = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")

MEMBERS = 90
YEAR = 2024
BOX_HEAD = "Bản dự thảo, chưa đủ điều kiện ban hành. Còn thiếu:"


@pytest.fixture
def city(tmp_path):
    db = open_database(tmp_path / "data")
    communes = [
        {"code": f"{30000 + 3 * i:05d}", "name": f"Phường Số {i + 1}", "level": "commune"}
        for i in range(MEMBERS)
    ]
    structure.add_units(
        db, None, [{"code": "01", "name": "Thành phố Hà Nội", "level": "city"}], is_local=True
    )
    structure.add_units(db, "01", communes)
    structure.add_cluster(db, "HN-TP", "Toàn thành phố", "01")
    with db.transaction() as session:
        cluster = session.scalar(select(Cluster).where(Cluster.code == "HN-TP"))
        units = session.scalars(select(Unit).where(Unit.level_code == "commune")).all()
        for number, unit in enumerate(sorted(units, key=lambda u: u.code)):
            role = "head" if number == 0 else "deputy" if number == 1 else "member"
            structure.put_cluster_member(session, cluster, unit, YEAR, role)
    yield db
    db.close()


@pytest.mark.parametrize("kind", ["annual", "cluster"])
def test_the_box_of_a_city_runs_over_pages_and_lists_every_line(city, tmp_path, kind):
    with city.session() as session:
        built = build_document(session, kind, "cluster", "HN-TP", YEAR, issued_on=date(2024, 12, 10))
    assert len(built.missing) >= MEMBERS  # a line for each member at least; a page holds about 45
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(built.pdf)
    pages = layout_text(path).split("\f")
    assert BOX_HEAD in flat(pages[0])
    text = flat(layout_text(path))
    for line in built.missing:
        assert f"- {flat(line)}" in text, line
    last = flat(built.missing[-1])
    holding_last = next(n for n, page in enumerate(pages) if last in flat(page))
    assert holding_last >= 1  # the box went on past the first page
    assert len(PdfReader(str(path)).pages) > holding_last


def test_the_appendix_of_many_members_is_tables_of_a_page_width_each(city):
    """A column per member no longer runs 90 wide: tables of at most ``UNITS_PER_TABLE`` members, of
    near-equal width, every member once and in order, each with the cluster's two columns."""
    from emulation_desktop.indicators.compute import compute
    from emulation_desktop.operations.clusters import cluster_scope
    from emulation_desktop.reports import cluster

    with city.session() as session:
        total = compute(session, cluster_scope(session, "HN-TP", YEAR), YEAR)
    named = [(f"Phường Số {i + 1}", None) for i in range(MEMBERS)]
    tables = cluster.by_columns(named, "Toàn Cụm", total, known=False, per_table=cluster.UNITS_PER_TABLE)
    headers = [[column.header for column in table.shared.columns] for table in tables]
    members = [header[2:-2] for header in headers]
    assert [name for chunk in members for name in chunk] == [name for name, _report in named]
    assert max(map(len, members)) <= cluster.UNITS_PER_TABLE
    assert max(map(len, members)) - min(map(len, members)) <= 1  # no table of two columns at the end
    assert all(header[-2:] == [f"Toàn Cụm năm {YEAR}", f"Toàn Cụm năm {YEAR - 1}"] for header in headers)
    one = cluster.by_columns(named[:5], "Toàn Cụm", total, known=False, per_table=cluster.UNITS_PER_TABLE)
    assert len(one) == 1 and len(one[0].shared.columns) == 5 + 4  # a cluster of five: one table, as before
