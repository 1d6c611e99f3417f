"""The whole review of a cluster's year in one piece, for the ``review`` command: ranking, scores,
elections, next year's roles, proposals and what is missing (``summary``, JSON-ready), and the same as
plain text for the terminal (``render_table``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from emulation_desktop.locale.i18n import _
from emulation_desktop.review import elections
from emulation_desktop.review.board import TIE_RULE, board, commendations, readiness
from emulation_desktop.review.points import as_number, show


def summary(session: Session, cluster_code: str, year: int) -> dict[str, Any]:
    current = board(session, cluster_code, year)
    view = current.view
    criteria = current.criteria
    return {
        "cluster": {"code": current.cluster_code, "name": current.cluster_name},
        "year": year,
        "criteria_set": None
        if view is None
        else {
            "title": view.set.title,
            "criteria": len(criteria),
            "max_points": as_number(view.normal_max),
            "bonus_max": as_number(view.bonus_max),
        },
        "tie_rule": _(TIE_RULE),
        "ranking": [
            {
                "rank": row.rank,
                "tied": row.tied,
                "unit_code": row.code,
                "unit": row.unit.name,
                "self_total": as_number(row.self_total),
                "agreed_total": as_number(row.agreed_total),
            }
            for row in current.rows
        ],
        "scores": {
            row.code: {
                c.code or c.id: {
                    "self": as_number(row.self_points.get(c.id)),
                    "agreed": as_number(row.agreed_points.get(c.id)),
                }
                for c in criteria
            }
            for row in current.rows
        },
        "elections": [r.as_json() for r in elections.results(session, cluster_code, year)],
        "next_year": {"year": year + 1, **elections.next_year_roles(session, cluster_code, year)},
        "commendations": [
            {"unit_code": p.unit.code, "unit": p.unit.name, "title": p.title, "reason": p.reason}
            for p in commendations(session, cluster_code, year)
        ],
        "missing": [
            {"step": g.step, "unit_code": g.unit_code, "message": g.message}
            for g in readiness(session, cluster_code, year)
        ],
    }


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]
    ]


def render_table(data: dict[str, Any]) -> str:
    """The review as plain text for the terminal."""
    lines = [f"{data['cluster']['name']} — {data['year']}", ""]
    criteria_set = data["criteria_set"]
    if criteria_set is None:
        lines.append(_("No criteria set for this year."))
    else:
        lines.append(
            _("{title}: {n} criteria, {max} points plus up to {bonus} bonus points.").format(
                title=criteria_set["title"],
                n=criteria_set["criteria"],
                max=_fmt(criteria_set["max_points"]),
                bonus=_fmt(criteria_set["bonus_max"]),
            )
        )
    lines += ["", _("Ranking")]
    rows = []
    for item in data["ranking"]:
        rank = str(item["rank"]) + (" " + _("(tied)") if item["tied"] else "")
        rows.append(
            (rank, item["unit_code"], item["unit"], _fmt(item["self_total"]), _fmt(item["agreed_total"]))
        )
    lines += _table((_("Rank"), _("Code"), _("Unit"), _("Self-score"), _("Agreed score")), rows)
    if any(item["tied"] for item in data["ranking"]):
        lines.append(_(TIE_RULE))
    lines += ["", _("Elections")]
    for result in data["elections"]:
        source = elections.KIND_LABELS[result["kind"]]
        label = _(source)
        if not result["held"]:
            lines.append(f"- {label}: " + _("Not held yet."))
            continue
        b = result["ballots"]
        lines.append(
            f"- {label}: "
            + _("{issued} issued, {returned} returned, {valid} valid, {invalid} invalid").format(**b)
        )
        for vote in result["votes"]:
            lines.append(f"    {vote['unit']}: {vote['votes']}")
        winner = result["winner"]
        lines.append("    → " + (winner["unit"] if winner else _("no one elected")))
    nxt = data["next_year"]
    lines += ["", _("Cluster roles in {year}").format(year=nxt["year"])]
    for role, label in (("head", _("Cluster head")), ("deputy", _("Cluster deputy"))):
        who = nxt[role]
        lines.append(f"- {label}: " + (f"{who['unit']} ({who['unit_code']})" if who else _("not set")))
    if data["commendations"]:
        lines += ["", _("Commendation proposals")]
        lines += [f"- {p['unit']}: {p['title']}" for p in data["commendations"]]
    if data["missing"]:
        lines += ["", _("Still missing")]
        lines += [f"- {g['message']}" for g in data["missing"]]
    return "\n".join(lines)


def _fmt(value: float | int | None) -> str:
    if value is None:
        return "–"
    return show(round(value * 10))
