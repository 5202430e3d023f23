"""The rule data: gazetteers and cue lists kept as CSV files in ``data/``, loaded once.

Everything the extractor knows about names (countries, organisations, weapons, treaties, titles,
known officials) and about wording (transfer verbs, stage cues, negation and hypothetical cues,
speech verbs) lives in these files, so a rule change is a data change that shows up in review.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from armsgraph.loaders.io import csv_rows
from armsgraph.loaders.reference.categories import weapon_categories
from armsgraph.loaders.reference.treaties import treaty_catalogue
from armsgraph.loaders.resolve import NEWS, ResolverConfig, aliases_for_context, standard_tables
from armsgraph.loaders.text import names_cache
from armsgraph.schema import Country, Organization, Treaty, WeaponCategory, WeaponSystem


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("armsgraph.loaders.text").joinpath("data", name).read_text(encoding="utf-8")
    table = csv_rows(text)
    for row in table.rows:
        if row.width > len(table.header):
            raise ValueError(f"data/{name}:{row.line}: more fields than the header has (quote values with commas)")
    return [row.values for row in table.rows]


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
        return Country.id_of(iso3=self.iso3)


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
        return self.canonical or Organization.id_of(key=self.key)


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
            return WeaponCategory.id_of(key=self.category)
        return WeaponSystem.id_of(designation=self.designation)

    @property
    def system_id(self) -> str:
        """The WeaponSystem a transfer moves: a category row's is a category-level system ('cluster munitions')."""
        return WeaponSystem.id_of(designation=self.designation)


@dataclass(frozen=True)
class TreatyEntry:
    key: str
    name: str
    short_name: str
    aliases: tuple[str, ...]

    @property
    def id(self) -> str:
        return Treaty.id_of(key=self.key)


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


@dataclass(frozen=True)
class OfficeTerm:
    """Who held a state's office between two dates (``data/office_terms.csv``): 'the President' in a White House
    text of that time is that person."""

    title: str
    of: str
    name: str
    start: date
    end: date | None

    def held_on(self, day: date) -> bool:
        """The term covers ``day`` (start inclusive, end exclusive: the day a successor takes office is theirs)."""
        return self.start <= day and (self.end is None or day < self.end)


def spelling_key(text: str) -> str:
    """A designation as looked up: lower case, without spaces or hyphens ('M-113', 'm113' and 'M 113' are one)."""
    return re.sub(r"[\s-]", "", text.lower())


