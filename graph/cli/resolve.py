"""``armsgraph resolve``: look a name up, list the names waiting for review, record a judgement.

Why a CLI: a researcher checks what "Ankara" or "Libya HoR*" becomes before trusting a query, and
settles unresolved names with a judgement that the next load applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from armsgraph.graph.catalogue.names import Names
from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.render import emit
from armsgraph.loaders.resolve import CONTEXTS, Resolution, Resolver, read_review, user_judgements_path
from armsgraph.loaders.resolve.record import record_judgement
from armsgraph.loaders.sipri.names import POLICIES
from armsgraph.schema.errors import StoreError

RESOLVED_COLUMNS = ["query", "entity", "label", "name", "rule", "score", "source", "candidates"]


def _data_dir(ctx: click.Context) -> Path | None:
    obj = ctx.find_root().obj
    data_dir = getattr(obj, "data_dir", None)
    return data_dir if isinstance(data_dir, Path) else None


def _graph_names(ctx: click.Context, resolver: Resolver) -> Names | None:
    """Names over the graph when there is one (Neo4j, or an embedded store already made); never creates one."""
    obj = ctx.find_root().obj
    if not isinstance(obj, Context) or not obj.has_store():
        return None
    try:
        return Names(obj.store, resolver)
    except StoreError as exc:
        click.echo(f"armsgraph: warning: the graph is not searched: {exc}", err=True)
        return None


def _through_graph(names: Names, res: Resolution) -> Resolution:
    """An actor name the alias tables do not settle, or any other entity (person, weapon, family, category,
    treaty), looked up by the graph's names and aliases, as a query parameter is."""
    found = names.match("entity", res.query)
    if not found.ids:
        return res
    if len(found.ids) > 1:
        return Resolution(query=res.query, entity_id=None, label=None, name=None, rule="ambiguous", score=100.0,
                          source="graph", candidates=sorted(found.ids))
    [(entity_id, (label, name))] = found.ids.items()
    return Resolution(query=res.query, entity_id=entity_id, label=label, name=name, rule="exact", score=100.0,
                      source=f"graph ({found.rule})")


def _resolver(data_dir: Path | None) -> Resolver:
    """Read afresh: a judgement recorded a moment ago applies; SIPRI's marks read as 'armsgraph load' reads them."""
    path = user_judgements_path(data_dir)
    return Resolver(judgements=[path] if path is not None and path.exists() else [], policies=POLICIES)


class _NameGroup(click.Group):
    """``resolve NAME`` and ``resolve review``: anything that is not a subcommand is a name to look up."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["name", *args]
        return super().parse_args(ctx, args)


@click.group("resolve", cls=_NameGroup, context_settings={"help_option_names": ["-h", "--help"]})
def resolve() -> None:
    """Resolve names: armsgraph resolve NAME [--context news|sipri|treaty]; resolve review; resolve judge."""


@resolve.command("name")
@click.argument("name")
@click.option("--context", type=click.Choice(CONTEXTS), default=None,
              help="news allows capitals and demonyms; sipri/treaty only names [default: any]")
@format_option
@click.pass_context
def resolve_name(ctx: click.Context, name: str, context: str | None, fmt: str) -> None:
    """Show the canonical entity a NAME resolves to, the rule that matched and its score.

    States and organisations resolve by the alias tables (docs/resolver.md); people, weapons, families,
    categories and treaties, and actors the tables do not know, by the graph's names and aliases when
    there is a graph (source 'graph'). A look-up is not put on the review list: only names met in documents are.
    """
    resolver = _resolver(_data_dir(ctx))
    for error in resolver.errors:
        click.echo(f"armsgraph: warning: {error}", err=True)
    res = resolver.resolve(name, context, record=False)
    if not res.resolved:
        names = _graph_names(ctx, resolver)
        if names is not None:
            res = _through_graph(names, res)
    values: list[Any] = [res.query, res.entity_id, res.label, res.name, res.rule, res.score, res.source,
                         res.candidates]
    if fmt == "table":
        emit(["field", "value"], [[k, v] for k, v in zip(RESOLVED_COLUMNS, values, strict=True) if v not in (None, [])],
             fmt, title=f"resolve {name!r}" + (f" (context {context})" if context else ""))
    else:
        emit(RESOLVED_COLUMNS, [values], fmt)


@resolve.command("review")
@format_option
@click.option("--limit", type=click.IntRange(1), default=200, show_default=True)
@click.pass_context
def resolve_review(ctx: click.Context, fmt: str, limit: int) -> None:
    """Names met while loading documents that went unresolved, ambiguous, fuzzy or derived, with counts and
    the places (file:line) they came from. 'armsgraph resolve NAME' look-ups are not listed."""
    data_dir = _data_dir(ctx)
    if data_dir is None:
        raise click.UsageError("no data dir (Neo4j mode): the review list is kept in the embedded data dir")
    items = read_review(data_dir)[:limit]
    rows: list[list[Any]] = [[i.query, i.rule, i.context, i.count, i.entity_id, ", ".join(i.candidates),
                              "; ".join(i.where[:5])] for i in items]
    emit(["name", "rule", "context", "count", "entity", "candidates", "where"], rows, fmt, title="pending review")


@resolve.command("judge")
@click.argument("name")
@click.option("--is", "is_", metavar="ENTITY_ID", help="NAME is this entity (e.g. country:UKR)")
@click.option("--is-not", "is_not", metavar="ENTITY_ID", help="NAME is never this entity")
@click.option("--context", type=click.Choice(CONTEXTS), default=None, help="only in this context")
@click.option("--note", default="", help="why (kept with the judgement)")
@click.pass_context
def resolve_judge(ctx: click.Context, name: str, is_: str | None, is_not: str | None, context: str | None,
                  note: str) -> None:
    """Record a researcher's judgement; it applies on the next load (file: $ARMSGRAPH_JUDGEMENTS)."""
    if (is_ is None) == (is_not is None):
        raise click.UsageError("give exactly one of --is ENTITY_ID or --is-not ENTITY_ID")
    entity_id = str(is_ or is_not)
    path = user_judgements_path(_data_dir(ctx))
    if path is None:
        raise click.UsageError("no place for judgements: set ARMSGRAPH_JUDGEMENTS or use the embedded data dir")
    if _resolver(None).entity(entity_id) is None:
        raise click.UsageError(f"unknown entity {entity_id!r} (see 'armsgraph resolve NAME' for ids)")
    record_judgement(path, name, "is" if is_ else "is-not", entity_id, context, note)
    click.echo(f"recorded in {path}: {name!r} {'is' if is_ else 'is not'} {entity_id}")
