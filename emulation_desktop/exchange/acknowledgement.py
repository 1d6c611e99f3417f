"""The signed acknowledgement: a receiving office's answer to a member's package (issue #18).

The cluster head (later the city) accepts a member unit's year, or returns it with a reason. Either
way the app writes a small file for the member, carried back on the same stick, and records the
decision (operations.submissions) in the same transaction. The member opens it like a package
(``import-package FILE``: exchange.import_package hands it here), and it is kept only when its
signature verifies against the key trusted for the office that signed it.

The file is a zip (so the window's package dialog offers it) of exactly two members, stored
uncompressed:

- ``acknowledgement.json``: format and version, the acknowledgement's id, the decision and its reason,
  the member unit and year, the package decided on (id, SHA-256 of its file, its name and number),
  the deciding office (unit code and name; the cluster's code when its head decided), the time of the
  decision and the app version;
- ``acknowledgement.sig``: the Ed25519 signature (64 raw bytes) over the exact bytes of the JSON, made
  with the installation's signing key like a package's manifest (exchange.keys).

A damaged, altered or foreign file is refused with its reason and nothing is recorded.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop import __version__
from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import ClusterMember, SubmissionDecision, Unit
from emulation_desktop.domain.submissions import DECISIONS
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.package_format import is_uuid, is_whole, parse_stamp
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import submissions
from emulation_desktop.operations.clusters import cluster_of_unit
from emulation_desktop.storage.database import Database

FORMAT = "emulation-desktop-acknowledgement"
FORMAT_VERSION = 1
DOCUMENT = "acknowledgement.json"
SIGNATURE = "acknowledgement.sig"
MAX_FILE_BYTES = 64 * 1024
MAX_MEMBER_BYTES = 16 * 1024
KEYS = frozenset(
    {
        "format",
        "format_version",
        "acknowledgement_id",
        "decision",
        "reason",
        "unit_code",
        "unit_name",
        "year",
        "package_id",
        "package_sha256",
        "package_file",
        "package_sequence",
        "issuer_code",
        "issuer_name",
        "cluster_code",
        "decided_at",
        "app_version",
    }
)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class AcknowledgementRejected(InputError):
    """The acknowledgement cannot be trusted or read; nothing was recorded."""


def _refusal(reason: str) -> AcknowledgementRejected:
    return AcknowledgementRejected(_("The acknowledgement is refused: {reason}").format(reason=reason))


def default_file_name(decision: str, unit_code: str, year: int) -> str:
    """ "xac-nhan-017-2022.zip" for an acceptance, "tra-lai-017-2022.zip" for a return."""
    stem = "xac-nhan" if decision == "accepted" else "tra-lai"
    return f"{stem}-{unit_code}-{year}.zip"


def _zip(document: bytes, signature: bytes, when: datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in ((DOCUMENT, document), (SIGNATURE, signature)):
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------- at the receiver


@dataclass(frozen=True)
class Decided:
    acknowledgement_id: str
    decision: str
    unit_code: str
    unit_name: str
    year: int
    reason: str
    package_file: str
    path: Path

    def summary(self) -> str:
        if self.decision == "accepted":
            text = _("The {year} data of {unit} was accepted.")
        else:
            text = _("The {year} data of {unit} was returned: {reason}")
        return "\n".join(
            (
                text.format(year=self.year, unit=self.unit_name, reason=self.reason),
                _("Acknowledgement saved to “{path}”: give it back to the unit on its stick.").format(
                    path=self.path
                ),
            )
        )


def decide(
    db: Database,
    unit_code: str,
    year: int,
    decision: str,
    out: str | Path,
    *,
    reason: str = "",
    user: str = "",
) -> Decided:
    """Accept a member unit's year or return it with a reason: one transaction that records the
    decision on the latest package received, with its audit entry, and saves the signed
    acknowledgement to ``out`` (a file, or a folder for the default name) the safe way. If the
    decision cannot be recorded, the file just saved is removed again: the stick never carries a
    decision this office has not kept."""
    from emulation_desktop.exchange.safe_save import output_target, safe_write
    from emulation_desktop.storage.database import refuse_if_read_only

    reason = submissions.clean_reason(decision, reason)
    if db.read_only and db.folder is not None:
        refuse_if_read_only(db.folder)
    folder, name = output_target(out, ".zip", default_file_name(decision, clean_text(unit_code), year))
    now = utcnow()
    saved = None
    try:
        with db.transaction() as session:
            who = submissions.sender(session, unit_code, year)
            package = submissions.package_to_decide(session, who, year)
            summary = submissions.summary_of(package)
            sequence = summary.get("sequence")
            body = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "acknowledgement_id": str(uuid.uuid4()),
                "decision": decision,
                "reason": reason,
                "unit_code": who.unit.code,
                "unit_name": who.unit.name,
                "year": year,
                "package_id": package.package_id,
                "package_sha256": package.file_sha256,
                "package_file": submissions.base_name(package.file_name)[:255],
                "package_sequence": sequence if is_whole(sequence, 1) else None,
                "issuer_code": who.issuer.code,
                "issuer_name": who.issuer.name,
                "cluster_code": who.cluster.code if who.by_cluster_head else "",
                "decided_at": now.isoformat(timespec="microseconds"),
                "app_version": __version__,
            }
            document = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
            signature = keys.sign(db.folder, document)
            row = _row(body, document, signature, direction="made", user=user)
            submissions.record_made(session, row, file_name=name)
            session.flush()  # a data file that cannot take the decision stops here, before the stick
            saved = safe_write(folder, name, _zip(document, signature, now))
            result = Decided(
                row.id, decision, who.unit.code, who.unit.name, year, reason, row.package_file, saved.path
            )
    except BaseException:
        if saved is not None:
            with contextlib.suppress(OSError):
                saved.path.unlink()
        raise
    return result


def _row(
    body: dict[str, Any], document: bytes, signature: bytes, *, direction: str, user: str
) -> SubmissionDecision:
    return SubmissionDecision(
        id=body["acknowledgement_id"],
        direction=direction,
        unit_code=body["unit_code"],
        year=body["year"],
        decision=body["decision"],
        reason=body["reason"],
        package_id=body["package_id"],
        package_sha256=body["package_sha256"],
        package_file=body["package_file"],
        package_sequence=body["package_sequence"],
        issuer_code=body["issuer_code"],
        issuer_name=body["issuer_name"][:120],
        cluster_code=body["cluster_code"],
        decided_at=parse_stamp(body["decided_at"]),
        recorded_at=utcnow(),
        user=user[:80],
        document=document.decode("utf-8"),
        signature=base64.b64encode(signature).decode("ascii"),
    )


# --------------------------------------------------------------------------------------- at the member


def is_acknowledgement(data: bytes) -> bool:
    """Whether ``data`` is meant as an acknowledgement (a small zip naming its member), so that the
    import of packages hands it here; whether it is a valid one is for ``receive`` to say."""
    if len(data) > MAX_FILE_BYTES or not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def _members(data: bytes) -> tuple[bytes, bytes]:
    damaged = _refusal(_("the file is damaged or is not an acknowledgement."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sorted(i.filename for i in infos) != sorted((DOCUMENT, SIGNATURE)):
                raise _refusal(_("it holds other files than an acknowledgement does."))
            found = {}
            for info in infos:
                if info.file_size > MAX_MEMBER_BYTES or info.flag_bits & 0x1:
                    raise damaged
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise damaged
                with archive.open(info) as handle:
                    content = handle.read(MAX_MEMBER_BYTES + 1)
                if len(content) != info.file_size:
                    raise damaged
                found[info.filename] = content
    except AcknowledgementRejected:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise damaged from exc
    return found[DOCUMENT], found[SIGNATURE]


def _text(value: Any, limit: int, *, required: bool = False) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= limit
        and pf.text_fault(value) is None
        and clean_text(value) == value
        and (bool(value) or not required)
    )


def _checked(document: bytes) -> dict[str, Any]:
    try:
        body = pf.loads_strict(document, DOCUMENT)
    except pf.PackageRejected as exc:
        raise _refusal(_("its text is damaged (not valid JSON).")) from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise _refusal(_("it is not an acknowledgement of this application."))
    if is_whole(body.get("format_version")) and body["format_version"] > FORMAT_VERSION:
        raise _refusal(_("it was made by a newer version of the application; please update this one."))
    if set(body) != KEYS:
        raise _refusal(_("its fields are not those of an acknowledgement."))
    valid = (
        body["format_version"] == FORMAT_VERSION
        and is_uuid(body["acknowledgement_id"])
        and body["decision"] in DECISIONS
        and _text(body["reason"], submissions.MAX_REASON, required=body["decision"] == "returned")
        and _text(body["unit_code"], 20, required=True)
        and _text(body["unit_name"], 200)
        and is_whole(body["year"], 2000, 2100)
        and is_uuid(body["package_id"])
        and isinstance(body["package_sha256"], str)
        and (body["package_sha256"] == "" or _SHA256.match(body["package_sha256"]) is not None)
        and isinstance(body["package_file"], str)
        and len(body["package_file"]) <= 255
        and pf.text_fault(body["package_file"]) is None
        and (body["package_sequence"] is None or is_whole(body["package_sequence"], 1))
        and _text(body["issuer_code"], 20, required=True)
        and _text(body["issuer_name"], 200)
        and _text(body["cluster_code"], 20)
        and parse_stamp(body["decided_at"]) is not None
        and _text(body["app_version"], 40)
    )
    if not valid:
        raise _refusal(_("one of its fields is not valid."))
    return body


def _allowed_issuer(session: Session, unit: Unit, year: int, issuer_code: str) -> bool:
    """The office that may decide on the unit's year: the head of its cluster that year, when this
    data file knows it, or an office above the unit (the city). Another member's key, trusted here for
    other reasons, cannot accept or return this unit's year."""
    if issuer_code == unit.code:
        return False
    issuer = session.scalar(select(Unit).where(Unit.code == issuer_code, Unit.deleted.is_(False)))
    if issuer is not None and unit.path.startswith(issuer.path):
        return True
    cluster = cluster_of_unit(session, unit.id, year)
    if cluster is None:
        return True  # this data file does not know the cluster: the trusted key decides
    heads = session.scalars(
        select(Unit.code)
        .join(ClusterMember, ClusterMember.unit_id == Unit.id)
        .where(
            ClusterMember.cluster_id == cluster.id,
            ClusterMember.year == year,
            ClusterMember.role == "head",
            ClusterMember.deleted.is_(False),
        )
    ).all()
    return not heads or issuer_code in heads