@dataclass
class Gazetteer:
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    orgs: dict[str, OrgEntry] = field(default_factory=dict)
    weapons: dict[str, WeaponEntry] = field(default_factory=dict)
    categories: dict[str, tuple[str, str]] = field(default_factory=dict)
    treaties: dict[str, TreatyEntry] = field(default_factory=dict)
    titles: dict[str, TitleEntry] = field(default_factory=dict)
    officials: list[OfficialEntry] = field(default_factory=list)
    office_terms: list[OfficeTerm] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    triggers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Word form -> its readings (kind, tense): 'transfer' is a verb and a noun."""
    stage_cues: dict[str, str] = field(default_factory=dict)
    cues: dict[str, str] = field(default_factory=dict)
    speech_verbs: dict[str, str] = field(default_factory=dict)
    person_speech_verbs: set[str] = field(default_factory=set)
    """Speech verbs only with a person as subject ('Zelensky confirms ...'; 'the Pentagon confirmed' is a stage)."""
    clause_speech_verbs: set[str] = field(default_factory=set)
    """Speech verbs only before a clause ('promised that Germany would send ...'; 'promised more ammunition' is a
    pledge, not speech)."""
    aid_words: dict[str, str] = field(default_factory=dict)
    """Nouns naming military aid -> 'package' (may stand in for a transfer word) or 'aid' (licenses 'including')."""
    publishers: dict[str, tuple[str, str]] = field(default_factory=dict)
    quantity_words: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    weapon_nouns: set[str] = field(default_factory=set)
    """Generic nouns that head a weapon's name ('tank destroyers', 'radars'): a designation before one is a weapon."""
    designation_stoplist: set[str] = field(default_factory=set)
    ammunition_words: frozenset[str] = frozenset()
    """What a system fires ('munitions', 'interceptors'): '<word> for <weapon>' moves the rounds, not the weapon."""
    category_nouns: dict[tuple[str, ...], str] = field(default_factory=dict)
    """Generic plural nouns naming a weapon category ('tanks' -> armoured-vehicles), as lower-case word tuples."""
    author_titles: tuple[str, ...] = ()
    """Title openings that name the document's author ('Statement by', 'Remarks by')."""
    """Capitalised words before a weapon noun that are not a designation ('Western', 'Soviet')."""
    """Words around a quantity: 'two' -> ('number', 2), 'batteries' -> ('unit', None), 'additional' -> modifier."""

    def holders(self, title: str, of: str, day: date) -> set[str]:
        """The names of those who held ``title`` of the state ``of`` on ``day`` (``office_terms.csv``): one look-up
        for 'the President' of a White House text, a claim speaker and a title held by someone else."""
        return {t.name for t in self.office_terms if t.title == title and t.of == of and t.held_on(day)}

    def category_system(self, category_id: str) -> tuple[str, str]:
        """(id, designation) of the category-level WeaponSystem a transfer of a category moves: the category row of
        ``weapons.csv`` ('cluster munitions'), else one named for the category ('Armoured vehicles')."""
        key = category_id.partition(":")[2]
        entry = next((w for w in self.weapons.values() if w.kind == "category" and w.category == key), None)
        if entry is not None:
            return entry.system_id, entry.designation
        name = self.categories[key][0] if key in self.categories else key
        return WeaponSystem.id_of(designation=name), name

    @cached_property
    def weapon_spellings(self) -> dict[str, tuple[int, str]]:
        """Each non-category row's designation, its variants and its designation without a trailing calibre ('Archer
        155mm' is the Archer), written as ``spelling_key`` reads them -> (row number, id) of the first row that
        spells it: a designation written another way is looked up once, not by a scan of every row."""
        return self._spellings(bare=True)

    @cached_property
    def calibre_spellings(self) -> dict[str, str]:
        """As ``weapon_spellings`` without the calibre-less form: a calibre phrase ('155mm artillery ammunition') is
        the row that spells it with its calibre."""
        return {key: ident for key, (_row, ident) in self._spellings(bare=False).items()}

    def _spellings(self, bare: bool) -> dict[str, tuple[int, str]]:
        """The spellings of every non-category row -> (row number, id) of the first row that spells it; with
        ``bare`` also each designation without its trailing calibre, read after the designation."""
        out: dict[str, tuple[int, str]] = {}
        for row, entry in enumerate(self.weapons.values()):
            if entry.kind != "category":
                forms = (entry.designation, re.sub(r"\s*\d+\s*mm$", "", entry.designation)) if bare \
                    else (entry.designation,)
                for variant in (*forms, *entry.variants):
                    out.setdefault(spelling_key(variant), (row, entry.id))
        return out

    @cached_property
    def weapons_by_id(self) -> dict[str, WeaponEntry]:
        """The weapons table by the entity id a mention carries (``ent_id_``): one look-up, not a scan per mention."""
        return {entry.id: entry for entry in self.weapons.values()}

    @cached_property
    def honorifics(self) -> frozenset[str]:
        """Lower-case honorifics and ranks of ``cues.csv`` (kinds ``honorific`` and ``address``), with and without
        their full stop: British style writes 'Mr Wallace', American 'Mr. Wallace'."""
        cues = [cue for cue, kind in self.cues.items() if kind == "honorific"] + list(self.address_forms)
        return frozenset({*cues, *(cue.rstrip(".") for cue in cues)})

    @cached_property
    def place_and_body_names(self) -> frozenset[str]:
        """Lower-case names of states, their capitals and organisations: a line in capitals that is one of them
        names no person ('UNITED KINGDOM, PRIME MINISTER'; session 19)."""
        names = [n for c in self.countries.values() for n in (*c.names, *c.capitals)]
        names += [n for o in self.orgs.values() for n in (o.name, *o.aliases)]
        return frozenset(n.lower() for n in names)

    @cached_property
    def title_variants(self) -> dict[str, str]:
        """Lower-case title and variant -> its canonical title ('sec.' -> 'Secretary of Defense' ...): how turn labels
        and the phrase table read a title, built once."""
        return {v.lower(): t.title for t in self.titles.values() for v in (t.title, *t.variants)}

    @cached_property
    def plural_titles(self) -> dict[tuple[str, ...], str]:
        """Lower-case words of a title's plural -> the title ('defence ministers' -> 'Defense Minister', 'prime
        ministers', 'presidents', 'press secretaries'): each one-to-three-word variant with its last word in the
        plural (no variant with 'of', 'to' or 'for', no abbreviation; a one-word variant only when it is the title
        itself: 'leaders' and 'speakers' name no office)."""
        out: dict[tuple[str, ...], str] = {}
        for entry in self.titles.values():
            for variant in entry.variants:
                words = variant.lower().split()
                if not 1 <= len(words) <= 3 or {"of", "to", "for", "the", "in"} & set(words) \
                        or not words[-1].isalpha() or variant.isupper() or words[-1].endswith("s") \
                        or (len(words) == 1 and words[0] != entry.title.lower()):
                    continue
                out.setdefault((*words[:-1], _plural(words[-1])), entry.title)
        return out

    @cached_property
    def name_particles(self) -> frozenset[str]:
        """Lower-case words inside a personal name (``cues.csv`` kind ``name-particle``: 'van der Berg', 'de
        Mistura', 'al-Sudani'): a name reads on over them to the capitalised word after."""
        return frozenset(cue for cue, kind in self.cues.items() if kind == "name-particle")

    @cached_property
    def non_person_heads(self) -> frozenset[str]:
        """Lower-case last words of a name that is a company's, a place's or an institution's, never a person's
        (``cues.csv`` kind ``not-person``: 'Borealis Optics', 'Norrland Dynamics', 'Kaskela Street'): a run of
        capitalised words ending in one names no person."""
        return frozenset(cue for cue, kind in self.cues.items() if kind == "not-person")

    @cached_property
    def state_pairs(self) -> tuple[tuple[str, ...], ...]:
        """Subjects that stand for the two states named together before them, as words (``cues.csv`` kind
        ``state-pair``: 'the two governments', 'both countries'; session 15)."""
        return tuple(tuple(cue.split()) for cue, kind in self.cues.items() if kind == "state-pair")

    @cached_property
    def address_forms(self) -> frozenset[str]:
        """The honorifics of address (``cues.csv`` kind ``address``: 'mr.', 'ms.', 'mrs.'), as written there: unlike a
        rank, one ends a name read after a title ('Mr. President, Mr. Mayor,': no person 'Mayor')."""
        return frozenset(cue for cue, kind in self.cues.items() if kind == "address")

    @cached_property
    def category_systems(self) -> frozenset[str]:
        """Every category-level WeaponSystem id (a transfer of a category without a designation); built once per
        gazetteer, not per document."""
        return frozenset(self.category_system(WeaponCategory.id_of(key=key))[0] for key in self.categories)

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
        """The graph's name for an id: the shared alias tables' when they have one, else the gazetteer's."""
        entity = standard_tables().entity(entity_id)
        return entity.name if entity is not None else self.name_of(entity_id)

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
                return Country.id_of(iso3=org.country)
        return None

    def org(self, entity_id: str) -> OrgEntry | None:
        key = entity_id.partition(":")[2]
        if key in self.orgs:
            return self.orgs[key]
        return next((o for o in self.orgs.values() if o.id == entity_id), None)


