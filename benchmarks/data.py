"""Test data for the benchmarks: Hà Nội's emulation Cluster No. 3 and realistic Vietnamese records.

The structure is the real one (5 districts, 106 communes with their official codes, as in 2022); the
villages and every record are invented, reproducibly (seeded ``random.Random``).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

CITY_CODE, CITY_NAME = "01", "Thành phố Hà Nội"
CLUSTER_CODE, CLUSTER_NAME = "HN-CUM3", "Cụm thi đua số 3"
VILLAGES_TOTAL = 740  # the article's 740/740 villages

# (district code, district name, "commune code + name" lines), from the 2022 administrative list.
_DISTRICTS = (
    (
        "016",
        "Huyện Sóc Sơn",
        """
        00376 Thị trấn Sóc Sơn
        00379 Xã Bắc Sơn
        00382 Xã Minh Trí
        00385 Xã Hồng Kỳ
        00388 Xã Nam Sơn
        00391 Xã Trung Giã
        00394 Xã Tân Hưng
        00397 Xã Minh Phú
        00400 Xã Phù Linh
        00403 Xã Bắc Phú
        00406 Xã Tân Minh
        00409 Xã Quang Tiến
        00412 Xã Hiền Ninh
        00415 Xã Tân Dân
        00418 Xã Tiên Dược
        00421 Xã Việt Long
        00424 Xã Xuân Giang
        00427 Xã Mai Đình
        00430 Xã Đức Hoà
        00433 Xã Thanh Xuân
        00436 Xã Đông Xuân
        00439 Xã Kim Lũ
        00442 Xã Phú Cường
        00445 Xã Phú Minh
        00448 Xã Phù Lỗ
        00451 Xã Xuân Thu
        """,
    ),
    (
        "017",
        "Huyện Đông Anh",
        """
        00454 Thị trấn Đông Anh
        00457 Xã Xuân Nộn
        00460 Xã Thuỵ Lâm
        00463 Xã Bắc Hồng
        00466 Xã Nguyên Khê
        00469 Xã Nam Hồng
        00472 Xã Tiên Dương
        00475 Xã Vân Hà
        00478 Xã Uy Nỗ
        00481 Xã Vân Nội
        00484 Xã Liên Hà
        00487 Xã Việt Hùng
        00490 Xã Kim Nỗ
        00493 Xã Kim Chung
        00496 Xã Dục Tú
        00499 Xã Đại Mạch
        00502 Xã Vĩnh Ngọc
        00505 Xã Cổ Loa
        00508 Xã Hải Bối
        00511 Xã Xuân Canh
        00514 Xã Võng La
        00517 Xã Tàm Xá
        00520 Xã Mai Lâm
        00523 Xã Đông Hội
        """,
    ),
    (
        "018",
        "Huyện Gia Lâm",
        """
        00526 Thị trấn Yên Viên
        00529 Xã Yên Thường
        00532 Xã Yên Viên
        00535 Xã Ninh Hiệp
        00538 Xã Đình Xuyên
        00541 Xã Dương Hà
        00544 Xã Phù Đổng
        00547 Xã Trung Mầu
        00550 Xã Lệ Chi
        00553 Xã Cổ Bi
        00556 Xã Đặng Xá
        00559 Xã Phú Thị
        00562 Xã Kim Sơn
        00565 Thị trấn Trâu Quỳ
        00568 Xã Dương Quang
        00571 Xã Dương Xá
        00574 Xã Đông Dư
        00577 Xã Đa Tốn
        00580 Xã Kiêu Kỵ
        00583 Xã Bát Tràng
        00586 Xã Kim Lan
        00589 Xã Văn Đức
        """,
    ),
    (
        "020",
        "Huyện Thanh Trì",
        """
        00640 Thị trấn Văn Điển
        00643 Xã Tân Triều
        00646 Xã Thanh Liệt
        00649 Xã Tả Thanh Oai
        00652 Xã Hữu Hoà
        00655 Xã Tam Hiệp
        00658 Xã Tứ Hiệp
        00661 Xã Yên Mỹ
        00664 Xã Vĩnh Quỳnh
        00667 Xã Ngũ Hiệp
        00670 Xã Duyên Hà
        00673 Xã Ngọc Hồi
        00676 Xã Vạn Phúc
        00679 Xã Đại áng
        00682 Xã Liên Ninh
        00685 Xã Đông Mỹ
        """,
    ),
    (
        "250",
        "Huyện Mê Linh",
        """
        08973 Thị trấn Chi Đông
        08974 Xã Đại Thịnh
        08977 Xã Kim Hoa
        08980 Xã Thạch Đà
        08983 Xã Tiến Thắng
        08986 Xã Tự Lập
        08989 Thị trấn Quang Minh
        08992 Xã Thanh Lâm
        08995 Xã Tam Đồng
        08998 Xã Liên Mạc
        09001 Xã Vạn Yên
        09004 Xã Chu Phan
        09007 Xã Tiến Thịnh
        09010 Xã Mê Linh
        09013 Xã Văn Khê
        09016 Xã Hoàng Kim
        09019 Xã Tiền Phong
        09022 Xã Tráng Việt
        """,
    ),
)


@dataclass(frozen=True)
class Village:
    code: str
    name: str


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    unit_type: str
    villages: tuple[Village, ...]


@dataclass(frozen=True)
class District:
    code: str
    name: str
    communes: tuple[Commune, ...]

    @property
    def place_name(self) -> str:
        return self.name.removeprefix("Huyện ").removeprefix("Quận ")


_VILLAGE_NAMES = ("Đông", "Đoài", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Cả", "Chùa", "Giữa")


def _cluster() -> tuple[District, ...]:
    communes_total = sum(len(block.strip().splitlines()) for _, _, block in _DISTRICTS)
    per_commune, extra = divmod(VILLAGES_TOTAL, communes_total)
    districts, index = [], 0
    for code, name, block in _DISTRICTS:
        communes = []
        for line in block.strip().splitlines():
            commune_code, commune_name = line.strip().split(" ", 1)
            town = commune_name.startswith("Thị trấn")
            count = per_commune + (1 if index < extra else 0)
            index += 1
            villages = tuple(
                Village(
                    f"{commune_code}-{n:02d}",
                    f"Tổ dân phố số {n}" if town else f"Thôn {_VILLAGE_NAMES[(n - 1) % len(_VILLAGE_NAMES)]}",
                )
                for n in range(1, count + 1)
            )
            communes.append(Commune(commune_code, commune_name, "Thị trấn" if town else "Xã", villages))
        districts.append(District(code, name, tuple(communes)))
    return tuple(districts)


CLUSTER: tuple[District, ...] = _cluster()


def district(code: str) -> District:
    return next(d for d in CLUSTER if d.code == code)


def unit_specs(districts: tuple[District, ...] = CLUSTER) -> list[dict[str, Any]]:
    """The city with the given districts, their communes and villages, for ``structure.add_units``."""
    return [
        {
            "code": CITY_CODE,
            "name": CITY_NAME,
            "level": "city",
            "unit_type": "Thành phố",
            "place_name": "Hà Nội",
            "children": [
                {
                    "code": d.code,
                    "name": d.name,
                    "level": "district",
                    "unit_type": "Huyện",
                    "place_name": d.place_name,
                    "children": [
                        {
                            "code": c.code,
                            "name": c.name,
                            "level": "commune",
                            "unit_type": c.unit_type,
                            "children": [
                                {
                                    "code": v.code,
                                    "name": v.name,
                                    "level": "village",
                                    "unit_type": "Tổ dân phố" if c.unit_type == "Thị trấn" else "Thôn",
                                }
                                for v in c.villages
                            ],
                        }
                        for c in d.communes
                    ],
                }
                for d in districts
            ],
        }
    ]


# --- Vietnamese text pools -----------------------------------------------------------------------------

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE_M = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Đình")
MIDDLE_F = ("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng")
GIVEN_M = ("An", "Bình", "Cường", "Dũng", "Hùng", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn", "Lộc", "Khải")
GIVEN_F = ("Hà", "Hạnh", "Hương", "Lan", "Mai", "Nga", "Thảo", "Trang", "Yến", "Hằng", "Nhung", "Huyền")

SUPPORT_KINDS = (
    ("house_new", 6),
    ("house_repair", 4),
    ("student", 20),
    ("production", 12),
    ("health", 14),
    ("gift", 40),
    ("other", 4),
)
HOUSEHOLDS = (("poor", 35), ("near_poor", 25), ("policy", 20), ("hardship", 15), ("other", 5))
FUNDING = (
    "Quỹ “Vì người nghèo” huyện",
    "Quỹ “Vì người nghèo” xã",
    "Ngân sách xã",
    "Ngân hàng Chính sách xã hội",
    "Doanh nghiệp tài trợ",
    "Nhà hảo tâm",
    "Xã hội hóa",
    "Hội Chữ thập đỏ huyện",
)
SUPPORT_NOTES = {
    "house_new": ("Hỗ trợ xây mới nhà Đại đoàn kết, gia đình đối ứng", "Bàn giao nhà ngày 19/5", ""),
    "house_repair": ("Sửa chữa mái, tường bị dột nứt", "Hỗ trợ sửa chữa nhà Đại đoàn kết", ""),
    "student": ("Học bổng “Tiếp sức đến trường”", "Tặng xe đạp, sách vở năm học mới", ""),
    "production": ("Hỗ trợ con giống (bò sinh sản)", "Hỗ trợ vốn chăn nuôi, trồng trọt", ""),
    "health": ("Khám, cấp thuốc miễn phí", "Tặng thẻ bảo hiểm y tế", ""),
    "gift": ("Tặng quà Tết Nguyên đán", "Quà nhân dịp 27/7", "Quà Trung thu cho thiếu nhi", ""),
    "other": ("Hỗ trợ đột xuất do thiên tai", ""),
}
SUPPORT_VALUES = {  # đồng: (minimum, maximum, step)
    "house_new": (40_000_000, 80_000_000, 5_000_000),
    "house_repair": (20_000_000, 40_000_000, 1_000_000),
    "student": (500_000, 3_000_000, 100_000),
    "production": (5_000_000, 20_000_000, 500_000),
    "health": (300_000, 5_000_000, 100_000),
    "gift": (200_000, 1_000_000, 50_000),
    "other": (1_000_000, 10_000_000, 500_000),
}
DONORS = (
    "Công ty TNHH Thương mại {n}",
    "Cán bộ, công chức {place}",
    "Hội Cựu chiến binh {place}",
    "Trường THCS {place}",
    "Ông {person}",
    "Bà {person}",
    "Chi bộ thôn {n}",
)
SUPERVISION_SUBJECTS = (
    "Giám sát việc quản lý, sử dụng đất đai tại {place}",
    "Giám sát trật tự xây dựng trên địa bàn {place}",
    "Giám sát công tác giải phóng mặt bằng dự án đường Vành đai 4 qua {place}",
    "Giám sát thu, chi các loại quỹ tại {place}",
    "Giám sát việc giải quyết thủ tục hành chính tại bộ phận một cửa {place}",
    "Giám sát thực hiện chính sách đối với hộ nghèo, cận nghèo {place}",
    "Giám sát thu gom, xử lý rác thải sinh hoạt tại {place}",
    "Giám sát đầu tư công trình trường mầm non {place}",
)
FINDINGS = (
    "Cơ bản thực hiện đúng quy định; còn chậm cập nhật hồ sơ.",
    "Phát hiện một số trường hợp xây dựng không phép, đã kiến nghị xử lý.",
    "Việc công khai các khoản thu chưa đầy đủ.",
    "",
)
RECOMMENDATIONS = (
    "Đề nghị UBND {place} công khai danh sách hộ được hỗ trợ",
    "Đề nghị xử lý dứt điểm các trường hợp vi phạm trật tự xây dựng",
    "Đề nghị bố trí kinh phí duy tu đường giao thông nông thôn",
    "Đề nghị rút ngắn thời gian giải quyết hồ sơ đất đai",
)
ADDRESSEES = ("UBND {place}", "UBND huyện", "Phòng Tài nguyên và Môi trường", "Ban Quản lý dự án huyện")
CONFERENCE_NOTES = ("Hội nghị đại biểu nhân dân đầu năm", "Hội nghị giữa năm", "Hội nghị cuối năm", "")


def weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def person(rng: random.Random) -> tuple[str, bool]:
    """A Vietnamese full name and whether it is a man's."""
    male = rng.random() < 0.5
    middle, given = (MIDDLE_M, GIVEN_M) if male else (MIDDLE_F, GIVEN_F)
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}", male


