"""The rule data: gazetteers and cue lists kept as CSV files in ``data/``, loaded once.

Everything the extractor knows about names (countries, organisations, weapons, treaties, titles,
known officials) and about wording (transfer verbs, stage cues, negation and hypothetical cues,
speech verbs) lives in these files, so a rule change is a data change that shows up in review.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from armsgraph.schema.ids import slug


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("armsgraph.loaders.text").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows: list[dict[str, str]] = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        if None in row:
            raise ValueError(f"data/{name}:{number}: more fields than the header has (quote values with commas)")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@dataclass(frozen=True)
class CountryEntry:
    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"country:{self.iso3}"


@dataclass
class OrgEntry:
    key: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    canonical: str | None = None
    """The shared resolver's id for this organisation, when it knows it (the graph-wide key)."""

    @property
    def id(self) -> str:
        return self.canonical or f"org:{self.key}"


@dataclass(frozen=True)
class WeaponEntry:
    designation: str
    kind: str  # system | munition | category
    category: str
    case_sensitive: bool
    variants: tuple[str, ...]

    @property
    def id(self) -> str:
        if self.kind == "category":
            return f"category:{self.category}"
        return f"weapon:{slug(self.designation)}"


@dataclass(frozen=True)
class TreatyEntry:
    key: str
    name: str
    short_name: str
    aliases: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"treaty:{self.key}"


@dataclass(frozen=True)
class TitleEntry:
    title: str
    variants: tuple[str, ...]
    default_of: str | None
    countries: tuple[str, ...]


@dataclass(frozen=True)
class OfficialEntry:
    name: str
    aliases: tuple[str, ...]
    title: str
    of: str
    bare: bool = False
    """A one-word alias ('Zelensky') names this person even without a title or an earlier full name."""


@dataclass
class Gazetteer:
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    orgs: dict[str, OrgEntry] = field(default_factory=dict)
    weapons: dict[str, WeaponEntry] = field(default_factory=dict)
    categories: dict[str, tuple[str, str]] = field(default_factory=dict)
    treaties: dict[str, TreatyEntry] = field(default_factory=dict)
    titles: dict[str, TitleEntry] = field(default_factory=dict)
    officials: list[OfficialEntry] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    shared_country_aliases: list[tuple[str, str, str]] = field(default_factory=list)
    """(label, alias, country id) from the shared resolver's alias tables, for states countries.csv lacks."""
    triggers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Word form -> its readings (kind, tense): 'transfer' is a verb and a noun."""
    stage_cues: dict[str, str] = field(default_factory=dict)
    cues: dict[str, str] = field(default_factory=dict)
    speech_verbs: dict[str, str] = field(default_factory=dict)
    publishers: dict[str, tuple[str, str]] = field(default_factory=dict)

    def name_of(self, entity_id: str) -> str:
        """Display name of a gazetteer id ('country:USA' -> 'United States')."""
        prefix, _, key = entity_id.partition(":")
        if prefix == "country" and key in self.countries:
            return self.countries[key].name
        if prefix == "org":
            org = self.org(entity_id)
            if org is not None:
                return org.name
        if prefix == "treaty" and key in self.treaties:
            return self.treaties[key].name
        if prefix == "category" and key in self.categories:
            return self.categories[key][0]
        if prefix == "weapon":
            for entry in self.weapons.values():
                if entry.id == entity_id:
                    return entry.designation
        return key

    def display_name(self, entity_id: str) -> str:
        """The graph's name for an id: the shared resolver's when it has one, else the gazetteer's."""
        try:
            from armsgraph.loaders.resolve import default_resolver

            entity = default_resolver().entity(entity_id)
            if entity is not None:
                return str(entity.name)
        except ImportError:
            pass
        return self.name_of(entity_id)

    def name_with_article(self, entity_id: str) -> str:
        """'the United States', 'the Netherlands', 'Russia': the name as it follows 'to'."""
        name = self.display_name(entity_id)
        if name.isupper():  # NATO, IAEA
            return name
        if entity_id.startswith("org:"):
            return name if name.lower().startswith("the ") else f"the {name}"
        plural = name.endswith(("States", "Kingdom", "Netherlands", "Philippines", "Republic", "Emirates",
                                "Federation"))
        return f"the {name}" if plural or name.startswith("United ") else name

    def country_of(self, entity_id: str) -> str | None:
        """The state an actor id stands for: itself for a country, the owning state for an organisation."""
        prefix = entity_id.partition(":")[0]
        if prefix == "country":
            return entity_id
        if prefix == "org":
            org = self.org(entity_id)
            if org is not None and org.country:
                return f"country:{org.country}"
        return None

    def org(self, entity_id: str) -> OrgEntry | None:
        key = entity_id.partition(":")[2]
        if key in self.orgs:
            return self.orgs[key]
        return next((o for o in self.orgs.values() if o.id == entity_id), None)


def _pycountry_names(g: Gazetteer) -> None:
    """States missing from countries.csv get their ISO 3166 names ('Tuvalu', 'Federated States of Micronesia')."""
    import pycountry

    for country in pycountry.countries:
        iso3 = country.alpha_3
        if iso3 in g.countries:
            continue
        names = [n for n in (getattr(country, "common_name", None), country.name,
                             getattr(country, "official_name", None)) if n and "," not in n]
        if names:
            g.countries[iso3] = CountryEntry(iso3=iso3, name=names[0], names=tuple(dict.fromkeys(names)),
                                             demonyms=(), capitals=())


