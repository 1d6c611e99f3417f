"""Which column of a clerk's list holds which field, and which code a cell's words stand for: from
Vietnamese or English headers and values, with or without diacritics (the clerk can override it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from emulation_desktop.domain.labels import CHOICE_LABELS
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.domain.text import fold
from emulation_desktop.locale.i18n import gettext_in

# Header words clerks use, folded (no diacritics, lower case), per field; labels are added from the catalog.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "support_activity": {
        "year": ("nam",),
        "kind": ("loai ho tro", "hinh thuc ho tro", "noi dung ho tro", "loai", "hinh thuc", "noi dung"),
        "commune_id": ("xa", "xa/thi tran", "xa, thi tran", "xa thi tran", "dia ban", "don vi", "xa/phuong"),
        "beneficiary": (
            "ho ten",
            "nguoi nhan",
            "ho nhan ho tro",
            "ten ho",
            "doi tuong nhan",
            "ho va ten",
            "chu ho",
        ),
        "household_category": ("doi tuong", "dien", "phan loai ho", "loai ho", "dien ho"),
        "activity_date": ("ngay", "ngay thuc hien", "ngay ho tro", "ngay trao", "thoi gian"),
        "value_vnd": (
            "so tien",
            "gia tri",
            "kinh phi",
            "thanh tien",
            "tri gia",
            "so tien (dong)",
            "gia tri (dong)",
        ),
        "funding_source": ("nguon", "nguon kinh phi", "nguon von", "nguon ho tro"),
        "note": ("ghi chu",),
    },
    "donation": {
        "year": ("nam",),
        "fund_code": ("quy", "ten quy", "loai quy"),
        "commune_id": ("xa", "xa/thi tran", "xa, thi tran", "xa thi tran", "dia ban", "xa/phuong"),
        "donor": (
            "nguoi ung ho",
            "don vi ung ho",
            "ten",
            "ho ten",
            "ca nhan, don vi",
            "to chuc, ca nhan",
            "ho va ten",
        ),
        "donation_date": ("ngay", "ngay ung ho", "thoi gian"),
        "amount_vnd": ("so tien", "so tien ung ho", "gia tri", "so tien (dong)"),
        "note": ("ghi chu",),
    },
}
# Words for coded values, folded; the longest match wins ("can ngheo" before "ngheo").
VALUE_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "kind": {
        "house_new": ("xay moi", "lam moi", "xay dung moi", "nha moi"),
        "house_repair": ("sua chua", "sua nha", "cai tao"),
        "student": ("hoc sinh", "hoc bong", "sinh vien"),
        "production": ("san xuat", "sinh ke", "giong", "von"),
        "health": ("y te", "kham chua benh", "kham benh", "bao hiem y te", "suc khoe"),
        "gift": ("qua", "tang qua", "tet"),
        "other": ("khac",),
    },
    "household_category": {
        "poor": ("ngheo", "ho ngheo"),
        "near_poor": ("can ngheo", "ho can ngheo"),
        "policy": ("chinh sach", "gia dinh chinh sach", "nguoi co cong", "thuong binh", "liet si"),
        "hardship": ("kho khan", "dac biet kho khan", "hoan canh kho khan"),
        "other": ("khac",),
    },
    "fund_code": {
        "sea_islands": ("bien dao", "bien, dao", "quy bien dao", "truong sa"),
        "for_the_poor": ("vi nguoi ngheo", "nguoi ngheo", "ngheo"),
    },
}


def _candidates(kind: RecordKind) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for f in kind.fields:
        options = [fold(gettext_in("vi", f.label)), fold(f.label), fold(f.name.replace("_", " "))]
        options.extend(SYNONYMS.get(kind.name, {}).get(f.name, ()))
        words[f.name] = [o for o in dict.fromkeys(options) if o]
    return words


def guess_mapping(kind_name: str, headers: Sequence[str]) -> dict[int, str]:
    """Column index → field name, guessed from the headers (exact words first, then containment)."""
    kind = KINDS[kind_name]
    candidates = _candidates(kind)
    folded = [fold(h or "").strip(" :.*") for h in headers]
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(folded):  # exact matches
        for name, words in candidates.items():
            if header and name not in used and header in words:
                mapping[index] = name
                used.add(name)
                break
    for index, header in enumerate(folded):  # a header containing a field word, longest word first
        if not header or index in mapping or header in ("stt", "tt", "so tt"):
            continue
        best: tuple[int, str] | None = None
        for name, words in candidates.items():
            if name in used:
                continue
            for word in words:
                if len(word) >= 3 and f" {word} " in f" {header} " and (best is None or len(word) > best[0]):
                    best = (len(word), name)
        if best is not None:
            mapping[index] = best[1]
            used.add(best[1])
    return mapping


def choice_value(field_name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = fold(value)
    labels = CHOICE_LABELS.get(field_name, {})
    for code, label in labels.items():
        if text in (code, fold(label), fold(gettext_in("vi", label))):
            return code
    best: tuple[int, str] | None = None
    for code, words in VALUE_SYNONYMS.get(field_name, {}).items():
        for word in words:
            if f" {word} " in f" {text} " and (best is None or len(word) > best[0]):
                best = (len(word), code)
    return best[1] if best else value
