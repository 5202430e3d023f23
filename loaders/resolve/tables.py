"""The alias tables (``data/aliases/*.csv`` plus pycountry) as read-only indexes, and their surface forms.

Why data: SIPRI says "Turkiye", a treaty table "Türkiye", an article "Ankara". A researcher can only audit
and correct what the resolver knows if that knowledge is data. Reading and indexing the tables is the
expensive part of a resolver, so :func:`standard_tables` keeps one copy per set of files; nothing changes
a table once it is built.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from armsgraph.loaders.resolve.entities import LABELS, Entity, country_id, node_of
from armsgraph.loaders.resolve.names import display_name, normalize, variants
from armsgraph.loaders.resolve.policy import KIND_TIER, ResolvePolicy, pick_policy, policies_by_context
from armsgraph.schema import Node
from armsgraph.schema.errors import LoadError

DATA_DIR = Path(__file__).resolve().parent / "data" / "aliases"
ENTITIES_FILE = "entities.csv"
CURATED_FILE = "curated.csv"
GENERATED_FILES = ("world_countries.csv", "cia_factbook.csv", "survivalscores.csv", "ear.csv")
HISTORIC_SOURCE = "pycountry.historic_countries"
FUZZY_MIN_LENGTH = 6
"""Normalised names shorter than this are never fuzzy-matched ('Iran' must not become 'Iraq')."""


@dataclass(frozen=True)
class Entry:
    """One alias of an entity in one table."""

    entity_id: str
    kind: str
    source: str


Index = dict[str, list[Entry]]
"""Normalised name -> the entries that name it."""


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their physical line numbers; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for row in reader:
        yield lines[reader.line_num - 1][0], {k: (v or "").strip() for k, v in row.items() if k}


@dataclass
class AliasTables:
    """Entities and their names by precedence: ``exact`` (canonical names), ``curated``, generated ``tables``."""

    data_dir: Path
    entities: dict[str, Entity] = field(default_factory=dict)
    exact: Index = field(default_factory=dict)
    curated: Index = field(default_factory=dict)
    tables: Index = field(default_factory=dict)
    errors: list[LoadError] = field(default_factory=list)
    _fuzzy: dict[frozenset[str], list[str]] = field(default_factory=dict, repr=False)
    """Memo of :meth:`fuzzy_keys` per label set (derived from the indexes only)."""

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def node_for_id(self, entity_id: str) -> Node | None:
        """The node of a known entity id ('country:UKR'), e.g. from a table's own ISO column."""
        entity = self.entities.get(entity_id)
        return None if entity is None else node_of(entity)

    def fuzzy_keys(self, labels: frozenset[str]) -> list[str]:
        """Names fuzzy matching may land on: long names and spellings (tiers 1-2) of entities with ``labels``."""
        keys = self._fuzzy.get(labels)
        if keys is None:
            keys = sorted(
                k for index in (self.exact, self.curated, self.tables) for k, entries in index.items()
                if len(k) >= FUZZY_MIN_LENGTH
                and any(KIND_TIER[e.kind] <= 2 and self.entities[e.entity_id].label in labels for e in entries)
            )
            self._fuzzy[labels] = keys
        return keys


def load_tables(data_dir: Path = DATA_DIR, generated: Iterable[str] = GENERATED_FILES) -> AliasTables:
    """Read the alias tables afresh; bad rows are left out and listed in ``errors``."""
    t = AliasTables(data_dir)
    _load_countries(t)
    _load_entities(t, data_dir / ENTITIES_FILE)
    _load_aliases(t, data_dir / CURATED_FILE, t.curated)
    for name in generated:
        if (data_dir / name).exists():
            _load_aliases(t, data_dir / name, t.tables)
    return t


def standard_tables(data_dir: Path = DATA_DIR, generated: Iterable[str] = GENERATED_FILES) -> AliasTables:
    """The alias tables of ``data_dir``, read once per process (callers must not change them)."""
    return _cached_tables(data_dir.resolve(), tuple(generated))


@functools.cache
def _cached_tables(data_dir: Path, generated: tuple[str, ...]) -> AliasTables:
    return load_tables(data_dir, generated)


def _add(index: Index, alias: str, entry: Entry) -> None:
    for key in variants(alias):
        bucket = index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)


def _load_countries(t: AliasTables) -> None:
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or display_name(c.name)
        entity = Entity(id=country_id(c.alpha_3), label="Country", name=name)
        t.entities[entity.id] = entity
        for alias in {c.name, name, getattr(c, "official_name", None) or c.name}:
            _add(t.exact, alias, Entry(entity.id, "name", "pycountry"))
    for h in pycountry.historic_countries:
        entity = Entity(id=country_id(h.alpha_3), label="Country", name=display_name(h.name), historical=True)
        t.entities[entity.id] = entity
        _add(t.exact, h.name, Entry(entity.id, "name", HISTORIC_SOURCE))


