"""Review queues: lists of decisions waiting for a researcher, each with accept and reject.

A queue is one entry in :data:`QUEUES`: its rows (a key, the cells shown, a suggested answer, what was already
decided) and what accept and reject record. The page renders every registered queue the same way, so a second
queue (the transfer-matching review list) is one more class and one more entry, not a new page.

The name queue is ``armsgraph resolve review``'s list; accept records ``NAME is ENTITY`` and reject ``NAME is not
ENTITY`` through :func:`armsgraph.loaders.resolve.record.record_judgement`, the function ``armsgraph resolve judge``
uses: the same file (``$ARMSGRAPH_JUDGEMENTS`` or ``<data dir>/judgements.csv``), the same columns, applied by
the next load.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from armsgraph.graph.catalogue.names import Names
from armsgraph.graph.deals import Deals, describe, judge
from armsgraph.loaders.deals import judgements_path
from armsgraph.loaders.resolve import Resolver, read_review, user_judgements_path
from armsgraph.loaders.resolve.record import record_judgement, recorded_judgements
from armsgraph.schema.errors import ArmsgraphError, UserError

ACCEPT, REJECT = "accept", "reject"


@dataclass
class Row:
    key: str
    """What a judgement is about (for the name queue: the name as written), sent back with accept or reject."""
    cells: dict[str, str]
    suggestion: str = ""
    """The answer offered (an entity id), editable before accepting."""
    decided: list[str] = field(default_factory=list)
    """Judgements already recorded for this key, as sentences."""
    context: str = ""


@dataclass(frozen=True)
class Where:
    """What a queue needs to read and record: the embedded data dir (None on Neo4j) and the graph's names."""

    data_dir: Path | None
    names: Names | None = None


class Queue(Protocol):
    name: str
    title: str
    description: str
    columns: tuple[str, ...]
    on_demand: bool
    """True when reading the rows costs a pass over the whole graph: the review page then links to the queue's
    own page (``/review/NAME``) instead of reading it every time it is shown."""

    def available(self, where: Where) -> str | None:
        """None when the queue can be read here, else why not (one sentence)."""

    def rows(self, where: Where, limit: int) -> list[Row]: ...

    def judge(self, where: Where, key: str, decision: str, answer: str, context: str, note: str) -> str:
        """Record accept or reject of ``answer`` for ``key``; returns what was recorded, as a sentence."""


class NameQueue:
    """Names met while loading that went unresolved, ambiguous, fuzzy or derived (``armsgraph resolve review``)."""

    name = "names"
    title = "Names to resolve"
    description = ("Names met while loading documents that the resolver could not settle, or settled by a fuzzy "
                   "or derived rule. Accept records 'NAME is ENTITY', reject 'NAME is not ENTITY', in the same "
                   "judgements file as 'armsgraph resolve judge'; the next load applies them.")
    columns: tuple[str, ...] = ("name", "rule", "context", "count", "entity", "candidates", "where")
    on_demand = False

    def available(self, where: Where) -> str | None:
        if where.data_dir is None:
            return "no data dir (Neo4j mode): the review list is kept in the embedded data dir"
        return None

    def rows(self, where: Where, limit: int) -> list[Row]:
        if where.data_dir is None:
            return []
        decided: dict[str, list[str]] = {}
        for j in recorded_judgements(user_judgements_path(where.data_dir)):
            sentence = f"{'is' if j.decision == 'is' else 'is not'} {j.entity_id}" + \
                       (f" in {j.context}" if j.context else "") + f" ({j.author}, {j.date})"
            decided.setdefault(j.name, []).append(sentence)
        out = []
        for item in read_review(where.data_dir)[:limit]:
            suggestion = item.entity_id or (item.candidates[0] if item.candidates else "")
            out.append(Row(item.query, {
                "name": item.query, "rule": item.rule, "context": item.context or "", "count": str(item.count),
                "entity": item.entity_id or "", "candidates": ", ".join(item.candidates),
                "where": "; ".join(item.where[:5])}, suggestion, decided.get(item.query, []), item.context or ""))
        return out

    def judge(self, where: Where, key: str, decision: str, answer: str, context: str, note: str) -> str:
        path = user_judgements_path(where.data_dir)
        if path is None:
            raise UserError("no place for judgements: set ARMSGRAPH_JUDGEMENTS or use the embedded data dir")
        if decision not in (ACCEPT, REJECT):
            raise UserError(f"unknown decision {decision!r}")
        if not key.strip():
            raise UserError("no name to judge")
        resolver = Resolver()  # the entities a judgement may name, as 'resolve judge' checks
        entity_id = answer.strip()
        if resolver.entity(entity_id) is None and where.names is not None and entity_id:
            with suppress(ArmsgraphError):  # a name picked or typed ('Ukraine'): what it names, as a parameter
                entity_id = where.names.id_of("actor", entity_id, param="entity")
        if resolver.entity(entity_id) is None:
            raise UserError(f"unknown entity {answer!r} (a state or organisation: an id such as country:UKR, "
                            "or its name)")
        verb = "is" if decision == ACCEPT else "is-not"
        row = record_judgement(path, key, verb, entity_id, context or None, note)
        return f"recorded in {path}: {row.name!r} {'is' if verb == 'is' else 'is not'} {row.entity_id}"


class TransferQueue:
    """Deal matches the rules would not take alone (``armsgraph review transfers``)."""

    name = "transfers"
    title = "Deal matches to review"
    description = ("Two records that may be one deal: a classic row and a transfers-format deal scored below the "
                   "automatic threshold, a tracker commitment or text report that fits several SIPRI deals. Accept "
                   "records 'same deal', reject 'different deals', in the same file as 'armsgraph review "
                   "transfers'; the deals are resolved again at once.")
    columns: tuple[str, ...] = ("record says", "candidate says", "rule", "score", "why")
    on_demand = True
    """Shown on its own page (it can be long); reading it is one indexed query: the resolver stores each Report's
    review items when it resolves the Report's block (``Deals.review``)."""

    def available(self, where: Where) -> str | None:
        if where.names is None:
            return "no graph to read"
        if judgements_path(where.data_dir) is None:
            return "no place for deal judgements: set ARMSGRAPH_DEAL_JUDGEMENTS (Neo4j mode has no data dir)"
        return None

    def rows(self, where: Where, limit: int) -> list[Row]:
        if where.names is None:
            return []
        items, records = Deals(where.names.store, judgements_path(where.data_dir)).review()
        return [Row(f"{i.record} {i.candidate}", {
            "record says": describe(records.get(i.record)), "candidate says": describe(records.get(i.candidate)),
            "rule": i.rule, "score": f"{i.score:.2f}", "why": i.reason}, i.candidate) for i in items[:limit]]

    def judge(self, where: Where, key: str, decision: str, answer: str, context: str, note: str) -> str:
        if where.names is None:
            raise UserError("no graph to record a deal decision in")
        if decision not in (ACCEPT, REJECT):
            raise UserError(f"unknown decision {decision!r}")
        record, _, candidate = key.strip().partition(" ")
        if not record or not candidate:
            raise UserError("a deal decision names two Report ids")
        return judge(where.names.store, judgements_path(where.data_dir), record, candidate.strip(),
                     "same" if decision == ACCEPT else "different", note)


QUEUES: dict[str, Queue] = {q.name: q for q in (NameQueue(), TransferQueue())}
"""The review queues the page shows, in order (the transfer-matching queue joins here)."""
