"""Forwarding a cluster's year to the city (issue #18, docs/exchange.md "Up to the city").

The cluster head makes one forwarding package: each member's own signed package exactly as it was
received and accepted here, the head's own year, and a manifest signed by the head that lists them with
their SHA-256 and vouches for each member's public key. The city verifies the head's signature against
the key it trusts for the head, then every member's package against the key it trusts for that member
(or, when it trusts none yet, the key the head vouches for), and imports each member's year as if the
member had sent it directly: all of them in one transaction, or nothing.

A receiving office keeps the original bytes of the packages it applies (``keep_original``, called by the
import in its own transaction): that is what a cluster head forwards.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from emulation_desktop import __version__, paths
from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id, utcnow
from emulation_desktop.domain.models import (
    Cluster,
    ClusterMember,
    PackageLog,
    ReceivedPackage,
    SubmissionDecision,
    TrustedKey,
    Unit,
)
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_plan import ImportPlan
from emulation_desktop.exchange.package_format import PackageRejected, is_uuid, is_whole, parse_stamp
from emulation_desktop.exchange.package_reading import Package, read_package
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import cluster_members
from emulation_desktop.operations.structure import insert_cluster, put_cluster_member
from emulation_desktop.operations.submissions import board, office_clusters
from emulation_desktop.storage.database import Database

FORMAT = "emulation-desktop-forwarding"
FORMAT_VERSION = 1
MANIFEST = "forwarding.json"
SIGNATURE = "forwarding.sig"
PACKAGES_PREFIX = "packages/"
MAX_UNITS = 200  # a cluster has a handful of members; a city has 126 units in all
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MANIFEST_KEYS = frozenset(
    {
        "format",
        "format_version",
        "forwarding_id",
        "cluster_code",
        "cluster_name",
        "city_code",
        "year",
        "head_code",
        "head_name",
        "created_at",
        "app_version",
        "units",
    }
)
UNIT_KEYS = frozenset(
    {
        "code",
        "name",
        "role",
        "file",
        "package_id",
        "sha256",
        "bytes",
        "public_key",
        "fingerprint",
        "accepted_at",
    }
)
ROLES = ("head", "deputy", "member")


def _stamp(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def package_file(unit_code: str) -> str:
    return f"{PACKAGES_PREFIX}{unit_code}.zip"


def default_file_name(cluster_code: str, year: int) -> str:
    from emulation_desktop.exchange.safe_save import safe_filename

    return safe_filename(f"chuyen-tiep-{cluster_code.lower()}-{year}.zip")


# ------------------------------------------------------------------------------- at every receiver


def keep_original(session: Session, plan: ImportPlan, data: bytes) -> None:
    """Keep the package just applied byte for byte (inside the import's transaction), and drop the
    unit-year's older originals except the one last accepted here (or, at the city, by a cluster head):
    that is what can still be forwarded."""
    if session.get(ReceivedPackage, plan.package_id) is None:
        session.add(
            ReceivedPackage(
                package_id=plan.package_id,
                unit_code=plan.unit_code,
                year=plan.year,
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
            )
        )
    keep = {plan.package_id}
    accepted = session.scalar(
        select(SubmissionDecision.package_id)
        .where(
            SubmissionDecision.direction == "made",
            SubmissionDecision.decision == "accepted",
            SubmissionDecision.unit_code == plan.unit_code,
            SubmissionDecision.year == plan.year,
        )
        .order_by(SubmissionDecision.decided_at.desc())
        .limit(1)
    )
    by_head = session.scalar(
        select(ReceivedPackage.package_id)
        .where(
            ReceivedPackage.unit_code == plan.unit_code,
            ReceivedPackage.year == plan.year,
            ReceivedPackage.accepted_at.is_not(None),
        )
        .order_by(ReceivedPackage.accepted_at.desc())
        .limit(1)
    )
    keep |= {p for p in (accepted, by_head) if p}
    session.execute(
        delete(ReceivedPackage).where(
            ReceivedPackage.unit_code == plan.unit_code,
            ReceivedPackage.year == plan.year,
            ReceivedPackage.package_id.not_in(keep),
        )
    )


# --------------------------------------------------------------------------------- at the cluster head


@dataclass(frozen=True)
class BuiltForwarding:
    data: bytes
    manifest: dict[str, Any]
    own: Any  # the head's own package (export_package.BuiltPackage)
    pending: list[tuple[str, str, str]]  # (code, name, why it is not forwarded)


@dataclass(frozen=True)
class ForwardResult:
    path: Path
    forwarding_id: str
    cluster_code: str
    year: int
    sha256: str
    units: list[tuple[str, str]]  # (code, name) forwarded, the head's own unit first
    pending: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            _(
                "Forwarding package of cluster {cluster} for {year}: {n} units' years, saved to “{path}”."
            ).format(cluster=self.cluster_code, year=self.year, n=len(self.units), path=self.path)
        ]
        lines.extend(
            _("Not forwarded: {name} ({code}): {why}").format(name=name, code=code, why=why)
            for code, name, why in self.pending
        )
        return "\n".join(lines)


def _headed_cluster(session: Session, cluster_code: str, year: int) -> tuple[Cluster, Unit, Unit]:
    """(cluster, this office's head unit, the city above it); refused unless this office heads it."""
    code = clean_text(cluster_code)
    for cluster, issuer in office_clusters(session, year):
        if cluster.code == code and issuer.id != cluster.parent_unit_id:
            city = session.get(Unit, cluster.parent_unit_id) if cluster.parent_unit_id else None
            if city is None:
                raise InputError(
                    _("The cluster “{code}” is under no city in this data file.").format(code=code)
                )
            return cluster, issuer, city
    raise InputError(
        _(
            "This office does not head the cluster “{code}” in {year}: only the cluster head forwards its "
            "members' years to the city."
        ).format(code=code, year=year)
    )


def headed_clusters(db: Database, year: int) -> list[str]:
    """The codes of the clusters this office heads in ``year``: what it can forward to the city."""
    with db.session() as session:
        return [c.code for c, unit in office_clusters(session, year) if unit.id != c.parent_unit_id]


def build_forwarding(
    db: Database, cluster_code: str, year: int, *, now: datetime | None = None
) -> BuiltForwarding:
    """The forwarding package's bytes: each member whose year the board shows accepted, with the very
    package accepted; the head's own year, built and signed now; the manifest signed by the head."""
    from emulation_desktop.operations.submissions import status_text

    now = now or utcnow()
    entries: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    pending: list[tuple[str, str, str]] = []
    with db.session() as session:
        cluster, head, city = _headed_cluster(session, cluster_code, year)
        roles = {unit.code: role for unit, role in cluster_members(session, cluster, year)}
        head_code, head_name = head.code, head.name
        cluster_code, cluster_name, city_code = cluster.code, cluster.name, city.code
        for row in board(session, year, cluster_code=cluster.code).rows:
            original = session.get(ReceivedPackage, row.package_id) if row.package_id else None
            trusted = keys.active_key(session, row.unit_code)
            if row.status != "accepted":
                pending.append((row.unit_code, row.unit_name, status_text(row)))
                continue
            if original is None or trusted is None:
                pending.append(
                    (
                        row.unit_code,
                        row.unit_name,
                        _("its original package is not kept here; ask it to send its package again."),
                    )
                )
                continue
            assert row.decided_at is not None  # an accepted row has its decision
            files[package_file(row.unit_code)] = original.data
            entries.append(
                {
                    "code": row.unit_code,
                    "name": row.unit_name,
                    "role": roles.get(row.unit_code, "member"),
                    "file": package_file(row.unit_code),
                    "package_id": original.package_id,
                    "sha256": hashlib.sha256(original.data).hexdigest(),
                    "bytes": len(original.data),
                    "public_key": trusted.public_key,
                    "fingerprint": trusted.fingerprint,
                    "accepted_at": _stamp(row.decided_at),
                }
            )
    # The head's own year: it vouches for it by forwarding it, signed with its own key.
    own = build_package(db, head_code, year, now=now)
    own_key = keys.public_raw(keys.signing_key(db.folder).public_key())
    files[package_file(head_code)] = own.data
    entries.insert(
        0,
        {
            "code": head_code,
            "name": head_name,
            "role": "head",
            "file": package_file(head_code),
            "package_id": own.package_id,
            "sha256": hashlib.sha256(own.data).hexdigest(),
            "bytes": len(own.data),
            "public_key": base64.b64encode(own_key).decode("ascii"),
            "fingerprint": keys.fingerprint(own_key),
            "accepted_at": _stamp(now),
        },
    )
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "forwarding_id": str(uuid.uuid4()),
        "cluster_code": cluster_code,
        "cluster_name": cluster_name,
        "city_code": city_code,
        "year": year,
        "head_code": head_code,
        "head_name": head_name,
        "created_at": _stamp(now),
        "app_version": __version__,
        "units": entries,
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    buffer = io.BytesIO()
    stamp = (now.year, now.month, now.day, now.hour, now.minute, now.second)
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(MANIFEST, date_time=stamp), manifest_bytes)
        archive.writestr(zipfile.ZipInfo(SIGNATURE, date_time=stamp), keys.sign(db.folder, manifest_bytes))
        for name, content in files.items():  # packages are zips already: stored, not compressed again
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), content)
    return BuiltForwarding(buffer.getvalue(), manifest, own, pending)


