"""Every refusal of the command line, walked: each bad input exits 2 with a Vietnamese reason, and no
English text from the OS, SQLite or Python ("Is a directory", "UNIQUE constraint failed", "codec…")
reaches the clerk. Real processes on a real copy of the demo."""

from __future__ import annotations

import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from run_cli import cli

from emulation_desktop import paths

ENGLISH = (
    "No such file",
    "Is a directory",
    "Not a directory",
    "Permission denied",
    "Errno",
    "Traceback",
    "constraint failed",
    "malformed",
    "codec",
    "Unexpected error",
    "Lỗi ngoài dự kiến",
    "sqlite3.",
    "sqlalchemy",
    "Broken pipe",
    "is not a",
    "invalid literal",
    "File is not a zip",
)
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@pytest.fixture(scope="module")
def demo_copy(demo_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("refusals") / "data"
    folder.mkdir()
    shutil.copyfile(paths.database_path(demo_dir), paths.database_path(folder))
    return folder


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Bad files of every kind a command reads."""
    folder = tmp_path_factory.mktemp("bad-files")
    (folder / "text.txt").write_text("Không phải gói dữ liệu\n", encoding="utf-8")
    (folder / "empty.zip").write_bytes(b"")
    (folder / "garbage.zip").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with zipfile.ZipFile(folder / "not-a-package.zip", "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    (folder / "garbage.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (folder / "a-folder.zip").mkdir()
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    (folder / "backup.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"damaged" * 100)
    return folder


# (name, arguments); {f} is the bad files' folder, {missing} a folder that does not exist.
CASES = [
    ("demo: unknown unit", ["demo", "--unit", "999"]),
    ("indicators: unknown unit", ["indicators", "--unit", "999", "--year", "2022"]),
    ("indicators: unknown cluster", ["indicators", "--cluster", "NO-SUCH", "--year", "2022"]),
    ("indicators: a year that is not a number", ["indicators", "--unit", "017", "--year", "hai"]),
    ("report: unknown kind", ["report", "nope", "--unit", "017", "--year", "2022", "--out", "{f}/r.pdf"]),
    ("report: unknown unit", ["report", "annual", "--unit", "999", "--year", "2022", "--out", "{f}/r.pdf"]),
    (
        "report: no such folder",
        ["report", "annual", "--unit", "017", "--year", "2022", "--out", "{missing}/r.pdf"],
    ),
    ("report: not a PDF name", ["report", "annual", "--unit", "017", "--year", "2022", "--out", "{f}/r.txt"]),
    ("report: a folder as the file", ["report", "annual", "--unit", "017", "--year", "2022", "--out", "{f}"]),
    (
        "report: a date that does not exist",
        ["report", "annual", "--unit", "017", "--year", "2022", "--out", "{f}/r.pdf", "--date", "31/02/2022"],
    ),
    ("backup: no such folder", ["backup", "--out", "{missing}/b.sqlite3"]),
    ("restore: no such file", ["restore", "{missing}/b.sqlite3"]),
    ("restore: a folder", ["restore", "{f}/a-folder.zip"]),
    ("restore: a text file", ["restore", "{f}/text.txt"]),
    ("restore: a damaged backup", ["restore", "{f}/backup.sqlite3"]),
    ("keys trust: no such file", ["keys", "trust", "{missing}/k.json"]),
    ("keys trust: not a key card", ["keys", "trust", "{f}/bad.json"]),
    ("keys trust: a folder", ["keys", "trust", "{f}/a-folder.zip"]),
    ("export-package: unknown unit", ["export-package", "--unit", "999", "--year", "2022", "--out", "{f}"]),
    (
        "export-package: no such folder",
        ["export-package", "--unit", "017", "--year", "2022", "--out", "{missing}"],
    ),
    ("import-package: no such file", ["import-package", "{missing}/p.zip"]),
    ("import-package: a folder", ["import-package", "{f}/a-folder.zip"]),
    ("import-package: a text file", ["import-package", "{f}/text.txt"]),
    ("import-package: an empty file", ["import-package", "{f}/empty.zip"]),
    ("import-package: a damaged zip", ["import-package", "{f}/garbage.zip"]),
    ("import-package: a zip that is not a package", ["import-package", "{f}/not-a-package.zip"]),
    ("import-package --dry-run: a damaged zip", ["import-package", "--dry-run", "{f}/garbage.zip"]),
    ("export-list: unknown kind", ["export-list", "--kind", "nope", "--unit", "017", "--out", "{f}/l.xlsx"]),
    (
        "export-list: unknown unit",
        ["export-list", "--kind", "support_activity", "--unit", "999", "--out", "{f}/l.xlsx"],
    ),
    (
        "export-list: no such folder",
        ["export-list", "--kind", "support_activity", "--unit", "017", "--out", "{missing}/l.xlsx"],
    ),
    ("import-list: no such file", ["import-list", "{missing}/l.xlsx", "--kind", "donation", "--unit", "017"]),
    ("import-list: a folder", ["import-list", "{f}/a-folder.zip", "--kind", "donation", "--unit", "017"]),
    (
        "import-list: a damaged workbook",
        ["import-list", "{f}/garbage.xlsx", "--kind", "donation", "--unit", "017"],
    ),
    ("import-list: unknown unit", ["import-list", "{f}/text.txt", "--kind", "donation", "--unit", "999"]),
    ("review: unknown cluster", ["review", "--cluster", "NO-SUCH", "--year", "2022"]),
    ("catalogue: unknown province", ["catalogue", "--province", "99"]),
    ("manual: no such folder", ["manual", "--out", "{missing}/m.pdf"]),
    ("an unknown command", ["nope"]),
]


@pytest.fixture(scope="module")
def outcomes(demo_copy, files, tmp_path_factory):
    """Every case run once, four processes at a time (each is a whole start of the program)."""
    missing = tmp_path_factory.mktemp("missing") / "no-such-folder"

    def run(case):
        name, arguments = case
        return name, cli(*[a.format(f=files, missing=missing) for a in arguments], data_dir=demo_copy)

    # A restore takes the data folder's lock: those run one by one, so none is refused for the
    # lock another holds instead of for its own bad file.
    together = [case for case in CASES if case[1][0] != "restore"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = dict(pool.map(run, together))
    done.update(run(case) for case in CASES if case[1][0] == "restore")
    return done


@pytest.mark.parametrize("name", [name for name, _ in CASES])
def test_every_refusal_exits_2_with_a_vietnamese_reason(outcomes, name):
    done = outcomes[name]
    said = done.stderr.strip()
    assert done.returncode == 2, f"{name}: exit {done.returncode}\n{said}"
    assert said, name
    assert VIETNAMESE & set(said.lower()), f"{name}: not Vietnamese: {said}"
    leaked = [text for text in ENGLISH if text.lower() in said.lower()]
    assert not leaked, f"{name}: {leaked} in {said}"
