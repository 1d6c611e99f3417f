"""Property tests: whatever bytes arrive, import gives a plan or one of our typed errors, never another
exception. Random bytes, a real package with bytes flipped, cut or inserted, and authentic (re-signed)
packages whose JSON was mutated, so that the checks behind the signature are exercised too; among them
a cluster head's package, so that every member is covered (the criteria set and the self-scores too).
Last, random Unicode in every text field of an authentic package: the dry run and the import agree."""

from __future__ import annotations

import copy
import functools
import json
import os
import shutil
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from emulation_desktop import paths
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package, refused_rows
from emulation_desktop.operations import structure
from emulation_desktop.review import scores
from emulation_desktop.review.criteria import create_criteria_set, load_set
from emulation_desktop.storage.database import open_database

from .conftest import CRITERIA_GROUPS, YEAR, Source, make_installation, resign, rezip, unzip

FAST = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def receiver(tmp_path_factory, source):
    db = make_installation(tmp_path_factory.mktemp("receiver"), [])
    keys.trust_card(db, keys.read_card(source.card))
    yield db
    db.close()


def _cluster(db, *, criteria: bool) -> None:
    structure.add_cluster(db, "T-CUM", "Cụm thử", "01")
    structure.set_cluster_member(db, "T-CUM", "017", YEAR, "head")
    if criteria:
        groups = copy.deepcopy(CRITERIA_GROUPS)
        groups[0]["criteria"][1]["target_value"] = 3  # a target too, for the mutations to reach
        create_criteria_set(db, "T-CUM", YEAR, "Bảng tiêu chí 2022", groups, note="Ghi chú")


@pytest.fixture(scope="module")
def head(tmp_path_factory):
    """017 as the cluster head: its package carries a criteria set and its own self-scores."""
    folder = tmp_path_factory.mktemp("head")
    db = make_installation(folder, ["017"])
    _cluster(db, criteria=True)
    with db.session() as session:
        criteria = load_set(session, "T-CUM", YEAR).criteria
    scores.set_scores(db, "self", "017", [{"criterion_id": c.id, "points": 1} for c in criteria])
    card = keys.card_bytes(keys.key_card(db))
    yield Source(folder, db, {}, card, build_package(db, "017", YEAR).data)
    db.close()


@pytest.fixture(scope="module")
def member(tmp_path_factory, head):
    db = make_installation(tmp_path_factory.mktemp("member"), [])
    _cluster(db, criteria=False)
    keys.trust_card(db, keys.read_card(head.card))
    yield db
    db.close()


def _outcome(db, data: bytes) -> None:
    try:
        plan = import_package(db, data, dry_run=True)
    except InputError as exc:  # PackageRejected and the other refusals: all InputError with a message
        assert exc.message
        return
    assert plan.status in ("planned", "unchanged")


@st.composite
def mutated_zip(draw, package: bytes) -> bytes:
    data = bytearray(package)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif data:
            del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


def _resigned(source, members: dict[str, bytes]) -> bytes:
    return rezip(resign(members, source.folder))


@st.composite
def mutated_member(draw, source) -> bytes:
    """An authentic package (hashes and signature made again) with one member's bytes damaged."""
    members = unzip(source.package)
    name = draw(st.sampled_from(sorted(set(members) - {pf.SIGNATURE})))
    content = bytearray(members[name])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(content) - 1, 0)))
        if content and draw(st.booleans()):
            content[at] = draw(st.sampled_from(b'{}[],:"0123456789-eE.ntfaNI \\u'))
        else:
            content[at:at] = draw(
                st.sampled_from([b"NaN", b'"x":1,', b"[", b"}", b"1e999", b'"\\ud800"', b"\xff"])
            )
    members[name] = bytes(content)
    if name == pf.MANIFEST:
        return rezip({**members, pf.SIGNATURE: keys.sign(source.folder, members[name])})
    return _resigned(source, members)


@functools.cache
def _record_members_with_rows(package: bytes) -> list[str]:
    members = unzip(package)
    return [n for n in sorted(members) if n.startswith(pf.RECORDS_PREFIX) and json.loads(members[n])["rows"]]


