"""Node types of the graph. Each class is one label; its docstring's first line is its description."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from armsgraph.schema.ids import digest, name_key, slug
from armsgraph.schema.model import ISO_DATE, Caption, Node, Part
from armsgraph.schema.values import Stage

IsoDate = str
"""An ISO 8601 date string: YYYY, YYYY-MM or YYYY-MM-DD."""

_KEY = r"^[a-z0-9][a-z0-9.-]*$"


class Actor(Node):
    """Anything that can supply, receive or speak: states, organisations, armed groups."""

    caption = Caption.of("name")
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    needs_review: bool | None = Field(default=None, description="Set when the name did not resolve.")


class Country(Actor):
    """A state, current (ISO 3166-1 alpha-3) or historical (its former ISO code, e.g. SUN)."""

    label = "Country"
    prefix = "country"
    extra_labels = ("Actor",)
    indexed = ("iso3", "name")

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    historical: bool = False

    def natural_key(self) -> str:
        return self.iso3


class Organization(Actor):
    """An international body, ministry, armed force, government office or company."""

    label = "Organization"
    prefix = "org"
    extra_labels = ("Actor",)
    indexed = ("name",)

    key: str = Field(pattern=_KEY)
    kind: Literal[
        "international", "ministry", "armed-forces", "government", "agency", "company", "regime", "other"
    ] = "other"
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO3 of its state.")

    def natural_key(self) -> str:
        return self.key


class NonStateActor(Actor):
    """A non-state armed group or rebel force (SIPRI marks them with '*')."""

    label = "NonStateActor"
    prefix = "nsa"
    extra_labels = ("Actor",)
    indexed = ("name",)

    key: str = Field(pattern=_KEY)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")

    def natural_key(self) -> str:
        return self.key


class UnresolvedActor(Actor):
    """A supplier/recipient/speaker name no rule resolved: kept, flagged for review, never dropped."""

    label = "UnresolvedActor"
    prefix = "unresolved"
    extra_labels = ("Actor",)
    indexed = ("name",)

    needs_review: bool | None = True

    def natural_key(self) -> str:
        return name_key(self.name)


class Person(Node):
    """A named person, e.g. an official who speaks or decides."""

    label = "Person"
    prefix = "person"
    indexed = ("name",)
    caption = Caption.of("name")

    name: str = Field(min_length=1)
    key: str | None = Field(default=None, pattern=_KEY, description="Defaults to the slug of the name.")
    aliases: list[str] = Field(default_factory=list)

    def natural_key(self) -> str:
        # name_key: a name in any script keeps its own key ('Владимир Путин' -> 'vladimir-putin'), never ''
        return self.key or name_key(self.name)


class Position(Node):
    """A person's role: a title held in an organisation or country, with since/until dates."""

    label = "Position"
    prefix = "position"
    indexed = ("title",)
    caption = Caption.of("title")

    title: str = Field(min_length=1)
    person: str = Field(description="Id of the Person holding it.")
    of: str = Field(description="Id of the Organization or Country it belongs to.")
    since: IsoDate | None = Field(default=None, pattern=ISO_DATE)
    until: IsoDate | None = Field(default=None, pattern=ISO_DATE)

    def natural_key(self) -> str:
        return digest(self.person, slug(self.title), self.of)


class WeaponCategory(Node):
    """A class of weapons: a SIPRI armament category or a treaty-relevant class (cluster munitions)."""

    label = "WeaponCategory"
    prefix = "category"
    indexed = ("name", "key")
    caption = Caption.of("name")

    key: str = Field(pattern=_KEY)
    name: str = Field(min_length=1)
    vocabulary: str | None = Field(default=None, description="'sipri', 'treaty', ...")

    def natural_key(self) -> str:
        return self.key


class WeaponSystem(Node):
    """A weapon system or munition type by its designation (DPICM, Patriot, D-30 122mm)."""

    label = "WeaponSystem"
    prefix = "weapon"
    indexed = ("designation",)
    caption = Caption.of("designation")

    designation: str = Field(min_length=1)
    description: str | None = None
    aliases: list[str] = Field(default_factory=list)
    key: str | None = Field(default=None, pattern=_KEY, description="Defaults to the slug of the designation.")

    def natural_key(self) -> str:
        return self.key or name_key(self.designation)


