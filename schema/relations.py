"""Relationship types of the graph, with their allowed endpoints and properties."""

from __future__ import annotations

from pydantic import Field

from armsgraph.schema.entities import (
    ACTORS,
    SPEAKERS,
    Claim,
    Country,
    Organization,
    Person,
    Position,
    Transfer,
    Treaty,
    WeaponCategory,
    WeaponFamily,
    WeaponSystem,
)
from armsgraph.schema.model import ISO_DATE, NODE_TYPES, Relation


class Supplied(Relation):
    """The supplier of a transfer: (supplier)-[:SUPPLIED]->(t:Transfer)."""

    type = "SUPPLIED"
    sources = ACTORS
    targets = (Transfer,)
    precedence = "vintage"
    current_against = "dst"
    vintage: str | None = Field(default=None, description="Newest source vintage asserting this edge (SIPRI).")


class To(Relation):
    """The recipient of a transfer: (t:Transfer)-[:TO]->(recipient)."""

    type = "TO"
    sources = (Transfer,)
    targets = ACTORS
    precedence = "vintage"
    current_against = "src"
    vintage: str | None = Field(default=None, description="Newest source vintage asserting this edge (SIPRI).")


class Of(Relation):
    """What a transfer moves: (t:Transfer)-[:OF]->(w:WeaponSystem)."""

    type = "OF"
    sources = (Transfer,)
    targets = (WeaponSystem,)
    number: int | None = None
    precedence = "vintage"
    current_against = "src"
    vintage: str | None = Field(default=None, description="Newest source vintage asserting this edge (SIPRI).")


class InCategory(Relation):
    """A weapon system's category: (w:WeaponSystem)-[:IN_CATEGORY]->(c:WeaponCategory)."""

    type = "IN_CATEGORY"
    sources = (WeaponSystem,)
    targets = (WeaponCategory,)


class InFamily(Relation):
    """A weapon system's family: (w:WeaponSystem)-[:IN_FAMILY {role}]->(f:WeaponFamily)."""

    type = "IN_FAMILY"
    sources = (WeaponSystem,)
    targets = (WeaponFamily,)
    role: str = Field(default="member", description="'member' (a variant) or 'component' (a part: a radar).")


class Holds(Relation):
    """A person holds a position: (p:Person)-[:HOLDS]->(pos:Position)."""

    type = "HOLDS"
    sources = (Person,)
    targets = (Position,)


class PositionOf(Relation):
    """Whose position it is: (pos:Position)-[:OF]->(org or country)."""

    type = "OF"
    sources = (Position,)
    targets = (Organization, Country)


class PartOf(Relation):
    """An organisation belongs to a state or a larger organisation (the Pentagon is part of the US)."""

    type = "PART_OF"
    sources = (Organization,)
    targets = (Organization, Country)


class PartyTo(Relation):
    """A state's dated relation to a treaty: signature, ratification/accession, withdrawal."""

    type = "PARTY_TO"
    sources = (Country,)
    targets = (Treaty,)
    signed: str | None = Field(default=None, pattern=ISO_DATE)
    ratified: str | None = Field(default=None, pattern=ISO_DATE)
    accession: str | None = Field(default=None, pattern=ISO_DATE)
    entry_into_force: str | None = Field(default=None, pattern=ISO_DATE)
    withdrew: str | None = Field(default=None, pattern=ISO_DATE)
    bound_from: str | None = Field(default=None, pattern=ISO_DATE, description=(
        "From when the state is bound, computed at load time so queries only compare: its own entry into force "
        "where known, else the later of its ratification or accession and the treaty's entry into force."))
    key_props = ("source",)
    source: str = Field(default="", description="Short name of the source table: one edge per source, so "
                        "two sources that disagree both stay visible.")


class MemberOf(Relation):
    """A state's dated membership of an organisation or export-control regime (not a treaty)."""

    type = "MEMBER_OF"
    sources = (Country,)
    targets = (Organization,)
    key_props = ("source",)
    since: str | None = Field(default=None, pattern=ISO_DATE)
    until: str | None = Field(default=None, pattern=ISO_DATE)
    as_of: str | None = Field(default=None, pattern=ISO_DATE, description="Date the source's list is valid for.")
    source: str = Field(default="", description="Short name of the source list ('ear', 'cia-factbook').")


class AidTotal(Relation):
    """A tracker's total of what a donor committed to a recipient in one category: a reference figure to
    compare the graph's transfers with, not a deal (the Kiel Institute's Ukraine Support Tracker)."""

    type = "AID_TOTAL"
    sources = ACTORS
    targets = (Country,)
    key_props = ("source", "category")
    category: str = Field(min_length=1, description="The tracker's own category ('Tanks', 'Air Defense').")
    number: int | None = Field(default=None, ge=0, description="Items committed, as the tracker counts them.")
    value_eur: float | None = Field(default=None, ge=0, description="The tracker's value of those items, in EUR.")
    items: str | None = Field(default=None, description="The tracker's list of systems ('M1A1 Abrams (49)').")
    as_of: str | None = Field(default=None, pattern=ISO_DATE, description="The period the figures cover up to.")
    source: str = Field(default="", description="The tracker and its release ('kiel-r29').")


class Claimed(Relation):
    """A speaker made a claim: (speaker)-[:CLAIMED]->(c:Claim)."""

    type = "CLAIMED"
    sources = SPEAKERS
    targets = (Claim,)


class About(Relation):
    """What a claim is about: (c:Claim)-[:ABOUT]->(anything)."""

    type = "ABOUT"
    sources = (Claim,)
    targets = tuple(NODE_TYPES.values())
