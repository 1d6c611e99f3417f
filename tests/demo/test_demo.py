"""The demo is the end-to-end acceptance test: its records, computed by the indicators, must reproduce
every figure of the 2022 review of Hà Nội's Emulation Cluster No. 3 (docs/architecture.md, The demo)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from emulation_desktop.demo import key_tasks, load_demo
from emulation_desktop.demo.figures import FIGURES
from emulation_desktop.domain import models as m
from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import InputError, ReadOnlyError
from emulation_desktop.indicators.compute import Report, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import records
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.storage.database import Database, open_database

DISTRICTS = ("016", "017", "018", "020", "250")
CLUSTER = "HN-CUM3"
TY = 1_000_000_000
RECORD_MODELS = {name: kind.model for name, kind in KINDS.items()}


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, int]]]:
    db = open_database(tmp_path_factory.mktemp("demo-full"))
    summary = load_demo(db)
    yield db, summary
    db.close()


@pytest.fixture(scope="module")
def dong_anh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, int]]]:
    db = open_database(tmp_path_factory.mktemp("demo-017"))
    summary = load_demo(db, unit_code="017")
    yield db, summary
    db.close()


@pytest.fixture(scope="module")
def empty_tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, int]]]:
    db = open_database(tmp_path_factory.mktemp("demo-structure"))
    summary = load_demo(db, structure_only=True)
    yield db, summary
    db.close()


def cluster_report(db: Database, year: int = 2022) -> Report:
    with db.session() as session:
        return compute(session, cluster_scope(session, CLUSTER, year), year)


def unit_report(db: Database, code: str, year: int = 2022) -> Report:
    with db.session() as session:
        return compute(session, unit_scope(session, code), year)


def count_records(db: Database, model: type[m.RecordMixin], unit_code: str | None = None) -> int:
    with db.session() as session:
        query = select(func.count()).select_from(model).where(model.deleted.is_(False))
        if unit_code is not None:
            owner = model.unit_id  # type: ignore[attr-defined]
            query = query.join(m.Unit, m.Unit.id == owner).where(m.Unit.code == unit_code)
        return session.scalar(query) or 0


def count_units(db: Database, level: str) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(m.Unit).where(m.Unit.level_code == level)) or 0


# --- the article's figures, 2022, over the cluster ---------------------------------------------------


def test_solidarity_houses_and_other_support(full: tuple[Database, dict[str, int]]) -> None:
    report = cluster_report(full[0])
    houses = report["solidarity_houses"].current
    assert houses.value == 133  # "133 nhà đại đoàn kết"
    assert houses.amount_vnd == 6_120_000_000  # "trị giá trên 6 tỷ đồng"
    assert houses.amount_vnd > 6 * TY
    assert report["other_support"].current.amount_vnd > 3 * TY  # "trị giá trên 3 tỷ đồng"


def test_sea_and_islands_fund(full: tuple[Database, dict[str, int]]) -> None:
    db = full[0]
    assert cluster_report(db)["fund_sea_islands"].current.amount_vnd == 7_690_000_000
    assert unit_report(db, "017")["fund_sea_islands"].current.amount_vnd == 2_280_000_000  # Đông Anh
    assert unit_report(db, "020")["fund_sea_islands"].current.amount_vnd > 1_600_000_000  # Thanh Trì


def test_delegate_conferences_and_opinions(full: tuple[Database, dict[str, int]]) -> None:
    report = cluster_report(full[0])
    villages, communes = (
        report["delegate_conferences_villages"].current,
        report["delegate_conferences_communes"].current,
    )
    assert (villages.value, villages.total) == (740, 740)
    assert (communes.value, communes.total) == (106, 106)
    assert report["opinions_direct"].current.value == 9_379
    assert report["opinions_forms"].current.value == 1_299


def test_cremations_and_change_on_2021(full: tuple[Database, dict[str, int]]) -> None:
    cremations = cluster_report(full[0])["cremations"]
    assert (cremations.current.value, cremations.current.total) == (4_375, 5_121)
    assert cremations.current.rate is not None
    assert round(cremations.current.rate * 100) == 85
    assert round(cremations.current.rate * 100, 1) == 85.4
    assert cremations.previous is not None and cremations.previous.total
    points = cremations.rate_change_points()
    assert points is not None and round(points, 1) == 5.4  # "tăng 5,4% so với năm ngoái"


def test_supervisions_in_the_article_fields(full: tuple[Database, dict[str, int]]) -> None:
    db = full[0]
    report = cluster_report(db)
    assert report["supervisions"].current.value == 1_053
    led, joint = report["supervisions_led"].current.value, report["supervisions_joint"].current.value
    assert led and joint and led + joint == 1_053
    with db.session() as session:
        per_field = dict(
            session.execute(
                select(m.Supervision.field, func.count())
                .where(m.Supervision.year == 2022)
                .group_by(m.Supervision.field)
            ).all()
        )
    article_fields = (
        "land",
        "construction_order",
        "site_clearance",
        "capital_investment",
        "one_stop",
        "funds",
    )
    assert all(per_field.get(field, 0) >= 50 for field in article_fields), per_field
    assert per_field["land"] == max(per_field.values())


def test_mediations(full: tuple[Database, dict[str, int]]) -> None:
    mediations = cluster_report(full[0])["mediations"].current
    assert (mediations.value, mediations.total) == (694, 823)
    assert mediations.rate is not None and round(mediations.rate * 100) == 84


def test_other_figures_are_plausible(full: tuple[Database, dict[str, int]]) -> None:
    report = cluster_report(full[0])
    assert report["fund_for_the_poor"].current.amount_vnd > 5 * TY
    assert (report["citizen_receptions"].current.value or 0) > 106 * 12 - 1
    petitions, recommendations = report["petitions"].current, report["recommendations"].current
    assert petitions.total and 0.8 < (petitions.rate or 0) <= 1
    assert recommendations.total and 0.6 < (recommendations.rate or 0) < 1


def test_2021_has_data_for_every_indicator(full: tuple[Database, dict[str, int]]) -> None:
    report = cluster_report(full[0])
    for code, result in report.results.items():
        previous = result.previous
        assert previous is not None, code
        assert (previous.value or previous.amount_vnd or 0) > 0, code
        current = result.current
        # 2021 was a little lower on the counts and amounts the article reports.
        if code in (
            "solidarity_houses",
            "other_support",
            "fund_sea_islands",
            "supervisions",
            "opinions_direct",
        ):
            assert (previous.value or previous.amount_vnd or 0) < (
                current.value or current.amount_vnd or 0
            ), code


def test_district_figures_add_up_to_the_cluster(full: tuple[Database, dict[str, int]]) -> None:
    db = full[0]
    cluster = cluster_report(db).as_json()["indicators"]
    units = [unit_report(db, code).as_json()["indicators"] for code in DISTRICTS]
    for code, figure in cluster.items():  # type: ignore[union-attr]
        for key in ("value", "total", "amount_vnd"):
            if figure[key] is not None:
                assert sum(unit[code][key] for unit in units) == figure[key], (code, key)
    for code in DISTRICTS:
        report = unit_report(db, code)
        expected = FIGURES[2022][code]
        assert report["solidarity_houses"].current.value == expected.houses
        assert report["cremations"].current.value == expected.cremations


# --- structure, cluster and ownership --------------------------------------------------------------


def test_structure(full: tuple[Database, dict[str, int]]) -> None:
    db, summary = full
    assert count_units(db, "city") == 1
    assert count_units(db, "district") == 5
    assert count_units(db, "commune") == 106
    assert count_units(db, "village") == 740
    assert (summary["communes"], summary["villages"]) == (106, 740)
    with db.session() as session:
        districts = {
            u.code: u for u in session.scalars(select(m.Unit).where(m.Unit.level_code == "district"))
        }
        assert set(districts) == set(DISTRICTS)
        dong_anh = districts["017"]
        assert (dong_anh.name, dong_anh.place_name, dong_anh.unit_type) == (
            "Huyện Đông Anh",
            "Đông Anh",
            "Huyện",
        )
        bac_hong = session.scalar(select(m.Unit).where(m.Unit.code == "00463"))
        assert bac_hong is not None and bac_hong.name == "Xã Bắc Hồng" and bac_hong.path == "/01/017/00463/"
        town = session.scalar(select(m.Unit).where(m.Unit.code == "00454-01"))
        assert town is not None and town.name.startswith("Tổ dân phố") and town.level_code == "village"
        assert all(u.is_local for u in districts.values())
        city = session.scalar(select(m.Unit).where(m.Unit.code == "01"))
        assert city is not None and not city.is_local


def test_cluster_roles(full: tuple[Database, dict[str, int]]) -> None:
    with full[0].session() as session:
        rows = session.execute(
            select(m.ClusterMember.year, m.Unit.code, m.ClusterMember.role).join(
                m.Unit, m.Unit.id == m.ClusterMember.unit_id
            )
        ).all()
    by_year: dict[int, dict[str, str]] = {}
    for year, code, role in rows:
        by_year.setdefault(year, {})[code] = role
    assert set(by_year) == {2021, 2022, 2023}
    for roles in by_year.values():
        assert set(roles) == set(DISTRICTS)
        assert sorted(roles.values()).count("head") == 1 and sorted(roles.values()).count("deputy") == 1
    assert by_year[2023]["016"] == "head"  # Sóc Sơn, Cụm trưởng 2023
    assert by_year[2023]["020"] == "deputy"  # Thanh Trì, Cụm phó 2023


def test_children_and_pledges(full: tuple[Database, dict[str, int]]) -> None:
    db, summary = full
    with db.session() as session:
        recommendations = session.scalars(select(m.Recommendation)).all()
        assert len(recommendations) == summary["recommendation"] > 0
        for rec in recommendations[:50]:
            parent = session.get(m.Supervision, rec.supervision_id)
            assert parent is not None and (parent.unit_id, parent.year) == (rec.unit_id, rec.year)
        pledges = session.execute(
            select(m.Unit.code, m.Pledge.year, m.Pledge.title).join(m.Unit, m.Unit.id == m.Pledge.unit_id)
        ).all()
        assert {(code, year) for code, year, _ in pledges} == {
            (c, y) for c in DISTRICTS for y in (2021, 2022)
        }
        assert all(title.startswith(("Cờ thi đua", "Bằng khen")) for *_, title in pledges)
        targets = session.scalars(select(m.PledgeTarget)).all()
        assert len(targets) == summary["pledge_target"]
        assert {t.indicator_code for t in targets} <= set(BY_CODE)
        assert {t.indicator_code for t in targets} >= {"solidarity_houses", "fund_sea_islands", "cremations"}


def test_summary_matches_the_data_file(full: tuple[Database, dict[str, int]]) -> None:
    db, summary = full
    for name, model in RECORD_MODELS.items():
        assert summary[name] == count_records(db, model), name
    assert summary["support_activity"] > 1_000 and summary["delegate_conference"] == 2 * (740 + 106)


def test_text_is_nfc(full: tuple[Database, dict[str, int]]) -> None:
    with full[0].session() as session:
        texts = list(session.scalars(select(m.Unit.name)))
        texts += list(session.scalars(select(m.SupportActivity.beneficiary)))
        texts += list(session.scalars(select(m.Supervision.subject)))
        texts += list(session.scalars(select(m.Donation.donor)))
    assert texts and all(unicodedata.normalize("NFC", t) == t for t in texts)
    tasks = key_tasks(2023)
    assert all(unicodedata.normalize("NFC", t) == t for t in tasks)


def test_key_tasks_2023() -> None:
    tasks = key_tasks(2023)
    assert len(tasks) == 12  # "12 nhóm nhiệm vụ trọng tâm"
    assert tasks[0].startswith("Tập trung hoàn thành nhiệm vụ công tác năm 2023")
    assert "10 Chương trình công tác của Thành ủy" in tasks[0]
    assert tasks[1].startswith("Tăng cường tuyên truyền vận động các tầng lớp Nhân dân")
    assert tasks[2].startswith("Nắm chắc và kịp thời phản ánh tình hình Nhân dân")
    assert key_tasks(1999) == []


def test_one_district_mode(
    full: tuple[Database, dict[str, int]], dong_anh: tuple[Database, dict[str, int]]
) -> None:
    db, summary = dong_anh
    assert count_units(db, "commune") == 106 and count_units(db, "village") == 740
    with db.session() as session:
        local = {
            u.code: u.is_local for u in session.scalars(select(m.Unit).where(m.Unit.level_code == "district"))
        }
        villages_local = session.scalars(
            select(m.Unit.is_local).where(m.Unit.path.startswith("/01/017/"), m.Unit.level_code == "village")
        ).all()
        foreign_villages = session.scalars(
            select(m.Unit.is_local).where(m.Unit.path.startswith("/01/016/"), m.Unit.level_code == "village")
        ).all()
    assert local == {"016": False, "017": True, "018": False, "020": False, "250": False}
    assert all(villages_local) and not any(foreign_villages)
    for name, model in RECORD_MODELS.items():
        assert count_records(db, model) == count_records(db, model, "017") == summary[name], name
        assert summary[name] == count_records(full[0], model, "017"), name
    # Đông Anh's own figures are the same as in the full demo; the others have structure only.
    assert (
        unit_report(db, "017").as_json()["indicators"] == unit_report(full[0], "017").as_json()["indicators"]
    )
    assert unit_report(db, "020")["fund_sea_islands"].current.amount_vnd == 0
    assert cluster_report(db)["fund_sea_islands"].current.amount_vnd == 2_280_000_000
    with pytest.raises(ReadOnlyError):
        records.create_record(
            db, "funeral_tally", "018", {"year": 2022, "commune_id": "00526", "deaths": 3, "cremations": 2}
        )


def test_same_records_whatever_the_mode(
    full: tuple[Database, dict[str, int]], dong_anh: tuple[Database, dict[str, int]]
) -> None:
    def fingerprint(db: Database) -> list[tuple[object, ...]]:
        sa = m.SupportActivity
        with db.session() as session:
            rows = session.execute(
                select(sa.year, sa.kind, sa.beneficiary, sa.activity_date, sa.value_vnd)
                .join(m.Unit, m.Unit.id == sa.unit_id)
                .where(m.Unit.code == "017")
            ).all()
        return sorted(tuple(row) for row in rows)

    assert fingerprint(full[0]) == fingerprint(dong_anh[0])


def test_structure_only(empty_tree: tuple[Database, dict[str, int]]) -> None:
    db, summary = empty_tree
    assert count_units(db, "commune") == 106 and count_units(db, "village") == 740
    for name, model in RECORD_MODELS.items():
        assert count_records(db, model) == 0 == summary[name], name
    with db.session() as session:
        assert all(session.scalars(select(m.Unit.is_local).where(m.Unit.level_code == "district")))
        assert session.scalar(select(func.count()).select_from(m.ClusterMember)) == 15
    report = cluster_report(db)
    assert report["delegate_conferences_villages"].current.total == 740
    assert report["delegate_conferences_villages"].current.value == 0
    # A clerk can start entering at once.
    records.create_record(
        db, "funeral_tally", "018", {"year": 2022, "commune_id": "00526", "deaths": 3, "cremations": 2}
    )


def test_refuses_a_data_file_that_is_not_empty(empty_tree: tuple[Database, dict[str, int]]) -> None:
    with pytest.raises(InputError):
        load_demo(empty_tree[0])


def test_refuses_an_unknown_district(tmp_path: object) -> None:
    db = open_database(tmp_path)  # type: ignore[arg-type]
    try:
        with pytest.raises(InputError):
            load_demo(db, unit_code="999")
        assert count_units(db, "city") == 0
    finally:
        db.close()


# --- the 2022 reports are finished documents -----------------------------------------------------------

REPORTS_2022 = [("annual", "unit", code) for code in DISTRICTS] + [
    ("annual", "cluster", CLUSTER),
    ("cluster", "cluster", CLUSTER),
]


def test_the_2022_reports_are_final(full: tuple[Database, dict[str, int]]) -> None:
    from emulation_desktop.reports.readiness import missing
    from emulation_desktop.reports.request import ReportRequest

    with full[0].session() as session:
        for kind, scope, code in REPORTS_2022:
            assert missing(session, ReportRequest(kind, scope, code, 2022)) == [], (kind, scope, code)
        # 2021 is kept as the year to compare with: its text was never written
        assert missing(session, ReportRequest("annual", "unit", "017", 2021))


def test_the_report_texts_are_the_demos_own_words(full: tuple[Database, dict[str, int]]) -> None:
    from emulation_desktop.operations.report_drafts import get_draft
    from emulation_desktop.reports.narrative import TO_WRITE

    db, summary = full
    assert summary["report_text"] == len(REPORTS_2022)
    with db.session() as session:
        drafts = {
            (kind, scope, code): get_draft(session, "017" if scope == "cluster" else code, 2022, kind, scope)
            for kind, scope, code in REPORTS_2022
        }
    for key, draft in drafts.items():
        assert draft is not None and draft.shortcomings and draft.proposals, key
        for text in (draft.shortcomings, draft.proposals):
            assert unicodedata.is_normalized("NFC", text) and TO_WRITE not in text, key
            assert not any(ch.isdigit() for ch in text), key  # no invented figure
        assert draft.narrative == "", key  # drafted from the figures, so it follows them
    assert "chưa đồng đều" in drafts[("annual", "cluster", CLUSTER)].shortcomings
    assert "huyện Sóc Sơn" in drafts[("annual", "unit", "016")].proposals
    # the article's "12 nhóm nhiệm vụ trọng tâm" for 2023, in the cluster's report
    assert drafts[("annual", "cluster", CLUSTER)].key_task_list() == key_tasks(2023)


def test_one_district_keeps_its_own_texts_and_the_cluster_heads(
    dong_anh: tuple[Database, dict[str, int]],
) -> None:
    from emulation_desktop.operations.report_drafts import get_draft

    db, summary = dong_anh
    assert summary["report_text"] == 3  # Đông Anh's report, and the cluster's two (it is the head)
    with db.session() as session:
        assert get_draft(session, "017", 2022, "annual") is not None
        assert get_draft(session, "017", 2022, "cluster", "cluster") is not None
        assert get_draft(session, "016", 2022, "annual") is None  # not ours here


def test_self_scores_carry_no_software_notation(full: tuple[Database, dict[str, int]]) -> None:
    with full[0].session() as session:
        linked = set(session.scalars(select(m.Criterion.id).where(m.Criterion.indicator_code.is_not(None))))
        scores = session.execute(select(m.SelfScore.criterion_id, m.SelfScore.justification)).all()
    assert linked and scores
    for criterion_id, justification in scores:
        # "38 · 1.710.000.000 đ" is the window's notation, not a sentence of the sheet
        assert "·" not in justification and not re.search(r"\d đ(?!\w)", justification), justification
        assert "Kết quả:" not in justification
        if criterion_id in linked:
            assert justification == ""  # the scoring sheet states the figure in the documents' words
