"""Entity resolution: one place that turns a source's actor name into a canonical graph node.

Why one module driven by data: SIPRI says "Turkiye", a treaty table "Türkiye", an article "Ankara" or
"Turkish". Joins across sources only work if every loader asks the same resolver, and a researcher can
only audit and correct that resolver if its knowledge is data (``loaders/resolve/data/aliases/*.csv``), not code.

Order of rules (first hit wins; a tier with two different entities is *ambiguous*, never guessed):

1. researcher judgements ("X is Y" / "X is not Y", ``judgements.csv`` + ``$ARMSGRAPH_JUDGEMENTS``)
2. exact canonical names (pycountry names of current and historical states, names in ``entities.csv``)
3. the hand-curated table ``curated.csv``
4. generated tables (``tools/build_aliases.py``) in tiers: names > alternative spellings > former names
   > capitals, demonyms and metonyms (the last tier only in ``news`` context)
5. SIPRI markers (context ``sipri``): an unseen ``Name*`` is a non-state actor, ``Name**`` an organisation
6. a bounded fuzzy match (rapidfuzz, names of 6+ characters, score >= 90), reported as ``fuzzy``

See docs/resolver.md for the contexts and the decisions behind the keys.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from armsgraph.schema import Country, Node, NonStateActor, Organization, UnresolvedActor
from armsgraph.schema.errors import LoadError
from armsgraph.schema.ids import slug

DATA_DIR = Path(__file__).resolve().parent / "data" / "aliases"
ENTITIES_FILE = "entities.csv"
CURATED_FILE = "curated.csv"
JUDGEMENTS_FILE = "judgements.csv"
GENERATED_FILES = ("world_countries.csv", "cia_factbook.csv", "survivalscores.csv", "ear.csv")
JUDGEMENTS_ENV = "ARMSGRAPH_JUDGEMENTS"
REVIEW_FILE = "resolve-review.jsonl"

Rule = Literal["exact", "alias", "fuzzy", "judgement", "unresolved", "ambiguous"]
Context = Literal["sipri", "news", "treaty"]
CONTEXTS: tuple[str, ...] = ("sipri", "news", "treaty")

MAX_NAME_LENGTH = 300
"""Longer strings are not names: unresolved without any matching work."""
FUZZY_MIN_LENGTH = 6
"""Normalised names shorter than this are never fuzzy-matched ('Iran' must not become 'Iraq')."""
FUZZY_CUTOFF = 90.0
CACHE_SIZE = 200_000
SHORT_ABBREVIATION = 3
"""Names this short ('US', 'UN', 'EU', 'UAE') only match when written in capitals: 'us' is a pronoun."""

KIND_TIER: dict[str, int] = {
    "name": 1, "official": 1, "sipri": 1, "un": 1, "ear": 1, "treaty": 1, "abbreviation": 1,
    "alt": 2, "native": 2,
    "former": 3,
    "capital": 4, "metonym": 4, "demonym": 4,
}
"""Alias kinds by precedence tier; a name found in a higher tier never looks at a lower one."""
NEWS_ONLY_KINDS = frozenset({"capital", "metonym", "demonym"})
"""Metonyms and adjectives stand for a state in prose, never in a table column of actors."""

_DOTS = re.compile(r"[.'’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")
_PAREN_OF = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<tail>[^()]*\bof(?:\s+the)?)\)$", re.IGNORECASE)
_MARKER = re.compile(r"\*+\s*$")


def normalize(text: str) -> str:
    """Matching form of a name: no accents or case, punctuation folded, no 'the', no SIPRI '*'.

    Dots and apostrophes vanish (U.S. = US, Cote d'Ivoire = Cote dIvoire); other punctuation
    separates words; '&' reads 'and'.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    stripped = _DOTS.sub("", stripped.replace("&", " and "))
    words = [w for w in _NON_WORD.sub(" ", stripped).split() if w != "the"]
    return " ".join(words)


def variants(text: str) -> list[str]:
    """Normalised forms to try, most literal first: as written, then an inverted 'X, Y' / 'X (Y of)'."""
    base = _MARKER.sub("", text).strip()
    forms = [normalize(base)]
    head, sep, tail = base.partition(",")
    if sep and "," not in tail:
        forms.append(normalize(f"{tail} {head}"))
    match = _PAREN_OF.match(base)
    if match:
        forms.append(normalize(f"{match['tail']} {match['head']}"))
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def _shouted(query: str) -> bool:
    """False for a name of at most 3 letters not written in capitals ('us', 'the un', 'Eu')."""
    letters = re.sub(r"^\s*the\s+", "", query, flags=re.IGNORECASE)
    letters = "".join(c for c in letters if c.isalpha())
    return len(letters) > SHORT_ABBREVIATION or letters.isupper()


def sipri_marker(text: str) -> int:
    """SIPRI's trailing marker: 1 = '*' non-state actor, 2 = '**' international organisation, else 0."""
    match = _MARKER.search(text)
    return 0 if match is None else min(2, match.group(0).strip().count("*"))


class Resolution(BaseModel):
    """What a name resolved to, by which rule, with what confidence."""

    model_config = ConfigDict(frozen=True)

    query: str
    entity_id: str | None
    label: str | None
    name: str | None
    rule: Rule
    score: float
    source: str | None
    candidates: list[str] = Field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.entity_id is not None


class ReviewItem(BaseModel):
    """A name the resolver could not settle (or settled by fuzzy/derived rules): for a researcher."""

    query: str
    rule: str
    context: str | None
    count: int
    candidates: list[str] = Field(default_factory=list)
    entity_id: str | None = None
    where: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    name: str
    kind: str | None = None
    country: str | None = None
    historical: bool = False
    needs_review: bool | None = None


@dataclass(frozen=True)
class Entry:
    entity_id: str
    kind: str
    source: str


@dataclass
class _Judgements:
    is_: dict[tuple[str, str | None], tuple[str, str]] = field(default_factory=dict)
    is_not: dict[str, set[str]] = field(default_factory=dict)


def _display_name(name: str) -> str:
    head, sep, tail = name.partition(",")
    if not sep:
        return name
    tail = tail.strip()
    if tail.lower().startswith("the "):
        tail = tail[4:]
    return f"{tail} {head}".strip() if tail.lower().endswith(("of", "of the")) else head


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their physical line numbers; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for row in reader:
        yield lines[reader.line_num - 1][0], {k: (v or "").strip() for k, v in row.items() if k}


class Resolver:
    """Resolves actor names against the alias data; remembers what it could not settle."""

    def __init__(
        self,
        data_dir: Path = DATA_DIR,
        judgements: Iterable[Path] = (),
        generated: Iterable[str] = GENERATED_FILES,
    ) -> None:
        self.data_dir = data_dir
        self.entities: dict[str, Entity] = {}
        self.errors: list[LoadError] = []
        self._exact: dict[str, list[Entry]] = {}
        self._curated: dict[str, list[Entry]] = {}
        self._tables: dict[str, list[Entry]] = {}
        self._judgements = _Judgements()
        self._cache: dict[tuple[str, str | None], Resolution] = {}
        self._fuzzy_keys: dict[int, list[str]] = {}
        self._review: Counter[tuple[str, str, str | None]] = Counter()
        self._review_info: dict[tuple[str, str, str | None], tuple[Resolution, list[str]]] = {}
        self._load_countries()
        self._load_entities(data_dir / ENTITIES_FILE)
        self._load_aliases(data_dir / CURATED_FILE, self._curated)
        for name in generated:
            if (data_dir / name).exists():
                self._load_aliases(data_dir / name, self._tables)
        for path in (data_dir / JUDGEMENTS_FILE, *judgements):
            if path.exists():
                self._load_judgements(path)

    # -- loading -------------------------------------------------------------------------------

    def _add(self, index: dict[str, list[Entry]], alias: str, entry: Entry) -> None:
        for key in variants(alias):
            bucket = index.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    def _load_countries(self) -> None:
        for c in pycountry.countries:
            name = getattr(c, "common_name", None) or _display_name(c.name)
            entity = Entity(id=f"country:{c.alpha_3}", label="Country", name=name)
            self.entities[entity.id] = entity
            for alias in {c.name, name, getattr(c, "official_name", None) or c.name}:
                self._add(self._exact, alias, Entry(entity.id, "name", "pycountry"))
        for h in pycountry.historic_countries:
            entity = Entity(id=f"country:{h.alpha_3}", label="Country", name=_display_name(h.name),
                            historical=True)
            self.entities[entity.id] = entity
            self._add(self._exact, h.name, Entry(entity.id, "name", "pycountry.historic_countries"))

    def _error(self, path: Path, line: int | None, fld: str | None, reason: str) -> None:
        self.errors.append(LoadError(file=path.name, line=line, field=fld, reason=reason))

    def _load_entities(self, path: Path) -> None:
        """Non-ISO entities (organisations, armed groups, assigned codes) and display-name overrides."""
        for line, row in _read_csv(path):
            eid, label = row.get("id", ""), row.get("label", "")
            if not eid or label not in ("Country", "Organization", "NonStateActor", "UnresolvedActor"):
                self._error(path, line, "label", f"bad entity row {eid!r} / {label!r}")
                continue
            old = self.entities.get(eid)
            entity = Entity(
                id=eid, label=label, name=row.get("name") or (old.name if old else eid),
                kind=row.get("kind") or None, country=row.get("country") or None,
                historical=row.get("historical", "").lower() in ("1", "true", "yes") or bool(old and old.historical),
                needs_review=False if label == "UnresolvedActor" else None,
            )
            try:
                self._make_node(entity, entity.name)
            except ValueError as exc:
                self._error(path, line, "id", f"{eid}: {exc}")
                continue
            self.entities[eid] = entity
            self._add(self._exact, entity.name, Entry(eid, "name", path.name))

    def _load_aliases(self, path: Path, index: dict[str, list[Entry]]) -> None:
        for line, row in _read_csv(path):
            alias, eid, kind = row.get("alias", ""), row.get("entity_id", ""), row.get("kind", "")
            if not alias or eid not in self.entities:
                self._error(path, line, "entity_id", f"unknown entity {eid!r} for alias {alias!r}")
                continue
            if kind not in KIND_TIER:
                self._error(path, line, "kind", f"unknown alias kind {kind!r}")
                continue
            self._add(index, alias, Entry(eid, kind, row.get("source") or path.name))
            if kind == "former" and index is self._curated and not self.entities[eid].historical:
                self._drop_historic(alias)

    def _drop_historic(self, alias: str) -> None:
        """A curated renaming (East Timor is Timor-Leste) beats pycountry's historic record of the old name."""
        for key in variants(alias):
            kept = [e for e in self._exact.get(key, []) if e.source != "pycountry.historic_countries"]
            if key in self._exact:
                self._exact[key] = kept

    def _load_judgements(self, path: Path) -> None:
        for line, row in _read_csv(path):
            name, decision, eid = row.get("name", ""), row.get("decision", ""), row.get("entity_id", "")
            context = row.get("context") or None
            if not name or not normalize(name):
                self._error(path, line, "name", "empty name")
            elif eid not in self.entities:
                self._error(path, line, "entity_id", f"unknown entity {eid!r}")
            elif context is not None and context not in CONTEXTS:
                self._error(path, line, "context", f"unknown context {context!r}")
            elif decision == "is":
                for key in variants(name):
                    self._judgements.is_[(key, context)] = (eid, f"{path.name}:{line}")
            elif decision == "is-not":
                for key in variants(name):
                    self._judgements.is_not.setdefault(key, set()).add(eid)
            else:
                self._error(path, line, "decision", f"decision must be 'is' or 'is-not', got {decision!r}")

    # -- resolving -----------------------------------------------------------------------------

    def resolve(self, name: str, context: str | None = None, *, where: str | None = None) -> Resolution:
        """Resolve one actor name; ``where`` ('file:line') is remembered for the review list."""
        if context is not None and context not in CONTEXTS:
            raise ValueError(f"unknown context {context!r} (expected one of {', '.join(CONTEXTS)})")
        query = name.strip() if isinstance(name, str) else ""
        key = (query, context)
        result = self._cache.get(key)
        if result is None:
            result = self._resolve(query, context)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()  # bounded: a stream of unique junk names must not grow memory
            self._cache[key] = result
        if result.rule in ("unresolved", "ambiguous", "fuzzy") or (result.source or "").startswith("derived"):
            rkey = (query, result.rule, context)
            self._review[rkey] += 1
            _, places = self._review_info.setdefault(rkey, (result, []))
            if where and len(places) < 20 and where not in places:
                places.append(where)
        return result

    def _resolve(self, query: str, context: str | None) -> Resolution:
        if not query or len(query) > MAX_NAME_LENGTH or not normalize(query) or not _shouted(query):
            return self._unresolved(query)
        marker = sipri_marker(query) if context in (None, "sipri") else 0
        forms = variants(query)
        for form in forms:
            judged = self._judgements.is_.get((form, context)) or self._judgements.is_.get((form, None))
            if judged:
                return self._hit(query, judged[0], "judgement", 100.0, judged[1])
        for form in forms:
            excluded = self._judgements.is_not.get(form, set())
            for layer in (self._exact, self._curated):
                found = self._lookup(query, layer.get(form, []), context, marker, excluded,
                                     exact=layer is self._exact)
                if found is not None:
                    return found
            entries = self._tables.get(form, [])
            for tier in sorted({KIND_TIER[e.kind] for e in entries}):
                found = self._lookup(query, [e for e in entries if KIND_TIER[e.kind] == tier], context,
                                     marker, excluded, exact=False)
                if found is not None:
                    return found
        if marker:
            # a typo of a known group ('Hezbolah (Lebanon)*') is a fuzzy hit, not a new group
            fuzzy = self._fuzzy(query, forms[0], context, marker)
            return fuzzy if fuzzy.entity_id is not None else self._derived(query, marker)
        return self._fuzzy(query, forms[0], context, marker)

    def _allowed(self, entry: Entry, context: str | None, marker: int, excluded: set[str]) -> bool:
        if entry.entity_id in excluded:
            return False
        if context in ("sipri", "treaty") and entry.kind in NEWS_ONLY_KINDS:
            return False
        label = self.entities[entry.entity_id].label
        if marker == 1:
            return label in ("NonStateActor", "UnresolvedActor")
        if marker == 2:
            return label == "Organization"
        return True

    def _lookup(self, query: str, entries: list[Entry], context: str | None, marker: int,
                excluded: set[str], *, exact: bool) -> Resolution | None:
        usable = [e for e in entries if self._allowed(e, context, marker, excluded)]
        ids = sorted({e.entity_id for e in usable})
        if not ids:
            return None
        if len(ids) > 1:
            return Resolution(query=query, entity_id=None, label=None, name=None, rule="ambiguous", score=0.0,
                              source=", ".join(sorted({e.source for e in usable})), candidates=ids)
        return self._hit(query, ids[0], "exact" if exact else "alias", 100.0, usable[0].source)

    def _hit(self, query: str, eid: str, rule: Rule, score: float, source: str | None) -> Resolution:
        entity = self.entities[eid]
        return Resolution(query=query, entity_id=eid, label=entity.label, name=entity.name, rule=rule,
                          score=score, source=source)

    def _unresolved(self, query: str, candidates: list[str] | None = None) -> Resolution:
        return Resolution(query=query, entity_id=None, label=None, name=None, rule="unresolved", score=0.0,
                          source=None, candidates=candidates or [])

    def _derived(self, query: str, marker: int) -> Resolution:
        """An unseen SIPRI-marked name: SIPRI itself says what kind of actor it is; keyed by its slug."""
        name = _MARKER.sub("", query).strip()
        key = slug(name)
        if not key:
            return self._unresolved(query)
        label, prefix = ("NonStateActor", "nsa") if marker == 1 else ("Organization", "org")
        eid = f"{prefix}:{key}"
        if eid not in self.entities:
            self.entities[eid] = Entity(id=eid, label=label, name=name,
                                        kind="international" if marker == 2 else None)
        return Resolution(query=query, entity_id=eid, label=label, name=self.entities[eid].name, rule="alias",
                          score=100.0, source="derived: SIPRI marker " + "*" * marker)

    def _fuzzy_index(self, marker: int) -> list[str]:
        """Names fuzzy matching may land on: states (no marker), or the groups / organisations a marker names."""
        labels = {0: ("Country",), 1: ("NonStateActor",), 2: ("Organization",)}[marker]
        keys = self._fuzzy_keys.get(marker)
        if keys is None:
            keys = sorted(
                k for index in (self._exact, self._curated, self._tables) for k, entries in index.items()
                if len(k) >= FUZZY_MIN_LENGTH
                and any(KIND_TIER[e.kind] <= 2 and self.entities[e.entity_id].label in labels for e in entries)
            )
            self._fuzzy_keys[marker] = keys
        return keys

    def _fuzzy(self, query: str, form: str, context: str | None, marker: int) -> Resolution:
        if len(form) < FUZZY_MIN_LENGTH:
            return self._unresolved(query)
        excluded = self._judgements.is_not.get(form, set())
        hits = process.extract(form, self._fuzzy_index(marker), scorer=fuzz.ratio,
                               score_cutoff=FUZZY_CUTOFF, limit=5)
        scored: dict[str, float] = {}
        for key, score, _ in hits:
            for index in (self._exact, self._curated, self._tables):
                for e in index.get(key, []):
                    if KIND_TIER[e.kind] <= 2 and self._allowed(e, context, marker, excluded):
                        scored[e.entity_id] = max(scored.get(e.entity_id, 0.0), float(score))
        if not scored:
            return self._unresolved(query)
        best = max(scored.values())
        top = sorted(eid for eid, s in scored.items() if best - s < 3.0)
        if len(top) > 1:
            return Resolution(query=query, entity_id=None, label=None, name=None, rule="ambiguous", score=best,
                              source="fuzzy", candidates=top)
        return self._hit(query, top[0], "fuzzy", round(best, 1), "fuzzy")

    # -- nodes and review ----------------------------------------------------------------------

    def _make_node(self, entity: Entity, query: str) -> Node:
        if entity.label == "Country":
            return Country(iso3=entity.id.split(":", 1)[1], name=entity.name, historical=entity.historical)
        key = entity.id.split(":", 1)[1]
        if entity.label == "Organization":
            return Organization.model_validate(
                {"key": key, "name": entity.name, "kind": entity.kind or "other", "country": entity.country}
            )
        if entity.label == "NonStateActor":
            return NonStateActor(key=key, name=entity.name, country=entity.country)
        node = UnresolvedActor(name=entity.name, needs_review=entity.needs_review)
        if node.id != entity.id:
            raise ValueError(f"unresolved-actor id must be {node.id!r}")
        return node

    def node_for(self, resolution: Resolution) -> Node:
        """The node to write for a resolution; unresolved/ambiguous names become a flagged UnresolvedActor."""
        if resolution.entity_id is None:
            name = _MARKER.sub("", resolution.query).strip() or resolution.query or "(empty name)"
            return UnresolvedActor(name=name, needs_review=True)
        return self._make_node(self.entities[resolution.entity_id], resolution.query)

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def node_for_id(self, entity_id: str) -> Node | None:
        """The node of a known entity id ('country:UKR'), e.g. from a table's own ISO column."""
        entity = self.entities.get(entity_id)
        return None if entity is None else self._make_node(entity, entity.name)

    def review(self) -> list[ReviewItem]:
        """Names that went unresolved, ambiguous, fuzzy or derived in this process, most frequent first."""
        items = []
        for (query, rule, context), count in self._review.items():
            res, places = self._review_info[(query, rule, context)]
            items.append(ReviewItem(query=query, rule=rule, context=context, count=count,
                                    candidates=list(res.candidates), entity_id=res.entity_id, where=list(places)))
        return sorted(items, key=lambda i: (-i.count, i.query))

    def flush_review(self, data_dir: Path) -> Path | None:
        """Append this process's review list to ``data_dir/resolve-review.jsonl`` and clear it."""
        items = self.review()
        if not items:
            return None
        path = data_dir / REVIEW_FILE
        data_dir.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            for item in items:
                fh.write(item.model_dump_json() + "\n")
        self._review.clear()
        self._review_info.clear()
        return path


def read_review(data_dir: Path) -> list[ReviewItem]:
    """The persisted review list, counts summed over processes; a corrupt line is skipped."""
    path = data_dir / REVIEW_FILE
    merged: dict[tuple[str, str, str | None], ReviewItem] = {}
    if not path.exists():
        return []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            item = ReviewItem.model_validate(json.loads(line))
        except (ValueError, TypeError):
            continue
        key = (item.query, item.rule, item.context)
        old = merged.get(key)
        if old is None:
            merged[key] = item
        else:
            old.count += item.count
            old.where = (old.where + [w for w in item.where if w not in old.where])[:20]
    return sorted(merged.values(), key=lambda i: (-i.count, i.query))


def aliases_for_context(context: str | None = None, data_dir: Path = DATA_DIR,
                        generated: Iterable[str] = GENERATED_FILES) -> Iterator[tuple[str, str, str, str]]:
    """Every name the resolver knows, as written: ``(alias, entity_id, kind, table)``, in precedence order.

    For readers that need the surface forms (a text gazetteer matching names in prose) rather than a
    resolution. Order: canonical names (pycountry current and historical states, ``entities.csv``; kind
    ``name``, table ``pycountry`` / ``entities.csv``), then ``curated.csv``, then the generated tables.
    Kinds the context does not allow are left out (capitals, metonyms and demonyms outside ``news``/None).
    Rows naming an unknown entity or kind are left out, as the resolver leaves them out. Judgements are
    not aliases and are not listed; resolve a name to apply them.
    """
    if context is not None and context not in CONTEXTS:
        raise ValueError(f"unknown context {context!r} (expected one of {', '.join(CONTEXTS)})")
    known: set[str] = set()
    for c in pycountry.countries:
        eid = f"country:{c.alpha_3}"
        known.add(eid)
        names = (c.name, getattr(c, "common_name", None) or _display_name(c.name), getattr(c, "official_name", None))
        for name in dict.fromkeys(n for n in names if n):
            yield name, eid, "name", "pycountry"
    current = {f"country:{c.alpha_3}" for c in pycountry.countries}
    renamed = {normalize(row.get("alias", "")) for _, row in _read_csv(data_dir / CURATED_FILE)
               if row.get("kind") == "former" and row.get("entity_id") in current}
    for h in pycountry.historic_countries:
        known.add(f"country:{h.alpha_3}")
        if normalize(h.name) not in renamed:  # a renaming resolves to the current state (see Resolver)
            yield h.name, f"country:{h.alpha_3}", "name", "pycountry"
    for _, row in _read_csv(data_dir / ENTITIES_FILE):
        eid = row.get("id", "")
        if eid:
            known.add(eid)
            if row.get("name"):
                yield row["name"], eid, "name", ENTITIES_FILE
    for table in (CURATED_FILE, *generated):
        path = data_dir / table
        if not path.exists():
            continue
        for _, row in _read_csv(path):
            alias, eid, kind = row.get("alias", ""), row.get("entity_id", ""), row.get("kind", "")
            if not alias or eid not in known or kind not in KIND_TIER:
                continue
            if context in ("sipri", "treaty") and kind in NEWS_ONLY_KINDS:
                continue
            yield alias, eid, kind, table


_user_dir: Path | None = None


def set_data_dir(data_dir: Path | None) -> None:
    """Tell the shared resolver about the user's data dir: its ``judgements.csv`` applies on the next load."""
    global _user_dir
    _user_dir = data_dir
    default_resolver.cache_clear()


def user_judgements_path(data_dir: Path | None = None) -> Path | None:
    """Where a researcher's judgements live: $ARMSGRAPH_JUDGEMENTS, else ``<data dir>/judgements.csv``."""
    extra = os.environ.get(JUDGEMENTS_ENV)
    if extra:
        return Path(extra)
    base = data_dir or _user_dir
    return None if base is None else base / JUDGEMENTS_FILE


@functools.cache
def default_resolver() -> Resolver:
    """The shared resolver: data files read once per process, plus the user's judgements file if any."""
    path = user_judgements_path()
    return Resolver(judgements=[path] if path is not None and path.exists() else [])