class WeaponFamily(Node):
    """A family of variants of one weapon (Patriot: MIM-104 PAC-2/PAC-3, Patriot-3 SAMS, the MPQ-53 radar)."""

    label = "WeaponFamily"
    prefix = "family"
    indexed = ("name",)
    caption = Caption.of("name")

    key: str = Field(pattern=_KEY)
    name: str = Field(min_length=1)
    source: str | None = Field(default=None, description="Where the family's membership rules come from.")

    def natural_key(self) -> str:
        return self.key


class Treaty(Node):
    """An arms-control treaty or convention, with what it prohibits or controls."""

    label = "Treaty"
    prefix = "treaty"
    indexed = ("name",)
    caption = Caption.of("short_name", "name")

    key: str = Field(pattern=_KEY)
    name: str = Field(min_length=1)
    short_name: str | None = None
    adopted: IsoDate | None = Field(default=None, pattern=ISO_DATE)
    entry_into_force: IsoDate | None = Field(default=None, pattern=ISO_DATE)
    prohibits: list[str] = Field(default_factory=list, description="WeaponCategory keys it bans.")
    controls: list[str] = Field(default_factory=list, description="WeaponCategory keys it regulates.")

    def natural_key(self) -> str:
        return self.key


class _DealFacts(Node):
    """What is known about one deal: stage, dates, numbers, TIV (no label: shared by Transfer and Report)."""

    stage: Stage | None = Field(default=None, description="How far the transfer got (schema.values.Stage).")
    date: IsoDate | None = Field(default=None, pattern=ISO_DATE)
    order_year: int | None = None
    order_year_estimate: bool | None = None
    number_ordered: int | None = None
    number_ordered_estimate: bool | None = None
    number_delivered: int | None = None
    number_delivered_estimate: bool | None = None
    delivery_years: list[int] | None = None
    delivered_per_year: list[int] | None = Field(default=None, description="Numbers delivered, per delivery_years.")
    tiv_delivered_per_year: list[float] | None = Field(default=None, description="TIV delivered, per delivery_years.")
    local_production: bool | None = None
    status: str | None = Field(default=None, description="SIPRI status: New, Second hand, ...")
    tiv_unit: float | None = None
    tiv_order: float | None = None
    tiv_delivered: float | None = None
    comments: str | None = None
    value_usd: float | None = Field(default=None, description="Announced value in US dollars (a drawdown notice).")
    sipri_id: str | None = None
    reported_by: str | None = Field(default=None, description="Known only from someone's statement: the speaker's "
                                    "id (the Claim ABOUT the report says more), or 'unnamed-source'; unset when "
                                    "a source asserts it in its own voice.")
    vintage: str | None = Field(default=None, description="When the source's data was generated (ISO date-time).")


ReportSource = Literal["sipri-transfers", "sipri-classic", "tracker", "text", "curated"]
REPORT_SOURCES: tuple[str, ...] = get_args(ReportSource)
"""The kinds of record a Report can be; the deal resolver's precedence reads them (loaders.deals)."""


class Transfer(_DealFacts):
    """One real-world deal: supplier, recipient and weapon hang off it; what each source says is a Report.

    Derived, never loaded: the deal resolver groups Reports into Transfers after every load and sets these
    values from the Reports by declared precedence, so counting Transfers counts each deal once.
    """

    label = "Transfer"
    prefix = "transfer"
    indexed = ("sipri_id", "order_year", "block", "outstanding", "open_rank", "corroboration_rank")
    derived = True
    caption = Caption((  # USA → UKR · M142 HIMARS · 2022: who, to whom, what, when
        Part(("iso3", "name"), via="SUPPLIED", incoming=True, missing="?"),
        Part(("iso3", "name"), via="TO", before=" → ", missing="?"),
        Part(("designation",), via="OF", before=" · "),
        Part(("date", "order_year"), before=" · ", chars=4, ellipsis=False),
    ))

    key: str = Field(min_length=1, description="The lead record's deal key (a SIPRI deal id where one exists).")
    block: str | None = Field(default=None, description="'supplier id|recipient id': the resolver's unit of work.")
    records: int | None = Field(default=None, description="How many Reports REPORT this deal.")
    sources: list[str] | None = Field(default=None, description="The kinds of those Reports (REPORT_SOURCES).")
    tiv_per_year: list[float] | None = Field(default=None, description="TIV delivered per delivery_years entry, "
                                             "for queries: tiv_delivered_per_year where given, else tiv_delivered "
                                             "spread evenly (derived when written).")
    outstanding: int | None = Field(default=None, description="number_ordered - number_delivered (0 if none) when "
                                    "a number ordered is known; open deals have outstanding > 0 (derived, indexed).")
    open_rank: int | None = Field(default=None, description="tiv_order - tiv_delivered (0 if unknown) of an open "
                                  "deal (outstanding > 0) in thousandths, rounded down; else unset (derived, indexed).")
    corroboration_rank: int | None = Field(default=None, description="The corroboration query's sort key as one "
                                           "integer: kinds of source, Reports, date (derived, indexed).")

    def natural_key(self) -> str:
        return self.key