def export_forwarding(
    db: Database, cluster_code: str, year: int, out: str | Path, *, user: str = ""
) -> ForwardResult:
    """Build the cluster's forwarding package, save it the safe way to ``out`` (a file, or a folder for
    the default name), and record it here (the head's own package as sent, and an audit entry), in
    one transaction; if that cannot be kept, the file just written is removed again."""
    from emulation_desktop.exchange.safe_save import output_target, safe_write
    from emulation_desktop.storage.database import refuse_if_read_only

    if db.read_only and db.folder is not None:
        refuse_if_read_only(db.folder)
    built = build_forwarding(db, cluster_code, year)
    manifest = built.manifest
    folder, name = output_target(out, ".zip", default_file_name(manifest["cluster_code"], year))
    saved = safe_write(folder, name, built.data)
    units = [(u["code"], u["name"]) for u in manifest["units"]]
    try:
        with db.transaction() as session:
            session.add(
                PackageLog(
                    direction="sent",
                    package_id=built.own.package_id,
                    unit_code=manifest["head_code"],
                    year=year,
                    created_at=datetime.fromisoformat(built.own.manifest["created_at"]),
                    status="sent",
                    file_name=str(saved.path),
                    file_sha256=saved.sha256,
                    user=user,
                    summary=json.dumps(
                        {
                            "records": built.own.counts,
                            "tombstones": built.own.tombstones,
                            "submitted": False,
                            "sequence": built.own.manifest["sequence"],
                            "forwarding_id": manifest["forwarding_id"],
                            "cluster": manifest["cluster_code"],
                            "units": [code for code, _name in units],
                        },
                        ensure_ascii=False,
                    ),
                )
            )
            session.add(
                audit_row(
                    "forward",
                    "package_log",
                    manifest["forwarding_id"],
                    user=user,
                    new={
                        "cluster": manifest["cluster_code"],
                        "year": year,
                        "units": [code for code, _name in units],
                        "file": str(saved.path),
                        "sha256": saved.sha256,
                    },
                )
            )
    except BaseException:
        saved.path.unlink(missing_ok=True)
        raise
    return ForwardResult(
        saved.path,
        manifest["forwarding_id"],
        manifest["cluster_code"],
        year,
        saved.sha256,
        units,
        built.pending,
    )