@st.composite
def mutated_value(draw, source) -> bytes:
    """An authentic package where one value of one record, or of the structure, is replaced."""
    members = unzip(source.package)
    names = _record_members_with_rows(source.package)
    name = draw(st.sampled_from([*names, pf.STRUCTURE, pf.TOMBSTONES]))
    content = json.loads(members[name])
    value = draw(json_values)
    if name == pf.STRUCTURE:
        target = draw(st.sampled_from([content["unit"], *content["places"]]))
        target[draw(st.sampled_from(sorted(target)))] = value
    elif name == pf.TOMBSTONES:
        content.append({"kind": draw(st.sampled_from(["donation", "x"])), "id": value, "version": 1})
    else:
        row = draw(st.sampled_from(content["rows"]))
        row[draw(st.integers(0, len(row) - 1))] = value
    members[name] = json.dumps(content, ensure_ascii=False).encode("utf-8")
    return _resigned(source, members)


@FAST
@given(data=st.binary(max_size=2048))
def test_random_bytes(receiver, data):
    _outcome(receiver, data)


@FAST
@given(data=st.data())
def test_mutated_real_packages(receiver, source, data):
    _outcome(receiver, data.draw(mutated_zip(source.package)))


@FAST
@given(data=st.data())
def test_authentic_packages_with_damaged_json(receiver, source, data):
    _outcome(receiver, data.draw(mutated_member(source)))


@FAST
@given(data=st.data())
def test_authentic_packages_with_odd_values(receiver, source, data):
    _outcome(receiver, data.draw(mutated_value(source)))


@st.composite
def mutated_set(draw, source) -> bytes:
    """An authentic head's package where one value of the criteria set (the set, a group or a
    criterion) is replaced, or a key is added or dropped."""
    members = unzip(source.package)
    content = json.loads(members[pf.CRITERIA_SETS])
    entry = content["rows"][0]
    target = draw(st.sampled_from([content, entry, *entry["groups"], *entry["criteria"]]))
    action = draw(st.sampled_from(["replace", "replace", "replace", "add", "drop"]))
    if action == "replace":
        target[draw(st.sampled_from(sorted(target)))] = draw(json_values)
    elif action == "add":
        target[draw(st.text(max_size=8))] = draw(json_values)
    else:
        target.pop(draw(st.sampled_from(sorted(target))))
    members[pf.CRITERIA_SETS] = json.dumps(content, ensure_ascii=False).encode("utf-8")
    return _resigned(source, members)


def test_the_heads_package_imports_whole(member, head):
    plan = import_package(member, head.package, dry_run=True)
    assert (plan.new["criteria_set"], plan.new["self_score"], plan.rejected) == (1, 3, [])


@FAST
@given(data=st.data())
def test_heads_packages_with_damaged_members(member, head, data):
    _outcome(member, data.draw(st.one_of(mutated_zip(head.package), mutated_member(head))))


@FAST
@given(data=st.data())
def test_heads_packages_with_odd_criteria_values(member, head, data):
    _outcome(member, data.draw(mutated_set(head)))


@FAST
@given(data=st.binary(max_size=1024))
def test_random_key_cards(data):
    try:
        keys.read_card(data)
    except keys.KeyRejected as exc:
        assert exc.message


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_many_more_mutations(receiver, source, data):
    strategy = st.one_of(mutated_zip(source.package), mutated_member(source), mutated_value(source))
    _outcome(receiver, data.draw(strategy))


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_many_more_criteria_mutations(member, head, data):
    _outcome(member, data.draw(st.one_of(mutated_member(head), mutated_set(head))))


# ------------------------------------------------ random Unicode: the dry run and the import agree