class DealTotals(Node):
    """Totals of one block's deals (one supplier and recipient), for queries; not a deal, never counted as one.

    Derived, never loaded: written with the block's Transfers whenever the deal resolver rewrites them
    (graph/aggregates.py). Supplier and recipient are ids in properties, with no edges, so no pattern over
    SUPPLIED/TO reaches it. Lists are aligned: ``delivery_years[i]`` with ``tiv_per_year[i]``, and so on.
    """

    label = "DealTotals"
    prefix = "totals"
    indexed = ("supplier", "recipient")
    derived = True
    caption = Caption.of("block")

    block: str = Field(min_length=1, description="'supplier id|recipient id', as on its Transfers.")
    supplier: str = Field(min_length=1, description="The supplier's id (no SUPPLIED edge).")
    recipient: str = Field(min_length=1, description="The recipient's id (no TO edge).")
    deals: int = Field(ge=0, description="Transfers in the block.")
    items: int = Field(default=0, description="Items of the block's deals: each one's number ordered, else the "
                                              "number on its OF edge, else 0 (tracker-comparison).")
    delivery_years: list[int] | None = Field(default=None, description="Every year a deal of the block delivered in.")
    tiv_per_year: list[float] | None = Field(default=None, description="Sum of the deals' tiv_per_year per year.")
    run_starts: list[int] | None = Field(default=None, description="Per delivery year: deals' runs of consecutive "
                                         "delivery years starting in it (deals delivering in a range, exactly).")
    run_ends: list[int] | None = Field(default=None, description="Per delivery year: runs ending in it.")
    gap_from: list[int] | None = Field(default=None, description="A deal's gap between two runs: the year before "
                                       "it (with gap_to; one entry per gap).")
    gap_to: list[int] | None = Field(default=None, description="The year after the gap.")
    sipri_years: list[int] | None = Field(default=None, description="Delivery years of SIPRI deals (vintage set).")
    sipri_tiv_per_year: list[float] | None = Field(default=None, description="Their TIV per year.")
    top_ranks: list[int] | None = Field(default=None, description="The largest corroboration_rank of the block's "
                                        "deals (at most TOP), largest first.")
    open_ranks: list[int] | None = Field(default=None, description="The largest open_rank of the block's open "
                                         "deals (at most TOP), largest first.")
    open_order_years: list[int] | None = Field(default=None, description="Their order years (0 when unknown).")
    order_years: list[int] | None = Field(default=None, description="Every order year of a deal of the block.")
    deals_per_order_year: list[int] | None = Field(default=None, description="Deals ordered in each.")
    sipri_deals_per_order_year: list[int] | None = Field(default=None, description="SIPRI deals ordered in each.")
    tiv_per_order_year: list[float] | None = Field(default=None, description="Sum of tiv_delivered (0 if unknown) "
                                                   "of the deals ordered in each.")

    def natural_key(self) -> str:
        return self.block


class WeaponTotals(Node):
    """Deliveries of one weapon to one recipient, per supplier and delivery year, for queries; not a deal.

    Derived, never loaded: the entries of a supplier are rewritten with its block's Transfers whenever the deal
    resolver rewrites them (graph/aggregates.py). A category's deliveries to a country are its weapons' totals,
    joined through the live ``IN_CATEGORY`` edges at query time, so a new category table needs no rewrite. No
    edges (recipient and weapon are ids in properties). Lists are aligned and sorted by supplier, then year.
    """

    label = "WeaponTotals"
    prefix = "weapontotals"
    indexed = ("key", "recipient")
    derived = True
    caption = Caption.of("key")

    key: str = Field(min_length=1, description="'recipient id|weapon id'.")
    recipient: str = Field(min_length=1, description="The recipient's id (no TO edge).")
    weapon: str = Field(min_length=1, description="The weapon's id (no OF edge).")
    suppliers: list[str] = Field(min_length=1, description="Each entry's supplier id.")
    years: list[int] = Field(min_length=1, description="Each entry's delivery year.")
    deals: list[int] = Field(min_length=1, description="Deals of that supplier delivering in that year.")
    tiv: list[float] = Field(min_length=1, description="Their tiv_per_year summed for that year.")

    def natural_key(self) -> str:
        return self.key


