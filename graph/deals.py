"""Deals in the store: after a document's Reports are written or rolled back, re-resolve the blocks they touch.

A block is one supplier and recipient (``Report.block``). Resolving a block reads its Reports, groups them
into deals with :func:`armsgraph.loaders.deals.resolve_deals`, and rewrites the block's Transfers with their
SUPPLIED, TO, OF and REPORTS edges. The result depends only on the Reports and the judgements file, so a
reload, another load order or a rerun after a crash gives the same Transfers. On Neo4j it runs inside the
document's transaction; on FalkorDB a crash part-way leaves the document ``loading``, and the recovery that
rolls it back resolves the same blocks again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armsgraph.graph.aggregates import (
    WeaponTotalsPending,
    block_parties,
    corroboration_rank,
    open_rank,
    write_totals,
)
from armsgraph.graph.report_spool import PackedReports, ReportSpool
from armsgraph.graph.store import Store
from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.lock import WriterLock
from armsgraph.graph.writer import caption_statement, caption_text, caption_value, chunks, send_created
from armsgraph.loaders.deals import (
    Deal,
    Judgements,
    Record,
    Resolution,
    ReviewItem,
    read_judgements,
    record_judgement,
    resolve_deals,
)
from armsgraph.loaders.sipri.loader import export_coverage
from armsgraph.schema import Transfer, label_of_id
from armsgraph.schema.entities import ACTORS
from armsgraph.schema.errors import UserError

CHUNK = 2_000
GROUP_REPORTS = 10_000
"""Reports a commit's deal resolution reads at once (more when one SIPRI id or judgement joins more): the
client's memory for deal resolution is bounded by this, not by the graph."""
FRESH_REPORTS = 50_000
"""Reports a document creates that are kept in memory until its commit resolves their blocks, instead of being
read back from the store (docs/loading.md); a document that creates more keeps the rest on disk
(:mod:`armsgraph.graph.report_spool`). Bounds the client's memory like :data:`GROUP_REPORTS`."""

BLOCKS_OF_DOCUMENT = Cypher(
    "MATCH (r:Report)-[:SOURCED_FROM]->(:Document {id: $doc})\n"
    "RETURN DISTINCT r.block AS block"
)
REPORTS_IN_BLOCKS = Cypher(
    "UNWIND $blocks AS b\n"
    "MATCH (r:Report {block: b})\n"
    "WHERE r.pending IS NULL OR r.pending = $doc\n"
    "RETURN r.id AS id, properties(r) AS props"
)
OLDER_REPORTS_IN_BLOCKS = Cypher(
    "UNWIND $blocks AS b\n"
    "MATCH (r:Report {block: b})\n"
    "WHERE r.pending IS NULL OR r.pending = $doc\n"
    "RETURN r.id AS id, CASE WHEN r.pending IS NULL THEN properties(r) END AS props"
)
"""The Reports of these blocks, the properties only of those committed before (the document's own new Reports,
marked pending, the writer handed over as it wrote them)."""
PENDING_REPORTS = Cypher(
    "UNWIND $ids AS i\n"
    "MATCH (r:Report {id: i})\n"
    "WHERE r.pending = $doc\n"
    "RETURN r.id AS id, properties(r) AS props"
)
"""The document's own new Reports that were not kept (past :data:`FRESH_REPORTS`)."""
BLOCKS_OF_SIPRI_IDS = Cypher(
    "UNWIND $ids AS i\n"
    "MATCH (r:Report {sipri_id: i})\n"
    "RETURN DISTINCT r.block AS block"
)
SIPRI_EDITIONS = Cypher(
    "MATCH (d:Document {kind: 'sipri-export'})\n"
    "WHERE d.pending IS NULL OR d.id = $doc\n"
    "RETURN d.data_generated AS vintage, d.title AS title, d.year_range AS year_range"
)
EXPORT_COVERAGE = Cypher(
    "MATCH (d:Document {id: $doc, kind: 'sipri-export'})\n"
    "RETURN d.title AS title, d.year_range AS year_range"
)
TRANSFERS_IN_BLOCKS = Cypher(
    "UNWIND $blocks AS b\n"
    "MATCH (t:Transfer {block: b})\n"
    "RETURN t.id AS id"
)
DELETE_TRANSFERS = Cypher(
    "UNWIND $ids AS id\n"
    "MATCH (t:Transfer {id: id})\n"
    "DETACH DELETE t"
)
CLEAR_OUT = Cypher(
    "UNWIND $ids AS id\n"
    "MATCH (:Transfer {id: id})-[e:TO|OF]->()\n"
    "DELETE e"
)
CLEAR_IN = Cypher(
    "UNWIND $ids AS id\n"
    "MATCH ()-[e:SUPPLIED|REPORTS]->(:Transfer {id: id})\n"
    "DELETE e"
)
WRITE_TRANSFERS = Cypher(
    "UNWIND $rows AS row\n"
    "MERGE (t:Transfer {id: row.id})\n"
    "SET t = row.props"
)
HELD_TRANSFERS = Cypher(
    "UNWIND $ids AS id\n"
    "MATCH (t:Transfer {id: id})\n"
    "RETURN t.id AS id"
)
"""Which of the new ids a Transfer outside these blocks already has (it is then rewritten, not created again)."""
WRITE_OF = Cypher(
    "UNWIND $rows AS row\n"
    "MATCH (t:Transfer {id: row[0]})\n"
    "MATCH (w:WeaponSystem {id: row[1]})\n"
    "CREATE (t)-[o:OF]->(w)\n"
    "SET o.number = row[2]"
)
"""Rows as lists (:data:`EDGE_COLUMNS`): an edge row is ids and a number, so no key to encode per row."""
WRITE_REPORTS = Cypher(
    "UNWIND $rows AS row\n"
    "MATCH (r:Report {id: row[0]})\n"
    "MATCH (t:Transfer {id: row[1]})\n"
    "CREATE (r)-[:REPORTS {rule: row[2], score: row[3]}]->(t)"
)
EDGE_COLUMNS = {"OF": ("id", "weapon", "number"), "REPORTS": ("record", "deal", "rule", "score"),
                "SUPPLIED": ("supplier", "id"), "TO": ("id", "recipient")}
