"""The review subcommands: ``review`` prints the cluster's year-end review (ranking, scores, election
results and next year's cluster roles) as JSON or a table; ``meeting`` sets up the review meeting
(date, time, place, chair, secretary and the delegates from a CSV file). ``cli.py`` adds the parsers
and the handlers."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path
from typing import Any

from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    review = commands.add_parser(
        "review", parents=[common], help=_("the cluster's year-end review: ranking, scores, elections")
    )
    review.add_argument("--cluster", required=True)
    review.add_argument("--year", type=int, required=True)
    review.add_argument("--format", choices=("json", "table"), default="table")

    meeting = commands.add_parser(
        "meeting",
        parents=[common],
        help=_("set up the cluster's review meeting: date, time, place, chair, secretary, delegates"),
    )
    meeting.add_argument("--cluster", required=True)
    meeting.add_argument("--year", type=int, required=True, help=_("the year reviewed"))
    meeting.add_argument("--date", required=True, help=_("the meeting's date, dd/mm/yyyy"))
    meeting.add_argument("--time", required=True, help=_("the start time, HH:MM"))
    meeting.add_argument("--place", required=True)
    meeting.add_argument("--chair", required=True, help=_("who chairs the meeting (full name)"))
    meeting.add_argument("--chair-title", default="", help=_("the chair's position"))
    meeting.add_argument("--secretary", required=True, help=_("who keeps the minutes (full name)"))
    meeting.add_argument("--secretary-title", default="", help=_("the secretary's position"))
    meeting.add_argument(
        "--delegates-file",
        required=True,
        help=_("a CSV file (UTF-8), one delegate a line: full name, position, unit (code or name)"),
    )
    meeting.add_argument("--note", default="")
    meeting.add_argument(
        "--conclusions-file", help=_("a text file (UTF-8) with the meeting's conclusions, a paragraph a line")
    )


def _cmd_review(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.review.summary import render_table, summary

    with db.session() as session:
        data = summary(session, args.cluster, args.year)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_table(data))
    return 0


def _text_file(name: str) -> str:
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(
            _("The file “{name}” cannot be read: {detail}").format(name=path.name, detail=exc.strerror)
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            _("The file “{name}” is not UTF-8 text; save it as CSV UTF-8 (Excel: Save As).").format(
                name=path.name
            )
        ) from None


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV list, split on what the file uses: a tab, a semicolon (Excel in Vietnamese)
    or a comma."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first else (";" if first.count(";") > first.count(",") else ",")
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cmd_meeting(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.review import meeting

    if Path(args.delegates_file).suffix.lower() in (".xlsx", ".xls"):
        raise InputError(
            _(
                "Save the delegate list as CSV UTF-8 (Excel: Save As), or paste it into the meeting page "
                "of the review tab."
            )
        )
    held_on = meeting.parse_date(args.date)
    if held_on is None:
        raise InputError(_("“{text}” is not a date; write it as dd/mm/yyyy.").format(text=args.date))
    units = meeting.member_units(db, args.cluster, args.year)
    delegates = meeting.delegates_from_rows(csv_rows(_text_file(args.delegates_file)), units)
    setup = meeting.MeetingSetup(
        held_on=held_on,
        starts_at=args.time,
        place=args.place,
        chair=args.chair,
        secretary=args.secretary,
        chair_title=args.chair_title,
        secretary_title=args.secretary_title,
        note=args.note,
        conclusions=_text_file(args.conclusions_file) if args.conclusions_file else "",
        delegates=tuple(delegates),
    )
    meeting.save_meeting(db, args.cluster, args.year, setup, user=getattr(args, "user", "") or "")
    print(
        _("The review meeting of {year} is set up: {date} at {time}, {count} delegates.").format(
            year=args.year, date=args.date, time=meeting.parse_time(args.time), count=len(delegates)
        )
    )
    return 0


HANDLERS = {"review": _cmd_review, "meeting": _cmd_meeting}
