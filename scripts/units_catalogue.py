"""Regenerate the official list of administrative units in ``resources/units/`` (``docs/units.md``).

Run it in a scratch virtual environment where the source package is installed, never in the app's own
environment (the package pulls in shapely, geopy and numpy, which the app does not need)::

    python3.11 -m venv /tmp/units-venv
    /tmp/units-venv/bin/pip install vietnamadminunits==1.0.4
    /tmp/units-venv/bin/python scripts/units_catalogue.py          # writes the two files
    /tmp/units-venv/bin/python scripts/units_catalogue.py --check  # exit 1 if they would change

The data are read from the package's files (``data/dataset.db``, ``data/converter_2025.json``) without
importing the package. Two files, keyed by the GSO codes, with the same header:

- ``catalogue.json``: the list in force since 1 July 2025 (Quyết định 19/2025/QĐ-TTg), 34 provinces and
  3,321 communes, wards and special zones with no district level; and the corrections history. It is
  what the app needs first, and loads in a few milliseconds.
- ``catalogue-before-2025.json``: the list in force until 30 June 2025 (63 provinces, 696 districts,
  10,035 communes) and the 2025 arrangement (which old communes, whole or in part, form each new one).
  Only old years and conversions need it.

The output is deterministic: a re-run with the same package version leaves both files byte for byte the
same, including the date, which changes only when the data do. A code that disappears from a list since
the committed catalogue stops the run unless it is declared in ``CODE_CORRECTIONS`` (the same unit
under a corrected code) or in ``WITHDRAWN`` (a unit really abolished): a corrected code must reach the
offices as a correction of the same unit, never as a second unit. A name change under the same code is
recorded as a correction by itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "units"
CURRENT_FILE = FOLDER / "catalogue.json"
HISTORY_FILE = FOLDER / "catalogue-before-2025.json"

PACKAGE = "vietnamadminunits"
PACKAGE_VERSION = "1.0.4"
PACKAGE_URL = "https://github.com/tranngocminhhieu/vietnamadminunits"
FORMAT = "emulation-desktop/units-catalogue"
FORMAT_VERSION = 1

# The counts of the official lists; a package release that changes them needs a conscious decision.
EXPECTED = {
    "provinces_2025": 34,
    "communes_2025": 3321,
    "hanoi_communes_2025": 126,
    "provinces_before": 63,
    "districts_before": 696,
    "communes_before": 10035,
    "hanoi_districts_before": 30,
    "hanoi_communes_before": 526,
}
HANOI = "01"
TYPES_2025 = {"Xã", "Phường", "Đặc khu"}
TYPES_COMMUNE_BEFORE = {"Xã", "Phường", "Thị trấn"}
TYPES_DISTRICT_BEFORE = {"Quận", "Huyện", "Thị xã", "Thành phố"}

# Code corrections, appended and never rewritten. Each: the catalogue version that brings it, the list
# ("current" or "before_2025"), the level ("province", "district" or "commune"), the code the offices may
# hold, the corrected code, the corrected name (None when unchanged), the reason and the text it rests
# on. Example: {"version": 2, "list": "current", "level": "commune", "code": "06970", "new_code": "06978",
# "new_name": None, "reason": "...", "basis": "Quyết định 19/2025/QĐ-TTg, Phụ lục ..."}.
CODE_CORRECTIONS: tuple[dict[str, Any], ...] = ()
# Codes abolished for real by a later resolution: {"version", "list", "level", "code", "basis"}.
WITHDRAWN: tuple[dict[str, Any], ...] = ()

Table = dict[str, list[str]]


def package_dir() -> Path:
    """The package's folder, found without importing it (its ``__init__`` imports shapely and geopy)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{PACKAGE} is not installed here: pip install {PACKAGE}=={PACKAGE_VERSION}")
    return Path(next(iter(spec.submodule_search_locations)))


def package_licence() -> str:
    dist = importlib.metadata.distribution(PACKAGE)
    for file in dist.files or ():
        if file.name.upper().startswith("LICENSE"):
            return Path(str(dist.locate_file(file))).read_text(encoding="utf-8").strip()
    sys.exit(f"no LICENSE file found in the {PACKAGE} distribution")


def clean(name: str) -> str:
    """NFC, trimmed, single spaces: the package's names already are, and this checks they stay so."""
    tidy = " ".join(unicodedata.normalize("NFC", name).split())
    if tidy != name:
        raise ValueError(f"name not in canonical form: {name!r}")
    return tidy