# Each example makes a fresh copy of the receiving data file and imports twice (a dry run, then for
# real), about ten times the work of the other examples: a tenth of their count keeps CI under a minute
# (EMULATION_FUZZ_EXAMPLES is 2.000 in CI, 20.000 with --slow); each example changes several fields.
UNICODE_EXAMPLES = max(50, int(os.environ.get("EMULATION_FUZZ_EXAMPLES", "2000")) // 10)

ODD_CHARACTERS = [
    "\x00",  # NUL
    "\ud800",  # a lone surrogate (high)
    "\udfff",  # a lone surrogate (low)
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u0301",  # combining acute
    "\u0323",  # combining dot below
    "e\u0302\u0301",  # ế, decomposed
    "\U0001f1fb\U0001f1f3",  # a flag
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family (zero-width joiners)
    "\u2028",  # line separator
    "\ufeff",  # byte order mark
    "Đông Anh",
]
odd_text = st.lists(
    st.one_of(st.characters(exclude_categories=()), st.sampled_from(ODD_CHARACTERS)), max_size=12
).map("".join)


@functools.cache
def _text_places(package: bytes) -> list[tuple[str, ...]]:
    """Every text field of the package: (member, row, column) of records, (structure, unit, key), and
    the manifest's unit name."""
    members = unzip(package)
    places: list[tuple[str, ...]] = [(pf.MANIFEST, "unit_name")]
    structure = json.loads(members[pf.STRUCTURE])
    for index in range(1 + len(structure["places"])):
        places.extend((pf.STRUCTURE, str(index), key) for key in ("name", "unit_type", "place_name"))
    for name, kind_name in pf.RECORD_MEMBERS.items():
        content = json.loads(members.get(name, b'{"rows": []}'))
        texts = ["updated_by", *(f.name for f in KINDS[kind_name].fields if f.kind in ("text", "longtext"))]
        for row in range(len(content["rows"])):
            places.extend((name, str(row), column) for column in texts)
    return places


@st.composite
def unicode_package(draw, source) -> bytes:
    """The source's package, authentic (hashes and signature made again), with random Unicode in a few
    of its text fields. Members are written as ASCII JSON so that a lone surrogate travels as the
    escape it would be in a hostile package."""
    members = unzip(source.package)
    contents = {n: json.loads(d) for n, d in members.items() if n not in (pf.MANIFEST, pf.SIGNATURE)}
    manifest = json.loads(members[pf.MANIFEST])
    places = _text_places(source.package)
    for place in draw(st.lists(st.sampled_from(places), min_size=1, max_size=6, unique=True)):
        text = draw(odd_text)
        if place[0] == pf.MANIFEST:
            manifest["unit_name"] = text
        elif place[0] == pf.STRUCTURE:
            structure = contents[pf.STRUCTURE]
            index = int(place[1])
            (structure["unit"] if index == 0 else structure["places"][index - 1])[place[2]] = text
        else:
            content = contents[place[0]]
            content["rows"][int(place[1])][content["columns"].index(place[2])] = text
    changed = {n: json.dumps(c).encode("ascii") for n, c in contents.items()}
    signed = resign({**members, **changed}, source.folder)
    manifest["members"] = json.loads(signed[pf.MANIFEST])["members"]
    manifest_bytes = json.dumps(manifest).encode("ascii")
    return rezip(
        {**signed, pf.MANIFEST: manifest_bytes, pf.SIGNATURE: keys.sign(source.folder, manifest_bytes)}
    )


@pytest.fixture(scope="module")
def receiver_file(tmp_path_factory, source):
    """The receiving office's data file, trusting the source, made once and copied for each example."""
    folder = tmp_path_factory.mktemp("unicode-template")
    db = make_installation(folder, [])
    keys.trust_card(db, keys.read_card(source.card))
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return paths.database_path(folder)


def _outcome_of(run) -> tuple:
    try:
        plan = run()
    except InputError as exc:
        return ("refused", exc.message)
    if plan.rejected:
        return ("refused", refused_rows(plan).message)
    return ("taken", plan.counts(), [s.as_json() for s in plan.skipped])


def _stored_text(db_path) -> list[str]:
    """Every text value of the records and units stored."""
    connection = sqlite3.connect(db_path)
    try:
        values: list[str] = []
        for table in ["unit", *(kind.model.__tablename__ for kind in KINDS.values())]:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                values.extend(v for v in row if isinstance(v, str))
        return values
    finally:
        connection.close()


@settings(max_examples=UNICODE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_odd_unicode_the_dry_run_and_the_import_agree(source, receiver_file, tmp_path_factory, data):
    package = data.draw(unicode_package(source))
    folder = tmp_path_factory.mktemp("unicode", numbered=True)
    shutil.copyfile(receiver_file, paths.database_path(folder))
    db = open_database(folder)
    try:
        checked = _outcome_of(lambda: import_package(db, package, dry_run=True))
        imported = _outcome_of(lambda: import_package(db, package, backup=False))
    finally:
        db.close()
    event(checked[0])  # both outcomes must be common: see --hypothesis-show-statistics
    assert checked == imported
    assert all(unicodedata.is_normalized("NFC", v) for v in _stored_text(paths.database_path(folder)))
    shutil.rmtree(folder)
