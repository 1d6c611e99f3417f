"""The command line: the same core operations as the window, for scripts, tests and batch work.

Exit codes: 0 ok, 2 bad input (a clear message on stderr), 1 anything else.

``emulation_desktop.main`` decides between the window and a command; the commands' modules (documents,
packages, the review) are imported only to parse or run a command: a clerk's start does not wait for
what it does not use.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import emulation_desktop
from emulation_desktop.errors import AppError, InputError
from emulation_desktop.locale.i18n import LANGUAGES, _, set_language


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, _("Invalid command: {detail}").format(detail=message) + "\n")


def common_options() -> argparse.ArgumentParser:
    """The options every command takes (and the window too)."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS lets --data-dir stand before or after the command without one overwriting the other.
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=_("data folder (default: per user)"))
    return common


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages"))


def _parser() -> argparse.ArgumentParser:
    from emulation_desktop.exchange import cli_commands as exchange_commands
    from emulation_desktop.operations import cli_commands as setup_commands
    from emulation_desktop.reports.registry import DOCUMENT_KINDS
    from emulation_desktop.review import cli_commands as review_commands

    common = common_options()
    parser = _Parser(
        prog="emulation-desktop", parents=[common], description=_("Emulation records of the Fatherland Front")
    )
    parser.add_argument(
        "--version", action="version", version=f"emulation-desktop {emulation_desktop.__version__}"
    )
    add_lang(parser)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = commands.add_parser("demo", parents=[common], help=_("load the Cluster 3 demo data"))
    who = demo.add_mutually_exclusive_group()
    who.add_argument("--unit", help=_("own just this district, with its demo records"))
    who.add_argument(
        "--structure-only", action="store_true", help=_("city, cluster, districts and communes only")
    )

    indicators = commands.add_parser(
        "indicators", parents=[common], help=_("the figures of a unit or cluster")
    )
    scope = indicators.add_mutually_exclusive_group(required=True)
    scope.add_argument("--unit")
    scope.add_argument("--cluster")
    scope.add_argument(
        "--city",
        action="store_true",
        help=_("at the city's office: every cluster under it, with a table per cluster and per unit"),
    )
    indicators.add_argument("--year", type=int, required=True)
    indicators.add_argument("--format", choices=("json", "table"), default="table")

    commands.add_parser("check", parents=[common], help=_("check the data file"))

    report = commands.add_parser("report", parents=[common], help=_("make a document (PDF)"))
    report.add_argument(
        "kind", choices=sorted(DOCUMENT_KINDS), metavar="KIND", help=", ".join(DOCUMENT_KINDS)
    )
    scope = report.add_mutually_exclusive_group(required=True)
    scope.add_argument("--unit")
    scope.add_argument("--cluster")
    scope.add_argument(
        "--city",
        action="store_true",
        help=_("at the city's office: the whole city (the year-end and consolidated reports)"),
    )
    report.add_argument("--year", type=int, required=True)
    report.add_argument(
        "--out", required=True, help=_("the file to write: .pdf, or .docx (Word) for a narrative document")
    )
    report.add_argument("--date", help=_("the date on the document, dd/mm/yyyy (default: today)"))
    report.add_argument(
        "--final",
        action="store_true",
        help=_(
            "issue it: refuse it if it is incomplete (otherwise an incomplete document is a draft), else "
            "give it its number in the register of outgoing documents (a reprint keeps it)"
        ),
    )
    report.add_argument(
        "--number",
        default="",
        help=_("with --final: the number already given by hand (default: the next one)"),
    )
    documents = commands.add_parser(
        "documents", parents=[common], help=_("the register of outgoing documents of a unit for a year")
    )
    documents.add_argument("--unit", required=True)
    documents.add_argument("--year", type=int, required=True, help=_("the year the documents were issued in"))
    documents.add_argument("--format", choices=("json", "table"), default="table")
    backup = commands.add_parser("backup", parents=[common], help=_("back up the data file"))
    backup.add_argument("--out", help=_("where to save the copy (default: the backups folder)"))
    restore = commands.add_parser("restore", parents=[common], help=_("replace the data by a backup"))
    restore.add_argument("file", help=_("the backup file"))
    manual = commands.add_parser("manual", parents=[common], help=_("save the user manual as a PDF"))
    manual.add_argument("--out", required=True, help=_("the PDF file to write"))
    exchange_commands.add_parsers(commands, common)
    setup_commands.add_parsers(commands, common)
    review_commands.add_parsers(commands, common)
    return parser


