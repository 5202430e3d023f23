"""Names wherever an id is asked for: a catalogue parameter of an entity kind takes an id, a code or a name.

Why: a researcher types ``Ukraine``, ``Kyiv`` or ``Antonov``, not ``country:UKR``. A value is looked up in
this order, and the first step that finds something wins:

1. an id of a node of the kind (``country:UKR``);
2. for states and actors, an ISO 3166 alpha-3 code (``UKR``) and the shared name resolver (``Kiev``,
   ``Washington``, ``Turkish``: the same rules as every loader);
3. the graph's own names: ``name``, ``designation``, ``short_name``, ``key``, ``title`` or an alias,
   compared without case.

A node of a document still loading (``pending``) is not named. No match is an error with the closest
names (rapidfuzz) as suggestions; several matches are an error
listing them. Labels in the statements come from the schema; values travel as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from armsgraph.graph.store import Cypher, Store
from armsgraph.loaders.resolve import Resolver
from armsgraph.schema import NODE_TYPES, Country, label_of_id
from armsgraph.schema.errors import CatalogueError

ACTOR_LABELS = ("Country", "Organization", "NonStateActor", "UnresolvedActor")


@dataclass(frozen=True)
class Kind:
    """An entity kind a parameter can name: the labels it covers and how a person calls it."""

    name: str
    labels: tuple[str, ...]
    resolver: bool = False
    """Ask the shared name resolver (states and organisations) before the graph's names."""
    named: tuple[str, ...] | None = None
    """Labels searched by name (default: all of ``labels`` that have a name-like property)."""

    def name_labels(self) -> tuple[str, ...]:
        return tuple(label for label in (self.named or self.labels) if _name_props(label))


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("country", ("Country",), resolver=True),
    Kind("actor", ACTOR_LABELS, resolver=True),
    Kind("speaker", ("Person", *ACTOR_LABELS), resolver=True),
    Kind("organization", ("Organization",), resolver=True),
    Kind("person", ("Person",)),
    Kind("weapon", ("WeaponSystem",)),
    Kind("category", ("WeaponCategory",)),
    Kind("family", ("WeaponFamily",)),
    Kind("treaty", ("Treaty",)),
    Kind("document", ("Document",)),
    Kind("entity", tuple(NODE_TYPES), resolver=True,
         named=("Country", "Organization", "NonStateActor", "Person", "WeaponSystem", "WeaponFamily", "WeaponCategory",
                "Treaty")),
)}
"""Parameter types that name an entity (``// param: recipient: country -- ...`` in a query header)."""

SURE_RULES = frozenset({"exact", "alias", "judgement"})
"""Resolver rules that name an entity outright; a fuzzy match only becomes a suggestion."""

NAME_PROPERTIES = ("name", "designation", "short_name", "key", "title", "path", "sha256", "iso3")


def _name_props(label: str) -> list[str]:
    return [p for p in NAME_PROPERTIES if p in NODE_TYPES[label].model_fields]


@cache
def by_id(label: str) -> Cypher:
    return Cypher(f"MATCH (n:{label} {{id: $id}}) WHERE n.pending IS NULL RETURN n.id AS id")


@cache
def by_name(label: str) -> Cypher:
    """Nodes of ``label`` whose name-like property or alias equals the value, ignoring case."""
    props = _name_props(label)
    tests = " OR ".join(f"toLower(n.{p}) = $name" for p in props)
    aliases = " OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $name)" \
        if "aliases" in NODE_TYPES[label].model_fields else ""
    shown = ", ".join(f"n.{p}" for p in props)
    return Cypher(f"MATCH (n:{label})\nWHERE ({tests}{aliases}) AND n.pending IS NULL\n"
                  f"RETURN n.id AS id, coalesce({shown}) AS name")


@cache
def all_names(label: str) -> Cypher:
    """Every node of ``label`` with its display name, for suggestions."""
    shown = ", ".join(f"n.{p}" for p in _name_props(label))
    return Cypher(f"MATCH (n:{label})\nWHERE n.pending IS NULL\nRETURN n.id AS id, coalesce({shown}, n.id) AS name")


