"""First loads into an empty graph through FalkorDB's ``GRAPH.BULK`` (``armsgraph load --bulk``).

The same loaders read the same files into the same Batches; the writer's own row building
(:func:`armsgraph.graph.writer.batch_rows`) turns each batch into rows; :class:`BulkGraph` applies them to an
on-disk table (:mod:`armsgraph.graph.bulk_table`) with the semantics of the writer's MERGE statements
(properties merged, provenance lists deduplicated, captions from stored values); the deals are resolved in the
incremental path's bounded groups of blocks with the same pure resolver and the same row building as
:meth:`armsgraph.graph.deals.Deals.write` (:func:`armsgraph.graph.deals.deal_rows`). Only then is anything
sent: every node in label order, then every relationship, in ``GRAPH.BULK`` commands of at most 16 MB, then the
indexes. So the graph equals the one the incremental path builds (tests/graph/load/test_bulk.py compares them),
and a failure leaves the graph as it was: empty.

The client holds one batch, one group of blocks or one command at a time, whatever the input's size: for first
loads of large exports, where the incremental path's per-row MERGE costs most; later loads go through the writer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby, islice
from pathlib import Path
from typing import Any

from armsgraph.graph.aggregates import totals_rows, weapon_entries, weapon_row  # what weapon_totals_rows joins
from armsgraph.graph.bulk_table import BulkTable, Node, key_text
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
from armsgraph.graph.load import EXPECTED, DocumentReport, LoadReport, expand, shown
from armsgraph.graph.store import Cypher, Store
from armsgraph.graph.store.falkor_bulk import BulkWriter
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.lock import Note, WriterLock
from armsgraph.graph.writer import PROVENANCE_LISTS, batch_rows, caption_text, caption_value, stored_properties
from armsgraph.loaders.base import get, pick
from armsgraph.loaders.deals import Record, Resolution, read_judgements, resolve_deals
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri.loader import export_coverage
from armsgraph.schema import NODE_TYPES, Document, Transfer
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError, UserError

CHUNK = 2_000
_ENDS_CAPTION = all(part.via is None or part.via in ENDS_VIA for part in Transfer.caption.parts)
"""A Transfer's caption reads only its deal's ends: written with its row (else by :meth:`BulkGraph.captions`)."""
COUNT_NODES = Cypher("MATCH (n) RETURN count(n) AS nodes")


class BulkGraph:
    """The graph the writer's statements would build, kept in an on-disk table (:mod:`armsgraph.graph.bulk_table`)
    until it is sent: the client holds one batch, one group of blocks or one command at a time."""

    def __init__(self, group_reports: int = GROUP_REPORTS, directory: Path | None = None) -> None:
        self.table = BulkTable(directory)
        self.group_reports = group_reports
        self.resolved = Resolved()

    def close(self) -> None:
        self.table.close()

    def __enter__(self) -> BulkGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the writer's statements, on the table --------------------------------------------------------------
    def existing(self, label: str, ids: list[str], document_id: str, loader: str) -> Iterator[tuple[str, bool]]:
        """What :data:`armsgraph.graph.writer.EXISTING_IDS` answers, from the table."""
        held = [i for i, labels in self.table.labels(ids).items() if label in labels.split(":")]
        edges = self.table.sourced(document_id, held)
        for node_id in held:
            edge = edges.get(node_id)
            yield node_id, edge is not None and loader in edge["loaders"]

    def begin(self, document: Document, loader: str) -> None:
        labels, props, captioned = self._merge(document.id, "Document", document)
        loading = props.setdefault("loading", [])
        if loader not in loading:
            loading.append(loader)
        self.table.put_nodes([(document.id, labels, props, captioned)])

    def commit(self, document_id: str, loader: str) -> None:
        labels, props, captioned = self.table.nodes([document_id])[document_id]
        props["loading"] = [x for x in props.get("loading", []) if x != loader]
        loaded_by = props.setdefault("loaded_by", [])
        if loader not in loaded_by:
            loaded_by.append(loader)
        self.table.put_nodes([(document_id, labels, props, captioned)])
        self.table.commit()

    def loaded(self, document_id: str, loader: str) -> bool:
        node = self.table.nodes([document_id]).get(document_id)
        return node is not None and loader in node[1].get("loaded_by", [])

    def _merge(self, node_id: str, label: str, document: Document) -> Node:
        node = self.table.nodes([node_id]).get(node_id)
        if node is None:
            node = (":".join(NODE_TYPES[label].labels()), {"id": node_id}, False)
        node[1].update(stored_properties(document))
        return node

    def write(self, batch: Batch) -> tuple[int, int, list[LoadError]]:
        """One batch, as :meth:`armsgraph.graph.writer.Writer.write` writes it: (nodes, relations, dropped)."""
        doc = batch.document.id
        version = f"{batch.loader}/{batch.loader_version}"
        nodes, relations, dropped = batch_rows(batch, self.existing)
        table = self.table
        ids = [node_id for rows in nodes.values() for node_id in rows]
        held = table.nodes(ids)
        edges = table.sourced(doc, ids)
        out_nodes: list[tuple[str, str, dict[str, Any], bool]] = []
        out_edges: list[tuple[str, dict[str, Any]]] = []
        for label, rows in nodes.items():
            labels = ":".join(NODE_TYPES[label].labels())
            for row in rows.values():
                node_id = row["id"]
                node = held.get(node_id)
                props = {"id": node_id} if node is None else node[1]
                props.update(row["props"])
                out_nodes.append((node_id, labels if node is None else node[0], props, True))
                edge = edges.get(node_id, {})
                _union(edge, "locators", row["locs"])
                _union(edge, "evidence", [f"{loc}@{version}" for loc in row["locs"]])
                _union(edge, "loaders", [batch.loader], always=True)
                _union(edge, "loader_versions", [version], always=True)
                for prop, key in PROVENANCE_LISTS:
                    _union(edge, prop, row[key])
                out_edges.append((node_id, edge))
        table.put_nodes(out_nodes)
        table.put_sourced(doc, out_edges)
        out_relations: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        for (rel_type, _src, _dst, _keys), rel_rows in relations.items():
            for row in rel_rows.values():
                ends = (rel_type, str(row["src"]), str(row["dst"]), key_text(row.get("key", {}).values()))
                found = out_relations.get(ends) or table.relation(*ends)
                props = out_relations[ends] = dict(row.get("key", {})) if found is None else found
                props.update(row["props"])
                _union(props, "documents", [doc], always=True)
                _union(props, "evidence", [f"{doc}#{loc}@{version}" for loc in row["locs"]], always=True)
        table.put_relations((*ends, props) for ends, props in out_relations.items())
        return len(out_nodes), sum(len(rows) for rows in relations.values()), dropped

    # -- deals -------------------------------------------------------------------------------------------------
    def resolve(self, judgements: Path | None) -> None:
        """Every block, in the incremental path's bounded groups (:meth:`armsgraph.graph.deals.Deals.resolve`:
        each group widened to whole deals, so the Transfers are those one resolution over everything gives)."""
        table = self.table
        judged = read_judgements(judgements)
        same = same_pairs(judged)
        editions: dict[str, str | None] = {}
        for p in table.documents():
            if p.get("kind") == "sipri-export" and p.get("data_generated"):
                editions[str(p["data_generated"])] = export_coverage(p.get("title"), p.get("year_range"))
        done: set[str] = set()
        for group in group_blocks(table.block_counts(), self.group_reports):
            seeds = [block for block in group if block not in done]
            if not seeds:
                continue
            widened, records = self._read(seeds, same)
            done |= widened
            result = resolve_deals(records, judged, editions)
            self._write(records, result)
            table.commit()
            self.resolved.groups += 1
            self.resolved.deals += len(result.deals)
            self.resolved.withdrawn += len(result.withdrawn)
            self.resolved.reports = max(self.resolved.reports, len(records))
        self._weapon_totals()
        table.commit()

    def _read(self, blocks: list[str], same: dict[str, set[str]]) -> tuple[set[str], list[Record]]:
        """These blocks' Reports, widened as :meth:`armsgraph.graph.deals.Deals.read` widens them (SIPRI ids,
        judgements)."""
        table = self.table
        return widened(blocks, same, table.reports_in, table.blocks_of_sipri_ids, table.blocks_of_reports)

    def _write(self, records: list[Record], result: Resolution) -> None:
        """One group's Transfers, totals and edges, as :meth:`armsgraph.graph.deals.Deals.write` writes them."""
        table = self.table
        deals = transfer_ids(result)
        rows = deal_rows(deals, records, result)
        ends = table.nodes({end for _, deal in deals for end in (deal.supplier, deal.recipient, deal.weapon) if end})
        labels = {node_id: node[0] for node_id, node in ends.items()}
        labels.update(table.labels([row["record"] for row in rows.reports]))

        def has(node_id: str, label: str) -> bool:
            held = labels.get(node_id)
            return held is not None and label in held.split(":")

        edges: list[tuple[str, str, str, str, dict[str, Any]]] = []
        for (rel, label), party_rows in rows.parties.items():
            for row in party_rows:
                if rel == "SUPPLIED" and has(row["supplier"], label):
                    edges.append(("SUPPLIED", row["supplier"], row["id"], "[]", {}))
                elif rel == "TO" and has(row["recipient"], label):
                    edges.append(("TO", row["id"], row["recipient"], "[]", {}))
        edges += [("OF", row["id"], row["weapon"], "[]", _no_nulls({"number": row["number"]}))
                  for row in rows.of if has(row["weapon"], "WeaponSystem")]
        edges += [("REPORTS", row["record"], row["deal"], "[]", _no_nulls({"rule": row["rule"], "score": row["score"]}))
                  for row in rows.reports if has(row["record"], "Report")]
        table.put_relations(edges)
        if _ENDS_CAPTION:
            self._transfer_captions(rows.transfers, edges, ends)
        table.put_nodes((row["id"], "Transfer", row["props"], False) for row in rows.transfers)
        table.put_nodes((row["id"], "DealTotals", row["props"], False)
                        for row in totals_rows([deal for _, deal in deals], rows.transfers))
        table.put_weapon_entries((recipient, weapon, supplier, year, n, tiv)
                                 for (recipient, weapon), entries in
                                 weapon_entries([deal for _, deal in deals], rows.transfers).items()
                                 for (supplier, year), (n, tiv) in entries.items())
        changed: dict[str, dict[str, Any]] = {}
        by_id = {rec.id: rec.props for rec in records}
        for row in rows.withdrawn:
            props = changed[row["id"]] = by_id[row["id"]]
            if row["by"] is None:
                props.pop("withdrawn_by", None)
            else:
                props["withdrawn_by"] = row["by"]
        for row in rows.review:
            props = changed[row["id"]] = by_id[row["id"]]
            for key, value in row["props"].items():
                if value is None:
                    props.pop(key, None)
                else:
                    props[key] = value
        if changed:
            held = table.nodes(changed)
            table.put_nodes((node_id, held[node_id][0], props, held[node_id][2]) for node_id, props in changed.items())

    @staticmethod
    def _transfer_captions(transfers: list[dict[str, Any]], edges: list[tuple[str, str, str, str, dict[str, Any]]],
                           ends: dict[str, Node]) -> None:
        """Each Transfer's caption into its row, read on the ends its edges reach (as
        :meth:`armsgraph.graph.deals.Deals.captions` does for the store): no pass over the Transfers afterwards."""
        reached: dict[tuple[str, str], str] = {}
        for rel, src, dst, _, _ in edges:
            if rel in ENDS_VIA:
                reached[(dst, rel) if rel == "SUPPLIED" else (src, rel)] = dst if rel != "SUPPLIED" else src
        caption = Transfer.caption
        for row in transfers:
            values = []
            for part in caption.parts:
                if part.via is None:
                    values.append(caption_value(part, row["props"]))
                else:
                    end = reached.get((row["id"], part.via))
                    values.append(None if end is None else caption_value(part, ends[end][1]))
            row["props"]["caption"] = caption_text(caption, values)

    def _weapon_totals(self) -> None:
        """The ``WeaponTotals`` nodes from every group's entries (one recipient's weapon may come from several
        suppliers, so several groups): what :func:`armsgraph.graph.aggregates.weapon_totals_rows` gives over all."""
        rows = [weapon_row(recipient, weapon, {(e[2], e[3]): (e[4], e[5]) for e in entries})
                for (recipient, weapon), entries in groupby(self.table.weapon_entries(), key=lambda e: (e[0], e[1]))]
        self.table.put_nodes((row["id"], "WeaponTotals", row["props"], False) for row in rows)

    # -- captions ---------------------------------------------------------------------------------------------
    def captions(self) -> None:
        """The captions read through relationships (a Transfer's ends), stored in the table; own-field captions are
        computed as each node is sent (:meth:`send`)."""
        for labels in self.table.label_sets():
            caption = NODE_TYPES[labels.split(":")[0]].caption
            if not caption.via or (labels == "Transfer" and _ENDS_CAPTION):
                continue
            for chunk in _batches(self.table.labelled(labels), CHUNK):
                ids = [node_id for node_id, _ in chunk]
                pairs = {i: list(self.table.neighbours(part.via, part.incoming, ids))
                         for i, part in enumerate(caption.parts) if part.via is not None}
                ends = self.table.nodes({other for near in pairs.values() for _, other in near})
                found: dict[tuple[str, int], list[str]] = defaultdict(list)
                for i, near in pairs.items():
                    for node_id, other in near:
                        if (v := caption_value(caption.parts[i], ends[other][1])) is not None:
                            found[(node_id, i)].append(v)
                self.table.put_captions(
                    (caption_text(caption, [caption_value(part, props) if part.via is None
                                            else _least(found.get((node_id, i)))
                                            for i, part in enumerate(caption.parts)]), node_id)
                    for node_id, props in chunk)
        self.table.commit()

    # -- sending ---------------------------------------------------------------------------------------------
    def nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(labels, properties with the caption) of every node, in label order."""
        for labels, props, captioned, stored in self.table.ordered_nodes():
            caption = NODE_TYPES[labels.split(":")[0]].caption
            if stored is not None:
                props["caption"] = stored
            elif captioned and not caption.via:
                props["caption"] = caption_text(caption, [caption_value(p, props) for p in caption.parts])
            yield labels, props

    def send(self, writer: BulkWriter) -> None:
        """Every node in label order, then every relationship (provenance edges first), in few GRAPH.BULK
        commands; a node's position in that order is its internal id (:meth:`BulkTable.number`)."""
        table = self.table
        table.number()
        for labels, group in groupby(self.nodes(), key=lambda n: n[0]):
            keys = list(table.node_keys.get(labels, {}))
            if "caption" not in keys:
                keys.append("caption")
            writer.nodes(labels, keys, (props for _, props in group))
        for rel_type, edges in groupby(table.ordered_edges(), key=lambda e: e[0]):
            writer.relations(rel_type, list(table.relation_keys.get(rel_type, {})),
                             ((src, dst, props) for _, src, dst, props in edges))
        writer.flush()


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(islice(items, size)):
        yield batch


