"""The data exchange subcommands of the command line: keys, export-package and import-package, and
at a receiving office the completeness board (submissions) with accept and return.

``cli.py`` adds these parsers and handlers; each handler takes the parsed arguments and the open
database and returns the exit code (errors are raised as AppError and reported by ``cli.run_command``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from emulation_desktop.errors import InputError
from emulation_desktop.exchange import evidence_cli
from emulation_desktop.locale.i18n import _


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    evidence_cli.add_parsers(commands, common)  # evidence attach|list|export|remove
    key_cmd = commands.add_parser(
        "keys", parents=[common], help=_("this installation's key card and trusted keys")
    )
    actions = key_cmd.add_subparsers(dest="keys_action", required=True, parser_class=type(key_cmd))
    export = actions.add_parser("export", parents=[common], help=_("save this installation's key card"))
    export.add_argument("--out", required=True, help=_("the key card file to write"))
    trust = actions.add_parser("trust", parents=[common], help=_("trust a unit's key card"))
    trust.add_argument("file", help=_("the key card file"))
    trust.add_argument(
        "--replace", action="store_true", help=_("replace the key already trusted for the unit")
    )
    actions.add_parser("list", parents=[common], help=_("list the trusted keys"))

    package = commands.add_parser(
        "export-package", parents=[common], help=_("export a unit's year as a signed package")
    )
    package.add_argument("--year", type=int, required=True)
    package.add_argument("--out", required=True, help=_("the package file (or folder) to write"))
    package.add_argument("--unit", help=_("the unit (default: the one this installation owns)"))
    package.add_argument("--submit", action="store_true", help=_("submit: lock the year after exporting"))
    package.add_argument(
        "--cluster",
        help=_("at the cluster head: forward the cluster's accepted years and its own to the city"),
    )

    receive = commands.add_parser("import-package", parents=[common], help=_("import a signed package"))
    receive.add_argument("file", help=_("the package file"))
    receive.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    receive.add_argument("--json", action="store_true", help=_("print the summary as JSON"))

    board = commands.add_parser(
        "submissions", parents=[common], help=_("which member units sent their year, and what was decided")
    )
    board.add_argument("--year", type=int, required=True)
    board.add_argument("--cluster", help=_("only this cluster (default: every cluster this office heads)"))
    board.add_argument("--format", choices=("json", "table"), default="table")
    board.add_argument(
        "--unit", help=_("show what happened to this unit's year here: packages received and decisions")
    )
    board.add_argument(
        "--due", metavar="DAY/MONTH", help=_("set the day members' packages are due every year (e.g. 20/12)")
    )
    accept = commands.add_parser(
        "accept", parents=[common], help=_("accept a member unit's year and write the acknowledgement")
    )
    _unit_year_out(accept)
    give_back = commands.add_parser(
        "return",
        parents=[common],
        help=_("return a member unit's year with a reason and write the acknowledgement"),
    )
    _unit_year_out(give_back)
    give_back.add_argument(
        "--reason", required=True, help=_("why the data is returned, for the unit to correct")
    )

    again = commands.add_parser(
        "acknowledgement",
        parents=[common],
        help=_("save the last acknowledgement made for a unit's year again (when the stick was lost)"),
    )
    _unit_year_out(again)

    export_list = commands.add_parser(
        "export-list", parents=[common], help=_("save an editor's list as XLSX")
    )
    export_list.add_argument("--kind", required=True, help=_("the kind of record, e.g. support_activity"))
    export_list.add_argument("--unit", required=True)
    export_list.add_argument("--year", type=int)
    export_list.add_argument("--search", default="", help=_("only the records matching these words"))
    export_list.add_argument("--out", required=True, help=_("the XLSX file (or folder) to write"))

    import_list = commands.add_parser(
        "import-list", parents=[common], help=_("import support activities or donations from XLSX or CSV")
    )
    import_list.add_argument("file", help=_("the XLSX or CSV file"))
    import_list.add_argument("--kind", choices=("support_activity", "donation"), required=True)
    import_list.add_argument("--unit", required=True)
    import_list.add_argument("--year", type=int, help=_("the year, when the list has no year column"))
    import_list.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=_("map a column (number from 1) to a field"),
    )
    import_list.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    import_list.add_argument("--rejects", help=_("save the rejected rows to this CSV or XLSX file"))
    import_list.add_argument(
        "--encoding",
        choices=("auto", "unicode", "tcvn3", "vni"),
        default="auto",
        help=_("the encoding of the text: detect per column (auto), Unicode, TCVN3 (ABC) or VNI"),
    )


def _cmd_keys(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange import keys
    from emulation_desktop.exchange.safe_save import safe_write

    if args.keys_action == "export":
        card = keys.key_card(db)
        out = Path(args.out)
        folder, name = (out, "the-khoa.json") if out.is_dir() else (out.parent, out.name)
        saved = safe_write(folder, name, keys.card_bytes(card))
        print(card.as_text())
        print(_("Key card saved to “{path}”.").format(path=saved.path))
        return 0
    if args.keys_action == "trust":
        from emulation_desktop.exchange.package_reading import read_file

        card = keys.read_card(read_file(args.file))
        for result in keys.trust_card(db, card, replace=args.replace):
            message = {
                "trusted": _("Key trusted for unit {code} (fingerprint {fingerprint})."),
                "already": _("This key is already trusted for unit {code} (fingerprint {fingerprint})."),
                "replaced": _("The key of unit {code} was replaced (new fingerprint {fingerprint})."),
            }[result.status]
            print(message.format(code=result.unit_code, fingerprint=result.fingerprint))
        return 0
    with db.session() as session:
        for key in keys.trusted_keys(session):
            state = _("active") if key.active else _("replaced")
            print(f"{key.unit_code}\t{key.fingerprint}\t{key.trusted_at:%d/%m/%Y}\t{state}")
    return 0


def _cmd_export_package(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange.export_package import export_package

    if args.cluster:
        from emulation_desktop.exchange.forwarding import export_forwarding

        if args.unit or args.submit:
            raise InputError(_("--cluster forwards the whole cluster: leave out --unit and --submit."))
        print(export_forwarding(db, args.cluster, args.year, args.out).summary())
        return 0
    result = export_package(db, args.unit, args.year, args.out, submit=args.submit)
    print(result.summary())
    return 0


def _cmd_import_package(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange.import_package import import_package

    plan = import_package(db, args.file, dry_run=args.dry_run)
    if args.json:
        print(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(plan.summary_lines()))
    return 0


def _unit_year_out(command: argparse.ArgumentParser) -> None:
    """The arguments of a decision on a member's year and its acknowledgement file."""
    command.add_argument("--unit", required=True)
    command.add_argument("--year", type=int, required=True)
    command.add_argument("--out", required=True, help=_("the acknowledgement file (or folder) to write"))


