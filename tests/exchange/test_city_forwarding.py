"""Up to the city (issue #18), end to end over separate real data folders: the five district offices of
the demo's Cluster No. 3 (each made by ``demo --unit CODE``), Đông Anh's among them as the cluster head
of 2022, and the city's office (``setup --unit 01 --role city``). Members send their year on a stick;
the head returns one with a reason, the member corrects it and sends again, the head accepts all and
forwards the cluster to the city, whose totals are the article's and whose board shows five accepted.
Thanh Trì's correction carries an evidence file (the scanned decision on the house's funds), which
reaches the city inside Thanh Trì's own signed package.
A forwarding package in which the head altered a member's record is refused by the city. Then the same
documents at city level: Gia Lâm, the head of 2021, forwards 2021 too, and the city's year-end report
and consolidated report, read back from the PDF, carry the article's figures against 2021's."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from evidence_samples import a_pdf
from run_cli import cli
from sqlalchemy import select

from emulation_desktop.demo import load_demo
from emulation_desktop.demo.figures import BY_CODE, CLUSTER_CODE
from emulation_desktop.domain.models import SupportActivity, Unit
from emulation_desktop.exchange import forwarding, keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import export_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.operations import evidence, records
from emulation_desktop.operations.setup import apply_setup, plan_from_catalogue
from emulation_desktop.storage.database import Database, open_database

from .conftest import db_state, rezip, unzip

YEAR = 2022
HEAD = "017"  # Đông Anh heads Cluster No. 3 in 2022 (demo/figures.py, ROLES)
MEMBERS = [code for code in BY_CODE if code != HEAD]
RETURNED = "020"  # Thanh Trì
REASON = "Thiếu ghi chú nguồn vốn của một nhà đại đoàn kết"
DECISION = a_pdf("Quyết định hỗ trợ xây nhà đại đoàn kết, nguồn Quỹ Vì người nghèo huyện")
DECISION_NAME = "Quyết định hỗ trợ nhà.pdf"
CITY_CHAIR = "Phạm Thị Thanh Hà"  # an invented chairwoman of the city's committee, who signs its papers


def card(db: Database) -> bytes:
    return keys.card_bytes(keys.key_card(db))


def trust(db: Database, card_bytes: bytes) -> None:
    keys.trust_card(db, keys.read_card(card_bytes))


def make_city(folder: Path, head_card: bytes) -> Path:
    db = open_database(folder)
    apply_setup(db, plan_from_catalogue("01", YEAR, "city", chair=CITY_CHAIR))
    trust(db, head_card)  # the city registers the cluster head's key card, and only that one
    db.close()
    return folder


@dataclass
class Chain:
    folders: dict[str, Path]  # unit code → its office's data folder
    city: Path
    stick: Path
    forwarded: Path
    head_card: bytes


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chain]:
    root = tmp_path_factory.mktemp("cluster3")
    stick = root / "stick"
    stick.mkdir()
    folders = {code: root / f"office-{code}" for code in BY_CODE}
    cards = {}
    for code, folder in folders.items():
        db = open_database(folder)
        load_demo(db, unit_code=code)
        cards[code] = card(db)
        db.close()
    head = open_database(folders[HEAD])
    for code in MEMBERS:
        trust(head, cards[code])
        member = open_database(folders[code])
        trust(member, cards[HEAD])
        # Each member submits its year on the stick; the head imports it.
        sent = export_package(member, code, YEAR, stick / f"goi-{code}.zip", submit=True)
        member.close()
        assert import_package(head, sent.path).status == "applied"
    head.close()

    # The head returns Thanh Trì's year with a reason; Thanh Trì reads it and is unlocked.
    result = cli(
        "return",
        "--unit",
        RETURNED,
        "--year",
        YEAR,
        "--reason",
        REASON,
        "--out",
        stick,
        data_dir=folders[HEAD],
    )
    assert result.returncode == 0, result.stderr
    (returned,) = stick.glob(f"tra-lai-{RETURNED}-{YEAR}.zip")
    cli("import-package", returned, data_dir=folders[RETURNED], check=True)
    board = json.loads(
        cli("submissions", "--year", YEAR, "--format", "json", data_dir=folders[HEAD], check=True).stdout
    )
    assert {u["unit"]: (u["status"], u["reason"]) for u in board["units"]}[RETURNED] == ("returned", REASON)

    # Thanh Trì corrects a record (its totals stay the article's) and sends again.
    member = open_database(folders[RETURNED])
    with member.session() as session:
        house = session.scalars(
            select(SupportActivity)
            .join(Unit, Unit.id == SupportActivity.unit_id)
            .where(Unit.code == RETURNED, SupportActivity.year == YEAR, SupportActivity.kind == "house_new")
            .order_by(SupportActivity.id)
        ).first()
        assert house is not None
    records.update_record(
        member, "support_activity", house.id, {"note": "Nguồn vốn: Quỹ Vì người nghèo huyện"}
    )
    evidence.attach(member, "support_activity", house.id, DECISION, file_name=DECISION_NAME)
    member.close()
    cli(
        "export-package",
        "--year",
        YEAR,
        "--out",
        stick / "goi-020-lan-2.zip",
        "--submit",
        data_dir=folders[RETURNED],
        check=True,
    )
    head = open_database(folders[HEAD])
    assert import_package(head, stick / "goi-020-lan-2.zip").status == "applied"
    head.close()

    # The head accepts all four members' years and forwards the cluster to the city.
    for code in MEMBERS:
        cli("accept", "--unit", code, "--year", YEAR, "--out", stick, data_dir=folders[HEAD], check=True)
    forwarded = stick / "chuyen-tiep-cum3-2022.zip"
    done = cli(
        "export-package",
        "--year",
        YEAR,
        "--cluster",
        CLUSTER_CODE,
        "--out",
        forwarded,
        data_dir=folders[HEAD],
        check=True,
    )
    assert "5" in done.stdout

    city = make_city(root / "city", cards[HEAD])
    cli("import-package", forwarded, data_dir=city, check=True)
    yield Chain(folders, city, stick, forwarded, cards[HEAD])


def test_the_city_totals_are_the_article_figures(chain: Chain) -> None:
    result = cli("indicators", "--city", "--year", YEAR, "--format", "json", data_dir=chain.city, check=True)
    body = json.loads(result.stdout)
    figures = body["indicators"]
    assert body["scope"] == {"kind": "city", "code": "01", "name": "Thành phố Hà Nội", "units": 5}
    assert (figures["solidarity_houses"]["value"], figures["solidarity_houses"]["amount_vnd"]) == (
        133,
        6_120_000_000,
    )
    assert figures["other_support"]["amount_vnd"] > 3_000_000_000
    assert figures["fund_sea_islands"]["amount_vnd"] == 7_690_000_000
    assert (
        figures["delegate_conferences_villages"]["value"],
        figures["delegate_conferences_villages"]["total"],
    ) == (740, 740)
    assert (
        figures["delegate_conferences_communes"]["value"],
        figures["delegate_conferences_communes"]["total"],
    ) == (106, 106)
    assert (figures["opinions_direct"]["value"], figures["opinions_forms"]["value"]) == (9_379, 1_299)
    assert (figures["cremations"]["value"], figures["cremations"]["total"]) == (4_375, 5_121)
    assert figures["supervisions"]["value"] == 1_053
    assert (figures["mediations"]["value"], figures["mediations"]["total"]) == (694, 823)
    # The cluster's table is the same sums; each unit's table is its own.
    (cluster,) = body["clusters"]
    assert cluster["scope"]["code"] == CLUSTER_CODE and cluster["indicators"] == figures
    by_unit = {u["scope"]["code"]: u["indicators"] for u in body["units"]}
    assert sorted(by_unit) == sorted(BY_CODE)
    assert by_unit[HEAD]["fund_sea_islands"]["amount_vnd"] == 2_280_000_000  # Đông Anh
    assert sum(u["solidarity_houses"]["value"] for u in by_unit.values()) == 133


def test_the_city_board_shows_five_accepted(chain: Chain) -> None:
    result = cli("submissions", "--year", YEAR, "--format", "json", data_dir=chain.city, check=True)
    board = json.loads(result.stdout)
    assert board["counts"] == {"missing": 0, "received": 0, "accepted": 5, "returned": 0}
    assert {u["unit"] for u in board["units"]} == set(BY_CODE)
    assert {u["accepted_by_head"] for u in board["units"]} == {HEAD}
    # Thanh Trì's year is its second package, the one the head accepted.
    thanh_tri = next(u for u in board["units"] if u["unit"] == RETURNED)
    assert thanh_tri["package_file"] == f"{RETURNED}.zip" and thanh_tri["revised_after_submission"]


def _decision_at(folder: Path) -> tuple[evidence.Evidence, bytes]:
    db = open_database(folder)
    try:
        with db.session() as session:
            house = session.scalars(
                select(SupportActivity.id)
                .join(Unit, Unit.id == SupportActivity.unit_id)
                .where(Unit.code == RETURNED, SupportActivity.note == "Nguồn vốn: Quỹ Vì người nghèo huyện")
            ).one()
        (attached,) = evidence.list_evidence(db, "support_activity", house)
        return evidence.content_of(db, attached.id)
    finally:
        db.close()


def test_the_evidence_reaches_the_city_byte_for_byte(chain: Chain) -> None:
    for folder in (chain.folders[HEAD], chain.city):
        attached, content = _decision_at(folder)
        assert content == DECISION
        assert attached.file_name == DECISION_NAME and attached.media_type == "application/pdf"
        assert attached.sha256 == hashlib.sha256(DECISION).hexdigest()


def test_evidence_changed_by_the_head_is_refused(chain: Chain, tmp_path: Path) -> None:
    """The head swaps the scanned decision inside Thanh Trì's package and signs its own manifest again:
    the member's signature no longer holds, and the city refuses the whole forwarding."""
    outer = unzip(chain.forwarded.read_bytes())
    inner = unzip(outer[forwarding.package_file(RETURNED)])
    (member,) = [name for name in inner if inner[name] == DECISION]
    inner[member] = a_pdf("Một quyết định khác")
    tampered = _resigned_by_head(chain, outer, RETURNED, inner)
    city = make_city(tmp_path / "city", chain.head_card)
    db = open_database(city)
    try:
        before = db_state(db)
        with pytest.raises(PackageRejected, match=r"Thanh Trì \(020\)"):
            import_package(db, tampered)
        assert db_state(db) == before
    finally:
        db.close()


