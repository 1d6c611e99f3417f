"""A file that cannot be read is explained in Vietnamese, from the real errors the OS raises."""

from __future__ import annotations

import pytest

from emulation_desktop.domain.file_messages import unreadable
from emulation_desktop.locale.i18n import set_language


@pytest.fixture(autouse=True)
def _vietnamese():
    set_language("vi")


def raised(path):
    try:
        path.read_bytes()
    except OSError as exc:
        return exc
    raise AssertionError("it was read")


def test_a_missing_file_and_a_folder(tmp_path):
    missing = unreadable(tmp_path / "goi.zip", raised(tmp_path / "goi.zip"))
    assert missing == "Không đọc được tệp “goi.zip”: không có tệp này (hãy xem lại tên tệp và ổ đĩa chứa tệp)"
    folder = tmp_path / "USB"
    folder.mkdir()
    assert unreadable(folder, raised(folder)).endswith("đây là một thư mục, không phải một tệp")
    (tmp_path / "a-file").write_text("x")
    below_a_file = tmp_path / "a-file" / "goi.zip"
    assert unreadable(below_a_file, raised(below_a_file)).endswith(
        "một phần của đường dẫn là tệp, không phải thư mục"
    )


def test_no_english_from_the_os(tmp_path):
    text = unreadable(tmp_path / "x.xlsx", raised(tmp_path / "x.xlsx"))
    assert "No such file" not in text and "Errno" not in text