def typed(code: str, name: str, given: str | None, allowed: set[str], fixes: list[list[str]]) -> list[str]:
    """The name with its type's usual capitals, and the type, read from the name (an official name starts
    with it). The package's type column disagrees with the name for a few units (10543 "Phường Việt Hòa"
    typed Xã; "Thị Trấn Óc Eo"): the name is right there (the 2025 list agrees, and so does
    vietnam-provinces), so the name decides, and each fix is recorded in the file."""
    for kind in sorted(allowed, key=len, reverse=True):
        if name.casefold().startswith(kind.casefold() + " "):
            fixed = kind + name[len(kind) :]
            if fixed != name or kind != given:
                fixes.append([code, f"{name} ({given})", f"{fixed} ({kind})"])
            return [fixed, kind]
    raise ValueError(f"unit {code} {name!r}: its name starts with none of {sorted(allowed)}")


def check_code(code: str, digits: int) -> str:
    if len(code) != digits or not code.isdigit():
        raise ValueError(f"bad code {code!r}, expected {digits} digits")
    return code


def put(table: Table, code: str, row: list[str], what: str) -> None:
    if table.setdefault(code, row) != row:
        raise ValueError(f"{what} {code} differs between rows: {table[code]} / {row}")


def read_lists(db_path: Path) -> dict[str, Any]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        rows_2025 = conn.execute(
            "SELECT DISTINCT provinceCode, province, wardCode, ward, wardType, provinceKey, wardKey "
            "FROM admin_units"
        ).fetchall()
        rows_before = conn.execute(
            "SELECT DISTINCT provinceCode, province, districtCode, district, districtType, wardCode, ward, "
            "wardType, provinceKey, districtKey, wardKey FROM admin_units_legacy"
        ).fetchall()

    fixes_2025: list[list[str]] = []
    provinces_2025: Table = {}
    communes_2025: Table = {}
    new_by_key: dict[tuple[str, str], str] = {}
    for p_code, p_name, code, name, kind, p_key, w_key in rows_2025:
        put(provinces_2025, check_code(p_code, 2), [clean(p_name)], "province")
        if check_code(code, 5) in communes_2025:
            raise ValueError(f"duplicate code {code} in the 2025 list")
        communes_2025[code] = [*typed(code, clean(name), kind, TYPES_2025, fixes_2025), p_code]
        new_by_key[(p_key, w_key)] = code

    fixes_before: list[list[str]] = []
    provinces_before: Table = {}
    districts_before: Table = {}
    communes_before: Table = {}
    old_by_key: dict[str, tuple[str, str]] = {}  # "province_district_ward" -> ("c" | "d", code)
    for p_code, p_name, d_code, d_name, d_kind, code, name, kind, p_key, d_key, w_key in rows_before:
        put(provinces_before, check_code(p_code, 2), [clean(p_name)], "province")
        district = [*typed(d_code, clean(d_name), d_kind, TYPES_DISTRICT_BEFORE, fixes_before), p_code]
        put(districts_before, check_code(d_code, 3), district, "district")
        # An island district without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo).
        if code is None:
            old_by_key[f"{p_key}_{d_key}_"] = ("d", d_code)
            continue
        commune = [*typed(code, clean(name), kind, TYPES_COMMUNE_BEFORE, fixes_before), d_code]
        put(communes_before, check_code(code, 5), commune, "commune")
        old_by_key[f"{p_key}_{d_key}_{w_key}"] = ("c", code)
    return {
        "provinces_2025": provinces_2025,
        "communes_2025": communes_2025,
        "provinces_before": provinces_before,
        "districts_before": districts_before,
        "communes_before": communes_before,
        "new_by_key": new_by_key,
        "old_by_key": old_by_key,
        "fixes_2025": sorted(map(list, {tuple(f) for f in fixes_2025})),
        "fixes_before": sorted(map(list, {tuple(f) for f in fixes_before})),
    }