CODE = (Path(__file__),)
"""This module's code, part of the key of the names it caches (``names_cache.py`` adds the resolver's and the
schema's)."""
TRUSTED_TABLES = frozenset({"pycountry", "entities.csv", "curated.csv"})
"""Canonical names and hand-checked aliases: every kind the news context allows is used."""
GENERATED_KINDS = frozenset({"name", "official", "un", "abbreviation", "demonym", "capital", "metonym"})
"""Kinds taken from the generated tables; their alternative, native and former names are left to the resolver."""
FIELD_OF_KIND = {"demonym": "demonyms", "capital": "capitals", "metonym": "capitals"}
"""Which pattern label an alias kind gets (other kinds are names)."""
RESOLVED = ("exact", "alias", "judgement")
_SHORT_CAPS = re.compile(r"^[A-Z]{2,3}$")
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,3}$")
_MIXED_ABBREVIATION = re.compile(r"^[A-Z][a-z][A-Z]$")
_TABLE_CELL_NOTE = re.compile(r" or |/|\(")
"""Generated-table cells that are notes, not names ('US or USA', 'Belgique/Belgie/Belgien')."""
PLURAL_DEMONYM_ENDINGS = ("an", "i", "k", "er", "ot", "o", "ar")
"""Demonyms whose plural is regular ('Syrians', 'Iraqis', 'Slovaks', 'New Zealanders'); irregular plurals
('Danes', 'Poles') are aliases in curated.csv."""