def _cmd_demo(args: argparse.Namespace, db) -> int:  # type: ignore[no-untyped-def]
    from emulation_desktop.demo import load_demo

    summary = load_demo(db, unit_code=args.unit, structure_only=args.structure_only)
    print(_("Demo data loaded: {summary}").format(summary=json.dumps(summary, ensure_ascii=False)))
    return 0


def _cmd_indicators(args: argparse.Namespace, db) -> int:  # type: ignore[no-untyped-def]
    from emulation_desktop.indicators.compute import compute
    from emulation_desktop.indicators.scope import unit_scope
    from emulation_desktop.indicators.table import render_table
    from emulation_desktop.operations.clusters import cluster_scope

    if args.city:
        return _city_indicators(args, db)
    with db.session() as session:
        scope = (
            cluster_scope(session, args.cluster, args.year)
            if args.cluster
            else unit_scope(session, args.unit)
        )
        report = compute(session, scope, args.year)
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_table(report))
    return 0


def _city_indicators(args: argparse.Namespace, db) -> int:  # type: ignore[no-untyped-def]
    """The city's figures, then each cluster's and each unit's: the same ``compute`` over each scope."""
    from emulation_desktop.indicators.compute import compute
    from emulation_desktop.indicators.scope import city_scope, unit_scope
    from emulation_desktop.indicators.table import render_table
    from emulation_desktop.operations.clusters import cluster_scope
    from emulation_desktop.operations.submissions import office_clusters

    with db.session() as session:
        city = compute(session, city_scope(session, args.year), args.year)
        clusters = [
            compute(session, cluster_scope(session, cluster.code, args.year), args.year)
            for cluster, _unit in office_clusters(session, args.year)
            if cluster.parent_unit_id is not None
        ]
        codes = sorted({code for report in clusters for code in _unit_codes(session, report.scope.unit_ids)})
        units = [compute(session, unit_scope(session, code), args.year) for code in codes]
    if args.format == "json":
        body = city.as_json()
        body["clusters"] = [report.as_json() for report in clusters]
        body["units"] = [report.as_json() for report in units]
        print(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(render_table(report) for report in [city, *clusters, *units]))
    return 0


def _unit_codes(session, unit_ids: tuple[str, ...]) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from emulation_desktop.domain.models import Unit

    return list(session.scalars(select(Unit.code).where(Unit.id.in_(unit_ids))))


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise InputError(_("“{text}” is not a date; write it like 08/11/2022.").format(text=text))


def _cmd_report(args: argparse.Namespace, db) -> int:  # type: ignore[no-untyped-def]

    from emulation_desktop.exchange.safe_save import output_target, safe_to_remove_message, safe_write
    from emulation_desktop.reports.jobs import make_document
    from emulation_desktop.reports.registry import require_format
    from emulation_desktop.reports.request import ReportRequest

    # The extension chooses the file: a Word file for "….docx" (narrative documents only), else a PDF.
    file_format = "docx" if Path(args.out).suffix.lower() == ".docx" else "pdf"
    folder, name = output_target(args.out, f".{file_format}")
    issued_on = _parse_date(args.date)
    scope, code = ("cluster", args.cluster) if args.cluster else ("unit", args.unit)
    if args.city:
        from emulation_desktop.reports.report_data import the_city

        with db.session() as session:  # refused here at any office but the city's
            scope, code = "city", the_city(session).code
    request = ReportRequest(args.kind, scope, code, args.year, issued_on, args.number, format=file_format)
    require_format(request)  # a list as a Word file: exit 2 before anything is made
    if args.final:
        from emulation_desktop.reports.document_register import issue_document

        # Exit 2 listing what is missing; else numbered from the register, in one transaction.
        built = issue_document(db, request, user="cli")
    else:
        built = make_document(db, request)
    saved = safe_write(folder, name, built.data)
    print(safe_to_remove_message(saved))
    if built.number:
        from emulation_desktop.reports.request import number_line

        print(number_line(built))
    return 0


