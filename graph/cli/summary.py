"""``armsgraph stats`` and ``armsgraph conflicts``: what the graph holds, and where its sources disagree."""

from __future__ import annotations

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
    """Where reference sources disagree (treaty dates, regime memberships); both sides stay in the graph.

    \b
    One row per difference:
      kind          treaty (a party table) or membership (a membership list)
      of            the treaty key or the organisation id
      country, name the state
      field         what differs: signed, joined, withdrew, or listed (one source lists the state, one does not)
      source, value             one source and what it says
      other_source, other_value the other source and what it says (empty: it has no such date, or no row)
    """
    rows: list[list[Any]] = []
    for c in party_conflicts(obj.store, missing=missing):
        rows.append(["treaty", c["treaty"], c["country"], c["name"], c["field"], c["source"], c["value"],
                     c["other_source"], c["other_value"]])
    for m in membership_conflicts(obj.store):
        rows.append(["membership", m["org"], m["country"], m["name"], "listed", m["listed_by"], "yes",
                     m["not_listed_by"], "no"])
    emit(["kind", "of", "country", "name", "field", "source", "value", "other_source", "other_value"], rows, fmt,
         title="source conflicts")