# ------------------------------------------------------------------------------------------ at the city


def is_forwarding(data: bytes) -> bool:
    """Whether ``data`` is meant as a forwarding package (a zip naming its manifest), so that the import
    of packages hands it here; whether it is a valid one is for ``receive`` to say."""
    if len(data) > MAX_TOTAL_BYTES or not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return MANIFEST in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def _refusal(reason: str) -> PackageRejected:
    return PackageRejected(_("The forwarding package is refused: {reason}").format(reason=reason))


def _read_members(data: bytes) -> dict[str, bytes]:
    """Every member, by its expected kind of name only, with caps on count and sizes."""
    damaged = _refusal(_("the file is damaged or is not a forwarding package."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_UNITS + 2:
                raise _refusal(_("it contains too many files."))
            members: dict[str, bytes] = {}
            total = 0
            for info in infos:
                name = info.filename
                stem = name[len(PACKAGES_PREFIX) : -len(".zip")] if name.startswith(PACKAGES_PREFIX) else ""
                if name not in (MANIFEST, SIGNATURE) and not (
                    name.endswith(".zip")
                    and stem
                    and "/" not in stem
                    and ".." not in stem
                    and "\\" not in stem
                ):
                    raise _refusal(
                        _("it contains an unexpected file “{name}”.").format(name=pf.shown(name, 80))
                    )
                if name in members:
                    raise _refusal(_("the file “{name}” appears twice.").format(name=pf.shown(name, 80)))
                limit = pf.MAX_MANIFEST_BYTES if name in (MANIFEST, SIGNATURE) else pf.MAX_FILE_BYTES
                total += info.file_size
                if info.flag_bits & 0x1 or info.file_size > limit or total > MAX_TOTAL_BYTES:
                    raise _refusal(_("the file “{name}” is too large.").format(name=pf.shown(name, 80)))
                with archive.open(info) as handle:
                    content = handle.read(info.file_size + 1)
                if len(content) != info.file_size:
                    raise damaged
                members[name] = content
            return members
    except PackageRejected:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, KeyError) as exc:
        raise damaged from exc


def _checked(manifest_bytes: bytes) -> dict[str, Any]:
    """The manifest's shape: every field there, nothing unknown, each value valid."""
    manifest = pf.loads_strict(manifest_bytes, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refusal(_("it is not a forwarding package of this application."))
    version = manifest.get("format_version")
    if is_whole(version) and version > FORMAT_VERSION:
        raise _refusal(_("it was made by a newer version of the application; please update this one."))
    pf.require_keys(manifest, MANIFEST_KEYS, MANIFEST)
    invalid = _refusal(_("its manifest is not valid."))
    texts = ("cluster_code", "cluster_name", "city_code", "head_code", "head_name", "app_version")
    if (
        version != FORMAT_VERSION
        or not is_uuid(manifest["forwarding_id"])
        or not is_whole(manifest["year"], 2000, 2100)
        or parse_stamp(manifest["created_at"]) is None
        or not all(isinstance(manifest[k], str) and 0 < len(manifest[k]) <= 200 for k in texts)
        or not isinstance(manifest["units"], list)
        or not 0 < len(manifest["units"]) <= MAX_UNITS
    ):
        raise invalid
    seen: set[str] = set()
    for entry in manifest["units"]:
        pf.require_keys(entry, UNIT_KEYS, MANIFEST)
        code = entry["code"]
        if (
            not isinstance(code, str)
            or not code
            or len(code) > 20
            or clean_text(code) != code
            or code in seen
            or not isinstance(entry["name"], str)
            or entry["role"] not in ROLES
            or entry["file"] != package_file(code)
            or not is_uuid(entry["package_id"])
            or not isinstance(entry["sha256"], str)
            or len(entry["sha256"]) != 64
            or not is_whole(entry["bytes"], 1, pf.MAX_FILE_BYTES)
            or not isinstance(entry["public_key"], str)
            or not isinstance(entry["fingerprint"], str)
            or parse_stamp(entry["accepted_at"]) is None
        ):
            raise invalid
        seen.add(code)
    if manifest["head_code"] not in seen:
        raise invalid
    return manifest


@dataclass
class ForwardedUnit:
    code: str
    name: str
    role: str
    status: str  # "applied", "unchanged" or "planned" (dry run)
    records: int


@dataclass
class Forwarded:
    """What a forwarding package did (or, in a dry run, would do) at the city."""

    forwarding_id: str
    cluster_code: str
    cluster_name: str
    head_code: str
    head_name: str
    year: int
    units: list[ForwardedUnit]
    status: str = "planned"  # "planned", "applied" or "unchanged"
    keys_learned: list[str] = field(default_factory=list)  # units whose key the head vouched for

    def summary_lines(self) -> list[str]:
        lines = [
            _("Forwarding package of {cluster} for {year}, from the cluster head {head}: {n} units.").format(
                cluster=self.cluster_name, year=self.year, head=self.head_name, n=len(self.units)
            )
        ]
        labels = {
            "applied": _("imported"),
            "unchanged": _("already imported"),
            "planned": _("to import"),
        }
        lines.extend(
            _("{name} ({code}): {records} records, {state}.").format(
                name=u.name, code=u.code, records=u.records, state=labels[u.status]
            )
            for u in self.units
        )
        if self.keys_learned:
            lines.append(
                _("Keys vouched for by the cluster head, now trusted: {codes}.").format(
                    codes=", ".join(self.keys_learned)
                )
            )
        if self.status == "planned":
            lines.append(_("Dry run: nothing was changed."))
        elif self.status == "unchanged":
            lines.append(_("This forwarding package was already imported; nothing changed."))
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "forwarding_id": self.forwarding_id,
            "cluster": self.cluster_code,
            "head": self.head_code,
            "year": self.year,
            "status": self.status,
            "units": [
                {"unit": u.code, "name": u.name, "role": u.role, "status": u.status, "records": u.records}
                for u in self.units
            ],
            "keys_learned": self.keys_learned,
        }


@contextmanager
def _work(db: Database, dry_run: bool) -> Iterator[Session]:
    """One transaction: committed (an import), or always rolled back (a dry run, which also has to see
    the keys it would learn)."""
    if not dry_run:
        with db.transaction() as session:
            yield session
        return
    with db.session() as session:
        transaction = session.begin()
        try:
            yield session
        finally:
            transaction.rollback()


def receive(
    db: Database, data: bytes, *, dry_run: bool = False, user: str = "", file_name: str = ""
) -> Forwarded:
    """Verify a forwarding package completely and (unless ``dry_run``) import every unit's year in it,
    in one transaction: the keys the head vouches for, each package as if received from its unit, the
    cluster and its members for the year, and the head's acceptance of each. Raises PackageRejected,
    naming the unit at fault, and writes nothing but the refusal in the package history."""
    from emulation_desktop.exchange.package_history import log_refusal

    try:
        return _receive(db, data, dry_run=dry_run, user=user, file_name=file_name)
    except PackageRejected as exc:
        if not dry_run:
            log_refusal(db, data, exc.message, file_name=file_name, user=user)
        raise


def _unit_refusal(entry: dict[str, Any], reason: str) -> PackageRejected:
    return _refusal(
        _("the package of {name} ({code}): {reason}").format(
            name=pf.shown(clean_text(entry["name"]) or entry["code"], 120), code=entry["code"], reason=reason
        )
    )


def _receive(db: Database, data: bytes, *, dry_run: bool, user: str, file_name: str) -> Forwarded:
    from emulation_desktop.exchange.import_package import apply_plan, refused_rows
    from emulation_desktop.exchange.import_planning import plan_import

    members = _read_members(data)
    if MANIFEST not in members or SIGNATURE not in members:
        raise _refusal(_("its manifest or signature is missing."))
    manifest_bytes = members[MANIFEST]
    manifest = _checked(manifest_bytes)
    listed = {entry["file"] for entry in manifest["units"]}
    extra = sorted(set(members) - listed - {MANIFEST, SIGNATURE}) or sorted(listed - set(members))
    if extra:
        raise _refusal(
            _("the file “{name}” does not match the manifest.").format(name=pf.shown(extra[0], 80))
        )
    head_code, year = manifest["head_code"], manifest["year"]
    result = Forwarded(
        manifest["forwarding_id"],
        manifest["cluster_code"],
        clean_text(manifest["cluster_name"]),
        head_code,
        clean_text(manifest["head_name"]),
        year,
        [],
    )
    if not dry_run:
        from emulation_desktop.storage.backup import take_backup
        from emulation_desktop.storage.database import refuse_if_read_only

        if db.read_only and db.folder is not None:
            refuse_if_read_only(db.folder)
        if db.folder is not None:
            take_backup(paths.database_path(db.folder), paths.backups_dir(db.folder), reason="before-import")
    try:
        with _work(db, dry_run) as session:
            city = _verify_head(session, manifest, manifest_bytes, members[SIGNATURE])
            packages = [
                (entry, _verify_unit(session, entry, members[entry["file"]], year, result, user))
                for entry in manifest["units"]
            ]
            for entry, pkg in packages:
                try:
                    plan = plan_import(session, pkg)
                except PackageRejected as exc:
                    raise _unit_refusal(entry, exc.message) from exc
                if plan.rejected:
                    raise _unit_refusal(entry, refused_rows(plan).message)
                status = "unchanged" if plan.status == "unchanged" else "planned"
                if status == "planned" and not dry_run:
                    where = f"{file_name}/{entry['file']}"  # the history names the file it came in
                    apply_plan(session, plan, user=user, file_name=where, data=members[entry["file"]])
                    status = "applied"
                records = sum(len(content["rows"]) for content in pkg.records.values())
                result.units.append(
                    ForwardedUnit(entry["code"], clean_text(entry["name"]), entry["role"], status, records)
                )
            if dry_run:
                return result
            changed = _place_cluster(session, manifest, city, user)
            changed |= _keep_acceptances(session, manifest, members)
            changed |= bool(result.keys_learned) or any(u.status == "applied" for u in result.units)
            result.status = "applied" if changed else "unchanged"
            if changed:
                session.add(
                    audit_row(
                        "import",
                        "forwarding",
                        manifest["forwarding_id"],
                        user=user,
                        new={
                            "cluster": manifest["cluster_code"],
                            "year": year,
                            "head": head_code,
                            "units": {u.code: u.status for u in result.units},
                            "file": file_name,
                        },
                        reason=_("Forwarded by the cluster head {code}").format(code=head_code),
                    )
                )
    except IntegrityError as exc:
        raise _refusal(
            _(
                "some of its records clash with records already here (the same record, or a value that "
                "must be unique, under another identity). Nothing was imported."
            )
        ) from exc
    return result


def _verify_head(session: Session, manifest: dict[str, Any], manifest_bytes: bytes, signature: bytes) -> Unit:
    """The head's signature against the key trusted here for it, and the city it is for: owned here."""
    head_code = manifest["head_code"]
    signer = _("the cluster head {code}").format(code=head_code)
    refused = keys.signature_refusal(session, head_code, signer, signature, manifest_bytes)
    if refused:
        raise _refusal(refused)
    city = session.scalar(select(Unit).where(Unit.code == manifest["city_code"], Unit.deleted.is_(False)))
    if city is None or not city.is_local:
        raise _refusal(
            _(
                "it is for {code}, which this installation does not keep: only the city above the cluster imports it."
            ).format(code=pf.shown(manifest["city_code"]))
        )
    cluster = session.scalar(select(Cluster).where(Cluster.code == manifest["cluster_code"]))
    if cluster is not None and cluster.parent_unit_id != city.id:
        raise _refusal(
            _("the cluster {code} is kept here under another unit.").format(code=manifest["cluster_code"])
        )
    if cluster is not None:
        heads = [u.code for u, role in cluster_members(session, cluster, manifest["year"]) if role == "head"]
        if heads and heads != [head_code]:
            raise _refusal(
                _("{code} does not head the cluster {cluster} in {year}; {head} does.").format(
                    code=head_code, cluster=cluster.code, year=manifest["year"], head=heads[0]
                )
            )
    return city


def _verify_unit(
    session: Session, entry: dict[str, Any], content: bytes, year: int, result: Forwarded, user: str
) -> Package:
    """One unit's original package: the bytes the head signed for, the unit's own signature against the
    key trusted here for the unit (or learned from the head's vouching, when none is), for the year."""
    if len(content) != entry["bytes"] or hashlib.sha256(content).hexdigest() != entry["sha256"]:
        raise _unit_refusal(
            entry,
            _("it is not the package the cluster head signed for: it was altered after it was accepted."),
        )
    try:
        raw = base64.b64decode(entry["public_key"], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _unit_refusal(entry, _("the key vouched for it is not valid.")) from exc
    if len(raw) != 32 or keys.fingerprint(raw) != entry["fingerprint"]:
        raise _unit_refusal(entry, _("the key vouched for it is not valid."))
    trusted = keys.active_key(session, entry["code"])
    if trusted is not None and trusted.public_key != entry["public_key"]:
        raise _unit_refusal(
            entry,
            _(
                "the cluster head vouches for a key (fingerprint {vouched}) other than the one trusted here "
                "(fingerprint {trusted}); confirm the unit's key card with it."
            ).format(vouched=entry["fingerprint"], trusted=trusted.fingerprint),
        )
    if trusted is None:
        learned = TrustedKey(
            id=new_id(),
            unit_code=entry["code"],
            unit_name=clean_text(entry["name"])[:120],
            public_key=entry["public_key"],
            fingerprint=entry["fingerprint"],
            trusted_by=user,
            active=True,
        )
        session.add(learned)
        session.add(
            audit_row(
                "key_trust",
                "trusted_key",
                learned.id,
                user=user,
                new={"unit": entry["code"], "fingerprint": entry["fingerprint"]},
                reason=_("Vouched for by the cluster head in a forwarding package"),
            )
        )
        session.flush()
        result.keys_learned.append(entry["code"])
    try:
        pkg = read_package(session, content)
    except PackageRejected as exc:
        raise _unit_refusal(entry, exc.message) from exc
    if pkg.unit_code != entry["code"] or pkg.year != year or pkg.package_id != entry["package_id"]:
        raise _unit_refusal(entry, _("it is for another unit, year or package than the manifest says."))
    return pkg


def _place_cluster(session: Session, manifest: dict[str, Any], city: Unit, user: str) -> bool:
    """The cluster under the city and its members for the year with their roles; whether that changed."""
    cluster = session.scalar(select(Cluster).where(Cluster.code == manifest["cluster_code"]))
    changed = False
    if cluster is None:
        cluster = insert_cluster(session, manifest["cluster_code"], manifest["cluster_name"], city, user=user)
        session.flush()
        changed = True
    for entry in manifest["units"]:
        unit = session.scalar(select(Unit).where(Unit.code == entry["code"], Unit.deleted.is_(False)))
        assert unit is not None  # its package was applied (or had been) just above
        same = session.scalar(
            select(ClusterMember.id).where(
                ClusterMember.cluster_id == cluster.id,
                ClusterMember.unit_id == unit.id,
                ClusterMember.year == manifest["year"],
                ClusterMember.role == entry["role"],
                ClusterMember.deleted.is_(False),
            )
        )
        if same is None:
            put_cluster_member(session, cluster, unit, manifest["year"], entry["role"], user=user)
            session.flush()
            changed = True
    return changed


def _keep_acceptances(session: Session, manifest: dict[str, Any], members: dict[str, bytes]) -> bool:
    """Keep each original with the head's acceptance of it (the city's board shows it accepted)."""
    changed = False
    for entry in manifest["units"]:
        accepted_at = parse_stamp(entry["accepted_at"])
        row = session.get(ReceivedPackage, entry["package_id"])
        if row is None:  # applied here before originals were kept
            content = members[entry["file"]]
            row = ReceivedPackage(
                package_id=entry["package_id"],
                unit_code=entry["code"],
                year=manifest["year"],
                sha256=hashlib.sha256(content).hexdigest(),
                data=content,
            )
            session.add(row)
        if row.forwarded_by != manifest["head_code"] or row.accepted_at != accepted_at:
            row.forwarded_by, row.accepted_at = manifest["head_code"], accepted_at
            changed = True
    return changed