def _plural(noun: str) -> str:
    """'minister' -> 'ministers', 'secretary' -> 'secretaries', 'spokesman' -> 'spokesmen'."""
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _lines(name: str) -> list[str]:
    text = resources.files("armsgraph.loaders.text").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def spelling_variants(alias: str) -> list[str]:
    """Spellings of ``alias`` that the shared resolver reads as the same name (its ``normalize`` drops accents,
    dots, case and apostrophe shapes): 'Bogotá' -> 'Bogota', 'US' -> 'U.S.', 'U.N.' -> 'UN', "Russia's" ->
    'Russia’s', 'DoD' -> 'DOD'. The phrase matcher needs each spelling it should find."""
    out: list[str] = []
    folded = "".join(c for c in unicodedata.normalize("NFKD", alias) if not unicodedata.combining(c))
    if folded != alias and folded.isascii():
        out.append(folded)
    words = alias.split(" ")
    if any(_SHORT_CAPS.match(w) for w in words):
        out.append(" ".join(".".join(w) + "." if _SHORT_CAPS.match(w) else w for w in words))
    if any(_DOTTED.match(w) for w in words):
        out.append(" ".join(w.replace(".", "") if _DOTTED.match(w) else w for w in words))
    if any(_MIXED_ABBREVIATION.match(w) for w in words):
        out.append(" ".join(w.upper() if _MIXED_ABBREVIATION.match(w) else w for w in words))
    for a, b in (("'", "\u2019"), ("\u2019", "'")):
        if a in alias:
            out.append(alias.replace(a, b))
    return [v for v in dict.fromkeys(out) if v != alias]


def plural_demonym(demonym: str) -> str | None:
    """'Syrian' -> 'Syrians', 'Iraqi' -> 'Iraqis'; None where English has no regular plural ('Chinese', 'French')."""
    regular = demonym.endswith(PLURAL_DEMONYM_ENDINGS) and not demonym.endswith("man")
    return demonym + "s" if regular and demonym[:1].isupper() else None