SHARED_ALIAS_FILES = ("curated.csv", "world_countries.csv", "cia_factbook.csv")
SHARED_KINDS = {"name": "COUNTRY", "official": "COUNTRY", "un": "COUNTRY", "demonym": "DEMONYM",
                "capital": "CAPITAL", "metonym": "CAPITAL"}
COMMON_WORDS = {"Male", "Malé", "Victoria", "Kingston", "Hamilton", "Georgetown", "Stanley", "Douglas", "Plymouth",
                "Jamestown", "Adamstown", "The Valley", "Road Town", "Nassau", "Gibraltar", "Saint Helier",
                "Avarua", "Brades", "Castries", "Roseau", "Basseterre", "D.C.", "Washington", "Jordan", "Chad",
                "Turkey", "Georgia", "Guinea"}


def _shared_aliases(g: Gazetteer) -> None:
    """Names, demonyms and capitals of every state from the resolver's alias tables (loaders/data/aliases).

    countries.csv wins where both know a word; a word the tables give to two states ('American', 'Korean',
    'Congolese') or that is a common English word or first name ('Victoria', 'Male') is left out.
    """
    known: set[str] = set()
    for c in g.countries.values():
        known.update(c.names, c.demonyms, c.capitals)
    owners: dict[tuple[str, str], set[str]] = {}
    for name in SHARED_ALIAS_FILES:
        try:
            text = resources.files("armsgraph.loaders").joinpath("data", "aliases", name).read_text(encoding="utf-8")
        except (FileNotFoundError, OSError):
            continue
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        for row in csv.DictReader(lines):
            alias, entity_id, kind = (row.get("alias") or "").strip(), row.get("entity_id") or "", row.get("kind") or ""
            if not entity_id.startswith("country:") or kind not in SHARED_KINDS or len(alias) < 3:
                continue
            if alias in known or alias in COMMON_WORDS or "," in alias or (alias.isupper() and len(alias) > 5):
                continue
            owners.setdefault((SHARED_KINDS[kind], alias), set()).add(entity_id)
    for (label, alias), ids in sorted(owners.items()):
        if len(ids) == 1:
            g.shared_country_aliases.append((label, alias, next(iter(ids))))


def _canonicalise(g: Gazetteer) -> None:
    """Use the shared resolver's organisation ids (org:united-nations, org:us-dod) where it has them."""
    try:
        from armsgraph.loaders.resolve import default_resolver
    except ImportError:  # the resolver is optional for extraction
        return
    resolver = default_resolver()
    for org in g.orgs.values():
        for name in (org.name, *org.aliases):
            found = resolver.resolve(name, context="news")
            if found.entity_id and found.entity_id.startswith("org:") and found.rule in ("exact", "alias"):
                org.canonical = found.entity_id
                break


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read every data file once per process."""
    g = Gazetteer()
    for row in _rows("countries.csv"):
        names = tuple(_split(row["names"]))
        g.countries[row["iso3"]] = CountryEntry(
            iso3=row["iso3"], name=names[0], names=names,
            demonyms=tuple(_split(row["demonyms"])), capitals=tuple(_split(row["capitals"])),
        )
    _pycountry_names(g)
    for row in _rows("organizations.csv"):
        g.orgs[row["key"]] = OrgEntry(
            key=row["key"], name=row["name"], kind=row["kind"], country=row["country"] or None,
            aliases=tuple(dict.fromkeys([row["name"], *_split(row["aliases"])])),
        )
    _canonicalise(g)
    _shared_aliases(g)
    for row in _rows("categories.csv"):
        g.categories[row["key"]] = (row["name"], row["vocabulary"])
    for row in _rows("weapons.csv"):
        entry = WeaponEntry(
            designation=row["designation"], kind=row["kind"], category=row["category"],
            case_sensitive=row["case"] == "exact", variants=tuple(_split(row["variants"])),
        )
        g.weapons[entry.designation] = entry
    for row in _rows("treaties.csv"):
        g.treaties[row["key"]] = TreatyEntry(
            key=row["key"], name=row["name"], short_name=row["short_name"], aliases=tuple(_split(row["aliases"]))
        )
    for row in _rows("titles.csv"):
        g.titles[row["title"]] = TitleEntry(
            title=row["title"], variants=tuple(_split(row["variants"])), default_of=row["default_of"] or None,
            countries=tuple(_split(row["countries"])),
        )
    for row in _rows("officials.csv"):
        g.officials.append(OfficialEntry(
            name=row["name"], aliases=tuple(_split(row["aliases"])), title=row["title"], of=row["of"],
            bare=row.get("bare", "") == "yes",
        ))
    g.blocked = [line.strip() for line in resources.files("armsgraph.loaders.text").joinpath(
        "data", "regions.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]
    for row in _rows("triggers.csv"):
        g.triggers.setdefault(row["form"], []).append((row["kind"], row["tense"]))
    for row in _rows("stage_cues.csv"):
        g.stage_cues[row["cue"]] = row["stage"]
    for row in _rows("cues.csv"):
        g.cues[row["cue"]] = row["kind"]
    for row in _rows("speech_verbs.csv"):
        g.speech_verbs[row["form"]] = row["tense"]
    for row in _rows("publishers.csv"):
        g.publishers[row["publisher"].lower()] = (row["country"], row["speaker"])
    return g
