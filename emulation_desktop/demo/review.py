"""The demo's 2022 review of Cluster No. 3, through the review operations: the criteria set
(resources/demo/criteria-2022.json, 100 points plus bonus), every district's self-scores and the agreed
scores, the acclaim and the elections held at the conference on 08/11/2022 (Đông Anh leads; Sóc Sơn
and Thanh Trì become the 2023 cluster head and deputy, as in the article), and the commendation proposals.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from emulation_desktop.demo.data import data_path
from emulation_desktop.review import board, elections, scores
from emulation_desktop.review.criteria import create_criteria_set, load_set
from emulation_desktop.storage.database import Database


def criteria_data() -> dict[str, Any]:
    with data_path("criteria-2022.json").open(encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


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
    counts["criterion"] = len(criteria)
    counts["criteria_set"] = 1
    return counts