def _cmd_documents(args: argparse.Namespace, db) -> int:  # type: ignore[no-untyped-def]
    from emulation_desktop.operations.document_register import register_of

    listed = register_of(db, args.unit, args.year)
    if args.format == "json":
        print(json.dumps([entry.as_json() for entry in listed], ensure_ascii=False, indent=2))
        return 0
    if not listed:
        print(_("No outgoing document was registered in {year}.").format(year=args.year))
    for entry in listed:
        print(f"{entry.number_text:<14} {entry.issued_on:%d/%m/%Y}  {entry.title}  {entry.signer}".rstrip())
    return 0


def _cmd_check(args: argparse.Namespace, db) -> int:  # type: ignore[no-untyped-def]
    from emulation_desktop.storage.check import run_checks

    with db.session() as session:
        findings = run_checks(session)
    for finding in findings:
        print(("✓ " if finding.ok else "✗ ") + finding.message)
    return 0 if all(f.ok for f in findings) else 1


def _cmd_backup(args: argparse.Namespace, db) -> int:  # type: ignore[no-untyped-def]
    from emulation_desktop import paths
    from emulation_desktop.storage import backup

    source = paths.database_path(db.folder)
    if args.out:
        from emulation_desktop.exchange.safe_save import output_target

        folder, name = output_target(args.out, ".sqlite3", f"backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite3")
        target = folder / name
        backup.save_backup_to(source, target)
    else:
        target = backup.take_backup(source, reason="manual").path
    print(_("Backup saved and verified: {path}").format(path=target))
    return 0


def _cmd_manual(out_arg: str) -> int:
    """The user manual as a PDF; it needs no data file, so none is opened."""
    import os

    from emulation_desktop.domain.file_messages import READ_ONLY, cannot_save
    from emulation_desktop.exchange.safe_save import output_target, safe_to_remove_message, safe_write
    from emulation_desktop.reports.manual import build_pdf

    folder, name = output_target(out_arg, ".pdf")
    if not os.access(folder, os.W_OK):  # refused before the manual is made, as bad input
        raise InputError(cannot_save(READ_ONLY, folder, name))
    saved = safe_write(folder, name, build_pdf())
    print(safe_to_remove_message(saved))
    return 0


def _restore(data_dir: str | None, file: str) -> int:
    """Restore before opening: the current file may be the damaged one."""
    from emulation_desktop import paths
    from emulation_desktop.storage.backup import restore_backup
    from emulation_desktop.storage.database import refuse_if_read_only
    from emulation_desktop.storage.instance_lock import InstanceLock

    folder = paths.data_dir(data_dir)
    source = Path(file)
    if not source.is_file():
        raise InputError(_("No backup file “{name}”.").format(name=file))
    refuse_if_read_only(folder)  # before the lock, which is a file in that folder too
    with InstanceLock(folder):
        kept = restore_backup(paths.database_path(folder), source)
    print(_("The data was restored from {name}.").format(name=source.name))
    if kept:
        print(_("The data as it was before is kept in {path}.").format(path=kept))
    return 0


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The full command line; exits 2 with a Vietnamese message on a mistake, as argparse does."""
    args = _parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    return args


def run_command(args: argparse.Namespace) -> int:
    """Run one parsed command (``args.command`` is set) and return its exit code."""
    data_dir = getattr(args, "data_dir", None)
    from emulation_desktop.exchange import cli_commands as exchange_commands
    from emulation_desktop.operations import cli_commands as setup_commands
    from emulation_desktop.review import cli_commands as review_commands
    from emulation_desktop.storage.database import open_database

    try:
        if args.command == "restore":
            return _restore(data_dir, args.file)
        if args.command == "manual":
            return _cmd_manual(args.out)
        if args.command in setup_commands.WITHOUT_DATA:
            return setup_commands.WITHOUT_DATA[args.command](args)
        db = open_database(data_dir)
        try:
            handler = {
                "demo": _cmd_demo,
                "indicators": _cmd_indicators,
                "check": _cmd_check,
                "report": _cmd_report,
                "documents": _cmd_documents,
                "backup": _cmd_backup,
                **exchange_commands.HANDLERS,
                **setup_commands.HANDLERS,
                **review_commands.HANDLERS,
            }[args.command]
            return handler(args, db)
        finally:
            db.close()
    except AppError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        raise  # the reader of the output left (``| head``): main() ends quietly
    except MemoryError:
        print(
            _(
                "Error: this computer ran out of memory for this task; nothing was changed. Close other programs and try again."
            ),
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # the last resort: say what happened, in one line, and exit 1
        print(_("Unexpected error: {message}").format(message=exc), file=sys.stderr)
        return 1