"""The order of a :class:`DealRows` edge row's values in the list each statement reads (``row[i]``): plain lists
encode in one C call with no map key to back-quote, half the client's time of the same rows as maps (30k REPORTS
rows: 0.26-0.47 s against 0.56-1.01 s, measured), and every value is an id, a rule name or a number (the key-length
check reads every string of a list as a possible key)."""


def listed(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[list[Any]]:
    """Edge rows as the lists their statement reads (:data:`EDGE_COLUMNS`)."""
    return [[row[c] for c in columns] for row in rows]
REPORT_COUNTS = Cypher(
    "UNWIND $blocks AS b\n"
    "MATCH (r:Report {block: b})\n"
    "RETURN b AS block, count(r) AS reports"
)
REPORT_BLOCKS = Cypher(
    "UNWIND $ids AS i\n"
    "MATCH (r:Report {id: i})\n"
    "RETURN r.id AS id, r.block AS block"
)
ALL_REPORT_BLOCKS = Cypher("MATCH (r:Report) RETURN DISTINCT r.block AS block")
ALL_TRANSFER_BLOCKS = Cypher("MATCH (t:Transfer) RETURN DISTINCT t.block AS block")
MARK_WITHDRAWN = Cypher(
    "UNWIND $rows AS row\n"
    "MATCH (r:Report {id: row.id})\n"
    "SET r.withdrawn_by = row.by"
)
MARK_REVIEW = Cypher(
    "UNWIND $rows AS row\n"
    "MATCH (r:Report {id: row.id})\n"
    "SET r.review_items = row.props.review_items, r.review_candidates = row.props.review_candidates,\n"
    "    r.review_rules = row.props.review_rules, r.review_scores = row.props.review_scores,\n"
    "    r.review_reasons = row.props.review_reasons"
)
"""A Report's review items (as the record), written when they change; nulls clear them."""
REVIEW_LIST = Cypher(
    "MATCH (r:Report)\n"
    "WHERE r.review_items > 0 AND r.pending IS NULL\n"
    "RETURN r.id AS id, r.review_candidates AS candidates, r.review_rules AS rules,\n"
    "       r.review_scores AS scores, r.review_reasons AS reasons\n"
    "ORDER BY id"
)
"""The review list as the resolutions left it: one read of the indexed ``review_items``."""
REPORTS_BY_ID = Cypher(
    "UNWIND $ids AS i\n"
    "MATCH (r:Report {id: i})\n"
    "WHERE r.pending IS NULL\n"
    "RETURN r.id AS id, properties(r) AS props"
)
REVIEW_FIELDS = ("review_items", "review_candidates", "review_rules", "review_scores", "review_reasons")


ENDS_VIA = {"SUPPLIED": "supplier", "TO": "recipient", "OF": "weapon"}
"""A Transfer's relationships to its deal's own ends: the caption parts read through them read these nodes."""


def _end_fields() -> tuple[str, ...]:
    """The fields a Transfer's caption reads on its ends."""
    return tuple(dict.fromkeys(f for part in Transfer.caption.parts if part.via for f in part.fields))


def _ends_fields(label: str, fields: tuple[str, ...]) -> Cypher:
    """The caption fields of a deal's ends of one label (labels and fields come from the schema)."""
    return Cypher("UNWIND $ids AS i\n"
                  f"MATCH (n:{label} {{id: i}})\n"
                  "RETURN n.id AS id, [" + ", ".join(f"n.{f}" for f in fields) + "] AS fields")


def _party(rel: str, label: str) -> Cypher:
    """SUPPLIED from / TO an actor of one label (labels cannot be parameters; they come from the schema)."""
    if rel == "SUPPLIED":  # rows as lists: EDGE_COLUMNS
        return Cypher("UNWIND $rows AS row\n"
                      f"MATCH (a:{label} {{id: row[0]}})\n"
                      "MATCH (t:Transfer {id: row[1]})\n"
                      "CREATE (a)-[:SUPPLIED]->(t)")
    return Cypher("UNWIND $rows AS row\n"
                  "MATCH (t:Transfer {id: row[0]})\n"
                  f"MATCH (a:{label} {{id: row[1]}})\n"
                  "CREATE (t)-[:TO]->(a)")


def statements() -> list[Cypher]:
    """Every statement this module can send (for the Cypher grammar check)."""
    fixed = [BLOCKS_OF_DOCUMENT, REPORTS_IN_BLOCKS, OLDER_REPORTS_IN_BLOCKS, PENDING_REPORTS, BLOCKS_OF_SIPRI_IDS,
             SIPRI_EDITIONS, TRANSFERS_IN_BLOCKS,
             DELETE_TRANSFERS, CLEAR_OUT, CLEAR_IN, WRITE_TRANSFERS,
             HELD_TRANSFERS, WRITE_OF, WRITE_REPORTS, MARK_WITHDRAWN, MARK_REVIEW, REVIEW_LIST, REPORTS_BY_ID,
             ALL_REPORT_BLOCKS, ALL_TRANSFER_BLOCKS, EXPORT_COVERAGE, REPORT_BLOCKS, REPORT_COUNTS]
    ends = [_ends_fields(label, _end_fields()) for label in [*(cls.label for cls in ACTORS), "WeaponSystem"]]
    return fixed + [_party(rel, cls.label) for rel in ("SUPPLIED", "TO") for cls in ACTORS] + ends


def query_fields(props: dict[str, Any]) -> dict[str, Any]:
    """What every catalogue query would otherwise recompute per row, stored with the Transfer:

    * ``tiv_per_year``: the TIV of each delivery year (``delivery_years[i]``): SIPRI's per-year values where the
      export gave them, else ``tiv_delivered`` (0 when unknown) spread evenly; the queries unwind it with the
      years, no CASE per row;
    * ``outstanding``: ``number_ordered - number_delivered`` (none delivered: 0) when a number ordered is known;
      indexed, so ``open-deals`` reads only open deals;
    * ``open_rank``: an open deal's outstanding TIV (``tiv_order - tiv_delivered``) as an integer, indexed:
      ``open-deals`` reads the largest (graph/aggregates.py);
    * ``corroboration_rank``: that query's sort key as one integer, indexed (graph/aggregates.py).
    """
    out: dict[str, Any] = {"corroboration_rank": corroboration_rank(props)}
    years = props.get("delivery_years") or []
    if years:
        per_year = props.get("tiv_delivered_per_year")
        if per_year is not None:
            out["tiv_per_year"] = list(per_year)
        else:
            out["tiv_per_year"] = [float(props.get("tiv_delivered") or 0.0) / len(years)] * len(years)
    if props.get("number_ordered") is not None:
        out["outstanding"] = props["number_ordered"] - (props.get("number_delivered") or 0)
        if out["outstanding"] > 0:  # open-deals reads the largest through an index (graph/aggregates.py)
            out["open_rank"] = open_rank(props)
    return out


@dataclass
class DealRows:
    """What the resolver's result writes, as rows: the store writer (:meth:`Deals.write`) and the bulk path
    (:mod:`armsgraph.graph.bulk`) both send exactly these."""

    transfers: list[dict[str, Any]] = field(default_factory=list)
    """``{id, props}``: each deal's Transfer (its properties include the query fields and the id)."""
    parties: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    """(``SUPPLIED`` or ``TO``, the actor's label) -> ``{id, supplier}`` / ``{id, recipient}``."""
    of: list[dict[str, Any]] = field(default_factory=list)
    """``{id, weapon, number}``: the deal's weapon, when it has one."""
    reports: list[dict[str, Any]] = field(default_factory=list)
    """``{record, deal, rule, score}``: which Report joined which Transfer, by which rule."""
    withdrawn: list[dict[str, Any]] = field(default_factory=list)
    """``{id, by}``: Reports whose ``withdrawn_by`` changes (``by`` null clears it)."""
    review: list[dict[str, Any]] = field(default_factory=list)
    """``{id, props}``: Reports whose review items (``REVIEW_FIELDS``, where the Report is the record) change;
    all null clears them."""


def deal_rows(deals: list[tuple[str, Deal]], records: list[Record], result: Resolution,
              edges: bool = True) -> DealRows:
    """The rows of resolved deals (``(Transfer id, deal)``). Each deal's own ``props`` become its Transfer's,
    completed in place with the query fields and the id (the same keys, order and values as a merged copy): a copy
    per deal was a quarter of what a group holds at its peak (docs/loading.md, "Session 12"); neither path reads a
    deal's properties again. Without ``edges`` the edge rows (``parties``, ``of``, ``reports``) are left empty:
    the bulk path makes its edges straight from the deals (:meth:`armsgraph.graph.bulk.BulkGraph._write`)."""
    rows = DealRows()
    rows.transfers = [{"id": tid, "props": _transfer_props(deal.props, tid)} for tid, deal in deals]
    for tid, deal in deals if edges else ():
        rows.parties[("SUPPLIED", label_of_id(deal.supplier))].append({"id": tid, "supplier": deal.supplier})
        rows.parties[("TO", label_of_id(deal.recipient))].append({"id": tid, "recipient": deal.recipient})
        if deal.weapon:
            rows.of.append({"id": tid, "weapon": deal.weapon, "number": deal.number})
        rows.reports += [{"record": m.record, "deal": tid, "rule": m.rule, "score": m.score} for m in deal.members]
    rows.withdrawn = [{"id": rec.id, "by": result.withdrawn.get(rec.id)} for rec in records
                      if rec.props.get("withdrawn_by") != result.withdrawn.get(rec.id)]
    items: dict[str, list[ReviewItem]] = defaultdict(list)
    for item in result.review:
        items[item.record].append(item)
    for rec in records:
        if rec.id not in items and rec.props.keys().isdisjoint(REVIEW_FIELDS):  # no item, none held: nothing to clear
            continue
        props = review_props(items.get(rec.id, []))
        if any(rec.props.get(k) != v for k, v in props.items()):
            rows.review.append({"id": rec.id, "props": props})
    return rows


def _transfer_props(props: dict[str, Any], tid: str) -> dict[str, Any]:
    """``{**props, **query_fields(props), "id": tid}``, made in ``props`` itself."""
    props.update(query_fields(props))
    props["id"] = tid
    return props


def review_props(items: list[ReviewItem]) -> dict[str, Any]:
    """A record's review items as the Report's parallel list properties (none: every field null)."""
    if not items:
        return dict.fromkeys(REVIEW_FIELDS)
    return {"review_items": len(items), "review_candidates": [i.candidate for i in items],
            "review_rules": [i.rule for i in items], "review_scores": [i.score for i in items],
            "review_reasons": [i.reason for i in items]}


def transfer_ids(result: Resolution) -> list[tuple[str, Deal]]:
    """Each resolved deal with its Transfer's id."""
    return [(Transfer.id_of(key=d.key), d) for d in result.deals]


@dataclass
class Resolved:
    """What a resolution did, in counts (the deals themselves are written group by group, not kept)."""

    groups: int = 0
    deals: int = 0
    withdrawn: int = 0
    reports: int = 0
    """The most Reports held at once (one group's, widened)."""


def group_blocks(counts: dict[str, int], bound: int) -> list[list[str]]:
    """Blocks (-> their Reports) ordered by recipient, then supplier, cut into groups of at most ``bound`` Reports
    (a block with more is a group of its own): the store's resolution (:meth:`Deals.groups`) and the bulk path both
    group so. By recipient because a recipient's ``WeaponTotals`` gather entries from every supplier: a group then
    holds whole recipients, and each of those nodes is written by one group, not by every group (docs/loading.md).
    """
    out: list[list[str]] = []
    size = 0
    for block in sorted(counts, key=lambda b: block_parties(b)[::-1]):  # by recipient, then supplier
        if not out or (out[-1] and size + counts[block] > bound):
            out.append([])
            size = 0
        out[-1].append(block)
        size += counts[block]
    return out


def same_pairs(judged: Judgements | None) -> dict[str, set[str]]:
    """Each Report a researcher judged one deal with another, both ways."""
    same: dict[str, set[str]] = defaultdict(set)
    for a, b in (judged.same if judged is not None else []):
        same[a].add(b)
        same[b].add(a)
    return same


def widened(blocks: Iterable[str], same: dict[str, set[str]],
            reports: Callable[[list[str]], Iterable[tuple[str, dict[str, Any]]]],
            sipri_blocks: Callable[[list[str]], set[str]],
            report_blocks: Callable[[list[str]], set[str]]) -> tuple[set[str], list[Record]]:
    """These blocks and their Reports, widened to every block sharing a SIPRI deal id with them and to the
    blocks of Reports judged one deal with them, until nothing new comes: the one widening rule of the
    incremental path (reading the store) and the bulk path (reading its table)."""
    wanted, done, records = set(blocks), set[str](), dict[str, Record]()
    while wanted - done:
        batch = sorted(wanted - done)
        done |= wanted
        ids: set[str] = set()
        partners: set[str] = set()
        for rid, props in reports(batch):
            records[rid] = Record(rid, props)
            if props.get("sipri_id"):
                ids.add(str(props["sipri_id"]))
            partners |= same.get(rid, set())
        wanted |= sipri_blocks(sorted(ids))
        wanted |= report_blocks(sorted(partners - records.keys()))
    return done, list(records.values())


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    return chunks(rows, CHUNK)


class Deals:
    """Re-resolves blocks of a store's Reports into Transfers, reading the researcher's judgements each time."""

    spool_reports = True
    """Past :attr:`fresh_reports`, keep the document's new Reports on disk (:class:`ReportSpool`) rather than read
    them back from the store (False: read back, as before the spool)."""

    def __init__(self, store: Store, judgements: Path | None = None, group_reports: int = GROUP_REPORTS) -> None:
        self.store = store
        self.judgements = judgements
        self.group_reports = group_reports
        self.fresh_reports = FRESH_REPORTS
        self._fresh = PackedReports()
        """The stored properties of the Reports the document being loaded created (at most
        :attr:`fresh_reports`), by id: read from here at its commit instead of from the store, each dropped
        with the group that resolves it."""
        self._fresh_doc = ""
        self._spool: ReportSpool | None = None

    def wrote(self, document_id: str, label: str, created: list[dict[str, Any]], merged: list[dict[str, Any]]) -> None:
        """Keep the properties of the Reports a document creates as the store holds them (the writer's rows: its
        ``SET n += row.props``, the id and the pending mark; the caption, which the resolver does not read, is
        left out), and follow later batches' updates to them."""
        if label != "Report":
            return
        if document_id != self._fresh_doc:
            self.forget()
            self._fresh_doc = document_id
        fresh = self._fresh
        for row in merged:
            if row["id"] in fresh:
                fresh.put(row["id"], {**fresh[row["id"]], **row["props"]})
        if self._spool is not None:
            self._spool.update((row["id"], row["props"]) for row in merged if row["id"] not in fresh)
        room = max(0, self.fresh_reports - len(fresh))
        for row in created[:room]:
            fresh.put(row["id"], {**row["props"], "id": row["id"], "pending": document_id})
        if len(created) > room and self.spool_reports:  # the rest on disk (else read back from the store)
            if self._spool is None:
                self._spool = ReportSpool()
            self._spool.put((row["id"], {**row["props"], "id": row["id"], "pending": document_id})
                            for row in created[room:])

    def forget(self) -> None:
        self._fresh, self._fresh_doc = PackedReports(), ""
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def blocks_of(self, document_id: str) -> set[str]:
        """The blocks a document's Reports are in; every block for a SIPRI export that vouches for whole years
        (it may withdraw any older deal it no longer lists, in whatever block)."""
        blocks = {row[0] for row in self.store.run(BLOCKS_OF_DOCUMENT, {"doc": document_id}).rows if row[0]}
        rows = self.store.run(EXPORT_COVERAGE, {"doc": document_id}).rows
        if rows and export_coverage(rows[0][0], rows[0][1]) is not None:
            blocks |= {row[0] for row in self.store.run(ALL_REPORT_BLOCKS).rows if row[0]}
        return blocks

    def read(self, blocks: Iterable[str], document_id: str = "",
             judged: Judgements | None = None) -> tuple[set[str], list[Record]]:
        """The Reports of these blocks, widened to every block sharing a SIPRI deal id with them (SIPRI may
        revise a deal's supplier between vintages: its id still makes it one deal) and to the blocks of Reports
        a researcher judged one deal with them: what the resolver joins is always read together."""
        def sipri_blocks(ids: list[str]) -> set[str]:
            return {row[0] for chunk in _chunks(ids)
                    for row in self.store.run(BLOCKS_OF_SIPRI_IDS, {"ids": chunk}).rows if row[0]}

        def report_blocks(ids: list[str]) -> set[str]:
            return {block for chunk in _chunks(ids) for block in self.blocks_of_reports(chunk).values() if block}

        return widened(blocks, same_pairs(judged), lambda batch: self._reports(batch, document_id), sipri_blocks,
                       report_blocks)

    def _reports(self, blocks: list[str], document_id: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, stored properties) of the Reports of these blocks: the document's new ones from what the writer
        handed over (in memory, then on disk; each taken out: dropped with its group), the others read from the
        store."""
        if not document_id or document_id != self._fresh_doc:
            for chunk in _chunks(blocks):
                for rid, props in self.store.run(REPORTS_IN_BLOCKS, {"blocks": chunk, "doc": document_id}).rows:
                    yield rid, dict(props)
            return
        fresh = self._fresh
        for chunk in _chunks(blocks):
            missing: list[str] = []
            for rid, props in self.store.run(OLDER_REPORTS_IN_BLOCKS, {"blocks": chunk, "doc": document_id}).rows:
                if props is not None:
                    yield rid, dict(props)
                elif rid in fresh:
                    yield rid, fresh.pop(rid)
                else:
                    missing.append(rid)
            if self._spool is not None and missing:
                spooled = dict(self._spool.take(missing))
                yield from ((rid, spooled[rid]) for rid in missing if rid in spooled)
                missing = [rid for rid in missing if rid not in spooled]
            for ids in _chunks(missing):
                for rid, props in self.store.run(PENDING_REPORTS, {"ids": ids, "doc": document_id}).rows:
                    yield rid, dict(props)

    def groups(self, blocks: Iterable[str]) -> list[list[str]]:
        """The blocks by recipient, cut into groups of at most :attr:`group_reports` Reports (a block with more
        is a group of its own, :func:`group_blocks`): each group is read, resolved and written before the next is
        read."""
        counts = {block: 0 for block in blocks}
        for chunk in _chunks(sorted(counts)):
            counts.update({row[0]: int(row[1]) for row in self.store.run(REPORT_COUNTS, {"blocks": chunk}).rows})
        return group_blocks(counts, self.group_reports)

    def editions(self, document_id: str = "") -> dict[str, str | None]:
        """SIPRI export vintage -> the delivery years it vouches for (every loaded export, not only these blocks)."""
        out: dict[str, str | None] = {}
        for vintage, title, year_range in self.store.run(SIPRI_EDITIONS, {"doc": document_id}).rows:
            if vintage:
                out[str(vintage)] = export_coverage(title, year_range)
        return out

    def resolve(self, blocks: Iterable[str], document_id: str = "") -> Resolved:
        """Rewrite the Transfers of these blocks from their Reports, a bounded group of blocks at a time.

        Why groups: a SIPRI export touches every block, and holding all their Reports at once cost the client
        7-10 KB per deal. Each group is widened as :meth:`read` does, so the resolver always sees whole deals;
        every rule compares Reports of one block, joined across blocks only by SIPRI id or judgement, and
        ``editions`` is read from every loaded export: the Transfers are those of one group of all blocks.
        A block a group widened into is not taken again by a later group."""
        judged = read_judgements(self.judgements)
        editions = self.editions(document_id)
        out = Resolved()
        done: set[str] = set()
        weapons = WeaponTotalsPending()
        for group in self.groups(blocks):
            seeds = [block for block in group if block not in done]
            if not seeds:
                continue
            widened, records = self.read(seeds, document_id, judged)
            done |= widened
            result = resolve_deals(records, judged, editions)
            self.write(sorted(widened), records, result, weapons)
            out.groups += 1
            out.deals += len(result.deals)
            out.withdrawn += len(result.withdrawn)
            out.reports = max(out.reports, len(records))
        weapons.write(self.store)
        if document_id == self._fresh_doc:
            self.forget()
        return out

    def review(self) -> tuple[list[ReviewItem], dict[str, Record]]:
        """The review list as the last resolution of each block left it (written with its Transfers, so this is
        one indexed read, not a resolution), and the committed records it names."""
        items = [ReviewItem(record=str(rid), candidate=str(c), rule=str(r), score=float(s), reason=str(w))
                 for rid, cands, rules, scores, reasons in self.store.run(REVIEW_LIST).rows
                 for c, r, s, w in zip(cands or [], rules or [], scores or [], reasons or [], strict=False)]
        ids = sorted({i.record for i in items} | {i.candidate for i in items})
        records = {str(rid): Record(str(rid), dict(props)) for chunk in _chunks(ids)
                   for rid, props in self.store.run(REPORTS_BY_ID, {"ids": chunk}).rows}
        return [i for i in items if i.candidate in records], records

    def blocks_of_reports(self, ids: list[str]) -> dict[str, str]:
        """Report id -> its block, for the ids that name a Report."""
        return {row[0]: row[1] for row in self.store.run(REPORT_BLOCKS, {"ids": ids}).rows}

    def resolve_all(self) -> Resolved:
        """Every block (a repair: ``armsgraph db repair``, tests)."""
        rows = self.store.run(ALL_REPORT_BLOCKS).rows
        old = self.store.run(ALL_TRANSFER_BLOCKS).rows
        return self.resolve({row[0] for row in [*rows, *old] if row[0]})

    def write(self, blocks: list[str], records: list[Record], result: Resolution,
              weapons: WeaponTotalsPending) -> None:
        """Rewrite these blocks' Transfers, edges and totals from a resolution of their Reports; the
        ``WeaponTotals`` entries go to ``weapons``, written once the resolution ends."""
        run, submit = self.store.run, self.store.submit  # submit: a write whose result is not read
        old = {row[0] for chunk in _chunks(blocks)
               for row in run(TRANSFERS_IN_BLOCKS, {"blocks": chunk}).rows}
        deals = transfer_ids(result)
        new = {tid for tid, _ in deals}
        for chunk in _chunks(sorted(old - new)):
            submit(DELETE_TRANSFERS, {"ids": chunk})
        for chunk in _chunks(sorted(old & new)):
            submit(CLEAR_OUT, {"ids": chunk})
            submit(CLEAR_IN, {"ids": chunk})
        rows = deal_rows(deals, records, result)
        captioned = self.captions(deals, rows.transfers)
        held = old | {row[0] for chunk in _chunks(sorted(new - old))
                      for row in run(HELD_TRANSFERS, {"ids": chunk}).rows}
        for chunk in _chunks([row for row in rows.transfers if row["id"] in held]):
            submit(WRITE_TRANSFERS, {"rows": chunk})
        for chunk in _chunks([row for row in rows.transfers if row["id"] not in held]):
            send_created(self.store, "Transfer", chunk)  # most of a first load: no MERGE per row
        for (rel, label), party_rows in rows.parties.items():
            for chunk in _chunks(party_rows):
                submit(_party(rel, label), {"rows": listed(chunk, EDGE_COLUMNS[rel])})
        for statement, rel, data in ((WRITE_OF, "OF", rows.of), (WRITE_REPORTS, "REPORTS", rows.reports)):
            for chunk in _chunks(data):
                submit(statement, {"rows": listed(chunk, EDGE_COLUMNS[rel])})
        for chunk in _chunks(rows.withdrawn):
            submit(MARK_WITHDRAWN, {"rows": chunk})
        for chunk in _chunks(rows.review):
            submit(MARK_REVIEW, {"rows": chunk})
        for chunk in _chunks(sorted(new - captioned)):
            submit(caption_statement("Transfer"), {"ids": chunk})
        # The blocks' Transfers are all written here (edges, captions); then their per-block totals.
        write_totals(self.store, blocks, [deal for _, deal in deals], rows.transfers, weapons)  # graph/aggregates.py


    def captions(self, deals: list[tuple[str, Deal]], transfers: list[dict[str, Any]]) -> set[str]:
        """Put each Transfer's caption into its row, as :func:`caption_statement` would store it after the edges
        (its supplier, recipient and weapon are the deal's own ends, each a node of the label its id names, or no
        edge at all): one read of the ends' caption fields instead of three OPTIONAL MATCH per Transfer. Returns
        the ids captioned (all, unless the caption reads through another relationship)."""
        caption = Transfer.caption
        if any(part.via is not None and part.via not in ENDS_VIA for part in caption.parts):
            return set()
        fields = _end_fields()
        by_label: dict[str, set[str]] = defaultdict(set)
        for _, deal in deals:
            for end in (deal.supplier, deal.recipient, deal.weapon):
                if end:
                    by_label[label_of_id(end)].add(end)
        ends: dict[str, dict[str, Any]] = {}
        for label, ids in by_label.items():
            for chunk in _chunks(sorted(ids)):
                for node_id, values in self.store.run(_ends_fields(label, fields), {"ids": chunk}).rows:
                    ends[node_id] = dict(zip(fields, values, strict=True))
        parts = [(i, part, None if part.via is None else ENDS_VIA[part.via]) for i, part in enumerate(caption.parts)]
        of_end = {(i, node_id): caption_value(part, values)  # each end's value once, not once per deal
                  for node_id, values in ends.items() for i, part, end in parts if end is not None}
        out: set[str] = set()
        for (tid, deal), row in zip(deals, transfers, strict=True):
            props = row["props"]
            values = [caption_value(part, props) if end is None else of_end.get((i, getattr(deal, end)))
                      for i, part, end in parts]
            props["caption"] = caption_text(caption, values)
            out.add(tid)
        return out


def describe(record: Record | None) -> str:
    """A record in one line, for a person deciding: source, supplier → recipient, designation, date, numbers."""
    p = record.props if record is not None else {}
    who = f"{str(p.get('supplier', '?')).partition(':')[2]} → {str(p.get('recipient', '?')).partition(':')[2]}"
    parts = [str(p.get("source", "?")), who, str(p.get("designation") or "-"),
             str(p.get("date") or p.get("order_year") or "-")]
    if p.get("number_ordered") is not None or p.get("number_delivered") is not None:
        parts.append(f"n={p.get('number_ordered') or '?'}/{p.get('number_delivered') or '?'}")
    return " · ".join(parts)


def judge(store: Store, judgements: Path | None, record: str, candidate: str, decision: str, note: str = "") -> str:
    """Record that two Reports are one deal (``same``) or two (``different``), then resolve their blocks again
    under the writer lock: what ``armsgraph review transfers accept/reject`` and the review page both do."""
    if judgements is None:
        raise UserError("no place for deal judgements: set ARMSGRAPH_DEAL_JUDGEMENTS to a file path")
    deals = Deals(store, judgements)
    found = deals.blocks_of_reports([record, candidate])
    missing = [i for i in (record, candidate) if i not in found]
    if missing:
        raise UserError(f"no Report {missing[0]!r} in the graph (ids are listed by 'armsgraph review transfers')")
    record_judgement(judgements, record, candidate, decision, note)
    with WriterLock(store).held():
        deals.resolve(set(found.values()))
    return (f"recorded in {judgements}: {record} and {candidate} are "
            f"{'one deal' if decision == 'same' else 'two deals'}")
