"""The parts of the 2022 year-end reports that a clerk writes: "Hạn chế, tồn tại" and "Đề xuất, kiến
nghị" for each district's report and for the cluster's (its year-end report and its consolidated
report), and the cluster's 12 key task groups for 2023 (resources/demo/key-tasks-2023.json, from the
article). Saved with ``operations.report_drafts.save_draft``, the function behind the Documents tab's
"Lưu nội dung và cập nhật" (``reports.jobs.save_report_text``), so the demo's 2022 reports are complete documents
rather than drafts waiting for the clerk. The narrative is left empty: drafted from the figures, it
follows them.

The article only says the cluster will "khắc phục những hạn chế tồn tại đã chỉ ra" without listing
them, so the shortcomings below are the demo's own: modest, general sentences of the kind such
reports hold, with no figure; the one on supervision echoes the City's Vice Chairman asking for it to
be more effective. The proposals follow the conference as the article reports it: the units asked for
the year's emulation movements to be launched early.
"""

from __future__ import annotations

from emulation_desktop.demo.data import key_tasks
from emulation_desktop.demo.figures import BY_CODE, ROLES
from emulation_desktop.operations.report_drafts import Draft, save_draft
from emulation_desktop.storage.database import Database

YEAR = 2022
ANNUAL, CONSOLIDATED = "annual", "cluster"  # the reports' document kinds (reports.registry)


def district_shortcomings(place: str) -> str:
    return "\n".join(
        (
            "Kết quả thực hiện các phong trào thi đua, các cuộc vận động giữa các xã, thị trấn trong huyện "
            "chưa đồng đều; một số đơn vị cơ sở còn lúng túng trong việc xây dựng và nhân rộng mô hình điểm.",
            "Việc tổng hợp, báo cáo số liệu của một số xã, thị trấn còn chậm so với thời gian quy định, "
            "có nội dung phải bổ sung nhiều lần.",
            f"Công tác theo dõi, đôn đốc việc giải quyết các kiến nghị sau giám sát của Mặt trận huyện "
            f"{place} có lúc chưa thường xuyên.",
        )
    )


def district_proposals(place: str) -> str:
    return "\n".join(
        (
            "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố phát động sớm các phong trào thi đua "
            "trong năm để các đơn vị chủ động đăng ký và tổ chức thực hiện ngay từ đầu năm.",
            "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố tiếp tục tập huấn nghiệp vụ công tác thi "
            "đua, khen thưởng và hướng dẫn thống nhất mẫu biểu báo cáo số liệu cho Mặt trận các cấp.",
            f"Đề nghị Huyện ủy, Ủy ban nhân dân huyện {place} tiếp tục quan tâm, bố trí kinh phí để Mặt "
            "trận các cấp trong huyện thực hiện tốt các phong trào thi đua, các cuộc vận động.",
        )
    )


CLUSTER_SHORTCOMINGS = "\n".join(
    (
        "Kết quả thực hiện một số nội dung thi đua giữa các đơn vị trong Cụm chưa đồng đều; việc trao đổi, "
        "học tập kinh nghiệm và nhân rộng các mô hình hay giữa các đơn vị còn ít.",
        "Một số đơn vị gửi báo cáo, số liệu về đơn vị Cụm trưởng còn chậm so với thời gian quy định, ảnh "
        "hưởng đến việc tổng hợp chung của Cụm.",
        "Công tác giám sát, phản biện xã hội ở một số nơi chưa có chiều sâu; việc theo dõi kết quả giải "
        "quyết kiến nghị sau giám sát có lúc chưa thường xuyên.",
    )
)
CLUSTER_PROPOSALS = "\n".join(
    (
        "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố phát động sớm các phong trào thi đua trong "
        "năm để các đơn vị trong Cụm chủ động đăng ký và triển khai ngay từ đầu năm.",
        "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố tiếp tục hướng dẫn, tập huấn nghiệp vụ công "
        "tác thi đua, khen thưởng; thống nhất mẫu biểu báo cáo số liệu giữa các Cụm thi đua.",
    )
)


def save_texts(db: Database, local: set[str], *, user: str) -> int:
    """Keep the 2022 texts of the reports owned here (a district's own; the cluster's with its head,
    where the window keeps them); returns how many reports got their text."""
    count = 0
    for code in sorted(local):
        place = BY_CODE[code].place_name
        texts = Draft("", "", shortcomings=district_shortcomings(place), proposals=district_proposals(place))
        save_draft(db, code, YEAR, ANNUAL, texts, user=user)  # empty narrative: drafted from the figures
        count += 1
    head = next(code for code, role in ROLES[YEAR].items() if role == "head")
    if head in local:
        tasks = "\n".join(key_tasks(YEAR + 1))
        for kind, draft in (
            (ANNUAL, Draft("", tasks, shortcomings=CLUSTER_SHORTCOMINGS, proposals=CLUSTER_PROPOSALS)),
            (CONSOLIDATED, Draft("", "", shortcomings=CLUSTER_SHORTCOMINGS, proposals=CLUSTER_PROPOSALS)),
        ):
            save_draft(db, head, YEAR, kind, draft, scope="cluster", user=user)
            count += 1
    return count
