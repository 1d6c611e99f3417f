"""What every document needs from the data: who issues it (a unit's standing board, or a cluster
through its head), the cluster's members of the year, and the labels in Vietnamese whatever the
window's language.

The request and the finished document are in ``request``; the list documents' shared skeleton (a
unit's rows, or a cluster's member by member) is in ``list_document``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.orm import Session

from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.models import Cluster, Unit
from emulation_desktop.errors import NotFoundError
from emulation_desktop.locale.i18n import _, gettext_in
from emulation_desktop.operations.clusters import cluster_members
from emulation_desktop.operations.clusters import (
    find_cluster as find_cluster,  # re-exported for the documents
)
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.operations.report_drafts import Draft, get_draft
from emulation_desktop.operations.setup import signer_in
from emulation_desktop.reports.layout import Issuer, nfc, upper


@dataclass(frozen=True)
class Member:
    unit: Unit
    role: str  # "head", "deputy" or "member"

    @property
    def short_name(self) -> str:
        """ "Đông Anh" (the place name, else the unit's name)."""
        return self.unit.place_name or self.unit.name


def vi(label: str) -> str:
    """A label in Vietnamese whatever the window's language: documents are always Vietnamese."""
    return nfc(gettext_in("vi", label))


def indicator_label(code: str) -> str:
    return vi(BY_CODE[code].label)


@lru_cache(maxsize=256)
def choice(field: str, value: str | None) -> str:
    return vi(choice_label(field, value)) if value else ""


def in_sentence(unit: Unit) -> str:
    """ "huyện Đông Anh" from "Huyện Đông Anh" (the unit type in lower case inside a sentence)."""
    name = nfc(unit.name)
    kind = nfc(unit.unit_type)
    if kind and name.lower().startswith(kind.lower()):
        return f"{kind.lower()}{name[len(kind) :]}"
    return name[:1].lower() + name[1:] if name[:1].isupper() and " " in name else name


def front_of(unit: Unit) -> str:
    """ "Ủy ban MTTQ Việt Nam huyện Đông Anh"."""
    return f"Ủy ban MTTQ Việt Nam {in_sentence(unit)}"


def parent_name(session: Session, unit: Unit) -> str:
    parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
    return nfc(parent.name) if parent else ""


def signer_of(session: Session, unit: Unit, year: int | None) -> str:
    """The name of who signs for the unit's standing board that year, as the set-up recorded it
    (operations.setup.signer_in); "" when nobody was recorded, so the line stays to sign by hand."""
    if year is None:
        return ""
    person = signer_in(session, unit, year)
    return person.name if person else ""


def unit_issuer(session: Session, unit: Unit, signer_name: str = "", year: int | None = None) -> Issuer:
    """The committee's standing board (Ban Thường trực) as issuer and signer: the name typed for this
    document, else the year's signer from the set-up."""
    city = parent_name(session, unit)
    signer_name = signer_name or signer_of(session, unit, year)
    return Issuer(
        parent_lines=("ỦY BAN MTTQ VIỆT NAM", upper(unit.name)),
        body="BAN THƯỜNG TRỰC",
        place=nfc(unit.place_name or unit.name),
        number_suffix="BC-MTTQ",
        sign_for="TM. BAN THƯỜNG TRỰC",
        sign_titles=("CHỦ TỊCH",),
        signer_name=nfc(signer_name),
        name_in_text=front_of(unit),
        recipients=(
            f"Ban Thường trực Ủy ban MTTQ Việt Nam {city[:1].lower() + city[1:]} (để b/c);"
            if city
            else "Ban Thường trực Ủy ban MTTQ Việt Nam cấp trên (để b/c);",
            f"Thường trực {nfc(unit.unit_type).capitalize() or 'Huyện'} ủy, HĐND, UBND {in_sentence(unit)} (để b/c);",
            "Các đơn vị trong Cụm thi đua;",
            "Lưu: VT.",
        ),
    )


def members(session: Session, cluster: Cluster, year: int) -> list[Member]:
    return [Member(unit, role) for unit, role in cluster_members(session, cluster, year)]


def head_of(member_list: list[Member]) -> Member:
    """The cluster head of the year (the first member if no head was chosen)."""
    for member in member_list:
        if member.role == "head":
            return member
    return member_list[0]


def cluster_issuer(
    session: Session, cluster: Cluster, year: int, signer_name: str = ""
) -> tuple[Issuer, Member]:
    """The cluster, represented by its head for the year, as issuer and signer."""
    member_list = members(session, cluster, year)
    if not member_list:
        raise NotFoundError(
            _("The cluster “{code}” has no members in {year}.").format(code=cluster.code, year=year)
        )
    head = head_of(member_list)
    signer_name = signer_name or signer_of(session, head.unit, year)  # the head's chairman
    parent = session.get(Unit, cluster.parent_unit_id) if cluster.parent_unit_id else None
    name = nfc(cluster.name)
    issuer = Issuer(
        parent_lines=("ỦY BAN MTTQ VIỆT NAM", upper(parent.name)) if parent else ("ỦY BAN MTTQ VIỆT NAM",),
        body=upper(name),
        place=nfc(head.unit.place_name or head.unit.name),
        number_suffix="BC-CTĐ",
        sign_for=f"TM. {upper(name)}",
        sign_titles=("CỤM TRƯỞNG", f"CHỦ TỊCH ỦY BAN MTTQ VIỆT NAM {upper(head.unit.name)}"),
        signer_name=nfc(signer_name),
        name_in_text=name,
        recipients=(
            f"Ban Thường trực Ủy ban MTTQ Việt Nam {in_sentence(parent)} (để b/c);"
            if parent
            else "Ban Thường trực Ủy ban MTTQ Việt Nam cấp trên (để b/c);",
            f"Các đơn vị trong {name};",
            "Lưu: VT.",
        ),
    )
    return issuer, head


def cluster_signed(
    session: Session, cluster: Cluster, year: int, kind: str
) -> tuple[Issuer, Member, Draft | None]:
    """The cluster as issuer of a report the clerk edits, kept under the cluster head's unit: the issuer
    signed with the name saved in those edits, the head, and the edits (None if never saved)."""
    head = head_of(members(session, cluster, year))
    draft = get_draft(session, head.unit.id, year, kind, "cluster")
    issuer, head = cluster_issuer(session, cluster, year, draft.signer_name if draft else "")
    return issuer, head, draft


def the_unit(session: Session, code: str) -> Unit:
    return resolve_unit(session, code)
