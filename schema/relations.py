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
    Report,
    Transfer,
    Treaty,
    WeaponCategory,
    WeaponFamily,
    WeaponSystem,
)
from armsgraph.schema.model import ISO_DATE, NODE_TYPES, Relation


class Supplied(Relation):
    """The supplier of a deal: (supplier)-[:SUPPLIED]->(t:Transfer), from its Reports by precedence."""

    type = "SUPPLIED"
    sources = ACTORS
    targets = (Transfer,)
    derived = True


class To(Relation):
    """The recipient of a deal: (t:Transfer)-[:TO]->(recipient), from its Reports by precedence."""

    type = "TO"
    sources = (Transfer,)
    targets = ACTORS
    derived = True


class Of(Relation):
    """What a deal moves: (t:Transfer)-[:OF {number}]->(w:WeaponSystem), from its Reports by precedence."""

    type = "OF"
    sources = (Transfer,)
    targets = (WeaponSystem,)
    derived = True
    number: int | None = None


class Reports(Relation):
    """A source's record of a deal: (r:Report)-[:REPORTS {rule, score}]->(t:Transfer), set by the deal resolver."""

    type = "REPORTS"
    sources = (Report,)
    targets = (Transfer,)
    derived = True
    rule: str = Field(min_length=1, description="The matching rule that put the record in this deal.")
    score: float = Field(ge=0.0, le=1.0, description="How sure that rule is (1.0: a shared key or a judgement).")


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