def _shared_names(g: Gazetteer) -> None:
    """Countries and organisations from the shared resolver's data (``loaders/resolve/data/aliases``), read once.

    Every name the resolver lists for the news context (``resolve.aliases_for_context``) becomes a pattern for
    the entity the resolver resolves it to: canonical names and curated aliases of every kind; from the
    generated tables names, official names, abbreviations, demonyms and capitals. Left out: names the resolver
    finds ambiguous ('Congolese'), inverted forms with a comma, SIPRI's marked names, long capitals-only
    table cells, and words that in prose are mostly something else (``alias_stoplist.txt``). Added by rule:
    spellings the resolver treats as equal (:func:`spelling_variants`), regular plurals of demonyms,
    '<name>-made' as a demonym ('U.S.-made'), and 'the Pentagon' for institutions used as metonyms.

    What comes from the resolver is read from a cache file when its inputs are those it was built from
    (``names_cache.py``: ~0.05 s of each start, and the resolver's tables are then read only by a document that
    needs them); the organisations of ``organizations.csv`` are added here on every start.
    """
    stop = _lines("alias_stoplist.txt")
    owner: set[str] = set()
    for eid, name, kind, country, names, demonyms, capitals in names_cache.resolver_names(
            lambda: _resolver_names(stop, g.blocked), stop, g.blocked, CODE):
        owner.update(names, demonyms, capitals)
        prefix, _, key = eid.partition(":")
        if prefix == "country":
            g.countries[key] = CountryEntry(iso3=key, name=name, names=names, demonyms=demonyms, capitals=capitals)
        else:
            g.orgs[key] = OrgEntry(key=key, name=name, kind=kind or "other", country=country,
                                   aliases=(*names, *demonyms, *capitals), canonical=eid)
    # organisations the shared data does not know: text-only rows; a name the resolver owns stays the resolver's
    for row in _rows("organizations.csv"):
        own = [n for n in dict.fromkeys([row["name"], *_split(row["aliases"])]) if n not in owner]
        own += [v for n in own for v in spelling_variants(n) if v not in owner and v not in own]
        owner.update(own)
        g.orgs[row["key"]] = OrgEntry(key=row["key"], name=row["name"], kind=row["kind"],
                                      country=row["country"] or None, aliases=tuple(own))


def _resolver_names(stoplist: list[str], blocked_names: list[str]) -> list[names_cache.Entry]:
    """The countries and organisations :func:`_shared_names` takes from the shared resolver, in its order: (id,
    name, kind, country, names, demonyms, capitals) each."""
    resolver = ResolverConfig().linker()
    stop = set(stoplist)
    blocked = set(blocked_names)
    owner: dict[str, str] = {}
    fields: dict[str, dict[str, list[str]]] = {}

    def claim(surface: str, eid: str, fld: str) -> None:
        if surface in owner or surface in blocked or surface in stop:
            return
        owner[surface] = eid
        fields.setdefault(eid, {}).setdefault(fld, []).append(surface)

    real: list[tuple[str, str, str]] = []
    kinds: dict[str, set[str]] = {}
    for alias, eid, kind, table in aliases_for_context(NEWS):
        if not eid.startswith(("country:", "org:")):
            continue
        if table not in TRUSTED_TABLES and (kind not in GENERATED_KINDS or (alias.isupper() and len(alias) > 5)
                                            or _TABLE_CELL_NOTE.search(alias)):
            continue
        kinds.setdefault(alias, set()).add(kind)
        if alias in owner:
            continue
        if "," in alias or alias.endswith("*") or len(alias) < 2:
            continue
        found = resolver.link(alias, NEWS)
        if found.entity_id is None and len(alias) <= 3 and not alias.isupper():
            # the resolver reads names of 3 letters or fewer only in capitals ('us' is a pronoun): 'DoD' as 'DOD'
            found = resolver.link(alias.upper(), NEWS)
        if found.rule not in RESOLVED or found.entity_id is None:
            continue
        entity = resolver.entity(found.entity_id)
        if entity is None or entity.label not in ("Country", "Organization"):
            continue
        fld = FIELD_OF_KIND.get(kind, "names")
        claim(alias, found.entity_id, fld)
        if owner.get(alias) == found.entity_id:
            real.append((alias, found.entity_id, fld))
    for alias, eid, fld in real:
        for variant in spelling_variants(alias):
            claim(variant, eid, fld)
        if eid.startswith("country:") and fld == "demonyms":
            plural = plural_demonym(alias)
            if plural:
                claim(plural, eid, fld)
        if eid.startswith("country:") and fld in ("names", "demonyms") and " " not in alias:
            for form in (alias, *spelling_variants(alias)):
                claim(f"{form}-made", eid, "demonyms")
        if eid.startswith("org:") and "metonym" in kinds[alias] and not alias.startswith("the "):
            claim(f"the {alias}", eid, fld)
    out: list[names_cache.Entry] = []
    for eid, by_field in fields.items():
        entity = resolver.entity(eid)
        assert entity is not None
        out.append((eid, entity.name, entity.kind, entity.country, tuple(by_field.get("names", ())),
                    tuple(by_field.get("demonyms", ())), tuple(by_field.get("capitals", ()))))
    return out


