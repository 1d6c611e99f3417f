"""The year-end narrative, drafted from the figures in the style of the Front's reports.

"Kết quả, trong năm, ... đã hỗ trợ xây sửa 133 nhà đại đoàn kết trị giá trên 6 tỷ đồng ..." Every
number comes from ``indicators.compute`` and is written by ``locale.formatting``. The clerk edits the
draft before export (``operations.report_drafts``); one paragraph per line.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Supervision
from emulation_desktop.domain.vocabulary import SUPERVISION_FIELDS
from emulation_desktop.indicators.compute import Figure, Report
from emulation_desktop.locale.formatting import (
    describe_change,
    format_number,
    format_percent,
    format_vnd_prose,
)
from emulation_desktop.reports.figures import change, lines
from emulation_desktop.reports.report_data import choice

# The next year's key tasks when the clerk has not written them yet: the standing tasks of a district
# committee, to be edited.
DEFAULT_KEY_TASKS = (
    "Tiếp tục tuyên truyền, vận động các tầng lớp Nhân dân thực hiện chủ trương, đường lối của Đảng, chính "
    "sách, pháp luật của Nhà nước; nắm chắc và kịp thời phản ánh tình hình Nhân dân.",
    "Đẩy mạnh Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” và phong trào "
    "“Toàn dân đoàn kết xây dựng đời sống văn hóa”; nâng cao tỷ lệ hỏa táng, thực hiện tang văn minh.",
    "Làm tốt công tác an sinh xã hội: vận động Quỹ “Vì người nghèo”, hỗ trợ xây sửa nhà đại đoàn kết, "
    "chăm lo cho các gia đình chính sách, hộ nghèo, hộ cận nghèo.",
    "Nâng cao chất lượng giám sát và phản biện xã hội, theo dõi việc giải quyết các kiến nghị sau giám "
    "sát; phát huy vai trò của Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng.",
    "Tham gia công tác hòa giải ở cơ sở, tiếp công dân, giải quyết đơn thư; tổ chức tốt Hội nghị đại biểu "
    "Nhân dân ở thôn, tổ dân phố.",
    "Đổi mới công tác thi đua, khen thưởng; xây dựng và nhân rộng các mô hình điểm, điển hình tiên tiến.",
)


# Where the drafted text cannot say anything true, the clerk writes it: this marks the line in the
# edit box, and a report still holding it is only a draft (``readiness``).
TO_WRITE = "… (nội dung do văn thư soạn)"

# "Đề xuất, kiến nghị" before the clerk writes them: requests to the level above, which state no fact.
DEFAULT_PROPOSALS = (
    "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam cấp trên tiếp tục quan tâm hướng dẫn, tập huấn nghiệp "
    "vụ công tác thi đua, khen thưởng cho cán bộ Mặt trận các cấp.",
    "Đề nghị cấp ủy, chính quyền địa phương tiếp tục quan tâm, tạo điều kiện về kinh phí, cơ sở vật chất "
    "để Mặt trận các cấp thực hiện tốt các phong trào thi đua, các cuộc vận động.",
)


def _amount(figure: Figure | None) -> int:
    return (figure.amount_vnd or 0) if figure else 0


def _value(figure: Figure | None) -> int:
    return (figure.value or 0) if figure else 0


def _ratio(figure: Figure) -> str:
    return f"{format_number(figure.value or 0)}/{format_number(figure.total or 0)}"


def supervision_fields(session: Session, report: Report) -> list[str]:
    """The fields the scope's supervision sessions of the year covered, in their usual order."""
    sv = Supervision
    found = set(
        session.scalars(
            select(sv.field)
            .where(sv.unit_id.in_(report.scope.unit_ids), sv.year == report.year, sv.deleted.is_(False))
            .distinct()
        )
    )
    return [choice("field", f).lower() for f in SUPERVISION_FIELDS if f in found and f != "other"]


