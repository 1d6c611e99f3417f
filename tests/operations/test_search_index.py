"""The search index (storage/search_index.py) and the lists that use it (operations/queries.py): a
search answered from the index lists exactly what the plain walk with LIKE lists (same rows, order,
count and "more than" cap); the triggers follow every change; a migrated file is searchable."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import unicodedata
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulation_desktop import paths
from emulation_desktop.domain.text import fold
from emulation_desktop.operations import queries, records
from emulation_desktop.operations.queries import ListQuery, list_page
from emulation_desktop.storage import migrations, schema, search_index
from emulation_desktop.storage.database import open_database

KIND = "support_activity"

SYLLABLES = [
    "Nguyễn",
    "Thị",
    "Hằng",
    "Quách",
    "Tĩnh",
    "Đoàn",
    "Kết",
    "Hoàng",
    "Dung",
    "Phạm",
    "Văn",
    "Đức",
    "Lê",
    "Trần",
    "Ngọc",
    "Ánh",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Vũ",
    "Võ",
    "Đặng",
    "Huỳnh",
    "Ông",
    "Bà",
    "Ấp",
    "Ưng",
    "Ở",
    "Xã",
    "Bắc",
    "Hồng",
    "Nguyên",
    "Khê",
    "Thôn",
    "Đông",
    "Đoài",
    "Xuân",
    "Nộn",
    "nhà",
    "đại",
    "đoàn",
    "kết",
    "hộ",
    "nghèo",
    "quà",
    "Tết",
    "ĐĐ",
    "đđ",
    "Dđ",
]
# Letters, marks that fold away, đ/Đ, digits, and what LIKE (% _ /) or FTS5 (" * ^ : ( ) -) might read
# as syntax.
ALPHABET = "abcdeghiklmnopqrstuvxyđĐÂăêôơưáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịúùủũụýỳỷỹỵ0123456789"
PUNCTUATION = " ,.-'%_/\"*^:()"


def _form(text: str, nfd: bool, upper: bool) -> str:
    text = text.upper() if upper else text
    return unicodedata.normalize("NFD" if nfd else "NFC", text)


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SYLLABLES),
        st.text(st.sampled_from(ALPHABET + PUNCTUATION), min_size=1, max_size=12),
    )


names = st.lists(_piece(), min_size=1, max_size=6).map(" ".join).map(lambda s: s[:180])


@st.composite
def typed(draw: st.DrawFn, pool: list[str]) -> str:
    """What a clerk types: a slice of a name (so that it matches) or anything, in NFC or NFD, any case,
    with stray spaces."""
    if pool and draw(st.booleans()):
        source = fold(draw(st.sampled_from(pool)))
        start = draw(st.integers(0, max(0, len(source) - 1)))
        text = source[start : start + draw(st.integers(1, 24))]
    else:
        text = draw(st.lists(_piece(), min_size=1, max_size=3).map(" ".join))
    text = _form(text, draw(st.booleans()), draw(st.booleans()))
    return draw(st.sampled_from(("", " ", "  "))) + text + draw(st.sampled_from(("", " ")))


def _plain(db, query: ListQuery, monkeypatch) -> queries.ListResult:
    """The walk with LIKE alone: what every search did before the index."""
    with monkeypatch.context() as patch:
        patch.setattr(queries, "INDEX_ROWS", 0)  # no piece is ever "held by fewer than 0 rows"
        return list_page(db, query)


def _expected(db, query: ListQuery) -> list[str]:
    """The ids a clerk should see, computed in Python from the stored keys (no SQL search at all)."""
    words = fold(query.search).split()
    with db.reading() as connection:
        found = connection.execute(
            f"SELECT id, search_key FROM {KIND} WHERE year = ? AND deleted = ? "
            "ORDER BY created_at DESC, id DESC",
            (query.year, int(query.deleted)),
        ).fetchall()
    return [id_ for id_, key in found if all(word in key for word in words)]


def _ids(result: queries.ListResult) -> list[str]:
    return [row["id"] for row in result.rows]


def _row(name: str, year: int, nfd: bool = False) -> dict:
    return {
        "year": year,
        "kind": "gift",
        "household_category": "poor",
        "value_vnd": 1_000_000,
        "beneficiary": _form(name, nfd, False),
        "funding_source": "",
        "note": "",
    }


@pytest.fixture
def through_index(monkeypatch) -> list[bool]:
    """Every search with a word of three letters or more asks the index: a test file's lists are small
    enough to fit in the walk's sample, which would otherwise always walk them. Lists, per search, whether
    the index answered."""
    monkeypatch.setattr(queries, "SAMPLE_ROWS", 0)
    answered: list[bool] = []
    ask = queries._index_rows

    def spy(*args, **kwargs):
        offered = ask(*args, **kwargs)
        answered.append(offered is not None)
        return offered

    monkeypatch.setattr(queries, "_index_rows", spy)
    return answered


_years = count()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_index_lists_exactly_what_the_plain_query_lists(db, data, monkeypatch, through_index):
    """Random Vietnamese names (NFC and NFD, đ/Đ, punctuation) and random searches: the same rows in the
    same order, the same count and cap, page by page, in the list and in the bin, in both orders."""
    year = 2000 + next(_years) % 100  # a unit-year of its own for each example
    with db.transaction() as session:
        session.connection().exec_driver_sql(f"DELETE FROM {KIND} WHERE year = {year}")  # the triggers too
    pool = data.draw(st.lists(names, min_size=1, max_size=14), label="names")
    nfd = data.draw(st.lists(st.booleans(), min_size=len(pool), max_size=len(pool)), label="nfd")
    records.create_records(db, KIND, "017", [_row(n, year, d) for n, d in zip(pool, nfd, strict=True)])
    binned = data.draw(st.integers(0, len(pool)), label="binned")
    if binned:
        with db.transaction() as session:
            session.connection().exec_driver_sql(
                f"UPDATE {KIND} SET deleted = 1 WHERE rowid IN "
                f"(SELECT rowid FROM {KIND} WHERE year = {year} ORDER BY id LIMIT {binned})"
            )
    for _ in range(4):
        search = data.draw(typed(pool), label="search")
        query = ListQuery(
            KIND,
            "017",
            year,
            search=search,
            sort=data.draw(st.sampled_from(("", "beneficiary")), label="sort"),
            descending=data.draw(st.booleans(), label="descending"),
            deleted=data.draw(st.booleans(), label="deleted"),
            limit=data.draw(st.integers(1, 5), label="limit"),
            offset=data.draw(st.integers(0, 4), label="offset"),
            count_limit=data.draw(st.integers(1, 8), label="count_limit"),
        )
        from_index, plain = list_page(db, query), _plain(db, query, monkeypatch)
        assert (_ids(from_index), from_index.total, from_index.total_capped) == (
            _ids(plain),
            plain.total,
            plain.total_capped,
        )
        assert from_index.rows == plain.rows
        if not query.sort:
            expected = _expected(db, query)
            page = expected[query.offset : query.offset + query.limit]
            if query.offset == 0 and len(page) < query.limit:
                total = (len(page), False)
            elif len(expected) > query.count_limit:
                total = (query.count_limit, True)
            else:
                total = (len(expected), False)
            assert (_ids(from_index), from_index.total, from_index.total_capped) == (page, *total)
        long_word = any(len(word) >= search_index.MIN_WORD for word in fold(search).split())
        assert through_index[-2] is long_word  # a handful of rows: the index answers (the walk did not ask)


def _find(db, search: str, **kw) -> list[str]:
    return [
        row["beneficiary"] for row in list_page(db, ListQuery(KIND, "017", 2022, search=search, **kw)).rows
    ]


def test_the_triggers_follow_insert_update_delete_and_restore(db, through_index):
    record = records.create_record(db, KIND, "017", _row("Quách Tĩnh", 2022))
    assert _find(db, "quach") == ["Quách Tĩnh"] and through_index == [True]
    records.update_record(db, KIND, record.id, {"beneficiary": "Hoàng Dung"})
    assert _find(db, "quach") == [] and _find(db, "hoang dung") == ["Hoàng Dung"]
    records.delete_record(db, KIND, record.id)  # the bin: still indexed, shown on the bin's side
    assert _find(db, "hoang") == [] and _find(db, "hoang", deleted=True) == ["Hoàng Dung"]
    records.restore_record(db, KIND, record.id)
    assert _find(db, "hoang") == ["Hoàng Dung"] and _find(db, "hoang", deleted=True) == []
    with db.transaction() as session:  # a row removed for good (a purge, an import replacing it)
        session.connection().exec_driver_sql(f"DELETE FROM {KIND} WHERE id = '{record.id}'")
    assert _find(db, "hoang") == [] and all(through_index)
    with db.reading() as connection:  # FTS5's own check of the index against the table
        connection.execute(f"INSERT INTO {KIND}_search ({KIND}_search) VALUES ('integrity-check')")


def test_the_index_keeps_its_rows_off_the_list_index(db, through_index):
    """The page is read by the rowids the index offers, never by walking ix_<table>_recent and testing
    each row against the offer (which would read the whole unit-year again): SQLite's plan says so."""
    records.create_record(db, KIND, "017", _row("Quách Tĩnh", 2022))
    seen: list[tuple[str, tuple]] = []
    from sqlalchemy import event

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        assert _find(db, "quach t") == ["Quách Tĩnh"]
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    reads = [(s, p) for s, p in seen if "IN (SELECT rowid" in s]
    assert reads, "the search did not go through the index"
    with db.reading() as connection:
        for statement, parameters in reads:
            plan = " | ".join(
                row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            )
            assert "VIRTUAL TABLE" in plan and "ix_support_activity_recent" not in plan, plan