def _oxford(name: str) -> list[str]:
    """'A, B and C' <-> 'A, B, and C': a list in a treaty's name is written with and without the serial comma."""
    with_comma = re.sub(r"(, [^,]+?) and ", r"\1, and ", name)
    without = name.replace(", and ", " and ")
    return [v for v in dict.fromkeys([with_comma, without]) if v != name]


def _treaties(g: Gazetteer) -> None:
    """The shared treaty catalogue (``loaders/reference/data/treaties.csv``: name, short name, aliases), then the
    treaties it does not list (``other_treaties.csv``: a key the catalogue has is the catalogue's)."""
    catalogue = treaty_catalogue()
    for key, info in catalogue.items():
        names = [info.node.name, *([info.node.short_name] if info.node.short_name else []), *info.aliases]
        names += [v for n in names for v in _oxford(n)]
        g.treaties[key] = TreatyEntry(key=key, name=info.node.name, short_name=info.node.short_name or "",
                                      aliases=tuple(dict.fromkeys(names)))
    for row in _rows("other_treaties.csv"):
        if row["key"] not in catalogue:
            g.treaties[row["key"]] = TreatyEntry(key=row["key"], name=row["name"], short_name=row["short_name"],
                                                 aliases=tuple(_split(row["aliases"])))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read every data file once per process."""
    g = Gazetteer()
    g.blocked = _lines("regions.txt")
    g.weapon_nouns = {w.lower() for w in _lines("weapon_nouns.txt")}
    g.designation_stoplist = {w.lower() for w in _lines("designation_stoplist.txt")}
    g.ammunition_words = frozenset(w.lower() for w in _lines("ammunition_words.txt"))
    g.author_titles = tuple(w.lower() for w in _lines("author_titles.txt"))
    _shared_names(g)

    for key, category in weapon_categories().items():
        g.categories[key] = (category.name, category.vocabulary or "")
    for number, row in enumerate(_rows("weapons.csv"), start=2):
        if row["category"] and row["category"] not in g.categories:
            raise ValueError(f"data/weapons.csv: row {number} ({row['designation']}): category {row['category']!r} "
                             "is not in loaders/reference/data/weapon_categories.csv")
        entry = WeaponEntry(
            designation=row["designation"], kind=row["kind"], category=row["category"],
            case_sensitive=row["case"] == "exact", variants=tuple(_split(row["variants"])),
        )
        g.weapons[entry.designation] = entry
    for number, row in enumerate(_rows("category_nouns.csv"), start=2):
        if row["category"] not in g.categories:
            raise ValueError(f"data/category_nouns.csv: row {number} ({row['noun']}): category {row['category']!r} "
                             "is not in loaders/reference/data/weapon_categories.csv")
        g.category_nouns[tuple(row["noun"].lower().split())] = row["category"]
    _treaties(g)
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
    for row in _rows("office_terms.csv"):
        g.office_terms.append(OfficeTerm(
            title=row["title"], of=row["of"], name=row["name"], start=date.fromisoformat(row["from"]),
            end=date.fromisoformat(row["to"]) if row["to"] else None,
        ))
    for row in _rows("triggers.csv"):
        g.triggers.setdefault(row["form"], []).append((row["kind"], row["tense"]))
    for row in _rows("stage_cues.csv"):
        g.stage_cues[row["cue"]] = row["stage"]
    for row in _rows("cues.csv"):
        g.cues[row["cue"]] = row["kind"]
    for row in _rows("speech_verbs.csv"):
        g.speech_verbs[row["form"]] = row["tense"]
        if row.get("subject", "") == "person":
            g.person_speech_verbs.add(row["form"])
        if row.get("complement", "") == "clause":
            g.clause_speech_verbs.add(row["form"])
    for row in _rows("aid_words.csv"):
        g.aid_words[row["word"]] = row["kind"]
    for row in _rows("quantity_words.csv"):
        g.quantity_words[row["word"]] = (row["kind"], int(row["value"]) if row["value"] else None)
    for row in _rows("publishers.csv"):
        g.publishers[row["publisher"].lower()] = (row["country"], row["speaker"])
    return g
