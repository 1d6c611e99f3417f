"""The set-up subcommands: ``catalogue`` lists the official communes and wards of a province (no data
file needed). ``cli.py`` adds the parsers and the handlers."""

from __future__ import annotations

import argparse
import json
from typing import Any

from emulation_desktop.domain import catalogue
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _


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


# Commands that need no data file: run before one is opened (or made).
WITHOUT_DATA = {"catalogue": _cmd_catalogue}
HANDLERS: dict[str, Any] = {}