def _cmd_submissions(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.locale.formatting import format_date
    from emulation_desktop.operations.submissions import board_of, status_text

    if args.due:
        from emulation_desktop.operations.submissions import set_due_day

        set_due_day(db, args.due, user="cli")
    if args.unit:
        return _unit_history(args, db)
    board = board_of(db, args.year, cluster_code=args.cluster)
    if args.format == "json":
        print(json.dumps(board.as_json(), ensure_ascii=False, indent=2))
        return 0
    header = [_("Unit"), _("Status"), _("Received at"), _("Package"), _("Reason")]
    rows = [
        [
            f"{row.unit_code} {row.unit_name}",
            status_text(row),
            _local(row.received_at),
            f"{row.package_file} ({row.sha_short})" if row.package_file else "",
            row.reason,
        ]
        for row in board.rows
    ]
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header) - 1)]
    for line in [header, *rows]:
        print(
            "  ".join(
                [*(cell.ljust(width) for cell, width in zip(line, widths, strict=False)), line[-1]]
            ).rstrip()
        )
    counts = board.counts()
    print(
        _(
            "Due {date}. Missing: {missing}; received: {received}; accepted: {accepted}; returned: {returned}."
        ).format(date=format_date(board.due), **counts)
    )
    return 0


def _unit_history(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.operations.submission_history import history_of
    from emulation_desktop.operations.submissions import board_of

    board = board_of(db, args.year, cluster_code=args.cluster)  # refused where no cluster sends here
    row = next((row for row in board.rows if row.unit_code == args.unit.strip()), None)
    if row is None:
        raise InputError(
            _("{code} is not a member unit that sends its {year} data here.").format(
                code=args.unit, year=args.year
            )
        )
    entries = history_of(db, row.unit_code, args.year)
    if args.format == "json":
        print(
            json.dumps(
                {**row.as_json(), "history": [entry.as_json() for entry in entries]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"{row.unit_code} {row.unit_name}, {args.year}")
    if not entries:
        print(_("Nothing received from this unit yet."))
    for entry in entries:
        package = f"{entry.package_file} ({entry.package_sha256[:12]})" if entry.package_file else ""
        print("  ".join(part for part in (_local(entry.at), entry.event_text, package, entry.reason) if part))
    return 0


def _cmd_acknowledgement(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange.acknowledgement import saved_again
    from emulation_desktop.operations.submission_history import latest_acknowledgement

    path = saved_again(db, latest_acknowledgement(db, args.unit.strip(), args.year), args.out)
    print(_("Saved to “{path}”.").format(path=path))
    return 0


def _local(stamp: Any) -> str:
    from datetime import UTC

    if stamp is None:
        return ""
    return f"{stamp.replace(tzinfo=UTC).astimezone():%d/%m/%Y %H:%M}"


def _cmd_decide(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange.acknowledgement import decide

    decision = "accepted" if args.command == "accept" else "returned"
    result = decide(db, args.unit, args.year, decision, args.out, reason=getattr(args, "reason", ""))
    print(result.summary())
    return 0


def _cmd_export_list(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange.safe_save import SavedFile, safe_to_remove_message
    from emulation_desktop.exchange.spreadsheet_export import export_list

    path = export_list(db, args.kind, args.unit, args.year, args.out, search=args.search)
    print(safe_to_remove_message(SavedFile(path, path.stat().st_size, "")))
    return 0


def _cmd_import_list(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange import spreadsheet_import as si

    sheet = si.read_sheet(args.file, kind=args.kind, encoding=args.encoding)
    mapping = None
    if args.map:
        mapping = si.guess_mapping(args.kind, sheet.headers)
        for item in args.map:
            column, _sep, name = item.partition("=")
            if not column.strip().isdigit() or not name.strip():
                raise InputError(_("Write a column mapping like 3=beneficiary."))
            mapping = {k: v for k, v in mapping.items() if v != name.strip()}
            mapping[int(column) - 1] = name.strip()
    result = si.preview(db, sheet, args.kind, args.unit, mapping=mapping, year=args.year)
    columns = ", ".join(f"{sheet.headers[i] or i + 1} → {name}" for i, name in sorted(result.mapping.items()))
    print(_("Columns: {columns}").format(columns=columns))
    for line in filter(None, [sheet.charset_line(), *sheet.conversion_lines()]):
        print(line)
    print(result.summary())
    for rejection in result.rejected[:50]:
        print(
            _("Row {row}, {column}: {reason}").format(
                row=rejection.row, column=rejection.column or "-", reason=rejection.reason
            )
        )
    if args.rejects and result.rejected:
        print(_("Rejected rows saved to “{path}”.").format(path=si.save_rejections(result, args.rejects)))
    if not args.dry_run:
        print(_("{n} rows imported.").format(n=si.import_rows(db, result)))
    return 0


HANDLERS = {
    **evidence_cli.HANDLERS,
    "keys": _cmd_keys,
    "export-package": _cmd_export_package,
    "import-package": _cmd_import_package,
    "submissions": _cmd_submissions,
    "acknowledgement": _cmd_acknowledgement,
    "accept": _cmd_decide,
    "return": _cmd_decide,
    "export-list": _cmd_export_list,
    "import-list": _cmd_import_list,
}