def draft_narrative(
    session: Session,
    report: Report,
    *,
    subject: str,
    short: str = "",
    members: dict[str, Report] | None = None,
    whole: str = "",
) -> str:
    """The narrative paragraphs for ``report`` (one per line).

    ``subject`` names who acted ("hệ thống Mặt trận các cấp huyện Đông Anh"), ``short`` the same in
    later sentences ("hệ thống MTTQ trong Cụm"); ``members`` (a cluster's per-unit reports, by their
    name inside a sentence, "huyện Đông Anh", "phường Bình Thuận") adds the article's "trong đó huyện
    Đông Anh ..." clause; ``whole`` names a unit's whole ("Toàn huyện", "Toàn phường").
    """
    year = report.year
    r = report.results
    short = short or subject
    where = "trong Cụm" if report.scope.kind == "cluster" else "trên địa bàn"
    whole = {"cluster": "Toàn Cụm", "city": "Toàn Thành phố"}.get(report.scope.kind, whole or "Toàn đơn vị")
    paragraphs = [
        f"Năm {year}, {subject} đã bám sát các nhiệm vụ chính trị của địa phương, phối hợp chặt chẽ với "
        "chính quyền và các tổ chức thành viên triển khai các phong trào thi đua yêu nước, các cuộc vận "
        "động; tích cực chăm lo cho các gia đình chính sách, hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh đặc "
        "biệt khó khăn, góp phần đảm bảo an sinh xã hội."
    ]

    # Support and funds
    houses = r["solidarity_houses"].current
    parts = []
    if _value(houses):
        parts.append(
            f"đã hỗ trợ xây sửa {format_number(_value(houses))} nhà đại đoàn kết trị giá "
            f"{format_vnd_prose(_amount(houses))}"
        )
    other = _amount(r["other_support"].current)
    if other:
        parts.append(
            "hỗ trợ học sinh nghèo vượt khó, giúp phát triển sản xuất, khám chữa bệnh... trị giá "
            f"{format_vnd_prose(other)}"
        )
    sentence = ", ".join(parts)
    sea = _amount(r["fund_sea_islands"].current)
    funds = []
    if sea:
        clause = f"tổ chức vận động, ủng hộ “Quỹ biển, đảo Việt Nam” được {format_vnd_prose(sea, 'millions')}"
        if members:
            top = sorted(
                ((name, _amount(m["fund_sea_islands"].current)) for name, m in members.items()),
                key=lambda item: -item[1],
            )[:2]
            named = [f"{name} vận động được {format_vnd_prose(v, 'billions')}" for name, v in top if v]
            if named:
                clause += ", trong đó " + ", ".join(named)
        funds.append(clause)
    poor = _amount(r["fund_for_the_poor"].current)
    if poor:
        funds.append(f"Quỹ “Vì người nghèo” được {format_vnd_prose(poor, 'millions')}")
    if sentence or funds:
        text = "Kết quả, trong năm, " + short + " " + "; ".join(p for p in [sentence, *funds] if p) + "."
        previous = r["solidarity_houses"].previous
        if previous and _value(previous):
            text += (
                f" Năm {year - 1}, số nhà đại đoàn kết được hỗ trợ xây sửa là "
                f"{format_number(_value(previous))} nhà, trị giá {format_vnd_prose(_amount(previous))}."
            )
        paragraphs.append(text)

    # Delegate conferences and civilised funerals
    villages = r["delegate_conferences_villages"].current
    communes = r["delegate_conferences_communes"].current
    direct, forms = _value(r["opinions_direct"].current), _value(r["opinions_forms"].current)
    text = ""
    if _value(villages) or _value(communes):  # nothing held is not "0/205 đã hoàn thành"
        text = (
            f"{_ratio(villages)} thôn, tổ dân phố và {_ratio(communes)} xã, thị trấn {where} đã hoàn thành "
            f"tổ chức Hội nghị đại biểu Nhân dân với {format_number(direct)} ý kiến trực tiếp và "
            f"{format_number(forms)} ý kiến qua phiếu tham gia góp ý bàn việc xây dựng đời sống văn hóa ở "
            "cơ sở, xây dựng các danh hiệu văn hóa."
        )
    cremations = r["cremations"]
    if cremations.current.total:
        text += (
            f" {whole} có {_ratio(cremations.current)} ca thực hiện hỏa táng người quá cố, đạt tỷ lệ "
            f"{format_percent(cremations.current.rate or 0, digits=1)}"
        )
        change = cremations.rate_change_points()
        text += f", {describe_change(change)} so với năm {year - 1}." if change is not None else "."
    if text:
        paragraphs.append(text.strip())

    # Supervision
    total = _value(r["supervisions"].current)
    if total:
        text = (
            f"Trong năm, {short} thực hiện giám sát và phối hợp giám sát {format_number(total)} cuộc "
            f"(chủ trì {format_number(_value(r['supervisions_led'].current))} cuộc, phối hợp "
            f"{format_number(_value(r['supervisions_joint'].current))} cuộc)"
        )
        fields = supervision_fields(session, report)
        text += (": tập trung vào các lĩnh vực " + ", ".join(fields) + ".") if fields else "."
        recs = r["recommendations"].current
        if recs.total:
            text += (
                f" Qua giám sát đã đưa ra {format_number(recs.total)} kiến nghị; đến nay "
                f"{format_number(recs.value or 0)} kiến nghị đã được giải quyết "
                f"(đạt {format_percent(recs.rate or 0, digits=1)})."
            )
        paragraphs.append(text)

    # Citizens, petitions, mediation
    sessions = _value(r["citizen_receptions"].current)
    petitions = r["petitions"].current
    mediation = r["mediations"].current
    parts = []
    if sessions:
        parts.append(f"tham gia {format_number(sessions)} buổi tiếp công dân")
    if petitions.total:
        parts.append(
            f"{_ratio(petitions)} đơn khiếu nại, tố cáo, kiến nghị, phản ánh của công dân đã được giải quyết "
            f"(đạt {format_percent(petitions.rate or 0, digits=1)})"
        )
    if mediation.total:
        parts.append(
            f"tham gia hòa giải thành {_ratio(mediation)} vụ mâu thuẫn nội bộ Nhân dân "
            f"(đạt {format_percent(mediation.rate or 0, digits=1)})"
        )
    if parts:
        paragraphs.append(
            "Công tác tiếp công dân, xử lý đơn khiếu nại, tố cáo, kiến nghị, phản ánh của công dân và công "
            "tác hòa giải ở cơ sở đạt kết quả tốt: " + "; ".join(parts) + "."
        )
    return "\n".join(paragraphs)


def draft_shortcomings(report: Report, *, current_known: bool = True) -> str:
    """ "Hạn chế, tồn tại" drafted from the figures: the indicators that fell below last year's; when
    none did (or nothing is recorded yet), a line for the clerk to write (``TO_WRITE``)."""
    if not current_known:
        return TO_WRITE
    fell = []
    for line in lines():
        result = report.results[line.code]
        text = change(result, line.part)
        if text.startswith("giảm"):
            label = f"{line.label[:1].lower()}{line.label[1:]}"
            fell.append(f"{'tỷ lệ ' if line.part == 'ratio' else ''}{label} {text}")
    if not fell:
        return TO_WRITE
    return f"Một số chỉ tiêu năm {report.year} thấp hơn năm {report.year - 1}: " + "; ".join(fell) + "."
