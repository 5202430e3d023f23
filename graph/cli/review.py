"""``armsgraph review transfers``: the deal matches the rules would not take alone, and the researcher's say.

Why a CLI: a match scored between REVIEW and AUTO, or several SIPRI deals that fit one tracker commitment, is
a decision for a person. ``accept`` records "same deal", ``reject`` "different deals" in the deal judgements
file (``<data dir>/deal-judgements.csv``); every later resolution replays it, so a reload never loses it.
"""

from __future__ import annotations

from typing import Any

import click

from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.deals import Deals
from armsgraph.graph.render import emit
from armsgraph.graph.store.lock import WriterLock
from armsgraph.loaders.deals import record_judgement
from armsgraph.schema.errors import UserError

COLUMNS = ["record", "record_says", "candidate", "candidate_says", "rule", "score", "reason"]


def _says(record: Any) -> str:
    """A record in one line: its source, designation, supplier -> recipient and date."""
    p = record.props if record is not None else {}
    who = f"{str(p.get('supplier', '?')).partition(':')[2]} → {str(p.get('recipient', '?')).partition(':')[2]}"
    parts = [str(p.get("source", "?")), who, str(p.get("designation") or "-"),
             str(p.get("date") or p.get("order_year") or "-")]
    if p.get("number_ordered") is not None or p.get("number_delivered") is not None:
        parts.append(f"n={p.get('number_ordered') or '?'}/{p.get('number_delivered') or '?'}")
    return " · ".join(parts)




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
    rows = [[i.record, _says(records.get(i.record)), i.candidate, _says(records.get(i.candidate)), i.rule,
             i.score, i.reason] for i in items]
    emit(COLUMNS, rows, fmt, title=f"{len(rows)} deal matches to review")


def _decide(ctx: click.Context, record: str, candidate: str, decision: str, note: str) -> None:
    obj: Context = ctx.find_root().obj
    if obj.deal_judgements is None:
        raise UserError("no place for deal judgements: set ARMSGRAPH_DEAL_JUDGEMENTS to a file path")
    deals = Deals(obj.store, obj.deal_judgements)
    found = deals.blocks_of_reports([record, candidate])
    missing = [i for i in (record, candidate) if i not in found]
    if missing:
        raise UserError(f"no Report {missing[0]!r} in the graph (ids are listed by 'armsgraph review transfers')")
    record_judgement(obj.deal_judgements, record, candidate, decision, note)
    with WriterLock(obj.store).held():
        deals.resolve(set(found.values()))
    click.echo(f"recorded: {record} and {candidate} are {'one deal' if decision == 'same' else 'two deals'} "
               f"({obj.deal_judgements})")


@transfers.command()
@click.argument("record")
@click.argument("candidate")
@click.option("--note", default="", help="why (kept in the judgements file)")
@click.pass_context
def accept(ctx: click.Context, record: str, candidate: str, note: str) -> None:
    """RECORD and CANDIDATE (Report ids) are one deal."""
    _decide(ctx, record, candidate, "same", note)


@transfers.command()
@click.argument("record")
@click.argument("candidate")
@click.option("--note", default="", help="why (kept in the judgements file)")
@click.pass_context
def reject(ctx: click.Context, record: str, candidate: str, note: str) -> None:
    """RECORD and CANDIDATE (Report ids) are two different deals."""
    _decide(ctx, record, candidate, "different", note)