def _make_version_2(data_dir) -> None:
    """Take the index away again, as version 2 had it."""
    connection = sqlite3.connect(paths.database_path(data_dir))
    for table in migrations._SEARCHED_IN_V3:
        for statement in search_index.drop_statements(table):
            connection.execute(statement)
    connection.execute("PRAGMA user_version=2")
    connection.commit()
    connection.close()


def test_a_version_2_file_with_records_is_migrated_and_searchable(db, data_dir, through_index, monkeypatch):
    """A version-2 file holding records: the migration builds the index from them; the file then
    matches a new one (``check``)."""
    records.create_records(db, KIND, "017", [_row(n, 2022) for n in ("Quách Tĩnh", "Hoàng Dung", "Đoàn Kết")])
    db.close()
    _make_version_2(data_dir)
    for later in (version for version in migrations.MIGRATIONS if version > 3):
        # the file was made new: what later versions change is in it already
        monkeypatch.setitem(migrations.MIGRATIONS, later, lambda _connection: None)
    migrated = open_database(data_dir)
    try:
        assert _find(migrated, "quach") == ["Quách Tĩnh"] and _find(migrated, "doan ket") == ["Đoàn Kết"]
        assert _find(migrated, "zzz") == [] and through_index == [True, True, True]
        with migrated.reading() as connection:
            assert connection.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
            assert schema.differences(connection) == []
            connection.execute(f"INSERT INTO {KIND}_search ({KIND}_search) VALUES ('integrity-check')")
    finally:
        migrated.close()