def _error(t: AliasTables, path: Path, line: int | None, fld: str | None, reason: str) -> None:
    t.errors.append(LoadError(file=path.name, line=line, field=fld, reason=reason))


def _load_entities(t: AliasTables, path: Path) -> None:
    """Non-ISO entities (organisations, armed groups, assigned codes) and display-name overrides."""
    for line, row in read_csv(path):
        eid, label = row.get("id", ""), row.get("label", "")
        if not eid or label not in LABELS:
            _error(t, path, line, "label", f"bad entity row {eid!r} / {label!r}")
            continue
        old = t.entities.get(eid)
        entity = Entity(
            id=eid, label=label, name=row.get("name") or (old.name if old else eid),
            kind=row.get("kind") or None, country=row.get("country") or None,
            historical=row.get("historical", "").lower() in ("1", "true", "yes") or bool(old and old.historical),
            needs_review=False if label == "UnresolvedActor" else None,
        )
        try:
            node_of(entity)
        except ValueError as exc:
            _error(t, path, line, "id", f"{eid}: {exc}")
            continue
        t.entities[eid] = entity
        _add(t.exact, entity.name, Entry(eid, "name", path.name))


def _load_aliases(t: AliasTables, path: Path, index: Index) -> None:
    for line, row in read_csv(path):
        alias, eid, kind = row.get("alias", ""), row.get("entity_id", ""), row.get("kind", "")
        if not alias or eid not in t.entities:
            _error(t, path, line, "entity_id", f"unknown entity {eid!r} for alias {alias!r}")
            continue
        if kind not in KIND_TIER:
            _error(t, path, line, "kind", f"unknown alias kind {kind!r}")
            continue
        _add(index, alias, Entry(eid, kind, row.get("source") or path.name))
        if kind == "former" and index is t.curated and not t.entities[eid].historical:
            _drop_historic(t, alias)


def _drop_historic(t: AliasTables, alias: str) -> None:
    """A curated renaming (East Timor is Timor-Leste) beats pycountry's historic record of the old name."""
    for key in variants(alias):
        if key in t.exact:
            t.exact[key] = [e for e in t.exact[key] if e.source != HISTORIC_SOURCE]


def aliases_for_context(context: ResolvePolicy | str | None = None, data_dir: Path = DATA_DIR,
                        generated: Iterable[str] = GENERATED_FILES) -> Iterator[tuple[str, str, str, str]]:
    """Every name the resolver knows, as written: ``(alias, entity_id, kind, table)``, in precedence order.

    For readers that need the surface forms (a text gazetteer matching names in prose) rather than a
    resolution. Order: canonical names (pycountry current and historical states, ``entities.csv``; kind
    ``name``, table ``pycountry`` / ``entities.csv``), then ``curated.csv``, then the generated tables.
    Kinds the policy does not allow are left out (capitals, metonyms and demonyms in a table's policy).
    Rows naming an unknown entity or kind are left out, as the resolver leaves them out. Judgements are
    not aliases and are not listed; resolve a name to apply them.
    """
    allowed = pick_policy(context, policies_by_context()).kinds
    known: set[str] = set()
    for c in pycountry.countries:
        eid = country_id(c.alpha_3)
        known.add(eid)
        names = (c.name, getattr(c, "common_name", None) or display_name(c.name), getattr(c, "official_name", None))
        for name in dict.fromkeys(n for n in names if n):
            yield name, eid, "name", "pycountry"
    current = {country_id(c.alpha_3) for c in pycountry.countries}
    renamed = {normalize(row.get("alias", "")) for _, row in read_csv(data_dir / CURATED_FILE)
               if row.get("kind") == "former" and row.get("entity_id") in current}
    for h in pycountry.historic_countries:
        known.add(country_id(h.alpha_3))
        if normalize(h.name) not in renamed:  # a renaming resolves to the current state (see _drop_historic)
            yield h.name, country_id(h.alpha_3), "name", "pycountry"
    for _, row in read_csv(data_dir / ENTITIES_FILE):
        eid = row.get("id", "")
        if eid:
            known.add(eid)
            if row.get("name"):
                yield row["name"], eid, "name", ENTITIES_FILE
    for table in (CURATED_FILE, *generated):
        path = data_dir / table
        if not path.exists():
            continue
        for _, row in read_csv(path):
            alias, eid, kind = row.get("alias", ""), row.get("entity_id", ""), row.get("kind", "")
            if not alias or eid not in known or kind not in KIND_TIER or kind not in allowed:
                continue
            yield alias, eid, kind, table
