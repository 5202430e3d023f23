"""The extraction result: the stable JSON shape printed by ``armsgraph extract`` and turned into a Batch.

Shape (documented in docs/text-extraction.md; fields are only ever added, never renamed)::

    {"document": {...}, "entities": [{"type", "id", "name", "mentions": [{"text", "start", "end"}]}],
     "positions": [{"person", "title", "of"}],
     "transfers": [{"supplier", "recipient", "weapon", "status", "date", "evidence": {"text", "start", "end"},
                    "quantity", "quantity_text", "weapon_mention", "attributed", "attributed_to"}],
     "claims": [{"speaker", "text", "about", "date", "evidence": {...}}]}

Offsets are character offsets into the file as read (front matter included), end exclusive.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Span(BaseModel):
    text: str
    start: int
    end: int


class Mention(Span):
    rule: str = Field(description="Which rule or gazetteer produced the mention, e.g. 'country:capital'.")


class Entity(BaseModel):
    type: str = Field(description="Node label: Country, Organization, Person, WeaponSystem, WeaponCategory, Treaty.")
    id: str
    name: str
    mentions: list[Mention] = Field(default_factory=list)
    category: str | None = Field(default=None, description="WeaponCategory id of a weapon system.")
    country: str | None = Field(default=None, description="ISO3 of an organisation's state.")
    kind: str | None = Field(default=None, description="Organisation kind.")


class PositionFact(BaseModel):
    person: str
    title: str
    of: str
    evidence: Span
    rule: str


class TransferFact(BaseModel):
    key: str = Field(description="Deterministic Transfer key: the same transfer from two documents is one node.")
    supplier: str
    recipient: str
    weapon: str
    status: str
    date: str | None = None
    date_text: str | None = None
    evidence: Span
    rule: str
    quantity: int | None = Field(default=None, description="How many items of the weapon ('31 Abrams', 'two "
                                 "batteries of Patriot', 'a dozen'), when the text gives a number.")
    quantity_text: str | None = Field(default=None, description="The words the quantity was read from.")
    weapon_mention: Span | None = Field(default=None, description="The weapon mention the transfer was read from.")
    attributed: bool = Field(default=False, description="Known only from someone's statement (a claim, or "
                             "'according to sources'), not asserted in the document's own voice.")
    attributed_to: str | None = Field(default=None, description="The speaker (person, organisation or state id) "
                                      "of the claim that reports it; None when unattributed or the source is unnamed.")


class ClaimFact(BaseModel):
    speaker: str
    text: str
    start: int
    end: int
    about: list[str] = Field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    quote: bool
    evidence: Span
    rule: str


class Extraction(BaseModel):
    document: dict[str, Any]
    entities: list[Entity] = Field(default_factory=list)
    positions: list[PositionFact] = Field(default_factory=list)
    transfers: list[TransferFact] = Field(default_factory=list)
    claims: list[ClaimFact] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="Text problems found: unclosed quotes, ...")

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)