@dataclass
class Acknowledged:
    """What receiving an acknowledgement did (or, in a dry run, would do). It answers the import's
    callers as a plan does: ``status``, ``summary_lines``, ``as_json``."""

    acknowledgement_id: str
    decision: str
    reason: str
    unit_code: str
    unit_name: str
    year: int
    issuer_name: str
    by_cluster_head: bool
    package_file: str
    decided_at: datetime
    status: str = "planned"  # planned, applied, unchanged
    current: bool = True  # about the package sent last
    year_change: str = ""  # "locked", "unlocked" or ""

    def summary_lines(self) -> list[str]:
        who = _("The cluster head") if self.by_cluster_head else self.issuer_name
        if self.decision == "accepted":
            head = _("{who} accepted the {year} data of {unit} on {date}.")
        else:
            head = _("{who} returned the {year} data of {unit}: {reason}")
        lines = [
            head.format(
                who=who,
                year=self.year,
                unit=self.unit_name,
                date=self.decided_at.strftime("%d/%m/%Y"),
                reason=self.reason,
            )
        ]
        if self.package_file:
            lines.append(_("About the package “{name}”.").format(name=self.package_file))
        if not self.current:
            lines.append(_("It is about an older package than the one sent last: the year is left as it is."))
        if self.status == "unchanged":
            lines.append(_("This acknowledgement was recorded already; nothing was changed."))
        elif self.status == "planned":
            lines.append(_("Dry run: nothing was changed."))
        else:
            lines.append(_("The acknowledgement was recorded."))
            if self.year_change == "locked":
                lines.append(_("The year is now locked; to change it, unlock it with a reason."))
            elif self.year_change == "unlocked":
                lines.append(
                    _("The year is unlocked for correction; send the package again when it is done.")
                )
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "acknowledgement_id": self.acknowledgement_id,
            "decision": self.decision,
            "reason": self.reason,
            "unit": self.unit_code,
            "year": self.year,
            "issuer": self.issuer_name,
            "package_file": self.package_file,
            "decided_at": self.decided_at.isoformat(),
            "status": self.status,
            "current": self.current,
            "year_change": self.year_change,
        }