def statements() -> list[Cypher]:
    """Every statement this module can send (for the grammar check)."""
    ids = sorted({label for kind in KINDS.values() for label in kind.labels})
    named = sorted({label for kind in KINDS.values() for label in kind.name_labels()})
    return [by_id(label) for label in ids] + [s for label in named for s in (by_name(label), all_names(label))]


@dataclass(frozen=True)
class Match:
    """What a value names: node id -> (label, display name), and the step that found them."""

    ids: dict[str, tuple[str, str]]
    rule: str
    """``id``, ``code``, a resolver rule (``exact``, ``alias``, ``judgement``), ``name`` (the graph's names or
    aliases), or empty when nothing matched."""


class Names:
    """Turns a parameter value into the id of one node of a kind, or fails with suggestions."""

    def __init__(self, store: Store, resolver: Resolver | None = None) -> None:
        self.store = store
        self._resolver = resolver

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver.standard()
        return self._resolver

    def _label(self, kind: Kind, node_id: str) -> str | None:
        """The label of the node ``node_id`` among the kind's labels, None when the graph has none."""
        try:  # the id's prefix names its label (schema): one lookup, not one per label of the kind
            label = label_of_id(node_id)
        except ValueError:
            return None
        if label not in kind.labels:
            return None
        return label if self.store.run(by_id(label), {"id": node_id}).rows else None

    def match(self, kind_name: str, value: str) -> Match:
        """Every node of this kind ``value`` names, by the first step that finds any (see the module doc)."""
        kind = KINDS[kind_name]
        text = value.strip()
        if not text:
            return Match({}, "")
        label = self._label(kind, text)
        if label is not None:
            return Match({text: (label, text)}, "id")
        if kind.resolver:
            resolution = self.resolver.resolve(text, "news", record=False)
            named = resolution.entity_id if resolution.rule in SURE_RULES else None  # a guess is a suggestion
            code = Country.id_of(iso3=text.upper()) if len(text) == 3 and text.isalpha() else ""
            for candidate, rule in ((code, "code"), (named or "", resolution.rule)):
                label = self._label(kind, candidate) if candidate else None
                if label is not None:
                    shown = resolution.name if resolution.entity_id == candidate and resolution.name else candidate
                    return Match({candidate: (label, shown)}, rule)
        found: dict[str, tuple[str, str]] = {}
        for label in kind.name_labels():
            for row in self.store.run(by_name(label), {"name": text.lower()}).records():
                found[row["id"]] = (label, str(row["name"]))
        return Match(found, "name" if found else "")

    def id_of(self, kind_name: str, value: str, *, param: str = "") -> str:
        """The id of the one node of this kind that ``value`` names."""
        kind = KINDS[kind_name]
        text = value.strip()
        if not text:
            raise CatalogueError(f"{param or kind.name}: empty {kind.name} name")
        found = self.match(kind_name, text).ids
        if len(found) == 1:
            return next(iter(found))
        categories = [i for i, (label, _name) in found.items() if label == "WeaponCategory"]
        if len(categories) == 1 and {name.lower() for _label, name in found.values()} == {text.lower()}:
            return categories[0]  # a category-level weapon ('cluster munitions' named without a system) stands
            # for its category: the name means the category
        if found:
            listed = "; ".join(f"{name} ({i})" for i, (_label, name) in sorted(found.items())[:8])
            raise CatalogueError(f"{param or kind.name}: {text!r} names several {kind.name} entries: {listed}; "
                                 "give the id")
        raise CatalogueError(f"no {kind.name} named {text!r}{self._suggest(kind, text)}")

    def _suggest(self, kind: Kind, text: str) -> str:
        names: dict[str, str] = {}
        for label in kind.name_labels():
            for row in self.store.run(all_names(label)).records():
                names[row["id"]] = str(row["name"])
        if not names:
            return f" (the graph has no {kind.name} entries: load some data first)"
        best = process.extract(text, names, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
        if not best:
            return "; 'armsgraph find NAME' searches every kind"
        return "; did you mean " + " or ".join(f"{name} ({node_id})" for name, _score, node_id in best) + "?"
