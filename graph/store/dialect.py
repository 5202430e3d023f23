"""Every difference between Neo4j 5 Cypher and FalkorDB Cypher lives here.

Queries (writer statements and the catalogue) are written once, in the Neo4j 5 dialect.
``translate`` turns them into what FalkorDB accepts; ``schema_ops`` gives each store its DDL
for the constraints and indexes derived from :mod:`armsgraph.schema`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armsgraph.schema import NODE_TYPES


@dataclass(frozen=True)
class SchemaOp:
    """One DDL step: Cypher text, or (FalkorDB) a raw module command as an argument list."""

    description: str
    cypher: str | None = None
    command: tuple[str, ...] | None = None
    tolerate: tuple[str, ...] = ()
    """Error-message fragments meaning 'already there' (FalkorDB has no IF NOT EXISTS)."""


@dataclass(frozen=True)
class Unsupported:
    """A Neo4j feature a store lacks: catalogue queries using it must declare the dialects they need."""

    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class Dialect:
    name: str
    rewrites: tuple[tuple[re.Pattern[str], str], ...] = ()
    unsupported: tuple[Unsupported, ...] = ()
    notes: tuple[str, ...] = ()
    """Differences no rewrite can hide; catalogue authors follow them (docs/architecture.md)."""

    def translate(self, cypher: str) -> str:
        """Rewrite a Neo4j 5 query for this store; raise ValueError when it cannot run here."""
        for item in self.unsupported:
            if item.pattern.search(cypher):
                raise ValueError(f"{self.name} does not support {item.reason}")
        for pattern, replacement in self.rewrites:
            cypher = pattern.sub(replacement, cypher)
        return cypher

    def schema_ops(self, graph: str) -> list[SchemaOp]:
        ops: list[SchemaOp] = []
        for label, cls in NODE_TYPES.items():
            for lab in cls.labels():
                ops.extend(self._unique(graph, lab) if lab == label else self._index(graph, lab, "id"))
            for prop in cls.indexed:
                ops.extend(self._index(graph, label, prop))
        # deduplicate (shared extra labels such as Actor appear once per class)
        unique: dict[str, SchemaOp] = {}
        for op in ops:
            unique.setdefault(op.description, op)
        return list(unique.values())

    def _unique(self, graph: str, label: str) -> list[SchemaOp]:
        if self.name == "neo4j":
            return [SchemaOp(
                f"unique {label}.id",
                cypher=f"CREATE CONSTRAINT armsgraph_{label.lower()}_id IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.id IS UNIQUE",
            )]
        # FalkorDB: a unique constraint needs an exact-match index on the same property first.
        return [
            *self._index(graph, label, "id"),
            SchemaOp(
                f"unique {label}.id",
                command=("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", label, "PROPERTIES", "1", "id"),
                tolerate=("already exists",),
            ),
        ]

    def _index(self, graph: str, label: str, prop: str) -> list[SchemaOp]:
        if self.name == "neo4j":
            return [SchemaOp(
                f"index {label}.{prop}",
                cypher=f"CREATE INDEX armsgraph_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})",
            )]
        return [SchemaOp(
            f"index {label}.{prop}",
            cypher=f"CREATE INDEX FOR (n:{label}) ON (n.{prop})",
            tolerate=("already indexed",),
        )]


NEO4J = Dialect(name="neo4j")

FALKORDB = Dialect(
    name="falkordb",
    rewrites=(
        # Neo4j 5 element ids are strings; FalkorDB only has integer ids.
        (re.compile(r"\belementId\s*\("), "id("),
        # Neo4j 5 renamed the 4.x list functions; FalkorDB kept only the old spelling of this one.
        (re.compile(r"\btoStringOrNull\s*\("), "toString("),
    ),
    unsupported=(
        Unsupported(re.compile(r"\bEXISTS\s*\{", re.I), "EXISTS { } subqueries"),
        Unsupported(re.compile(r"\bCALL\s*\{", re.I), "CALL { } subqueries"),
        Unsupported(re.compile(r"\bdatetime\s*\(", re.I), "datetime()"),
        Unsupported(re.compile(r"MATCH\s+\w+\s*=\s*shortestPath", re.I), "shortestPath in MATCH"),
        # FalkorDB binds STARTS WITH tighter than +: 'ab' STARTS WITH 'a' + 'b' is 'trueb' there.
        Unsupported(re.compile(r"(STARTS|ENDS)\s+WITH\s+[^()\n]*?\+", re.I),
                    "an unparenthesised + after STARTS/ENDS WITH (write STARTS WITH (a + b))"),
    ),
    notes=(
        "No SET ... WITH ... WHERE: rows filtered after a SET lose their updates.",
        "A MERGE key repeated inside one UNWIND keeps the first row's values: send each key once.",
        "Parenthesise string concatenation after STARTS WITH / ENDS WITH / CONTAINS.",
    ),
)

DIALECTS = {d.name: d for d in (NEO4J, FALKORDB)}