def read_changes(converter_path: Path, lists: dict[str, Any]) -> dict[str, Any]:
    """Who formed whom on 1 July 2025: per new unit, the old communes taken whole and those taken in part;
    for each old commune split between several new units, the one the package suggests by default."""
    data = json.loads(converter_path.read_text(encoding="utf-8"))
    new_by_key, old_by_key = lists["new_by_key"], lists["old_by_key"]
    whole: dict[str, set[str]] = defaultdict(set)
    part: dict[str, set[str]] = defaultdict(set)
    districts: dict[str, str] = {}
    suggested: dict[str, str] = {}
    for p_key, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, old_keys in wards.items():
            new = new_by_key[(p_key, w_key)]
            for old_key in old_keys:
                level, old = old_by_key[old_key]
                if level == "d":
                    districts[old] = new
                else:
                    whole[new].add(old)
    for p_key, splits in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in splits.items():
            level, old = old_by_key[old_key]
            defaults = [t for t in targets if t["isDefaultNewWard"]]
            if level != "c" or len(targets) < 2 or len(defaults) != 1:
                raise ValueError(f"unexpected split entry {old_key}: {targets}")
            for target in targets:
                part[new_by_key[(p_key, target["newWardKey"])]].add(old)
            suggested[old] = new_by_key[(p_key, defaults[0]["newWardKey"])]

    whole_olds = {o for olds in whole.values() for o in olds}
    if set(suggested) & whole_olds:
        raise ValueError(f"communes both whole and split: {sorted(set(suggested) & whole_olds)[:5]}")
    unmapped = set(lists["communes_before"]) - whole_olds - set(suggested)
    if unmapped:
        raise ValueError(f"old communes without a 2025 unit: {sorted(unmapped)[:10]}")
    formed = set(whole) | set(part) | set(districts.values())
    if formed != set(lists["communes_2025"]):
        raise ValueError(f"2025 units formed from nothing: {sorted(set(lists['communes_2025']) - formed)}")

    rows = [[new, sorted(whole.get(new, ())), sorted(part.get(new, ()))] for new in sorted(formed)]
    district_of, new_province = lists["communes_before"], lists["communes_2025"]
    pairs = {
        (lists["districts_before"][district_of[old][2]][2], new_province[new][2])
        for new, olds, parts in rows
        for old in olds + parts
    }
    pairs |= {(lists["districts_before"][d][2], new_province[n][2]) for d, n in districts.items()}
    return {
        "communes": rows,
        "districts": sorted([d, n] for d, n in districts.items()),
        "split_suggested": sorted([o, n] for o, n in suggested.items()),
        "provinces": sorted([o, n] for o, n in pairs),
    }


def check_counts(lists: dict[str, Any]) -> dict[str, int]:
    districts = lists["districts_before"]
    counts = {
        "provinces_2025": len(lists["provinces_2025"]),
        "communes_2025": len(lists["communes_2025"]),
        "hanoi_communes_2025": sum(1 for c in lists["communes_2025"].values() if c[2] == HANOI),
        "provinces_before": len(lists["provinces_before"]),
        "districts_before": len(districts),
        "communes_before": len(lists["communes_before"]),
        "hanoi_districts_before": sum(1 for d in districts.values() if d[2] == HANOI),
        "hanoi_communes_before": sum(
            1 for c in lists["communes_before"].values() if districts[c[2]][2] == HANOI
        ),
    }
    wrong = {k: (v, EXPECTED[k]) for k, v in counts.items() if v != EXPECTED[k]}
    if wrong:
        raise ValueError(f"counts differ from the official lists (found, expected): {wrong}")
    return counts


def table(rows: Table) -> list[list[str]]:
    return [[code, *row] for code, row in sorted(rows.items())]


def new_corrections(
    previous: dict[str, dict[str, Any]], bodies: dict[str, dict[str, Any]], version: int
) -> list:
    """This version's corrections: the declared code corrections, and the name changes under an unchanged
    code, found by comparing with the committed files. Refuses a code gone from a list that is neither
    corrected nor withdrawn."""
    declared = [dict(c) for c in CODE_CORRECTIONS if c["version"] == version]
    found: list[dict[str, Any]] = []
    for key, (list_name, levels) in {
        "current": ("current", ("provinces", "communes")),
        "history": ("before_2025", ("provinces", "districts", "communes")),
    }.items():
        if key not in previous:
            continue
        for level in levels:
            before = {row[0]: row[1] for row in previous[key][list_name][level]}
            now = {row[0]: row[1] for row in bodies[key][list_name][level]}
            singular = level.removesuffix("s")
            handled = {
                c["code"]
                for c in (*declared, *(w for w in WITHDRAWN if w["version"] == version))
                if c["list"] == list_name and c["level"] == singular
            }
            gone = sorted(set(before) - set(now) - handled)
            if gone:
                raise ValueError(
                    f"{list_name} {level}: codes gone {gone}. Declare each in CODE_CORRECTIONS (the same unit "
                    "under a corrected code) or in WITHDRAWN (abolished by a later resolution)."
                )
            found += [
                {
                    "version": version,
                    "list": list_name,
                    "level": singular,
                    "code": code,
                    "new_code": None,
                    "new_name": now[code],
                    "reason": f"name corrected (was: {before[code]})",
                    "basis": f"{PACKAGE} {PACKAGE_VERSION}",
                }
                for code in sorted(set(before) & set(now))
                if before[code] != now[code]
            ]
    return found + declared