def _least(values: list[str] | None) -> str | None:
    """What ``min()`` over a caption part's neighbour values gives in Cypher (none: null)."""
    return min(values) if values else None


def _no_nulls(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _union(props: dict[str, Any], key: str, new: list[Any], always: bool = False) -> None:
    """The writer's list union: items not yet held appended in order; an absent list stays absent when ``new``
    is empty (unless ``always``: the statement sets it in any case)."""
    held = props.get(key)
    if held is None:
        if new or always:
            props[key] = list(dict.fromkeys(new))
        return
    held.extend(x for x in new if x not in held)


# -- the load ---------------------------------------------------------------------------------------------------
Progress = Callable[[int, int, str], None]


def bulk_load(store: Store, paths: Iterable[Path], loader_name: str | None = None,
              resolver: Resolver | None = None, judgements: Path | None = None,
              files_progress: Progress | None = None, note: Note | None = None) -> LoadReport:
    """Load files into an empty graph in one go; nothing is written unless every document reads.

    Raises :class:`UserError` for a store that is not the embedded one or a graph that holds anything; a
    document that cannot be read is reported, and then nothing at all is written (the graph stays empty). Holds
    the writer lock throughout, as a load holds it per document (``note``: waiting for another load).
    """
    if not isinstance(store, FalkorStore):
        raise UserError("--bulk needs the embedded FalkorDB store (Neo4j: 'armsgraph export --format neo4j-admin')")
    if loader_name:
        get(loader_name)
    with WriterLock(store, note).held():  # no other load writes between the emptiness check and the bulk
        _refuse_unless_empty(store)
        report = _read_and_send(store, paths, loader_name, resolver, judgements, files_progress)
    return report


def _refuse_unless_empty(store: FalkorStore) -> None:
    held = store.run(COUNT_NODES).scalar() or 0
    if held:
        raise UserError(f"--bulk loads into an empty graph only; graph {store.graph_name!r} holds {held} nodes "
                        "(load without --bulk)")


def build_graph(paths: Iterable[Path], loader_name: str | None = None, resolver: Resolver | None = None,
                judgements: Path | None = None, files_progress: Progress | None = None,
                group_reports: int = GROUP_REPORTS) -> tuple[BulkGraph | None, LoadReport]:
    """The whole graph a load of ``paths`` into an empty graph writes, in an on-disk table (None when a document
    failed: then nothing may be written); the caller closes it. The bench's same-graph baseline writes these rows
    too. ``group_reports`` bounds the Reports resolved at once, as :class:`armsgraph.graph.deals.Deals` does."""
    graph = BulkGraph(group_reports)
    report = LoadReport()
    try:
        files = list(expand(paths))
        for done, (path, explicit) in enumerate(files):
            if files_progress is not None:
                files_progress(done, len(files), shown(path))
            _read_file(graph, path, explicit, loader_name, resolver, report)
        if files_progress is not None:
            files_progress(len(files), len(files), "")
        failed = [d for d in report.documents if d.errors and not d.committed and not d.skipped]
        if failed:
            for row in report.documents:
                if row.committed:
                    row.committed, row.facts = False, 0
                    row.note = row.note or "not written: another document failed (--bulk writes all or nothing)"
            graph.close()
            return None, report
        graph.resolve(judgements)
        graph.captions()
    except BaseException:
        graph.close()
        raise
    return graph, report


def _read_and_send(store: FalkorStore, paths: Iterable[Path], loader_name: str | None, resolver: Resolver | None,
                   judgements: Path | None, files_progress: Progress | None) -> LoadReport:
    graph, report = build_graph(paths, loader_name, resolver, judgements, files_progress)
    if graph is None:
        return report
    with graph:
        store.clear()  # an empty graph may still exist as a key (its indexes): GRAPH.BULK needs none
        store.bulk(graph.send)
    store.ensure_schema()
    return report


def _read_file(graph: BulkGraph, path: Path, explicit: bool, loader_name: str | None, resolver: Resolver | None,
               report: LoadReport) -> None:
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
    try:
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
            errors = [*batch.errors, *dropped]
            report.errors.extend(errors)
            row.problems.extend(errors)
            warnings = sum(1 for e in errors if e.severity == "warning")
            row.warnings += warnings
            row.errors += len(errors) - warnings
            row.facts += nodes + relations
        if row is not None and not row.skipped:
            graph.commit(row.document_id or "", row.loader)
            row.committed = True
    except LoaderFailure as exc:
        _failed(report, row, path, loader.name, exc.error)
    except EXPECTED as exc:
        _failed(report, row, path, loader.name, LoadError(file=path.name, reason=str(exc).splitlines()[0]))


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
