"""Every difference between Neo4j 5 Cypher and FalkorDB Cypher lives here, one class per store.

Queries (writer statements and the catalogue) are written once, in the Neo4j 5 dialect.
``translate`` turns them into what a store accepts; ``schema_ops`` gives each store its DDL for
the constraints and indexes derived from :mod:`armsgraph.schema`. A store differs by overriding
methods here, never by comparing dialect names elsewhere.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

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

    @abstractmethod
    def unique_ops(self, graph: str, label: str) -> list[SchemaOp]:
        """Steps that make ``label.id`` unique."""

    @abstractmethod
    def index_ops(self, graph: str, label: str, prop: str) -> list[SchemaOp]:
        """Steps that index ``label.prop``."""


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
    )

    def unique_ops(self, graph: str, label: str) -> list[SchemaOp]:
        # A unique constraint needs an exact-match index on the same property first.
        return [
            *self.index_ops(graph, label, "id"),
            SchemaOp(
                f"unique {label}.id",
                command=("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", "1", "id"),
                tolerate=("already exists",),
            ),
        ]

    def index_ops(self, graph: str, label: str, prop: str) -> list[SchemaOp]:
        return [SchemaOp(
            f"index {label}.{prop}",
            cypher=Cypher(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"),
            tolerate=("already indexed",),
        )]


NEO4J = Neo4jDialect()
FALKORDB = FalkorDialect()
DIALECTS: dict[str, Dialect] = {d.name: d for d in (NEO4J, FALKORDB)}
