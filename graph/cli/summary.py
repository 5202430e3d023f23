"""``armsgraph stats`` and ``armsgraph conflicts``: what the graph holds, and where its sources disagree."""

from __future__ import annotations

import json
from typing import Any

import click

from armsgraph.graph.catalogue.conflicts import membership_conflicts, party_conflicts
from armsgraph.graph.catalogue.stats import graph_counts
from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.render import emit


@click.command()
@format_option
@click.pass_obj
def stats(obj: Context, fmt: str) -> None:
    """Counts per node label and per relationship type."""
    counts = graph_counts(obj.store)
    emit(["kind", "name", "count"], [[k, n, c] for k, n, c in counts], fmt, title=obj.store.describe())


@click.command()
@click.option("--missing", is_flag=True, help="also list states one treaty table has and another omits")
@format_option
@click.pass_obj
def conflicts(obj: Context, missing: bool, fmt: str) -> None:
    """Where reference sources disagree (treaty dates, regime memberships); both sides stay in the graph."""
    rows: list[list[Any]] = []
    for c in party_conflicts(obj.store, missing=missing):
        rows.append(["treaty", c.get("treaty"), c.get("country"), c.get("name"), json.dumps(
            {k: v for k, v in c.items() if k not in ("treaty", "country", "name")}, ensure_ascii=False)])
    for m in membership_conflicts(obj.store):
        rows.append(["membership", m["org"], m["country"], m["name"],
                     f"listed by {m['listed_by']}, not by {m['not_listed_by']}"])
    emit(["kind", "of", "country", "name", "difference"], rows, fmt, title="source conflicts")
