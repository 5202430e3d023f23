"""``armsgraph review transfers``: the deal matches the rules would not take alone, and the researcher's say.

Why a CLI: a match scored between REVIEW and AUTO, or several SIPRI deals that fit one tracker commitment, is
a decision for a person. ``accept`` records "same deal", ``reject`` "different deals" in the deal judgements
file (``<data dir>/deal-judgements.csv``); every later resolution replays it, so a reload never loses it.
"""

from __future__ import annotations

import click

from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.deals import Deals, describe, judge
from armsgraph.graph.render import emit

COLUMNS = ["record", "record_says", "candidate", "candidate_says", "rule", "score", "reason"]


@click.group()
def review() -> None:
    """Decisions waiting for a researcher."""


@review.group(invoke_without_command=True)
@format_option
@click.pass_context
def transfers(ctx: click.Context, fmt: str) -> None:
    """List the deal matches waiting for review (accept or reject them by their two record ids)."""
    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.find_root().obj
    items, records = Deals(obj.store, obj.deal_judgements).review()
    rows = [[i.record, describe(records.get(i.record)), i.candidate, describe(records.get(i.candidate)), i.rule,
             i.score, i.reason] for i in items]
    emit(COLUMNS, rows, fmt, title=f"{len(rows)} deal matches to review")


def _decision(name: str, decision: str, meaning: str) -> None:
    """``review transfers NAME RECORD CANDIDATE``: record ``decision`` about the two Reports, resolve again."""

    @transfers.command(name=name, help=f"RECORD and CANDIDATE (Report ids) are {meaning}.")
    @click.argument("record")
    @click.argument("candidate")
    @click.option("--note", default="", help="why (kept in the judgements file)")
    @click.pass_context
    def command(ctx: click.Context, record: str, candidate: str, note: str) -> None:
        obj: Context = ctx.find_root().obj
        click.echo(judge(obj.store, obj.deal_judgements, record, candidate, decision, note))


_decision("accept", "same", "one deal")
_decision("reject", "different", "two different deals")
