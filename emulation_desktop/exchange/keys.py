"""Signing keys: each installation's Ed25519 key pair, its key card, and the keys an office trusts.

The private key lives in the data folder (``keys/signing-key.pem``, owner-only permissions) and is made
on first use. The key card carries the installation's own units, the public key and its fingerprint;
the receiving office compares the fingerprint (read out on the phone or printed) and trusts the card
once per unit. Replacing a trusted key is explicit and audited.

The window's doors take the ``Database`` and open their own read or transaction (``key_card``,
``trust_card``, ``trusted_keys_list``, ``keys_to_replace``); those over a session are building blocks.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from emulation_desktop import __version__
from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id, utcnow
from emulation_desktop.domain.models import TrustedKey, Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, StorageError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage.database import Database

KEY_DIR = "keys"
PRIVATE_KEY_FILE = "signing-key.pem"
CARD_FORMAT = "emulation-desktop-key-card"
CARD_KEYS = frozenset({"format", "units", "public_key", "fingerprint", "created_at", "app_version"})
CARD_UNIT_KEYS = frozenset({"code", "name"})
MAX_CARD_BYTES = 64 * 1024


class KeyRejected(InputError):
    """A key card cannot be used: damaged, altered, or not for a unit we can trust."""


def fingerprint(public_raw: bytes) -> str:
    """SHA-256 of the raw public key, upper-case hex in groups of four, easy to read out loud."""
    digest = hashlib.sha256(public_raw).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_path(folder: Path) -> Path:
    return folder / KEY_DIR / PRIVATE_KEY_FILE


def signing_key(folder: Path | None) -> Ed25519PrivateKey:
    """This installation's private key, made (and saved owner-only) on first use."""
    if folder is None:
        raise StorageError(_("This data file has no data folder to keep a signing key in."))
    path = key_path(folder)
    try:
        if path.exists():
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError("not an Ed25519 key")
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        temp = path.with_suffix(".tmp")
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
        return key
    except (OSError, ValueError) as exc:
        raise StorageError(
            _("The signing key in “{path}” cannot be read or made: {detail}").format(path=path, detail=exc)
        ) from exc


def own_units(session: Session) -> list[Unit]:
    """The top units this installation owns (local units whose parent is not local)."""
    parent = aliased(Unit)
    return list(
        session.scalars(
            select(Unit)
            .outerjoin(parent, parent.id == Unit.parent_id)
            .where(Unit.is_local.is_(True), Unit.deleted.is_(False))
            .where(parent.id.is_(None) | parent.is_local.is_(False))
            .order_by(Unit.code)
        )
    )


@dataclass(frozen=True)
class KeyCard:
    units: tuple[tuple[str, str], ...]  # (code, name)
    public_key: bytes
    fingerprint: str
    created_at: str
    app_version: str

    def as_json(self) -> dict[str, object]:
        return {
            "format": CARD_FORMAT,
            "units": [{"code": code, "name": name} for code, name in self.units],
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "fingerprint": self.fingerprint,
            "created_at": self.created_at,
            "app_version": self.app_version,
        }

    def as_text(self) -> str:
        """The card as the clerk prints or reads it out: Vietnamese labels, then the JSON to import."""
        lines = [
            _("SIGNING KEY CARD"),
            *(_("Unit: {code} – {name}").format(code=code, name=name) for code, name in self.units),
            _("Fingerprint: {fingerprint}").format(fingerprint=self.fingerprint),
            _("Date: {date}").format(date=display_date(self.created_at)),
        ]
        return "\n".join(lines)


def key_card(db: Database) -> KeyCard:
    key = signing_key(db.folder)
    with db.session() as session:
        units = tuple((u.code, u.name) for u in own_units(session))
    if not units:
        raise InputError(_("This installation owns no unit yet, so it has no key card to give."))
    raw = public_raw(key.public_key())
    return KeyCard(units, raw, fingerprint(raw), utcnow().isoformat(timespec="seconds"), __version__)


