"""The ``review`` subcommand: the cluster's year-end review (ranking, scores, election results and
next year's cluster roles) as JSON or a table. ``cli.py`` adds the parser and the handler."""

from __future__ import annotations

import argparse
import json
from typing import Any

from emulation_desktop.locale.i18n import _


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    review = commands.add_parser(
        "review", parents=[common], help=_("the cluster's year-end review: ranking, scores, elections")
    )
    review.add_argument("--cluster", required=True)
    review.add_argument("--year", type=int, required=True)
    review.add_argument("--format", choices=("json", "table"), default="table")


def _cmd_review(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.review.summary import render_table, summary

    with db.session() as session:
        data = summary(session, args.cluster, args.year)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_table(data))
    return 0


HANDLERS = {"review": _cmd_review}