def test_the_same_forwarding_twice_changes_nothing(chain: Chain) -> None:
    db = open_database(chain.city)
    try:
        before = db_state(db)
        again = import_package(db, chain.forwarded)
        assert again.status == "unchanged"
        assert db_state(db) == before
    finally:
        db.close()


def _altered_by_head(chain: Chain, unit_code: str) -> bytes:
    """The forwarding package with one member's record altered by the head, who signs its own manifest
    again over the altered package (it cannot sign the member's)."""
    outer = unzip(chain.forwarded.read_bytes())
    inner = unzip(outer[forwarding.package_file(unit_code)])
    member = pf.record_member("support_activity")
    content = json.loads(inner[member])
    value = content["columns"].index("value_vnd")
    content["rows"][0][value] += 500_000_000
    inner[member] = pf.dumps(content)
    manifest = json.loads(inner[pf.MANIFEST])
    manifest["members"][member].update(
        sha256=hashlib.sha256(inner[member]).hexdigest(), bytes=len(inner[member])
    )
    inner[pf.MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    return _resigned_by_head(chain, outer, unit_code, inner)


def _resigned_by_head(
    chain: Chain, outer: dict[str, bytes], unit_code: str, inner: dict[str, bytes]
) -> bytes:
    """The forwarding package with ``unit_code``'s package replaced by ``inner``, the head's manifest
    made to match and signed again by the head."""
    altered = rezip(inner)
    outer[forwarding.package_file(unit_code)] = altered
    head_manifest = json.loads(outer[forwarding.MANIFEST])
    for entry in head_manifest["units"]:
        if entry["code"] == unit_code:
            entry.update(sha256=hashlib.sha256(altered).hexdigest(), bytes=len(altered))
    outer[forwarding.MANIFEST] = json.dumps(head_manifest, ensure_ascii=False, indent=1).encode("utf-8")
    outer[forwarding.SIGNATURE] = keys.sign(chain.folders[HEAD], outer[forwarding.MANIFEST])
    return rezip(outer)


def test_a_member_record_altered_by_the_head_is_refused(chain: Chain, tmp_path: Path) -> None:
    city = make_city(tmp_path / "city", chain.head_card)
    tampered = tmp_path / "chuyen-tiep-sua.zip"
    tampered.write_bytes(_altered_by_head(chain, "016"))
    db = open_database(city)
    before = db_state(db)
    db.close()

    result = cli("import-package", tampered, data_dir=city)
    assert result.returncode == 2, result.stdout
    assert "Huyện Sóc Sơn (016)" in result.stderr, result.stderr
    assert "chữ ký" in result.stderr, result.stderr

    db = open_database(city)
    try:
        assert db_state(db) == before  # nothing written but the refusal in the history
        with db.session() as session:
            assert session.scalar(select(Unit.id).where(Unit.code == "016")) is None
    finally:
        db.close()


def test_a_package_swapped_after_the_head_signed_is_refused(chain: Chain, tmp_path: Path) -> None:
    """Bytes changed in transit (not re-signed by the head): refused by the head's own manifest."""
    city = make_city(tmp_path / "city", chain.head_card)
    outer = unzip(chain.forwarded.read_bytes())
    outer[forwarding.package_file("016")] = outer[forwarding.package_file("018")]
    db = open_database(city)
    try:
        before = db_state(db)
        with pytest.raises(PackageRejected, match=r"Huyện Sóc Sơn \(016\)"):
            import_package(db, rezip(outer))
        assert db_state(db) == before
    finally:
        db.close()


def test_only_the_cluster_head_forwards(chain: Chain) -> None:
    result = cli(
        "export-package",
        "--year",
        YEAR,
        "--cluster",
        CLUSTER_CODE,
        "--out",
        chain.stick,
        data_dir=chain.folders["018"],
    )
    assert result.returncode == 2
    assert CLUSTER_CODE in result.stderr


# ------------------------------------------------------------------------------ documents at city level

HEAD_2021 = "018"  # Gia Lâm heads the cluster in 2021 (demo/figures.py, ROLES)


@pytest.fixture(scope="module")
def city_two_years(chain: Chain) -> Chain:
    """The chain's city with 2021 forwarded as well, by that year's head: last year to compare with."""
    head = open_database(chain.folders[HEAD_2021])
    for code in BY_CODE:
        if code == HEAD_2021:
            continue
        member = open_database(chain.folders[code])
        if code != HEAD:  # the head of 2022 is trusted already, its card was on the stick
            trust(head, card(member))
        sent = export_package(member, code, 2021, chain.stick / f"goi-{code}-2021.zip", submit=True)
        member.close()
        assert import_package(head, sent.path).status == "applied"
        cli(
            "accept",
            "--unit",
            code,
            "--year",
            2021,
            "--out",
            chain.stick,
            data_dir=chain.folders[HEAD_2021],
            check=True,
        )
    head_card = card(head)
    head.close()
    forwarded = chain.stick / "chuyen-tiep-cum3-2021.zip"
    cli(
        "export-package",
        "--year",
        2021,
        "--cluster",
        CLUSTER_CODE,
        "--out",
        forwarded,
        data_dir=chain.folders[HEAD_2021],
        check=True,
    )
    city = open_database(chain.city)
    trust(city, head_card)
    city.close()
    cli("import-package", forwarded, data_dir=chain.city, check=True)
    return chain


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_city_year_end_report_carries_the_article_figures(city_two_years: Chain, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao-thanh-pho.pdf"
    cli(
        "report",
        "annual",
        "--city",
        "--year",
        YEAR,
        "--out",
        out,
        "--date",
        "15/12/2022",
        data_dir=city_two_years.city,
        check=True,
    )
    text = pdf_text(out)
    flat = " ".join(text.split())
    # Issued by the city's standing board, signed by the chairwoman from the city's set-up.
    assert "ỦY BAN MTTQ VIỆT NAM" in text and "THÀNH PHỐ HÀ NỘI" in text and "BAN THƯỜNG TRỰC" in text
    assert "TM. BAN THƯỜNG TRỰC" in text and CITY_CHAIR in text
    assert "Hà Nội, ngày 15 tháng 12 năm 2022" in flat
    assert "Ủy ban Trung ương MTTQ Việt Nam" in flat
    assert "Cụm trưởng" not in flat and "CỤM TRƯỞNG" not in text  # not the cluster head's paper
    # The article's figures for the whole city (one cluster forwarded so far), against 2021's.
    assert "133" in flat and "6.120.000.000" in flat
    assert "1.053" in flat and "9.379" in flat
    assert "85,4%" in flat and "80,0%" in flat  # cremations: 4.375/5.121 against 4.272/5.340
    assert "Toàn Thành phố" in flat and "Toàn huyện" not in flat
    # The same report as a Word file, for the chairwoman to edit.
    word = tmp_path / "bao-cao-thanh-pho.docx"
    cli("report", "annual", "--city", "--year", YEAR, "--out", word, data_dir=city_two_years.city, check=True)
    import docx

    document = docx.Document(str(word))
    words = " ".join(" ".join(p.text for p in document.paragraphs).split())
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "6.120.000.000" in cells and CITY_CHAIR in cells + words and "Toàn Thành phố" in words


def test_the_city_consolidated_report_has_a_table_per_cluster_and_per_unit(
    city_two_years: Chain, tmp_path: Path
) -> None:
    out = tmp_path / "tong-hop-thanh-pho.pdf"
    cli("report", "cluster", "--city", "--year", YEAR, "--out", out, data_dir=city_two_years.city, check=True)
    flat = " ".join(pdf_text(out).split())
    assert "BAN THƯỜNG TRỰC" in flat and CITY_CHAIR in flat
    assert "Tổng hợp kết quả thi đua năm 2022 theo Cụm thi đua" in flat
    assert "Cụm thi đua số 3" in flat and "Toàn Thành phố năm 2021" in flat
    for name in ("Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh"):
        assert name in flat
    assert "6.120" in flat


def test_city_documents_only_at_the_city_office(chain: Chain, tmp_path: Path) -> None:
    result = cli(
        "report",
        "annual",
        "--city",
        "--year",
        YEAR,
        "--out",
        tmp_path / "x.pdf",
        data_dir=chain.folders[HEAD],
    )
    assert result.returncode == 2, result.stdout
    assert "Thành phố" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "x.pdf").exists()
    # A list is not made for the whole city: refused in Vietnamese, not half made.
    result = cli(
        "report", "support-list", "--city", "--year", YEAR, "--out", tmp_path / "y.pdf", data_dir=chain.city
    )
    assert result.returncode == 2 and "Thành phố" in result.stderr, result.stderr


def test_a_unit_not_accepted_keeps_the_city_report_a_draft(city_two_years: Chain, tmp_path: Path) -> None:
    """At a copy of the city's office, Mê Linh's year is returned: the city's report refuses to be
    issued and names Mê Linh, and only Mê Linh, as not accepted by its cluster head."""
    copy = tmp_path / "city-copy"
    shutil.copytree(city_two_years.city, copy)
    cli(
        "return",
        "--unit",
        "250",
        "--year",
        YEAR,
        "--reason",
        REASON,
        "--out",
        tmp_path,
        data_dir=copy,
        check=True,
    )
    refused = cli(
        "report", "annual", "--city", "--year", YEAR, "--out", tmp_path / "a.pdf", "--final", data_dir=copy
    )
    assert refused.returncode == 2
    assert "Huyện Mê Linh" in refused.stderr and "Cụm trưởng" in refused.stderr, refused.stderr
    assert "Huyện Đông Anh" not in refused.stderr