def card_bytes(card: KeyCard) -> bytes:
    """The key card file: JSON (what ``keys trust`` reads) with the readable text alongside."""
    data = {**card.as_json(), "text": card.as_text()}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_card(data: bytes) -> KeyCard:
    """Parse and check a key card file; KeyRejected when it is damaged or altered."""
    from emulation_desktop.exchange.package_format import PackageRejected, loads_strict

    def refuse() -> KeyRejected:
        return KeyRejected(_("This is not a valid key card, or it was altered."))

    if len(data) > MAX_CARD_BYTES:
        raise refuse()
    try:
        value = loads_strict(data, "key card")
    except PackageRejected as exc:
        raise refuse() from exc
    if not isinstance(value, dict) or value.get("format") != CARD_FORMAT:
        raise refuse()
    value = {k: v for k, v in value.items() if k != "text"}  # the readable text is not trusted
    if set(value) != CARD_KEYS:
        raise refuse()
    units = value["units"]
    if not isinstance(units, list) or not units or len(units) > 100:
        raise refuse()
    parsed_units = []
    for unit in units:
        if not isinstance(unit, dict) or set(unit) != CARD_UNIT_KEYS:
            raise refuse()
        code, name = unit["code"], unit["name"]
        if not isinstance(code, str) or not isinstance(name, str) or not clean_text(code) or len(code) > 20:
            raise refuse()
        parsed_units.append((clean_text(code), clean_text(name)[:120]))
    try:
        raw = base64.b64decode(str(value["public_key"]), validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise refuse() from exc
    if value["fingerprint"] != fingerprint(raw):
        raise KeyRejected(_("The key card's fingerprint does not match its key: it was altered."))
    if not isinstance(value["created_at"], str) or not isinstance(value["app_version"], str):
        raise refuse()
    return KeyCard(
        tuple(parsed_units), raw, fingerprint(raw), value["created_at"][:40], value["app_version"][:40]
    )


@dataclass(frozen=True)
class TrustResult:
    unit_code: str
    fingerprint: str
    status: str  # "trusted", "already", "replaced"


def trust_card(db: Database, card: KeyCard, *, replace: bool = False, user: str = "") -> list[TrustResult]:
    """Register the card's key for each of its units. A different key already trusted for a unit is
    replaced only with ``replace``, and the replacement is audited; nothing changes otherwise."""
    key_b64 = base64.b64encode(card.public_key).decode("ascii")
    results: list[TrustResult] = []
    with db.transaction() as session:
        own = {u.code: u for u in own_units(session)}
        for code, name in card.units:
            if code in own and has_live_records(session, own[code]):
                raise KeyRejected(
                    _(
                        "The unit {code} is owned by this installation; its key cannot be trusted here."
                    ).format(code=code)
                )
            current = active_key(session, code)
            if current is not None and current.public_key == key_b64:
                results.append(TrustResult(code, card.fingerprint, "already"))
                continue
            if current is not None and not replace:
                raise KeyRejected(
                    _(
                        "A different key is already trusted for unit {code} (fingerprint {old}). "
                        "Replace it only if the unit confirms its new key (--replace)."
                    ).format(code=code, old=current.fingerprint)
                )
            new = TrustedKey(
                id=new_id(),
                unit_code=code,
                unit_name=name,
                public_key=key_b64,
                fingerprint=card.fingerprint,
                trusted_by=user,
                active=True,
            )
            session.add(new)
            if current is not None:
                current.active, current.replaced_at, current.replaced_by = False, utcnow(), new.id
            session.add(
                audit_row(
                    "key_replace" if current is not None else "key_trust",
                    "trusted_key",
                    new.id,
                    user=user,
                    old={"fingerprint": current.fingerprint} if current is not None else None,
                    new={"unit": code, "fingerprint": card.fingerprint},
                )
            )
            results.append(
                TrustResult(code, card.fingerprint, "replaced" if current is not None else "trusted")
            )
    return results


def active_key(session: Session, unit_code: str) -> TrustedKey | None:
    return session.scalar(
        select(TrustedKey).where(TrustedKey.unit_code == unit_code, TrustedKey.active.is_(True))
    )


def trusted_keys(session: Session) -> list[TrustedKey]:
    """Every key registered here, active first, for the trusted keys list."""
    return list(
        session.scalars(
            select(TrustedKey).order_by(TrustedKey.active.desc(), TrustedKey.unit_code, TrustedKey.trusted_at)
        )
    )


def trusted_keys_list(db: Database) -> list[TrustedKey]:
    """The trusted keys list, read on its own (see ``trusted_keys``)."""
    with db.session() as session:
        return trusted_keys(session)


def keys_to_replace(db: Database, card: KeyCard) -> list[tuple[str, str]]:
    """(unit code, fingerprint in use) of each of the card's units that trusts a different key: what
    trusting the card would replace, for the clerk to confirm first."""
    key_b64 = base64.b64encode(card.public_key).decode("ascii")
    with db.session() as session:
        return [
            (code, current.fingerprint)
            for code, _name in card.units
            if (current := active_key(session, code)) is not None and current.public_key != key_b64
        ]


def signature_refusal(
    session: Session, code: str, signer: str, signature: bytes, document: bytes
) -> str | None:
    """Why ``signature`` is not, here, the signature over ``document`` of the office whose unit is
    ``code`` (``signer`` names it in the sentence: "unit 016", "the cluster head 017"), or None when it
    is. One check and one wording for packages, forwardings and acknowledgements."""
    from emulation_desktop.exchange.package_format import SIGNATURE_BYTES

    trusted = active_key(session, code)
    if trusted is None:
        return _(
            "no key is trusted for {signer}. Register its key card first: “Trust a key from a file…” on the "
            "Data exchange tab, or the command keys trust."
        ).format(signer=signer)
    if len(signature) != SIGNATURE_BYTES or not verify(trusted.public_key, signature, document):
        return _(
            "its signature does not match the key trusted for {signer}: it was altered or signed by another key."
        ).format(signer=signer)
    return None


def verify(public_key_b64: str, signature: bytes, data: bytes) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
        key.verify(signature, data)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def sign(folder: Path | None, data: bytes) -> bytes:
    return signing_key(folder).sign(data)


def display_date(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).strftime("%d/%m/%Y")
    except ValueError:
        return stamp[:10]


def has_live_records(session: Session, unit: Unit) -> bool:
    """Whether any live record belongs to the unit or a unit under it."""
    from emulation_desktop.domain.record_kinds import KINDS

    subtree = select(Unit.id).where(in_subtree(Unit.path, unit.path))
    for kind in KINDS.values():
        model = kind.model
        found = session.scalar(
            select(model.id).where(model.unit_id.in_(subtree), model.deleted.is_(False)).limit(1)  # type: ignore[attr-defined]
        )
        if found:
            return True
    return False
