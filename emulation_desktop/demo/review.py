"""The demo's 2022 review of Cluster No. 3, through the review operations: the criteria set
(resources/demo/criteria-2022.json, 100 points plus bonus), every district's self-scores and the agreed
scores, the acclaim and the elections held at the conference on 08/11/2022 (Đông Anh leads; Sóc Sơn
and Thanh Trì become the 2023 cluster head and deputy, as in the article), the commendation proposals,
and the conference's set-up (``meeting_setup``).

The article gives the conference's morning (8/11), its chair (Đàm Văn Huân, Vice Chairman of the city
committee) and his conclusions; it names no place, secretary or delegate. The set-up fills those in
plausibly: the 2022 cluster head's office as the place, each district's five-member standing
committee as its delegates (25, the ballots the tallies record as issued; demo/committees.py), the
head's office chief keeping the minutes.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from emulation_desktop.demo.committees import committee
from emulation_desktop.demo.data import data_path
from emulation_desktop.demo.figures import BY_CODE, ROLES
from emulation_desktop.review import board, elections, meeting, scores
from emulation_desktop.review.criteria import create_criteria_set, load_set
from emulation_desktop.storage.database import Database


def criteria_data() -> dict[str, Any]:
    with data_path("criteria-2022.json").open(encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


CHAIR = "Đàm Văn Huân"
CHAIR_TITLE = "Phó Chủ tịch Ủy ban MTTQ Việt Nam Thành phố Hà Nội"
# The chair's conclusions as the article reports them.
CONCLUSIONS = (
    "Ghi nhận kết quả các đơn vị trong Cụm đạt được trong năm 2022, nhất là nội dung tang văn minh; năm "
    "2023 các đơn vị phấn đấu nâng cao chỉ tiêu hơn nữa, để nội dung này không chỉ là điển hình trong các "
    "cụm thi đua mà còn trên phạm vi toàn thành phố.",
    "Các đơn vị giúp đỡ, hỗ trợ nhau trong công tác thi đua; căn cứ tình hình địa phương trong quá trình đô "
    "thị hóa, có các giải pháp, mô hình phù hợp, phát triển thành mô hình điểm cho toàn Cụm và toàn thành "
    "phố.",
    "Nâng cao hiệu quả công tác giám sát, phản biện xã hội; quan tâm giám sát các vấn đề lớn như phòng, "
    "chống tham nhũng, cán bộ chuyển việc, nghỉ việc.",
    "Chuẩn bị cho Đại hội MTTQ cấp xã, tiến tới Đại hội MTTQ cấp huyện, chú trọng công tác nhân sự ngay từ "
    "cấp cơ sở.",
    "Phát động sớm các phong trào thi đua trong năm; không chỉ khẳng định mà cần nuôi dưỡng phong trào, xem "
    "xét suy tôn, động viên sớm các cá nhân, đơn vị.",
)


def meeting_setup(year: int, held_on: date) -> meeting.MeetingSetup:
    """The 2022 conference as set up: the morning of 08/11/2022 at the cluster head's office."""
    head = next(code for code, role in ROLES[year].items() if role == "head")
    delegates = [
        meeting.Delegate(person.name, title, code)
        for code in sorted(BY_CODE)
        for person, title in committee(code)
    ]
    secretary = next(d for d in delegates if d.unit_code == head and d.title == "Chánh Văn phòng")
    place = BY_CODE[head].place_name
    return meeting.MeetingSetup(
        held_on=held_on,
        starts_at="08:00",
        place=f"Trụ sở Ủy ban MTTQ Việt Nam huyện {place}",
        chair=CHAIR,
        chair_title=CHAIR_TITLE,
        secretary=secretary.name,
        secretary_title=f"Chánh Văn phòng Ủy ban MTTQ Việt Nam huyện {place}",
        conclusions="\n".join(CONCLUSIONS),
        delegates=tuple(delegates),
    )


def load_review(db: Database, *, user: str = "demo") -> Counter[str]:
    """Load the 2022 review; every district must be owned here (the full demo)."""
    data = criteria_data()
    cluster, year = data["cluster"], data["year"]
    counts: Counter[str] = Counter()
    create_criteria_set(
        db, cluster, year, data["title"], data["groups"], note=data.get("note", ""), user=user
    )
    with db.session() as session:
        view = load_set(session, cluster, year)
        criteria = list(view.criteria)
        proposals = {
            code: scores.propose_all(session, code, criteria, year) for code in sorted(data["scores"])
        }
    justifications = data["justifications"]
    for unit_code, manual in sorted(data["scores"].items()):
        own, agreed = [], []
        for criterion in criteria:
            proposal = proposals[unit_code].get(criterion.id)
            if proposal is not None and proposal.points_tenths is not None:
                points = proposal.points_tenths / 10
                # No justification: the scoring sheet states a linked criterion's figure itself, in the
                # documents' words; ``proposal.achieved`` is the window's notation ("38 · 1.710.000.000 đ").
                own.append({"criterion_id": criterion.id, "points": str(points).replace(".", ",")})
                agreed.append({"criterion_id": criterion.id, "points": str(points).replace(".", ",")})
            elif criterion.code in manual:
                self_points, agreed_points = manual[criterion.code]
                own.append(
                    {
                        "criterion_id": criterion.id,
                        "points": str(self_points).replace(".", ","),
                        "justification": justifications.get(criterion.code, ""),
                    }
                )
                agreed.append({"criterion_id": criterion.id, "points": str(agreed_points).replace(".", ",")})
            elif criterion.kind == "penalty":
                agreed.append({"criterion_id": criterion.id, "points": "0"})
        counts["self_score"] += scores.set_scores(db, "self", unit_code, own, user=user)
        counts["cluster_score"] += scores.set_scores(db, "cluster", unit_code, agreed, user=user)
    held_on = date.fromisoformat(data["held_on"])
    for election in data["elections"]:
        elections.record_tally(
            db,
            cluster,
            year,
            election["kind"],
            issued=election["issued"],
            returned=election["returned"],
            valid=election["valid"],
            invalid=election["invalid"],
            votes=election["votes"],
            held_on=held_on,
            tellers=data["tellers"],
            user=user,
        )
        counts["election"] += 1
    elections.apply_roles(db, cluster, year, user=user)
    for proposal in data["commendations"]:
        board.propose_commendation(
            db, cluster, year, proposal["unit"], proposal["title"], proposal["reason"], user=user
        )
        counts["commendation_proposal"] += 1
    meeting.save_meeting(db, cluster, year, meeting_setup(year, held_on), user=user)
    counts["review_meeting"] = 1
    counts["criterion"] = len(criteria)
    counts["criteria_set"] = 1
    return counts
