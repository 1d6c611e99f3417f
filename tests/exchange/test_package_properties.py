"""Property tests: whatever bytes arrive, import gives a plan or one of our typed errors, never another
exception. Random bytes, a real package with bytes flipped, cut or inserted, and authentic (re-signed)
packages whose JSON was mutated, so that the checks behind the signature are exercised too; among them
a cluster head's package, so that every member is covered (the criteria set and the self-scores too)."""

from __future__ import annotations

import copy
import functools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulation_desktop.errors import InputError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.operations import structure
from emulation_desktop.review import scores
from emulation_desktop.review.criteria import create_criteria_set, load_set

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
