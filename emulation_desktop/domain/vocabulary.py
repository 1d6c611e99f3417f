"""The codes a record's kind, mode or status may take (stored as these strings).

Plain constants, without SQLAlchemy: the figures the window shows first read them before the models load.
"""

from __future__ import annotations

SUPPORT_KINDS = (
    "house_new",  # Nhà đại đoàn kết xây mới
    "house_repair",  # Nhà đại đoàn kết sửa chữa
    "student",  # học sinh nghèo vượt khó
    "production",  # phát triển sản xuất
    "health",  # khám chữa bệnh
    "gift",  # quà cho gia đình chính sách, hộ nghèo
    "other",
)
HOUSE_KINDS = ("house_new", "house_repair")
HOUSEHOLD_CATEGORIES = ("poor", "near_poor", "policy", "hardship", "other")
SUPERVISION_MODES = ("led", "joint")
SUPERVISION_KINDS = ("supervision", "social_criticism", "people_inspection", "community_investment")
SUPERVISION_FIELDS = (
    "land",  # quản lý đất đai
    "construction_order",  # trật tự xây dựng
    "site_clearance",  # giải phóng mặt bằng
    "capital_investment",  # đầu tư xây dựng cơ bản
    "one_stop",  # bộ phận một cửa
    "funds",  # thu và sử dụng các loại quỹ
    "social_policy",  # chính sách xã hội
    "environment",
    "other",
)
RECOMMENDATION_STATUSES = ("pending", "in_progress", "resolved", "unresolved")
