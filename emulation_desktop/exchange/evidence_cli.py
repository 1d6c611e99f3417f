"""The ``evidence`` subcommand: attach files to a record, list them, save a copy, remove one
(operations.evidence, exchange.evidence_files). Registered by exchange.cli_commands."""

from __future__ import annotations

import argparse
import json
from typing import Any

from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.locale.i18n import _


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    evidence = commands.add_parser(
        "evidence", parents=[common], help=_("evidence files attached to a record (PDF, photos)")
    )
    actions = evidence.add_subparsers(dest="evidence_action", required=True, parser_class=type(evidence))
    attach = actions.add_parser("attach", parents=[common], help=_("attach files to a record"))
    listing = actions.add_parser("list", parents=[common], help=_("list the files attached to a record"))
    for parser in (attach, listing):
        parser.add_argument("--kind", required=True, choices=sorted(KINDS), metavar="KIND")
        parser.add_argument("--record", required=True, help=_("the record's id"))
    attach.add_argument("files", nargs="+", metavar="FILE", help=_("PDF, JPEG, PNG or WebP files"))
    listing.add_argument("--format", choices=("json", "table"), default="table")
    export = actions.add_parser("export", parents=[common], help=_("save a copy of an attached file"))
    export.add_argument("id", help=_("the attachment's id (see evidence list)"))
    export.add_argument("--out", required=True, help=_("the file (or folder) to write"))
    remove = actions.add_parser("remove", parents=[common], help=_("remove a file from its record"))
    remove.add_argument("id", help=_("the attachment's id (see evidence list)"))


def _cmd_evidence(args: argparse.Namespace, db: Any) -> int:
    from emulation_desktop.exchange.evidence_files import save_copy
    from emulation_desktop.exchange.safe_save import safe_to_remove_message
    from emulation_desktop.operations import evidence

    action = args.evidence_action
    if action == "attach":
        for path in args.files:
            added = evidence.attach(db, args.kind, args.record, path)
            print(
                _("Attached “{name}” ({size}, {type}): {id}").format(
                    name=added.file_name,
                    size=evidence.size_text(added.size),
                    type=added.media_type,
                    id=added.id,
                )
            )
    elif action == "list":
        listed = evidence.list_evidence(db, args.kind, args.record)
        if args.format == "json":
            print(json.dumps([item.as_json() for item in listed], ensure_ascii=False, indent=2))
        elif not listed:
            print(_("No file is attached to this record."))
        for item in listed if args.format == "table" else ():
            print(
                "\t".join(
                    (item.id, item.file_name, evidence.size_text(item.size), f"{item.added_at:%d/%m/%Y}")
                )
            )
    elif action == "export":
        print(safe_to_remove_message(save_copy(db, args.id, args.out)))
    else:
        removed = evidence.detach(db, args.id)
        print(_("Removed “{name}” from its record.").format(name=removed.file_name))
    return 0


HANDLERS = {"evidence": _cmd_evidence}
