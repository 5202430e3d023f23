"""``armsgraph export`` (the graph, or a catalogue query's subgraph, for other tools) and ``browser-kit``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.cli.context import Context, param_option, parse_params
from armsgraph.graph.export import EXPORT_FORMATS, export
from armsgraph.graph.kit import write_kit
from armsgraph.schema import label_of_id
from armsgraph.schema.errors import UserError


def node_ids(value: Any) -> set[str]:
    """Every node id in a query result value: id strings (``country:USA``) and whole nodes, at any depth."""
    if isinstance(value, str):
        try:
            label_of_id(value)
        except ValueError:
            return set()
        return {value}
    if isinstance(value, dict):
        found = {str(value["id"])} if "_labels" in value and "id" in value else set()
        for item in value.values():
            found |= node_ids(item)
        return found
    if isinstance(value, list):
        return set().union(*(node_ids(v) for v in value)) if value else set()
    return set()


@click.command("export")
@click.option("--format", "export_format", type=click.Choice(EXPORT_FORMATS), default="cypher", show_default=True,
              help="cypher: a script for cypher-shell/Browser; neo4j-admin: a directory of import CSVs; "
                   "graphml: Gephi, yEd; jsonl: one node or relationship per line")
@click.option("--query", "query_name", metavar="NAME", help="export only this catalogue query's subgraph")
@param_option
@click.option("--hops", type=click.IntRange(0, 5), default=0, show_default=True,
              help="with --query: also the nodes this many relationships away from those the query named")
@click.argument("out", type=click.Path(path_type=Path))
@click.pass_obj
def export_cmd(obj: Context, export_format: str, query_name: str | None, params: tuple[str, ...], hops: int,
               out: Path) -> None:
    """Write the graph to OUT (a file; a directory for neo4j-admin) for Neo4j, Aura, Gephi or yEd.

    With --query, the subgraph of a catalogue query: the nodes whose ids (or whole nodes) appear anywhere
    in its result, the nodes within --hops of them, and the relationships among all of these.
    """
    ids: set[str] | None = None
    if query_name is not None:
        q = get_query(query_name)
        result = q.run(obj.store, parse_params(params))
        ids = node_ids(result.rows)
        if not ids:
            raise UserError(f"{query_name} returned no node ids (columns: {', '.join(result.columns)}): "
                            "nothing to export")
    elif params:
        raise click.UsageError("--param needs --query")
    report = export(obj.store, export_format, out, ids, hops)
    click.echo(f"wrote {report.nodes} nodes and {report.relationships} relationships to {out} "
               f"({len(report.files)} file{'s' if len(report.files) != 1 else ''})")


@click.command("browser-kit")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def browser_kit(directory: Path) -> None:
    """Write the Neo4j Browser kit to DIRECTORY: style.grass, one .cypher per catalogue query, guide.html."""
    for path in write_kit(directory):
        click.echo(str(path))