def _verify(session: Session, data: bytes) -> tuple[dict[str, Any], bytes, bytes, Unit]:
    """Read and verify an acknowledgement completely: shape, trust, signature, and that it is for a
    unit owned here, from the office that decides on it."""
    document, signature = _members(data)
    body = _checked(document)
    issuer = body["issuer_code"]
    refused = keys.signature_refusal(session, issuer, issuer, signature, document)
    if refused:
        raise _refusal(refused)
    unit = session.scalar(select(Unit).where(Unit.code == body["unit_code"], Unit.deleted.is_(False)))
    if unit is None or not unit.is_local:
        raise _refusal(
            _("it is for unit {code}, whose data is not kept by this installation.").format(
                code=body["unit_code"]
            )
        )
    if not _allowed_issuer(session, unit, body["year"], issuer):
        raise _refusal(
            _(
                "{code} does not head the cluster of {unit} in {year}, so it cannot decide on its data."
            ).format(code=issuer, unit=unit.name, year=body["year"])
        )
    return body, document, signature, unit


def receive(
    db: Database, data: bytes, *, dry_run: bool = False, user: str = "", file_name: str = ""
) -> Acknowledged:
    """Verify an acknowledgement and (unless ``dry_run``) record it in one transaction: the decision,
    its audit entry, and the year locked (accepted) or unlocked for correction (returned) when it is
    about the package sent last. The same file twice changes nothing. Raises AcknowledgementRejected
    and records nothing when it cannot be trusted."""
    from emulation_desktop.storage.database import refuse_if_read_only

    with db.session() as session:
        body, document, signature, unit = _verify(session, data)
        seen = session.get(SubmissionDecision, body["acknowledgement_id"])
    result = Acknowledged(
        body["acknowledgement_id"],
        body["decision"],
        body["reason"],
        unit.code,
        unit.name,
        body["year"],
        body["issuer_name"],
        bool(body["cluster_code"]),
        body["package_file"],
        parse_stamp(body["decided_at"]) or utcnow(),
    )
    if seen is not None:
        result.status = "unchanged"
        return result
    if dry_run:
        return result
    if db.read_only and db.folder is not None:
        refuse_if_read_only(db.folder)
    with db.transaction() as session:
        body, document, signature, unit = _verify(session, data)
        if session.get(SubmissionDecision, body["acknowledgement_id"]) is not None:
            result.status = "unchanged"
            return result
        row = _row(body, document, signature, direction="received", user=user)
        outcome = submissions.record_received(session, row, unit)
        result.status, result.current, result.year_change = "applied", outcome.current, outcome.year_change
    return result


def saved_again(db: Database, acknowledgement_id: str, out: str | Path) -> Path:
    """Write a decision made here to a stick again (the first stick was lost): the same signed file."""
    from emulation_desktop.exchange.safe_save import output_target, safe_write

    with db.session() as session:
        row = session.get(SubmissionDecision, acknowledgement_id)
        if row is None or row.direction != "made":
            raise InputError(_("No decision made here has this acknowledgement id."))
        document, signature = row.document.encode("utf-8"), base64.b64decode(row.signature)
        name = default_file_name(row.decision, row.unit_code, row.year)
        when = row.decided_at
    folder, name = output_target(out, ".zip", name)
    return safe_write(folder, name, _zip(document, signature, when)).path