def header(version: int, generated: str, licence: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "catalogue_version": version,
        "generated": generated,
        "generator": "scripts/units_catalogue.py",
        "source": {
            "package": PACKAGE,
            "version": PACKAGE_VERSION,
            "url": PACKAGE_URL,
            "files": ["data/dataset.db", "data/converter_2025.json"],
            "licence": "MIT",
            "licence_text": licence,
        },
    }


def build(today: dt.date) -> dict[Path, dict[str, Any]]:
    folder = package_dir()
    installed = importlib.metadata.version(PACKAGE)
    if installed != PACKAGE_VERSION:
        sys.exit(f"{PACKAGE} {installed} is installed; this script reads {PACKAGE_VERSION} (update both)")
    lists = read_lists(folder / "data" / "dataset.db")
    changes = read_changes(folder / "data" / "converter_2025.json", lists)
    counts = check_counts(lists)

    bodies: dict[str, dict[str, Any]] = {
        "current": {
            "columns": {
                "current.provinces": ["code", "name"],
                "current.communes": ["code", "name", "type", "province"],
                "source_fixes": ["code", "in the package (type)", "in this file (type)"],
                "corrections": [
                    "version",
                    "list",
                    "level",
                    "code",
                    "new_code",
                    "new_name",
                    "reason",
                    "basis",
                ],
            },
            "counts": {k: v for k, v in counts.items() if k.endswith("_2025")},
            "current": {
                "in_force_from": "2025-07-01",
                "basis": "Quyết định 19/2025/QĐ-TTg; the Standing Committee's resolutions on the 2025 arrangement",
                "provinces": table(lists["provinces_2025"]),
                "communes": table(lists["communes_2025"]),
            },
            "source_fixes": lists["fixes_2025"],
        },
        "history": {
            "columns": {
                "before_2025.provinces": ["code", "name"],
                "before_2025.districts": ["code", "name", "type", "province"],
                "before_2025.communes": ["code", "name", "type", "district"],
                "changes_2025.communes": [
                    "new code",
                    "old communes taken whole",
                    "old communes taken in part",
                ],
                "changes_2025.districts": ["old district without communes", "new code"],
                "changes_2025.split_suggested": ["old commune split", "new code the package suggests"],
                "changes_2025.provinces": ["old province", "new province"],
                "source_fixes": ["code", "in the package (type)", "in this file (type)"],
            },
            "counts": {k: v for k, v in counts.items() if k.endswith("_before")},
            "before_2025": {
                "in_force_until": "2025-06-30",
                "basis": "the GSO list as last amended before 1 July 2025",
                "provinces": table(lists["provinces_before"]),
                "districts": table(lists["districts_before"]),
                "communes": table(lists["communes_before"]),
            },
            "changes_2025": changes,
            "source_fixes": lists["fixes_before"],
        },
    }
    files = {"current": CURRENT_FILE, "history": HISTORY_FILE}
    previous = {k: json.loads(p.read_text(encoding="utf-8")) for k, p in files.items() if p.exists()}
    unchanged = len(previous) == 2 and all(
        previous[k].get(field) == value for k, body in bodies.items() for field, value in body.items()
    )
    last = previous.get("current")
    if unchanged and last is not None:
        version, generated, corrections = last["catalogue_version"], last["generated"], last["corrections"]
    else:
        version = last["catalogue_version"] + 1 if last else 1
        generated = today.isoformat()
        corrections = (last["corrections"] if last else []) + new_corrections(previous, bodies, version)
    head = header(version, generated, package_licence())
    return {
        CURRENT_FILE: {**head, "corrections": corrections, **bodies["current"]},
        HISTORY_FILE: {**head, **bodies["history"]},
    }


def dump(document: dict[str, Any]) -> str:
    """Sorted keys, one table row per line: small, stable and readable in a diff."""

    def encode(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def block(value: Any, indent: str) -> str:
        inner = indent + "  "
        if isinstance(value, dict) and value:
            items = [f"{inner}{encode(k)}: {block(v, inner)}" for k, v in sorted(value.items())]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        if isinstance(value, list) and value and all(isinstance(v, list | dict) for v in value):
            return "[\n" + ",\n".join(inner + encode(v) for v in value) + "\n" + indent + "]"
        return encode(value)

    return block(document, "") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files would change")
    args = parser.parse_args(argv)
    stale = 0
    for path, document in build(dt.date.today()).items():
        text = dump(document)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        name = path.relative_to(ROOT)
        if text == old:
            print(f"{name}: {len(text.encode('utf-8')):,} bytes, unchanged")
        elif args.check:
            print(f"{name} would change")
            stale += 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"{name}: {len(text.encode('utf-8')):,} bytes, written")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