class Report(_DealFacts):
    """What one source says about one deal: a SIPRI row of one vintage, a tracker commitment, a text report.

    Loaded with its provenance; the deal resolver links it to its Transfer with (:Report)-[:REPORTS {rule, score}]
    ->(:Transfer). Supplier, recipient and weapon are ids kept as properties, not edges, so only the Transfer
    carries SUPPLIED/TO/OF and a plain Cypher pattern never counts a deal twice.
    """

    label = "Report"
    prefix = "report"
    indexed = ("block", "sipri_id", "source", "review_items")
    caption = Caption((
        Part(("source",)),
        Part(("designation",), before=" · "),
        Part(("date",), before=" · "),
    ))

    key: str = Field(min_length=1, description="Deterministic: the source's deal key and, for SIPRI, the vintage.")
    source: ReportSource
    supplier: str = Field(min_length=1, description="Supplier id as the source names it (resolved).")
    recipient: str = Field(min_length=1, description="Recipient id as the source names it (resolved).")
    weapon: str | None = Field(default=None, description="WeaponSystem id, when the source names one.")
    family: str | None = Field(default=None, description="WeaponFamily id of the weapon, when it has one.")
    designation: str | None = Field(default=None, description="The weapon as the source spells it.")
    covers: str | None = Field(default=None, description="SIPRI: the delivery years its export covers ('1995-2025').")
    block: str = Field(default="", description="'supplier|recipient', derived: the resolver reads a block at a time.")
    withdrawn_by: str | None = Field(default=None, description="Set by the resolver: the newer SIPRI vintage "
                                     "that covers this deal's years and no longer lists it.")
    review_items: int | None = Field(default=None, description="Set by the resolver: how many review-list "
                                     "items name this Report as the record (absent: none); indexed, so the "
                                     "review list is one query.")
    review_candidates: list[str] | None = Field(default=None, description="Set by the resolver: each review "
                                                "item's candidate Report id (parallel to the next three).")
    review_rules: list[str] | None = Field(default=None, description="Set by the resolver: each item's rule.")
    review_scores: list[float] | None = Field(default=None, description="Set by the resolver: each item's score.")
    review_reasons: list[str] | None = Field(default=None, description="Set by the resolver: each item's why.")

    @staticmethod
    def block_of(supplier: str, recipient: str) -> str:
        """A Report's block, 'supplier|recipient': the one rule, which the SIPRI loader's Reports use too."""
        return f"{supplier}|{recipient}"

    @model_validator(mode="after")
    def _block(self) -> Report:
        self.block = Report.block_of(self.supplier, self.recipient)
        return self

    def natural_key(self) -> str:
        return self.key


class Document(Node):
    """A source document (article, statement, export file, table); its id is its content hash."""

    label = "Document"
    prefix = "doc"
    indexed = ("sha256", "path")
    caption = Caption.of("title", "path", "id")

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    kind: str = Field(description="'article', 'statement', 'sipri-export', 'curated', 'reference', ...")
    path: str | None = Field(default=None, description="File name it was loaded from.")
    title: str | None = None
    publisher: str | None = None
    date: IsoDate | None = Field(default=None, pattern=ISO_DATE)
    url: str | None = None
    language: str | None = None
    bytes: int | None = None
    encoding: str | None = None
    data_generated: str | None = None
    year_range: str | None = None

    @field_validator("sha256")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.lower()

    def natural_key(self) -> str:
        return self.sha256[:24]


class Claim(Node):
    """Something a speaker said, in a document: attributed, never asserted as fact."""

    label = "Claim"
    prefix = "claim"
    indexed = ("speaker",)
    caption = Caption.of("text", chars=60)

    text: str = Field(min_length=1)
    document: str = Field(description="Id of the Document it was said in.")
    speaker: str = Field(description="Id of the speaker node.")
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    date: IsoDate | None = Field(default=None, pattern=ISO_DATE)
    date_text: str | None = None
    quote: bool | None = Field(default=None, description="True for a direct quotation.")

    def natural_key(self) -> str:
        return digest(self.document, self.speaker, self.text, self.start)


ACTORS: tuple[type[Node], ...] = (Country, Organization, NonStateActor, UnresolvedActor)
SPEAKERS: tuple[type[Node], ...] = (Person, *ACTORS)