def test_a_small_list_is_walked_without_asking_the_index(db, monkeypatch):
    """Fewer rows than the walk's sample: reading them all is as cheap as any index."""
    records.create_record(db, KIND, "017", _row("Quách Tĩnh", 2022))
    asked = []
    monkeypatch.setattr(queries, "_has_index", lambda *args: asked.append(args) or True)
    assert _find(db, "quach") == ["Quách Tĩnh"]
    assert len(asked) == 1  # it was there to ask, and the sample said no


def test_the_migrations_end_at_the_schema_version():
    assert max(migrations.MIGRATIONS) == migrations.SCHEMA_VERSION


@pytest.mark.parametrize("script", ["open_database", "reference_schema"])
def test_any_new_file_gets_the_index(tmp_path, script):
    """In a fresh process that never imported the search index itself: a new data file, and the schema
    ``check`` compares files with, both hold it."""
    code = {
        "open_database": (
            "import sys, sqlite3\n"
            "from emulation_desktop.storage.database import open_database\n"
            "open_database(sys.argv[1]).close()\n"
            "c = sqlite3.connect(sys.argv[1] + '/emulation.sqlite3')\n"
            "print(sorted(r[0] for r in c.execute(\"SELECT name FROM sqlite_master WHERE name LIKE '%\\\\_search' "
            "ESCAPE '\\\\'\")))\n"
        ),
        "reference_schema": (
            "from emulation_desktop.storage import schema\n"
            "print(sorted(n for k, n in schema.reference_schema() if n.endswith('_search')))\n"
        ),
    }[script]
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == str(sorted(f"{t}_search" for t in search_index.searched_tables()))
