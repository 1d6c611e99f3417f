"""Random and mutated spreadsheets through the whole import path (read, guess columns, check rows):
each gives a preview or a typed error with a message, never another exception, and writes nothing."""

import csv
import io
import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from emulation_desktop.errors import AppError
from emulation_desktop.exchange import legacy_encodings as le
from emulation_desktop.exchange import spreadsheet_import as si

EXAMPLES = int(os.environ.get("EMULATION_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

HEADERS = ["STT", "Họ và tên", "Xã", "Hình thức hỗ trợ", "Diện hộ", "Số tiền", "Ngày", "Năm", "Ghi chú"]
CELLS = [
    "Nguyễn Văn An",
    "Xã Bắc Hồng",
    "00454",
    "Xây mới",
    "Hộ nghèo",
    "1.500.000",
    "2,28 tỷ",
    "-5",
    "15/06/2022",
    "31/02/2022",
    "2022",
    "=SUM(A1)",
    "@x",
    "\t",
    "Tổng cộng",
    "",
    None,
    1.5,
    10**20,
    le.encode_tcvn3("Hộ cận nghèo"),
    "NguyÔn V¨n An",
]


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["" if c is None else c for c in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def seed_xlsx():
    return _xlsx([HEADERS, [1, *CELLS[:8]], [2, *CELLS[8:16]]])


def _through(db, data, name):
    try:
        sheet = si.read_sheet(data, name=name)
        for kind in ("support_activity", "donation"):
            result = si.preview(db, sheet, kind, "017", year=2022)
            assert all(r.reason.strip() for r in result.rejected)
    except AppError as exc:
        assert exc.message.strip()


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["a.xlsx", "a.csv", ""]))
def test_random_bytes(db, data, name):
    _through(db, data, name)


@FUZZ
@given(st.lists(st.lists(st.sampled_from(CELLS), max_size=10), max_size=8), st.booleans())
def test_random_sheets(db, rows, as_xlsx):
    data = _xlsx([HEADERS, *rows]) if as_xlsx else _csv([HEADERS, *rows])
    _through(db, data, "a.xlsx" if as_xlsx else "a.csv")


@FUZZ
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=8))
def test_mutated_workbooks(db, seed_xlsx, seed, flips):
    rng = random.Random(seed)
    data = bytearray(seed_xlsx)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    _through(db, bytes(data), "a.xlsx")
