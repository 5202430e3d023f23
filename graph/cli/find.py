"""``armsgraph find NAME`` (entities of any kind by name) and ``armsgraph list KIND`` (the ids a query takes)."""

from __future__ import annotations

from contextlib import suppress

import click
from rapidfuzz import fuzz, process

from armsgraph.graph.catalogue.names import KINDS, Names, all_names
from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.render import emit
from armsgraph.schema.errors import UserError

LISTS = {"countries": "Country", "organizations": "Organization", "regimes": "Organization", "people": "Person",
         "families": "WeaponFamily",
         "categories": "WeaponCategory", "treaties": "Treaty", "weapons": "WeaponSystem", "documents": "Document"}
"""What ``armsgraph list`` can list, and the label each stands for."""


@click.command()
@click.argument("name")
@click.option("--limit", type=click.IntRange(1, 500), default=15, show_default=True)
@format_option
@click.pass_obj
def find(obj: Context, name: str, limit: int, fmt: str) -> None:
    """Entities of any kind whose name is close to NAME, with their ids (use the id, or the name, in a query)."""
    candidates: dict[str, tuple[str, str]] = {}  # id -> (label, name)
    for label in KINDS["entity"].name_labels():
        for row in obj.store.run(all_names(label)).records():
            candidates[str(row["id"])] = (label, str(row["name"]))
    scores: dict[str, float] = {}
    with suppress(UserError):  # what a query parameter would take it for (id, code, sure resolver rules, name)
        scores[Names(obj.store).id_of("entity", name)] = 100.0
    names = {node_id: shown for node_id, (_label, shown) in candidates.items()}
    for _shown, score, node_id in process.extract(name, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=70):
        scores.setdefault(node_id, float(score))
    if not scores:
        raise UserError(f"nothing named like {name!r} in the graph")
    found = sorted(((node_id, *candidates.get(node_id, (node_id.partition(":")[0], "")), round(score))
                    for node_id, score in scores.items()), key=lambda r: (-r[3], r[2]))
    emit(["id", "label", "name", "score"], [list(r) for r in found[:limit]], fmt, title=f"entities named like {name!r}")


@click.command("list")
@click.argument("kind", type=click.Choice(sorted(LISTS)))
@format_option
@click.pass_obj
def list_cmd(obj: Context, kind: str, fmt: str) -> None:
    """The entities of one kind with their ids: the values catalogue parameters take."""
    rows = sorted([str(r["id"]), str(r["name"])] for r in obj.store.run(all_names(LISTS[kind])).records())
    if not rows:
        raise UserError(f"the graph holds no {kind}: load some data first ('armsgraph load ...')")
    emit(["id", "name"], rows, fmt, title=kind)
