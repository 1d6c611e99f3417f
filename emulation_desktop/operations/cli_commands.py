"""The set-up subcommands: ``catalogue`` lists the official communes and wards of a province (no data
file needed); ``setup`` sets the data folder up for one unit of that list (docs/setup.md). ``cli.py``
adds the parsers and the handlers."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from emulation_desktop.domain import catalogue
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import setup
from emulation_desktop.storage.database import Database


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    listing = commands.add_parser(
        "catalogue", parents=[common], help=_("the official communes and wards of a province")
    )
    listing.add_argument("--province", required=True, help=_("the province's code (Hà Nội: 01)"))
    listing.add_argument(
        "--year", type=int, help=_("the list in force that year (before 2025: the one with districts)")
    )
    listing.add_argument("--search", default="", help=_("only the units whose name holds these words"))
    listing.add_argument("--format", choices=("json", "table"), default="table")

    start = commands.add_parser(
        "setup", parents=[common], help=_("set the data folder up for a unit of the official list")
    )
    start.add_argument("--unit", required=True, help=_("the unit's code in the official list"))
    start.add_argument("--year", type=int, required=True, help=_("the emulation year to start with"))
    start.add_argument(
        "--role",
        choices=("office", "cluster-head", "city"),
        default="office",
        help=_("office: a commune's or ward's committee; cluster-head: it also heads a cluster; city"),
    )
    start.add_argument("--chair", default="", help=_("the chairman's full name (signs the documents)"))
    start.add_argument(
        "--villages-file", help=_("a text or CSV file (UTF-8) with one village or residential group a line")
    )
    start.add_argument("--cluster", default="", help=_("cluster head: the cluster's code"))
    start.add_argument("--cluster-name", default="", help=_("cluster head: the cluster's name"))
    start.add_argument(
        "--members", default="", help=_("cluster head: the other members' codes, separated by commas")
    )
    start.add_argument("--deputy", default="", help=_("cluster head: this year's deputy's code"))


def _cmd_catalogue(args: argparse.Namespace) -> int:
    listed = catalogue.current() if args.year is None else catalogue.for_year(args.year)
    province = listed.province(args.province.strip())
    if province is None:
        raise InputError(
            _("No province with the code “{code}” in the official list. Hà Nội is 01.").format(
                code=args.province
            )
        )
    units = (
        listed.search(args.search, province.code, limit=len(listed.units))
        if args.search.strip()
        else listed.units_of(province.code)
    )
    rows = [{"code": u.code, "name": u.name, "type": u.type} for u in units]
    if args.format == "json":
        print(
            json.dumps(
                {"province": province.code, "name": province.name, "units": rows},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(_("{province}: {count} communes and wards").format(province=province.name, count=len(rows)))
    width = max((len(row["name"]) for row in rows), default=0)
    for row in rows:
        print(f"{row['code']}  {row['name']:<{width}}  {row['type']}")
    return 0


def _villages(file: str | None) -> tuple[str, ...]:
    """The villages of a text or CSV file: the first cell of each line. A workbook is read by the set-up
    window (exchange/villages_file.py), which this layer cannot import."""
    if not file:
        return ()
    path = Path(file)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise InputError(_("Save the list of villages as CSV (UTF-8) or text, or choose it in the window."))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            _("The file “{name}” cannot be read as UTF-8 text: {detail}").format(
                name=path.name, detail=getattr(exc, "strerror", None) or exc
            )
        ) from exc
    first_cells = (line.replace(";", "\t").replace(",", "\t").split("\t")[0] for line in text.splitlines())
    return tuple(setup.villages_from_column(first_cells))


def _cmd_setup(args: argparse.Namespace, db: Database) -> int:
    plan = setup.plan_from_catalogue(args.unit, args.year, role=args.role, chair=args.chair)
    members = tuple(code.strip() for code in args.members.split(",") if code.strip())
    plan = replace(
        plan,
        villages=_villages(args.villages_file),
        cluster_code=args.cluster,
        cluster_name=args.cluster_name,
        cluster_members=plan.cluster_members + members,
        deputy_code=args.deputy,
    )
    setup.apply_setup(db, plan, user="cli")
    print(
        _("The data folder is set up for {name} ({code}), year {year}.").format(
            name=plan.unit_name, code=plan.unit_code, year=plan.year
        )
    )
    for message in setup.plan_warnings(plan).values():
        print(_("Note: {message}").format(message=message))
    return 0


# Commands that need no data file: run before one is opened (or made).
WITHOUT_DATA = {"catalogue": _cmd_catalogue}
HANDLERS: dict[str, Any] = {"setup": _cmd_setup}