def random_date(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def money_value(rng: random.Random, kind: str) -> int:
    low, high, step = SUPPORT_VALUES[kind]
    return rng.randrange(low, high + 1, step)


def money_text(value: int, style: int) -> str:
    """How clerks type amounts: "1.500.000", "1.500.000 đ", "60 triệu", "1,5 triệu"."""
    grouped = f"{value:,}".replace(",", ".")
    if style == 0:
        return grouped
    if style == 1:
        return f"{grouped} đ"
    if value % 1_000_000 == 0:
        return f"{value // 1_000_000} triệu"
    if value % 100_000 == 0:
        millions, tenths = divmod(value // 100_000, 10)
        return f"{millions},{tenths} triệu" if millions else grouped
    return f"{grouped} đồng"


def support_rows(count: int, district_code: str, year: int, seed: int = 2022) -> list[dict[str, Any]]:
    """Raw support-activity rows as an import or the UI hands them to ``create_records``.

    About half the amounts are text (``"1.500.000"``, ``"1.500.000 đ"``, ``"60 triệu"``), the rest
    ints; dates are ``dd/mm/yyyy`` text or ``date`` objects; one name in ten arrives decomposed (NFD,
    as some keyboards type it) with stray spaces, so that text cleaning does real work.
    """
    rng = random.Random(seed)
    communes = district(district_code).communes
    rows = []
    for _ in range(count):
        kind = weighted(rng, SUPPORT_KINDS)
        commune = rng.choice(communes)
        name, male = person(rng)
        beneficiary = f"{'Hộ ông' if male else 'Hộ bà'} {name}" if kind != "student" else f"Em {name}"
        if rng.random() < 0.1:
            beneficiary = "  " + unicodedata.normalize("NFD", beneficiary).replace(" ", "  ") + " "
        value = money_value(rng, kind)
        style = rng.randrange(8)
        when = random_date(rng, year)
        rows.append(
            {
                "year": year,
                "kind": kind,
                "commune_id": commune.code,
                "beneficiary": beneficiary,
                "household_category": weighted(rng, HOUSEHOLDS),
                "activity_date": when if rng.random() < 0.5 else when.strftime("%d/%m/%Y"),
                "value_vnd": money_text(value, style) if style < 4 else value,
                "funding_source": rng.choice(FUNDING),
                "note": rng.choice(SUPPORT_NOTES[kind]),
            }
        )
    return rows


def timestamp(moment: date, second: int) -> str:
    """A DateTime as SQLAlchemy stores it in SQLite."""
    return f"{moment.isoformat()} {second // 3600 % 24:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000000"
