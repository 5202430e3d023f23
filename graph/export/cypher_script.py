"""A Cypher script that rebuilds the graph in Neo4j or Aura: constraints, then batched UNWIND ... MERGE.

Each statement carries its rows as a list literal (``UNWIND [{...}, ...] AS row``): plain Cypher, so the
same file runs in cypher-shell (``cypher-shell -f graph.cypher``), pasted or dragged into Browser's
multi-statement editor, and in Aura's Query tool, with no client-specific ``:param`` command. Statements
end with ``;`` at the end of a line and no literal holds a raw line break (see ``literal``).

Idempotent: nodes are MERGEd on ``id`` under their schema label (unique constraint first), properties added
with ``+=``; a relationship is MERGEd between its two endpoints on its type and all of its properties, which
is what tells parallel edges apart (every edge the writer makes differs from its twins in some property).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from armsgraph.graph.export.literal import literal, name
from armsgraph.graph.export.read import GraphNode, GraphRelationship
from armsgraph.graph.export.sink import Sink
from armsgraph.graph.store.dialect import NEO4J

ROWS_PER_STATEMENT = 500


def constraint_statements() -> list[str]:
    """The Neo4j DDL of the schema (unique ids, indexes), the same the Neo4j store applies."""
    return [op.cypher for op in NEO4J.schema_ops("neo4j") if op.cypher is not None]


def node_template(labels: tuple[str, ...]) -> str:
    """The statement after ``UNWIND <rows> AS row``: merge on the schema label's id, then the other labels."""
    return (f"MERGE (n:{':'.join(name(lab) for lab in labels)} {{id: row.id}})\n"
            "SET n += row.props")


def relationship_template(rel_type: str, start_label: str, end_label: str, keys: tuple[str, ...]) -> str:
    match = ", ".join(f"{name(k)}: row.props.{name(k)}" for k in keys)
    pattern = f"[r:{name(rel_type)} {{{match}}}]" if keys else f"[r:{name(rel_type)}]"
    return (f"MATCH (a:{name(start_label)} {{id: row.start}})\n"
            f"MATCH (b:{name(end_label)} {{id: row.end}})\n"
            f"MERGE (a)-{pattern}->(b)")


def statement(rows: list[dict[str, Any]], template: str) -> str:
    body = ",\n".join("  " + literal(row) for row in rows)
    return f"UNWIND [\n{body}\n] AS row\n{template};\n"


def template_probe(template: str) -> str:
    """A template as one checkable statement (``$rows`` where the script has its literal list)."""
    return f"UNWIND $rows AS row\n{template}"


class CypherScriptSink(Sink):
    """Writes ``OUT`` (a file): header comment, DDL, node batches, relationship batches."""

    def __init__(self, out: Path, rows_per_statement: int = ROWS_PER_STATEMENT) -> None:
        super().__init__(out)
        self.rows_per_statement = rows_per_statement
        out.parent.mkdir(parents=True, exist_ok=True)
        self.file: TextIO = out.open("w", encoding="utf-8", newline="\n")
        self.file.write("// armsgraph export: run with `cypher-shell -f FILE` or in Neo4j Browser (multi-statement).\n"
                        "// Idempotent: constraints first, then MERGE on ids; rerunning changes nothing.\n")
        for ddl in constraint_statements():
            self.file.write(ddl + ";\n")
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.nodes_done = False
        self.templates: set[str] = set()

    def _add(self, template: str, row: dict[str, Any]) -> None:
        rows = self.pending.setdefault(template, [])
        rows.append(row)
        if len(rows) >= self.rows_per_statement:
            self._flush(template)

    def _flush(self, template: str) -> None:
        rows = self.pending.pop(template, [])
        if rows:
            self.templates.add(template)
            self.file.write(statement(rows, template))

    def _flush_all(self) -> None:
        for template in list(self.pending):
            self._flush(template)

    def node(self, node: GraphNode) -> None:
        self.nodes += 1
        self._add(node_template(node.labels), {"id": node.id, "props": node.properties})

    def relationship(self, rel: GraphRelationship) -> None:
        if not self.nodes_done:  # every endpoint must exist before the first relationship statement
            self._flush_all()
            self.nodes_done = True
        self.relationships += 1
        keys = tuple(sorted(k for k, v in rel.properties.items() if v is not None))
        template = relationship_template(rel.type, rel.start_label, rel.end_label, keys)
        self._add(template, {"start": rel.start, "end": rel.end, "props": rel.properties})

    def close(self) -> list[Path]:
        self._flush_all()
        self.file.close()
        return [self.out]


def split_statements(script: str) -> list[str]:
    """The statements of a script this module wrote, without comment lines (for replaying it)."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("//")):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip().removesuffix(";"))
            current = []
    if current:
        statements.append("\n".join(current))
    return statements
