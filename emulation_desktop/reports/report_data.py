"""What every document needs from the data: who issues it (a unit's standing board, a cluster through
its head, or at the city's office the city's standing board), the cluster's members of the year, and
the labels in Vietnamese whatever the window's language.

The request and the finished document are in ``request``; the list documents' shared skeleton (a
unit's rows, or a cluster's member by member) is in ``list_document``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from emulation_desktop.domain.catalogue import FIRST_YEAR_OF_CURRENT
from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.models import Cluster, Setting, Unit
from emulation_desktop.errors import InputError, NotFoundError
from emulation_desktop.indicators.scope import city_unit
from emulation_desktop.locale.i18n import _, gettext_in
from emulation_desktop.operations.clusters import cluster_members
from emulation_desktop.operations.clusters import (
    find_cluster as find_cluster,  # re-exported for the documents
)
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.operations.report_drafts import Draft, get_draft
from emulation_desktop.operations.setup import ROLE_SETTING, signer_in
from emulation_desktop.operations.unit_labels import name_in_year
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


class Named(Protocol):
    """A unit as a document names it: the row itself, or its name in a year (``as_in``)."""

    @property
    def name(self) -> str: ...
    @property
    def unit_type(self) -> str: ...
    @property
    def place_name(self) -> str: ...


def as_in(session: Session, unit: Unit, year: int | None) -> Named:
    """The unit as named in ``year``: an old commune's name for its years before a 2025 unit that kept
    its code took its row (``unit_labels.name_in_year``); the row itself otherwise."""
    if year is None:
        return unit
    return name_in_year(session, unit.id, year) or unit


def in_sentence(unit: Named, year: int | None = None) -> str:
    """ "huyện Đông Anh" from "Huyện Đông Anh" (the unit type in lower case inside a sentence); with
    ``year``, the unit's name in that year."""
    if year is not None and isinstance(unit, Unit) and (session := object_session(unit)) is not None:
        unit = as_in(session, unit, year)
    name = nfc(unit.name)
    kind = nfc(unit.unit_type)
    if kind and name.lower().startswith(kind.lower()):
        return f"{kind.lower()}{name[len(kind) :]}"
    return name[:1].lower() + name[1:] if name[:1].isupper() and " " in name else name


def listed_in_sentence(units: list[Unit], year: int | None = None) -> str:
    """Units named together inside a sentence: "các huyện Đông Anh, Gia Lâm" when they are of one type,
    else each with its own ("xã Thái Long, phường Bình Thuận")."""
    named = [as_in(session, u, year) if (session := object_session(u)) is not None else u for u in units]
    kinds = {nfc(u.unit_type) for u in named}
    if len(kinds) == 1 and (kind := kinds.pop()):
        shorts = [nfc(u.place_name or u.name).removeprefix(f"{kind} ") for u in named]
        return f"các {kind.lower()} {', '.join(shorts)}"
    return ", ".join(in_sentence(u) for u in named)


def front_of(unit: Named) -> str:
    """ "Ủy ban MTTQ Việt Nam huyện Đông Anh"."""
    return f"Ủy ban MTTQ Việt Nam {in_sentence(unit)}"


def parent_name(session: Session, unit: Unit, year: int | None = None) -> str:
    """The unit's superior's name; from 2025 (no district level since 1 July 2025) a district is passed
    over for its province, for the row of an old commune that goes on as a 2025 unit under it."""
    parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
    if (
        parent is not None
        and year is not None
        and year >= FIRST_YEAR_OF_CURRENT
        and parent.level_code == "district"
        and parent.parent_id
    ):
        parent = session.get(Unit, parent.parent_id)
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
    document, else the year's signer from the set-up. Named as the unit was in ``year``."""
    city = parent_name(session, unit, year)
    signer_name = signer_name or signer_of(session, unit, year)
    named = as_in(session, unit, year)
    return Issuer(
        parent_lines=("ỦY BAN MTTQ VIỆT NAM", upper(named.name)),
        body="BAN THƯỜNG TRỰC",
        place=nfc(named.place_name or named.name),
        number_suffix="BC-MTTQ",
        sign_for="TM. BAN THƯỜNG TRỰC",
        sign_titles=("CHỦ TỊCH",),
        signer_name=nfc(signer_name),
        name_in_text=front_of(named),
        recipients=(
            f"Ban Thường trực Ủy ban MTTQ Việt Nam {city[:1].lower() + city[1:]} (để b/c);"
            if city
            else "Ban Thường trực Ủy ban MTTQ Việt Nam cấp trên (để b/c);",
            f"Thường trực {nfc(named.unit_type).capitalize() or 'Huyện'} ủy, HĐND, UBND {in_sentence(named)} (để b/c);",
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
    head_named = as_in(session, head.unit, year)
    issuer = Issuer(
        parent_lines=("ỦY BAN MTTQ VIỆT NAM", upper(parent.name)) if parent else ("ỦY BAN MTTQ VIỆT NAM",),
        body=upper(name),
        place=nfc(head_named.place_name or head_named.name),
        number_suffix="BC-CTĐ",
        sign_for=f"TM. {upper(name)}",
        sign_titles=("CỤM TRƯỞNG", f"CHỦ TỊCH ỦY BAN MTTQ VIỆT NAM {upper(head_named.name)}"),
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


# At the city's office --------------------------------------------------------------------------------


def the_city(session: Session, code: str = "") -> Unit:
    """The city whose office this installation is (set up with the role "city"), for the documents of
    the whole city; refused at any other office, or for another unit's code."""
    role = session.scalar(select(Setting.value).where(Setting.key == ROLE_SETTING)) or ""
    if role != "city":
        raise InputError(
            _(
                "Documents for the whole city are made only at the city's office (a data folder set up "
                "with the role “city”); this data folder is not the city's."
            )
        )
    city_id, city_code, name = city_unit(session)
    if code and code != city_code:
        raise InputError(
            _("This is the office of {name} ({code}); it makes no city documents for “{asked}”.").format(
                name=name, code=city_code, asked=code
            )
        )
    city = session.get(Unit, city_id)
    assert city is not None  # just found live
    return city


def city_issuer(session: Session, city: Unit, year: int, signer_name: str = "") -> Issuer:
    """The city committee's standing board, as a unit's (header, signature, the year's signer from the
    set-up), reporting to the Central Committee and sending to its clusters."""
    issuer = unit_issuer(session, city, signer_name, year)
    party = "Thành ủy" if nfc(city.name).lower().startswith("thành phố") else "Tỉnh ủy"
    return replace(
        issuer,
        recipients=(
            "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam (để b/c);",
            f"Thường trực {party}, HĐND, UBND {in_sentence(city)} (để b/c);",
            "Các Cụm thi đua;",
            "Lưu: VT.",
        ),
    )


def city_clusters(session: Session, city: Unit, year: int) -> list[tuple[Cluster, list[Member]]]:
    """The clusters under the city with members in ``year``, by code, each with its members."""
    clusters = session.scalars(
        select(Cluster)
        .where(Cluster.parent_unit_id == city.id, Cluster.deleted.is_(False))
        .order_by(Cluster.code)
    )
    listed = [(cluster, members(session, cluster, year)) for cluster in clusters]
    return [(cluster, member_list) for cluster, member_list in listed if member_list]
