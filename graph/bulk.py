"""First loads into an empty graph through FalkorDB's ``GRAPH.BULK`` (``armsgraph load --bulk``).

The same loaders read the same files into the same Batches; the writer's own row building
(:func:`armsgraph.graph.writer.batch_rows`) turns each batch into rows, merged with the semantics of the writer's
MERGE statements (properties merged, provenance lists deduplicated, captions from stored values). The deals are
resolved in the incremental path's bounded groups of blocks with the same pure resolver and the same row building
as :meth:`armsgraph.graph.deals.Deals.write` (:func:`armsgraph.graph.deals.deal_rows`). So the graph equals the
one the incremental path builds (tests/graph/load/test_bulk.py compares them), and nothing is sent before every
document has read: a failure leaves the graph as it was, empty.

A large SIPRI export is read in ranges by forked workers and reconciled into the same rows
(:mod:`armsgraph.graph.bulk_read`, docs/loading.md "The parallel read").

Where the rows wait (docs/loading.md, "The bulk path" and "Memory"): the Reports, which grow with the input, in
an on-disk table (:class:`armsgraph.graph.bulk_table.ReportTable`) until their group of blocks is resolved; every
other node read (actors, weapons, categories, documents: as many as the distinct entities, not the deals) and its
edges in memory, numbered once reading ends. A resolved group's rows are final: each Report, Transfer and
``DealTotals`` takes the next position (its ``GRAPH.BULK`` id) and goes to a spool file with its edges, named by
positions (:class:`armsgraph.graph.bulk_table.Spool`). Sending reads the spool once, in that order.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import chain, groupby
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from armsgraph.graph.aggregates import (  # what weapon_totals_rows joins
    aggregate,
    block_parties,
    weapon_row,
)
from armsgraph.graph.bulk_read import read_in_ranges
from armsgraph.graph.bulk_table import Report, ReportTable, Spool, unpack
from armsgraph.graph.deals import (
    ENDS_VIA,
    GROUP_REPORTS,
    Resolved,
    deal_rows,
    group_blocks,
    same_pairs,
    transfer_ids,
    widened,
)
from armsgraph.graph.load import EXPECTED, DocumentReport, LoadReport, account, expand, shown
from armsgraph.graph.store import Cypher, Store
from armsgraph.graph.store.falkor_bulk import BulkWriter, edge_records, header, records
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.lock import Note, WriterLock
from armsgraph.graph.writer import (
    PROVENANCE_LISTS,
    BatchRows,
    batch_rows,
    caption_text,
    caption_value,
    stored_properties,
)
from armsgraph.loaders.base import get, pick
from armsgraph.loaders.deals import Deal, Judgements, Record, Resolution, read_judgements, resolve_deals
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri.loader import SipriLoader, export_coverage
from armsgraph.loaders.worker_pool import close_pool, fork_pool, in_order
from armsgraph.schema import NODE_TYPES, Document, Transfer, label_of_id
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import ArmsgraphError, LoaderFailure, LoadError, UserError

REPORT = "Report"
SPOOLED = ("Report", "Transfer", "DealTotals", "WeaponTotals")
"""The labels that grow with the input: written to the spool as deal resolution makes them final, never held."""
COUNT_NODES = Cypher("MATCH (n) RETURN count(n) AS nodes")
SPOOL_CHUNK = 2_000
"""Rows per spool chunk (the client holds one chunk at a time while sending)."""
WORKERS = min(2, os.cpu_count() or 1)
"""Processes reading a large SIPRI export's ranges (:mod:`armsgraph.graph.bulk_read`), then resolving and encoding
groups of blocks, at once by default (forked: they inherit the graph as read; each writes its own table or
segment). Two: the machines the bench runs on have two cores, and the main process only
sends meanwhile. One resolves in the main process: no second copy of the graph as read, for machines where
memory matters more than time (``armsgraph load --bulk --workers N``, ``ARMSGRAPH_BULK_WORKERS``)."""
MAX_WORKERS = 16
"""More than the cores only adds memory (each worker holds a group); a bound against a typo."""
YOUNG_OBJECTS = 50_000
"""Allocations between the garbage collector's youngest collections while the bulk path runs (CPython's default:
700). The build allocates millions of short-lived rows and the collections of older generations each walked every
long-lived object (the loaders' tables, a group's records): 35-45% of the build's time at 30k deals
(docs/loading.md). Cycles are still collected, only in larger steps."""

if any(part.via is not None and part.via not in ENDS_VIA for part in Transfer.caption.parts) or any(
        NODE_TYPES[label].caption.via for label in SPOOLED if label != "Transfer"):
    raise RuntimeError("a spooled label's caption reads beyond a deal's ends: the bulk path cannot write it")

Node = list[Any]
"""[labels such as ``Actor:Country``, properties, written by a node statement: its own-field caption is stored]."""
Edge = tuple[int, int, dict[str, Any]]
"""(source position, target position, properties): a relationship as sent."""


class BulkGraph:
    """The graph the writer's statements would build: Reports on disk until resolved, the rows that are final
    in a spool, the other nodes and their edges in memory (see the module docstring)."""

    def __init__(self, group_reports: int | None = None, directory: Path | None = None) -> None:
        self.table = ReportTable(directory)
        self.group_reports = group_reports
        """Reports a group resolves at most (widening may add more); None: planned by :func:`group_size`."""
        self.resolved = Resolved()
        self.held: dict[str, Node] = {}
        """Every node read but the Reports: id -> [labels, properties, captioned]."""
        self.sourced: dict[tuple[str, str], dict[str, Any]] = {}
        """(node id, document id) -> its SOURCED_FROM edge, for the nodes in :attr:`held`."""
        self.relations: dict[tuple[str, str, str, tuple[Any, ...]], dict[str, Any]] = {}
        """(type, source id, target id, key values) -> properties: the relationships the loaders read."""
        self.position: dict[str, int] = {}
        """Node id -> its position among the nodes sent (its GRAPH.BULK id), from :meth:`number` on."""
        self.wanted: set[str] = set()
        """Ids a read relationship names that are not in :attr:`held` (their positions are kept when spooled)."""
        self.sent_nodes = 0
        """Nodes placed so far: the held ones, then each segment's."""
        self.segments: list[Placed] = []
        """The segments written, in the order they are sent."""
        self.writer: BulkWriter | None = None
        """Where :meth:`resolve` sends as it goes (none: :meth:`send` sends afterwards)."""
        self.whole: set[str] = set()
        """Recipients whose ``WeaponTotals`` a group wrote itself (:class:`Task`)."""
        self.tabled: set[str] = set()
        """Recipients with entries in the table, merged across groups by :meth:`_weapon_totals`."""

    def close(self) -> None:
        self.table.close()

    def __enter__(self) -> BulkGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the writer's statements ----------------------------------------------------------------------------------
    def existing(self, label: str, ids: list[str], document_id: str, loader: str) -> Iterator[tuple[str, bool]]:
        """What :data:`armsgraph.graph.writer.EXISTING_IDS` answers."""
        if label == REPORT:
            for node_id, (_, _, sourced) in self.table.get(ids).items():
                edge = sourced.get(document_id)
                yield node_id, edge is not None and loader in edge["loaders"]
            return
        for node_id in ids:
            node = self.held.get(node_id)
            if node is not None and label in node[0].split(":"):
                edge = self.sourced.get((node_id, document_id))
                yield node_id, edge is not None and loader in edge["loaders"]

    def begin(self, document: Document, loader: str) -> None:
        node = self._merge(document.id, "Document", document)
        loading = node[1].setdefault("loading", [])
        if loader not in loading:
            loading.append(loader)

    def commit(self, document_id: str, loader: str) -> None:
        props = self.held[document_id][1]
        props["loading"] = [x for x in props.get("loading", []) if x != loader]
        loaded_by = props.setdefault("loaded_by", [])
        if loader not in loaded_by:
            loaded_by.append(loader)
        self.table.commit(index=False)  # the indexes once every document is read (resolve's commit)

    def loaded(self, document_id: str, loader: str) -> bool:
        node = self.held.get(document_id)
        return node is not None and loader in node[1].get("loaded_by", [])

    def _merge(self, node_id: str, label: str, document: Document) -> Node:
        node = self.held.get(node_id)
        if node is None:
            node = self.held[node_id] = [":".join(NODE_TYPES[label].labels()), {"id": node_id}, False]
        node[1].update(stored_properties(document))
        return node

    def read_state(self) -> bytes:
        """What :meth:`apply` changes (the held nodes, their provenance edges, the relations), pickled: a worker of
        a read in ranges starts each of its ranges from the state it inherited (graph/bulk_read.py)."""
        return pickle.dumps((self.held, self.sourced, self.relations), pickle.HIGHEST_PROTOCOL)

    def restore_read_state(self, state: bytes) -> None:
        """Back to a :meth:`read_state` (a copy of it: the state stays as it was for the next restore)."""
        self.held, self.sourced, self.relations = pickle.loads(state)

    def write(self, batch: Batch) -> tuple[int, int, list[LoadError]]:
        """One batch, as :meth:`armsgraph.graph.writer.Writer.write` writes it: (nodes, relations, dropped)."""
        rows = self.rows(batch)
        nodes, relations = self.apply(rows)
        return nodes + rows.reports, relations, rows.dropped

    def rows(self, batch: Batch) -> BatchRows:
        """A batch's rows (the writer's), its Reports merged into the table; the other rows for :meth:`apply`."""
        version = f"{batch.loader}/{batch.loader_version}"
        nodes, relations, dropped = batch_rows(batch, self.existing)
        reports = nodes.pop(REPORT, {})
        if reports:
            self._write_reports(reports, batch.document.id, batch.loader, version)
        return BatchRows(batch.document.id, batch.loader, version, nodes, relations, dropped, len(reports))

    def apply(self, rows: BatchRows, skip: set[Any] | None = None) -> tuple[int, int]:
        """The rows of every node but the Reports and of the relations, merged with the writer's semantics
        (nodes, relations); those whose id or relation key is in ``skip`` are left out, and the others added to
        it (a file read in ranges: what an earlier range of it wrote, graph/bulk_read.py)."""
        doc, loader, version = rows.document, rows.loader, rows.version
        written = 0
        for label, label_rows in rows.nodes.items():
            labels = ":".join(NODE_TYPES[label].labels())
            for row in label_rows.values():
                node_id = row["id"]
                if skip is not None:
                    if node_id in skip:
                        continue
                    skip.add(node_id)
                written += 1
                node = self.held.get(node_id)
                if node is None:
                    node = self.held[node_id] = [labels, {"id": node_id}, True]
                node[1].update(row["props"])
                node[2] = True
                key = (node_id, doc)
                edge = self.sourced.get(key)
                if edge is None:
                    edge = self.sourced[key] = {}
                _provenance(edge, row, loader, version)
        related = 0
        for (rel_type, _src, _dst, _keys), rel_rows in rows.relations.items():
            for row in rel_rows.values():
                ends = (rel_type, str(row["src"]), str(row["dst"]), tuple(row.get("key", {}).values()))
                if skip is not None:
                    if ends in skip:
                        continue
                    skip.add(ends)
                related += 1
                props = self.relations.get(ends)
                if props is None:
                    props = self.relations[ends] = dict(row.get("key", {}))
                props.update(row["props"])
                _union(props, "documents", [doc], always=True)
                _union(props, "evidence", [f"{doc}#{loc}@{version}" for loc in row["locs"]], always=True)
        return written, related

    def _write_reports(self, rows: dict[str, dict[str, Any]], doc: str, loader: str, version: str) -> None:
        held = self.table.get(rows)
        out: list[Report] = []
        for row in rows.values():
            node_id = row["id"]
            found = held.get(node_id)
            if found is None:  # a new Report (every one of a first read): its edge made at once
                out.append((node_id, {"id": node_id, **row["props"]}, {doc: _new_provenance(row, loader, version)}))
                continue
            _, props, sourced = found
            props.update(row["props"])
            edge = sourced.get(doc)
            if edge is None:
                sourced[doc] = _new_provenance(row, loader, version)
            else:
                _provenance(edge, row, loader, version)
            out.append((node_id, props, sourced))
        self.table.put(out)

    # -- positions and segments ---------------------------------------------------------------------------------
    def number(self) -> None:
        """Give each held node its position (label by label): they are sent first, so the rows spooled from now on
        can name them."""
        order = sorted(range(len(self.held)), key=list(node[0] for node in self.held.values()).__getitem__)
        ids = list(self.held)
        self.position = {ids[i]: pos for pos, i in enumerate(order)}
        self.sent_nodes = len(ids)
        self.wanted = {end for _, src, dst, _ in self.relations for end in (src, dst) if end not in self.held}

    def _segment(self, name: str) -> Segment:
        """A new segment; encoded as it is written when sent as it goes (in the worker that resolves it)."""
        return Segment(self.table.path / name, self.wanted, encoded=self.writer is not None)

    def _place(self, placed: Placed) -> None:
        """A segment's nodes take the next positions (in the order segments are placed, which is the order sent);
        sent now when :meth:`resolve` was given a writer."""
        self.segments.append(placed)
        for node_id, number in placed.found.items():
            self.position[node_id] = self.sent_nodes + number
        if self.writer is not None and placed.encoded:
            _send_encoded(self.writer, placed, self.sent_nodes - 1)
            self.writer.flush(wait=False)  # a command per segment: the server takes (and indexes) each while the
            # workers resolve the next, not the last 16 MB alone after the last group (docs/loading.md, "Session 15")
        elif self.writer is not None:
            _send(self.writer, Spool(placed.nodes_path, placed.nodes).chunks(),
                  self._segment_edges(placed, self.sent_nodes - 1), flush=False)
        self.sent_nodes += placed.nodes

    def _spool_reports(self, segment: Segment, reports: list[Report]) -> dict[str, int]:
        """Reports, final (their deals resolved), with their provenance edges: id -> reference in ``segment``."""
        caption = NODE_TYPES[REPORT].caption
        for _, props, _ in reports:
            props["caption"] = caption_text(caption, [caption_value(p, props) for p in caption.parts])
        refs = dict(zip([r[0] for r in reports], segment.add_nodes(REPORT, [(r[0], r[1]) for r in reports]),
                        strict=True))
        position = self.position
        segment.add_edges("SOURCED_FROM", [(refs[node_id], position[doc], edge)
                                           for node_id, _, sourced in reports for doc, edge in sourced.items()])
        return refs

    # -- deals -------------------------------------------------------------------------------------------------
    def resolve(self, judgements: Path | None, workers: int = WORKERS, writer: BulkWriter | None = None) -> None:
        """Every block, in the incremental path's bounded groups (:meth:`armsgraph.graph.deals.Deals.resolve`:
        each group widened to whole deals, so the Transfers are those one resolution over everything gives); with
        ``workers`` > 1, that many forked processes resolve groups at once, each reading the table and writing
        its own segment, placed here in group order. With a ``writer``, everything is sent as it is placed (the
        held nodes first, each segment while the workers resolve the next; the held edges last) and flushed."""
        global _FORKED
        self.number()
        self.writer = writer
        if writer is not None:
            _send(writer, self._held_nodes(), iter(()), flush=False)
            writer.flush(wait=False)  # the first command alone: the store's indexes follow it (FalkorStore.bulk)
        table = self.table
        table.commit()  # the workers read the table through their own connections
        judged = read_judgements(judgements)
        same = same_pairs(judged)
        editions: dict[str, str | None] = {}
        for node in self.held.values():
            p = node[1]
            if node[0] == "Document" and p.get("kind") == "sipri-export" and p.get("data_generated"):
                editions[str(p["data_generated"])] = export_coverage(p.get("title"), p.get("year_range"))
        tasks = self._groups(same, workers)
        if workers > 1 and len(tasks) > 1:
            _FORKED = (self, judged, same, editions)
            pool = fork_pool(min(workers, len(tasks)))
            try:
                last = len(tasks) - 1
                for index, result in enumerate(in_order(pool, _forked_group, tasks)):  # the first submit forks them
                    self._note(result)
                    if index < last:
                        self._place(result.placed)
                table.commit()  # every group's WeaponTotals entries, for the workers to read
                weapons = in_order(pool, _forked_weapons, enumerate(table.recipient_parts(workers)))  # submitted now:
                self._place(result.placed)  # the workers' WeaponTotals overlap the last group's commands
                for placed in weapons:
                    self._place(placed)
            except BrokenProcessPool as exc:  # a worker died (out of memory, killed): its task is lost
                raise ArmsgraphError(f"a worker resolving deals died ({exc}): nothing was written;"
                                     " out of memory? Try fewer --workers") from None
            finally:
                _FORKED = None
                close_pool(pool)
        else:
            for task in tasks:
                self._resolved(self._group(table, task, judged, same, editions))
            for part in enumerate(table.recipient_parts(1)):
                self._place(self._weapon_totals(table, *part))
        tail = self._segment("tail")  # the Reports no resolution reads
        for chunk in _batches(table.unblocked(), SPOOL_CHUNK):
            self._spool_reports(tail, chunk)
        self._place(tail.done())
        table.commit()
        if writer is not None:
            _send(writer, iter(()), self._held_edges())

    def _groups(self, same: dict[str, set[str]], workers: int) -> list[Task]:
        """Each group's task: the blocks in the incremental path's order, cut by the bound (:attr:`group_reports`,
        else :func:`group_size`), each group's seeds the blocks no earlier group widened to (widening reads only
        the Reports' SIPRI ids here), and the recipients all of whose blocks it resolves."""
        table = self.table
        counts = table.block_counts()
        bound = self.group_reports or group_size(sum(counts.values()), workers)
        linked = None if same else table.linked_blocks()  # judged Reports: widen every group
        done: set[str] = set()
        found: list[tuple[list[str], set[str], bool]] = []
        for group in group_blocks(counts, bound):
            seeds = [block for block in group if block not in done]
            if not seeds:
                continue
            alone = linked is not None and linked.isdisjoint(seeds)  # no SIPRI id leads out: widening adds nothing
            if alone:
                blocks = set(seeds)
            else:
                blocks, _ = widened(seeds, same, table.sipri_ids_in, table.blocks_of_sipri_ids,
                                    table.blocks_of_reports)
            done |= blocks
            found.append((seeds, blocks, alone))
        groups_of: dict[str, set[int]] = defaultdict(set)  # recipient -> the groups resolving its blocks
        for index, (_, blocks, _) in enumerate(found):
            for block in blocks:
                groups_of[block_parties(block)[1]].add(index)
        return [Task(index, seeds, frozenset(r for r, groups in groups_of.items() if groups == {index}), alone)
                for index, (seeds, _, alone) in enumerate(found)]

    def _resolved(self, result: GroupResult) -> None:
        self._note(result)
        self._place(result.placed)

    def _note(self, result: GroupResult) -> None:
        """A group's ``WeaponTotals`` entries into the table and its counts (its segment is placed apart)."""
        tabled = {entry[0] for entry in result.entries}
        if tabled & self.whole or result.whole & self.tabled:  # a deal whose recipient is in none of its blocks
            raise ArmsgraphError("internal: a recipient's WeaponTotals entries came from two groups of which one"
                                 " held it whole; nothing was kept")
        self.whole |= result.whole
        self.tabled |= tabled
        self.table.put_weapon_entries(result.entries)
        self.resolved.groups += 1
        self.resolved.deals += result.deals
        self.resolved.withdrawn += result.withdrawn
        self.resolved.reports = max(self.resolved.reports, result.reports)

    def _group(self, table: ReportTable, task: Task, judged: Judgements | None,
               same: dict[str, set[str]], editions: dict[str, str | None]) -> GroupResult:
        """One group: its Reports widened to whole deals (the one widening rule), resolved, and written to a segment
        of its own (in this process or a worker)."""
        sourced: dict[str, bytes] = {}  # each Report's edges, packed: the resolver never reads them

        def reports(blocks: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
            for node_id, props, edges in table.in_blocks_packed(blocks):
                sourced[node_id] = edges
                yield node_id, props

        if task.alone:  # widened's one pass over sorted(seeds), without its look-ups (which find nothing)
            records = list({rid: Record(rid, props) for rid, props in reports(sorted(set(task.seeds)))}.values())
        else:
            _, records = widened(task.seeds, same, reports, table.blocks_of_sipri_ids, table.blocks_of_reports)
        result = resolve_deals(records, judged, editions)
        segment = self._segment(f"group-{task.number}")
        count = len(records)
        entries = self._write(segment, records, sourced, result, task.whole)
        return GroupResult(segment.done(), entries, task.whole, len(result.deals), len(result.withdrawn), count)

    def _write(self, segment: Segment, records: list[Record], sourced: dict[str, bytes],
               result: Resolution, whole: frozenset[str] = frozenset()) -> list[WeaponEntry]:
        """One group's Reports, Transfers, totals and edges, as :meth:`armsgraph.graph.deals.Deals.write` writes
        them, to its segment, with the ``WeaponTotals`` of the ``whole`` recipients (no other group has their
        entries); returns the other recipients' entries, to merge across groups (:meth:`_weapon_totals`).

        Bounded for a large group (one block may hold tens of thousands of Reports; docs/loading.md, "Session
        12"): ``records`` and ``sourced`` are emptied once the Reports are written, and every label and type goes
        to the segment in chunks of :data:`SPOOL_CHUNK` rows, so no whole group is encoded at once."""
        deals = transfer_ids(result)
        rows = deal_rows(deals, records, result, edges=False)  # the edges made from the deals (_deal_edges)
        by_id = {rec.id: rec.props for rec in records}
        for row in rows.withdrawn:
            props = by_id[row["id"]]
            if row["by"] is None:
                props.pop("withdrawn_by", None)
            else:
                props["withdrawn_by"] = row["by"]
        for row in rows.review:
            props = by_id[row["id"]]
            for key, value in row["props"].items():
                if value is None:
                    props.pop(key, None)
                else:
                    props[key] = value
        del by_id
        reports: dict[str, int] = {}
        for chunk in _batches(iter(records), SPOOL_CHUNK):
            reports.update(self._spool_reports(segment, [(rec.id, rec.props, unpack(sourced[rec.id]))
                                                         for rec in chunk]))
        records.clear()  # the caller's list too: the Reports are written, nothing reads them again
        sourced.clear()
        ends = self._ends(deals)
        caption = Transfer.caption
        own = [(i, part) for i, part in enumerate(caption.parts) if part.via is None]
        via = [(i, attrgetter(ENDS_VIA[part.via])) for i, part in enumerate(caption.parts) if part.via is not None]
        blank: list[str | None] = [None] * len(caption.parts)
        for (_, deal), row in zip(deals, rows.transfers, strict=True):  # the caption reads the deal's own ends
            props = row["props"]
            values = blank.copy()
            for i, end_of in via:
                if (end := end_of(deal)) is not None and (found := ends.get(end)) is not None:
                    values[i] = found.captions.get(i)
            for i, part in own:
                values[i] = caption_value(part, props)
            props["caption"] = caption_text(caption, values)
        transfers = dict(zip([row["id"] for row in rows.transfers],
                             segment.add_nodes("Transfer", [(row["id"], row["props"]) for row in rows.transfers]),
                             strict=True))
        totals, by_weapon = aggregate([deal for _, deal in deals], rows.transfers)  # totals and entries, one call
        segment.add_nodes("DealTotals", [(row["id"], row["props"]) for row in totals])
        self._deal_edges(segment, deals, ends, transfers, reports)
        final = sorted(key for key in by_weapon if key[0] in whole)  # weapon_totals_rows' order
        for chunk in _batches((weapon_row(key[0], key[1], by_weapon[key]) for key in final), SPOOL_CHUNK):
            segment.add_nodes("WeaponTotals", [(row["id"], row["props"]) for row in chunk])
        return [(recipient, weapon, supplier, year, n, tiv)
                for (recipient, weapon), entries in by_weapon.items() if recipient not in whole
                for (supplier, year), (n, tiv) in entries.items()]

    def _ends(self, deals: list[tuple[str, Deal]]) -> dict[str, End | None]:
        """Each end a group's deals name (supplier, recipient, weapon) -> its position and the values of the
        Transfer caption's parts read through it; None for one that is not a held node of the label its id names
        (the writer's MATCH finds no such node: no edge, no value). Made once per end, not once per deal."""
        held, position = self.held, self.position
        parts = list(enumerate(Transfer.caption.parts))
        out: dict[str, End | None] = {}
        for _, deal in deals:
            for end in (deal.supplier, deal.recipient, deal.weapon):
                if end is None or end in out:
                    continue
                node = held.get(end)
                if node is None or label_of_id(end) not in node[0].split(":"):
                    out[end] = None
                    continue
                out[end] = End(position[end], {i: caption_value(part, node[1]) for i, part in parts if part.via})
        return out

    @staticmethod
    def _deal_edges(segment: Segment, deals: list[tuple[str, Deal]], ends: dict[str, End | None],
                    transfers: dict[str, int], reports: dict[str, int]) -> None:
        """A group's SUPPLIED, TO, OF and REPORTS edges, straight from its deals: the edges the rows of
        :func:`armsgraph.graph.deals.deal_rows` name, in the same order (parties by type and then by the end's
        label, first seen first), to the ends that are held nodes of their id's label (:meth:`_ends`)."""
        parties: dict[tuple[str, str], list[Edge]] = {}
        of: list[Edge] = []
        edges: list[Edge] = []
        supplied_of: dict[str, list[Edge]] = {}  # an end's id -> its type's list, so its label is read once
        to_of: dict[str, list[Edge]] = {}
        for tid, deal in deals:
            ref = transfers[tid]
            supplier, recipient = ends[deal.supplier], ends[deal.recipient]
            supplied = supplied_of.get(deal.supplier)
            if supplied is None:
                supplied = supplied_of[deal.supplier] = parties.setdefault(
                    ("SUPPLIED", label_of_id(deal.supplier)), [])
            if supplier is not None:
                supplied.append((supplier.position, ref, {}))
            to = to_of.get(deal.recipient)
            if to is None:
                to = to_of[deal.recipient] = parties.setdefault(("TO", label_of_id(deal.recipient)), [])
            if recipient is not None:
                to.append((ref, recipient.position, {}))
            if deal.weapon:
                weapon = ends[deal.weapon]
                if weapon is not None and label_of_id(deal.weapon) == "WeaponSystem":
                    of.append((ref, weapon.position, {} if deal.number is None else {"number": deal.number}))
            edges += [(reports[m.record], ref, {"rule": m.rule, "score": m.score}
                       if m.rule is not None and m.score is not None else _no_nulls({"rule": m.rule, "score": m.score}))
                      for m in deal.members]
        by_type: dict[str, list[Edge]] = {}
        for (rel, _), found in parties.items():
            if found:
                by_type.setdefault(rel, []).extend(found)
        for rel, found in by_type.items():
            segment.add_edges(rel, found)
        segment.add_edges("OF", of)
        segment.add_edges("REPORTS", edges)

    def _weapon_totals(self, table: ReportTable, index: int, recipients: tuple[str, str]) -> Placed:
        """The ``WeaponTotals`` nodes of a range of recipients from every group's entries (one recipient's weapon
        may come from several suppliers, so several groups), in a segment of their own (in this process or a
        worker, once every group is resolved): what :func:`armsgraph.graph.aggregates.weapon_totals_rows`
        gives over all."""
        segment = self._segment(f"weapons-{index}")
        rows = (weapon_row(recipient, weapon, {(e[2], e[3]): (e[4], e[5]) for e in entries})
                for (recipient, weapon), entries in groupby(table.weapon_entries(*recipients),
                                                            key=lambda e: (e[0], e[1])))
        for chunk in _batches(rows, SPOOL_CHUNK):
            segment.add_nodes("WeaponTotals", [(row["id"], row["props"]) for row in chunk])
        return segment.done()

    # -- sending ---------------------------------------------------------------------------------------------
    def _held_captions(self) -> dict[str, str]:
        """The captions of held nodes read through relationships (none in the schema today but the Transfer's,
        which :meth:`_write` computes): what the writer's caption statement stores, ``min()`` over neighbours."""
        out: dict[str, str] = {}
        vias = {labels: NODE_TYPES[labels.split(":")[0]].caption for labels in {n[0] for n in self.held.values()}}
        vias = {labels: caption for labels, caption in vias.items() if caption.via}
        if not vias:
            return out
        found: dict[tuple[str, int], list[str]] = defaultdict(list)
        for (rel_type, src, dst, _), _props in self.relations.items():
            for near, far in ((src, dst), (dst, src)):
                node = self.held.get(near)
                other = self.held.get(far)
                if node is None or other is None or node[0] not in vias:
                    continue
                for i, part in enumerate(vias[node[0]].parts):
                    value = caption_value(part, other[1])
                    if part.via == rel_type and part.incoming == (near == dst) and value is not None:
                        found[(near, i)].append(value)
        for node_id, (labels, props, _) in self.held.items():
            if labels in vias:
                caption = vias[labels]
                out[node_id] = caption_text(caption, [caption_value(part, props) if part.via is None
                                                      else _least(found.get((node_id, i)))
                                                      for i, part in enumerate(caption.parts)])
        return out

    def _held_nodes(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(labels, properties with the caption) of the held nodes in chunks, in position order."""
        captions = self._held_captions()
        by_position = sorted(self.held.items(), key=lambda item: self.position[item[0]])
        for labels, group in groupby(by_position, key=lambda item: item[1][0]):
            caption = NODE_TYPES[labels.split(":")[0]].caption
            rows = []
            for node_id, (_, props, captioned) in group:
                if node_id in captions:
                    props["caption"] = captions[node_id]
                elif captioned and not caption.via:
                    props["caption"] = caption_text(caption, [caption_value(p, props) for p in caption.parts])
                rows.append(props)
            yield labels, rows

    def _held_edges(self) -> Iterator[tuple[str, list[Edge]]]:
        """The held nodes' provenance edges and the relationships read whose ends exist (all placed by now)."""
        position = self.position
        yield "SOURCED_FROM", [(position[node_id], position[doc], props)
                               for (node_id, doc), props in self.sourced.items()]
        read = sorted(((key, props) for key, props in self.relations.items()
                       if key[1] in position and key[2] in position), key=lambda item: item[0][:3])
        for rel_type, group in groupby(read, key=lambda item: item[0][0]):
            yield rel_type, [(position[src], position[dst], props) for (_, src, dst, _), props in group]

    @staticmethod
    def _segment_edges(placed: Placed, base: int) -> Iterator[tuple[str, list[Edge]]]:
        """A segment's edges, its own nodes' references made positions: its node numbered n, referred to as
        ``-1 - n``, is at ``base + 1 + n``."""
        for rel_type, edges in Spool(placed.edges_path, placed.edges).chunks():
            yield rel_type, [(src if src >= 0 else base - src, dst if dst >= 0 else base - dst, props)
                             for src, dst, props in edges]

    def nodes(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(labels, properties with the caption) of every node in chunks, in position order (a graph built
        without a writer: :func:`build_graph`)."""
        assert not any(placed.encoded for placed in self.segments), "a graph sent as it was resolved"
        yield from self._held_nodes()
        for placed in self.segments:
            yield from Spool(placed.nodes_path, placed.nodes).chunks()

    def edges(self) -> Iterator[tuple[str, list[Edge]]]:
        """(type, edges) of every relationship in chunks, ends as positions (a graph built without a writer)."""
        assert not any(placed.encoded for placed in self.segments), "a graph sent as it was resolved"
        yield from self._held_edges()
        base = len(self.held) - 1
        for placed in self.segments:
            yield from self._segment_edges(placed, base)
            base += placed.nodes

    def counts(self) -> tuple[int, int]:
        """(nodes, relationships) to send, once resolved."""
        position = self.position
        read = sum(1 for key in self.relations if key[1] in position and key[2] in position)
        return self.sent_nodes, len(self.sourced) + read + sum(placed.edges for placed in self.segments)

    def send(self, writer: BulkWriter) -> None:
        """Every node in position order (a node's position is the internal id GRAPH.BULK gives it), then every
        relationship, in few GRAPH.BULK commands (a graph already resolved; :meth:`resolve` with a writer sends
        as it goes instead)."""
        _send(writer, self.nodes(), self.edges())


MIN_GROUP = 2_000
"""The least :func:`group_size` plans: smaller groups split more recipients' ``WeaponTotals`` across groups."""


def group_size(reports: int, workers: int) -> int:
    """The Reports a group resolves at most, for ``reports`` in all: :data:`GROUP_REPORTS` in one process; with
    ``workers``, about four groups per worker at least (docs/loading.md, "Session 12: the critical path": the last
    group of each no longer idles a core for long), at least :data:`MIN_GROUP`."""
    if workers <= 1:
        return GROUP_REPORTS
    return max(MIN_GROUP, min(GROUP_REPORTS, -(-reports // (4 * workers))))


class End(NamedTuple):
    """A deal's end that is a held node (:meth:`BulkGraph._ends`)."""

    position: int
    captions: dict[int, str | None]
    """Caption part index -> that part's value read on this node (the parts read through a relationship)."""


class Placed(NamedTuple):
    """A written segment, as the process that placed it reads it back."""

    nodes_path: Path
    nodes: int
    edges_path: Path
    edges: int
    found: dict[str, int]
    """The :attr:`BulkGraph.wanted` ids among its nodes -> their numbers in it."""
    encoded: bool
    """Its chunks hold GRAPH.BULK records (:meth:`Segment.add_nodes`), not rows."""


WeaponEntry = tuple[str, str, str, int, int, float]
"""(recipient, weapon, supplier, year, deals, tiv): what :meth:`ReportTable.put_weapon_entries` takes."""


class Task(NamedTuple):
    """A group to resolve (:meth:`BulkGraph._groups`)."""

    number: int
    seeds: list[str]
    """The blocks it widens from."""
    whole: frozenset[str]
    """The recipients all of whose blocks it resolves: it writes their ``WeaponTotals`` itself (a recipient's
    other blocks, in other groups, would add entries to the same nodes: those go through the table)."""
    alone: bool = False
    """Its seeds are all its blocks (no Report of theirs shares a SIPRI id with another block, nothing judged):
    its Reports are read in one pass, as :func:`armsgraph.graph.deals.widened`'s first, with no look-up of where
    their SIPRI ids lead."""


class GroupResult(NamedTuple):
    placed: Placed
    entries: list[WeaponEntry]
    """The entries of the recipients it does not hold whole."""
    whole: frozenset[str]
    deals: int
    withdrawn: int
    reports: int


class Segment:
    """Rows made final together (one group's; or the Reports in no block and the ``WeaponTotals``), in spools of
    their own: its nodes are numbered from 0 in the order added, and its edges name them as ``-1 - number`` (a held
    node by its position, never negative) until the segment is placed (:meth:`BulkGraph.edges`)."""

    def __init__(self, path: Path, wanted: set[str], encoded: bool = False) -> None:
        self.nodes = Spool(path.with_name(path.name + ".nodes"))
        self.edges = Spool(path.with_name(path.name + ".edges"))
        self.count = 0
        self.wanted = wanted
        self.found: dict[str, int] = {}
        self.encoded = encoded
        """Chunks kept as GRAPH.BULK records (a worker encodes its own groups, so the main process only sends):
        nodes as [header, [record]], edges as [header, [(source, target, record)]] with the references below."""

    def add_nodes(self, labels: str, rows: list[tuple[str, dict[str, Any]]]) -> list[int]:
        """Rows (id, properties) of one label set: their references, in order."""
        first = self.count
        self.count += len(rows)
        if self.wanted:
            for number, (node_id, _) in enumerate(rows, first):
                if node_id in self.wanted:
                    self.found[node_id] = number
        for start in range(0, len(rows), SPOOL_CHUNK):  # a chunk at a time: one block may hold 40,000 deals at 1M
            props = [props for _, props in rows[start:start + SPOOL_CHUNK]]
            if not self.encoded:
                self.nodes.add(labels, props)
            else:
                keys = _keys(props)
                self.nodes.add(labels, [header(labels, keys), records(keys, props)], len(props))
        return list(range(-1 - first, -1 - self.count, -1))

    def add_edges(self, rel_type: str, edges: list[Edge]) -> None:
        """Relationships of one type, their ends as references (see the class docstring), a chunk at a time."""
        for start in range(0, len(edges), SPOOL_CHUNK):
            chunk = edges[start:start + SPOOL_CHUNK]
            if not self.encoded:
                self.edges.add(rel_type, chunk)
            else:
                keys = _keys(e[2] for e in chunk)
                self.edges.add(rel_type, [header(rel_type, keys), edge_records(keys, chunk)], len(chunk))

    def done(self) -> Placed:
        self.nodes.close()
        self.edges.close()
        return Placed(self.nodes.path, self.count, self.edges.path, self.edges.rows, self.found, self.encoded)


_FORKED: tuple[BulkGraph, Judgements | None, dict[str, set[str]], dict[str, str | None]] | None = None
"""What a forked worker resolves with (inherited, not pickled): the graph as read, judgements, editions."""
_READER: ReportTable | None = None
"""A worker's own connection to the table."""


def _forked() -> tuple[BulkGraph, ReportTable, Judgements | None, dict[str, set[str]], dict[str, str | None]]:
    """What a forked worker inherited (:meth:`BulkGraph.resolve`: the graph, the judgements, the same-deal sets and
    editions) with its own reader of the table in second place."""
    global _READER
    assert _FORKED is not None, "a worker forked by BulkGraph.resolve"
    graph, judged, same, editions = _FORKED
    if _READER is None:
        _READER = ReportTable.reader(graph.table.path)
    return graph, _READER, judged, same, editions


def _forked_group(task: Task) -> GroupResult:
    """One group, in a worker process."""
    graph, reader, judged, same, editions = _forked()
    return graph._group(reader, task, judged, same, editions)


def _forked_weapons(part: tuple[int, tuple[str, str]]) -> Placed:
    """One range of recipients' ``WeaponTotals``, in a worker process."""
    graph, reader, *_ = _forked()
    return graph._weapon_totals(reader, *part)


def _send(writer: BulkWriter, nodes: Iterable[tuple[str, list[dict[str, Any]]]],
          edges: Iterable[tuple[str, list[Edge]]], flush: bool = True) -> None:
    for labels, rows in nodes:
        writer.nodes(labels, _keys(rows), rows)
    for rel_type, chunk in edges:
        writer.relations(rel_type, _keys(e[2] for e in chunk), chunk)
    if flush:
        writer.flush()


def _send_encoded(writer: BulkWriter, placed: Placed, base: int) -> None:
    """An encoded segment as placed after the node at position ``base``: its records as they are, its edges'
    references to its own nodes made positions (see :meth:`BulkGraph._segment_edges`)."""
    for _, (head, encoded) in Spool(placed.nodes_path, placed.nodes).chunks():
        writer.encoded_nodes(head, encoded)
    for _, (head, edges) in Spool(placed.edges_path, placed.edges).chunks():
        writer.encoded_relations(head, [(src if src >= 0 else base - src, dst if dst >= 0 else base - dst, data)
                                        for src, dst, data in edges])


def _keys(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Every key of these rows, in first-seen order (a GRAPH.BULK header)."""
    return list(dict.fromkeys(chain.from_iterable(rows)))


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _least(values: list[str] | None) -> str | None:
    """What ``min()`` over a caption part's neighbour values gives in Cypher (none: null)."""
    return min(values) if values else None


def _no_nulls(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _provenance(edge: dict[str, Any], row: dict[str, Any], loader: str, version: str) -> None:
    """A node row's places merged into its SOURCED_FROM edge, as the writer's node statement merges them."""
    _union(edge, "locators", row["locs"])
    _union(edge, "evidence", [f"{loc}@{version}" for loc in row["locs"]])
    _union(edge, "loaders", [loader], always=True)
    _union(edge, "loader_versions", [version], always=True)
    for prop, key in PROVENANCE_LISTS:
        _union(edge, prop, row[key])


def _new_provenance(row: dict[str, Any], loader: str, version: str) -> dict[str, Any]:
    """What :func:`_provenance` merges into an empty edge, made at once (a first read's Reports are all new: a
    fifth of the read's time went to the general merge, list by list)."""
    edge: dict[str, Any] = {}
    locs = row["locs"]
    if locs:
        edge["locators"] = list(dict.fromkeys(locs))
        edge["evidence"] = list(dict.fromkeys([f"{loc}@{version}" for loc in locs]))
    edge["loaders"] = [loader]
    edge["loader_versions"] = [version]
    for prop, key in PROVENANCE_LISTS:
        if row[key]:
            edge[prop] = list(dict.fromkeys(row[key]))
    return edge


def _union(props: dict[str, Any], key: str, new: list[Any], always: bool = False) -> None:
    """The writer's list union: items not yet held appended in order; an absent list stays absent when ``new``
    is empty (unless ``always``: the statement sets it in any case)."""
    held = props.get(key)
    if held is None:
        if new or always:
            props[key] = list(dict.fromkeys(new))
        return
    held.extend(x for x in new if x not in held)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run with what is alive now set aside from the collector (:func:`gc.freeze`) and :data:`YOUNG_OBJECTS`
    between collections; both restored afterwards."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


# -- the load ---------------------------------------------------------------------------------------------------
Progress = Callable[[int, int, str], None]


def bulk_load(store: Store, paths: Iterable[Path], loader_name: str | None = None,
              resolver: Resolver | None = None, judgements: Path | None = None,
              files_progress: Progress | None = None, note: Note | None = None, workers: int = WORKERS,
              ) -> LoadReport:
    """Load files into an empty graph in one go; nothing is written unless every document reads.

    Raises :class:`UserError` for a store that is not the embedded one, a graph that holds anything or a number
    of ``workers`` out of 1..:data:`MAX_WORKERS`; a document that cannot be read is reported, and then nothing at
    all is written (the graph stays empty). Holds the writer lock throughout, as a load holds it per document
    (``note``: waiting for another load).
    """
    if not 1 <= workers <= MAX_WORKERS:
        raise UserError(f"--workers must be between 1 and {MAX_WORKERS}, got {workers}")
    if not isinstance(store, FalkorStore):
        raise UserError("--bulk needs the embedded FalkorDB store (Neo4j: 'armsgraph export --format neo4j-admin')")
    if loader_name:
        get(loader_name)
    with WriterLock(store, note).held():  # no other load writes between the emptiness check and the bulk
        _refuse_unless_empty(store)
        report = _read_and_send(store, paths, loader_name, resolver, judgements, files_progress, workers)
    return report


def _refuse_unless_empty(store: FalkorStore) -> None:
    held = store.run(COUNT_NODES).scalar() or 0
    if held:
        raise UserError(f"--bulk loads into an empty graph only; graph {store.graph_name!r} holds {held} nodes "
                        "(load without --bulk)")


def read_graph(paths: Iterable[Path], loader_name: str | None = None, resolver: Resolver | None = None,
               files_progress: Progress | None = None, group_reports: int | None = None, workers: int = 1,
               ) -> tuple[BulkGraph | None, LoadReport]:
    """Every document of ``paths`` read into a graph, its deals not resolved yet (None when a document failed:
    then nothing may be written); the caller closes it. With ``workers`` > 1 a large SIPRI export is parsed in
    ranges by that many forked processes (:func:`armsgraph.graph.bulk_read.read_in_ranges`)."""
    graph = BulkGraph(group_reports)
    report = LoadReport()
    with fewer_collections():
        try:
            files = list(expand(paths))
            for done, (path, explicit) in enumerate(files):
                if files_progress is not None:
                    files_progress(done, len(files), shown(path))
                _read_file(graph, path, explicit, loader_name, resolver, report, workers)
            if files_progress is not None:
                files_progress(len(files), len(files), "")
        except BaseException:
            graph.close()
            raise
    failed = [d for d in report.documents if d.errors and not d.committed and not d.skipped]
    if failed:
        for row in report.documents:
            if row.committed:
                row.committed, row.facts = False, 0
                row.note = row.note or "not written: another document failed (--bulk writes all or nothing)"
        graph.close()
        return None, report
    return graph, report


def build_graph(paths: Iterable[Path], loader_name: str | None = None, resolver: Resolver | None = None,
                judgements: Path | None = None, files_progress: Progress | None = None,
                group_reports: int | None = None, workers: int = WORKERS) -> tuple[BulkGraph | None, LoadReport]:
    """The whole graph a load of ``paths`` into an empty graph writes, on disk, to send with
    :meth:`BulkGraph.send` or read (the bench's same-graph baseline writes these rows too); None when a document
    failed. ``group_reports`` bounds the Reports resolved at once, as :class:`armsgraph.graph.deals.Deals` does
    (None: :func:`group_size`);
    ``workers`` resolve groups at once (:meth:`BulkGraph.resolve`)."""
    graph, report = read_graph(paths, loader_name, resolver, files_progress, group_reports, workers)
    if graph is None:
        return None, report
    try:
        with fewer_collections():
            graph.resolve(judgements, workers)
    except BaseException:
        graph.close()
        raise
    return graph, report


def _read_and_send(store: FalkorStore, paths: Iterable[Path], loader_name: str | None, resolver: Resolver | None,
                   judgements: Path | None, files_progress: Progress | None, workers: int) -> LoadReport:
    """Read everything, then resolve and send at once (each group's rows sent while the workers resolve the
    next); a failure on the way clears what was sent."""
    graph, report = read_graph(paths, loader_name, resolver, files_progress, workers=workers)
    if graph is None:
        return report
    with graph:
        store.clear()  # an empty graph may still exist as a key (its indexes): GRAPH.BULK needs none
        try:
            with fewer_collections():
                store.bulk(lambda writer: graph.resolve(judgements, workers, writer), schema=True)
        except BaseException:
            store.clear()  # the commands sent before the failure built part of a graph: none is left behind
            raise
    return report


def _read_file(graph: BulkGraph, path: Path, explicit: bool, loader_name: str | None, resolver: Resolver | None,
               report: LoadReport, workers: int = 1) -> None:
    try:
        loader = pick(path, loader_name, resolver)
    except LoaderFailure as exc:
        if explicit:
            report.errors.append(exc.error)
            report.documents.append(DocumentReport(file=shown(path), loader=loader_name or "?", errors=1,
                                                   note=exc.error.reason, problems=[exc.error]))
        else:
            report.documents.append(DocumentReport(file=shown(path), loader=loader_name or "-", skipped=True,
                                                   note=exc.error.reason))
        return
    row: DocumentReport | None = None
    rows_before = len(report.documents)
    collecting = gc.isenabled()
    gc.disable()  # as the incremental load reads a file (graph/load.py): rows, no cycles; a fifth of the read's CPU
    try:
        if workers > 1 and isinstance(loader, SipriLoader) and read_in_ranges(graph, path, loader, report, workers):
            return
        for batch in loader.read(path):
            doc = batch.document.id
            if row is None or row.document_id != doc:
                if row is not None and not row.skipped:
                    graph.commit(row.document_id or "", row.loader)
                    row.committed = True
                row = DocumentReport(file=shown(path), loader=batch.loader, document_id=doc)
                report.documents.append(row)
                if graph.loaded(doc, batch.loader):
                    row.skipped, row.note = True, "already loaded (same content hash)"
                else:
                    graph.begin(batch.document, batch.loader)
            row.records += batch.records_read
            if row.skipped:
                continue
            nodes, relations, dropped = graph.write(batch)
            account(report, row, [*batch.errors, *dropped], facts=nodes + relations)
        if row is not None and not row.skipped:
            graph.commit(row.document_id or "", row.loader)
            row.committed = True
    except LoaderFailure as exc:
        _failed(report, row or _row_added(report, rows_before), path, loader.name, exc.error)
    except EXPECTED as exc:
        _failed(report, row or _row_added(report, rows_before), path, loader.name,
                LoadError(file=path.name, reason=str(exc).splitlines()[0]))
    finally:
        if collecting:
            gc.enable()


def _row_added(report: LoadReport, before: int) -> DocumentReport | None:
    """The document's row a read in ranges added (from the start of its merge), if it got that far."""
    return report.documents[before] if len(report.documents) > before else None


def _failed(report: LoadReport, row: DocumentReport | None, path: Path, loader: str, error: LoadError) -> None:
    report.errors.append(error)
    if row is None:
        row = DocumentReport(file=shown(path), loader=loader)
        report.documents.append(row)
    row.errors += 1
    row.facts = 0
    row.committed = False
    row.problems.append(error)
    row.note = f"document not loaded, nothing written: {error.reason}"
