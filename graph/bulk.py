"""First loads into an empty graph through FalkorDB's ``GRAPH.BULK`` (``armsgraph load --bulk``).

The same loaders read the same files into the same Batches; the writer's own row building
(:func:`armsgraph.graph.writer.batch_rows`) turns each batch into rows; :class:`BulkGraph` applies them in
memory with the semantics of the writer's MERGE statements (properties merged, provenance lists deduplicated,
captions from stored values); the deals are resolved once over every Report with the same pure resolver and
the same row building as :meth:`armsgraph.graph.deals.Deals.write` (:func:`armsgraph.graph.deals.deal_rows`).
Only then is anything sent: the whole graph in a few ``GRAPH.BULK`` commands, then the indexes. So the graph
equals the one the incremental path builds (tests/graph/load/test_bulk.py compares them), and a failure
leaves the graph as it was: empty.

It holds the whole graph in memory (about 1.3 KB per SIPRI deal): for first loads of large exports, where the
incremental path's per-row MERGE costs most; later loads go through the writer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from armsgraph.graph.aggregates import totals_rows, weapon_totals_rows
from armsgraph.graph.deals import deal_rows, transfer_ids
from armsgraph.graph.load import EXPECTED, DocumentReport, LoadReport, expand, shown
from armsgraph.graph.store import Cypher, Store
from armsgraph.graph.store.falkor_bulk import BulkWriter
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.lock import Note, WriterLock
from armsgraph.graph.writer import PROVENANCE_LISTS, batch_rows, caption_text, caption_value, stored_properties
from armsgraph.loaders.base import get, pick
from armsgraph.loaders.deals import Record, read_judgements, resolve_deals
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri.loader import export_coverage
from armsgraph.schema import NODE_TYPES, Document
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError, UserError
from armsgraph.schema.model import Part

COUNT_NODES = Cypher("MATCH (n) RETURN count(n) AS nodes")


@dataclass(slots=True)
class _Node:
    labels: str
    props: dict[str, Any]
    captioned: bool = False
    """Written by a node statement (which stores its own-field caption); a Document only begun has none."""


@dataclass
class BulkGraph:
    """The graph the writer's statements would build, kept in Python until it is sent whole."""

    nodes: dict[str, _Node] = field(default_factory=dict)
    sourced: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    """(node id, document id) -> the SOURCED_FROM edge's properties."""
    relations: dict[tuple[str, str, str, tuple[Any, ...]], dict[str, Any]] = field(default_factory=dict)
    """(type, source id, target id, key values) -> properties."""

    # -- the writer's statements, in Python -----------------------------------------------------------------
    def existing(self, label: str, ids: list[str], document_id: str, loader: str) -> Iterator[tuple[str, bool]]:
        """What :data:`armsgraph.graph.writer.EXISTING_IDS` answers, from memory."""
        for node_id in ids:
            if self._is(node_id, label):
                edge = self.sourced.get((node_id, document_id))
                yield node_id, edge is not None and loader in edge["loaders"]

    def begin(self, document: Document, loader: str) -> None:
        node = self._merge(document.id, "Document", document)
        loading = node.props.setdefault("loading", [])
        if loader not in loading:
            loading.append(loader)

    def commit(self, document_id: str, loader: str) -> None:
        props = self.nodes[document_id].props
        props["loading"] = [x for x in props.get("loading", []) if x != loader]
        loaded_by = props.setdefault("loaded_by", [])
        if loader not in loaded_by:
            loaded_by.append(loader)

    def loaded(self, document_id: str, loader: str) -> bool:
        node = self.nodes.get(document_id)
        return node is not None and loader in node.props.get("loaded_by", [])

    def _merge(self, node_id: str, label: str, document: Document | None = None) -> _Node:
        node = self.nodes.get(node_id)
        if node is None:
            node = self.nodes[node_id] = _Node(":".join(NODE_TYPES[label].labels()), {"id": node_id})
        if document is not None:
            node.props.update(stored_properties(document))
        return node

    def write(self, batch: Batch) -> tuple[int, int, list[LoadError]]:
        """One batch, as :meth:`armsgraph.graph.writer.Writer.write` writes it: (nodes, relations, dropped)."""
        doc = batch.document.id
        version = f"{batch.loader}/{batch.loader_version}"
        nodes, relations, dropped = batch_rows(batch, self.existing)
        node_count = relation_count = 0
        for label, rows in nodes.items():
            for row in rows.values():
                node = self._merge(row["id"], label)
                node.props.update(row["props"])
                node.captioned = True
                edge = self.sourced.setdefault((row["id"], doc), {})
                _union(edge, "locators", row["locs"])
                _union(edge, "evidence", [f"{loc}@{version}" for loc in row["locs"]])
                _union(edge, "loaders", [batch.loader], always=True)
                _union(edge, "loader_versions", [version], always=True)
                for prop, key in PROVENANCE_LISTS:
                    _union(edge, prop, row[key])
                node_count += 1
        for (rel_type, _src, _dst, _keys), rel_rows in relations.items():
            for row in rel_rows.values():
                ends = (rel_type, str(row["src"]), str(row["dst"]), tuple(row.get("key", {}).values()))
                props = self.relations.get(ends)
                if props is None:
                    props = self.relations[ends] = dict(row.get("key", {}))
                props.update(row["props"])
                _union(props, "documents", [doc], always=True)
                _union(props, "evidence", [f"{doc}#{loc}@{version}" for loc in row["locs"]], always=True)
                relation_count += 1
        return node_count, relation_count, dropped

    # -- deals -------------------------------------------------------------------------------------------------
    def resolve(self, judgements: Path | None) -> None:
        """Every block at once, as the per-document resolutions of the incremental path leave them."""
        records = [Record(node_id, node.props) for node_id, node in self.nodes.items()
                   if node.labels == "Report"]
        if not records:
            return
        editions: dict[str, str | None] = {}
        for node in self.nodes.values():
            p = node.props
            if node.labels == "Document" and p.get("kind") == "sipri-export" and p.get("data_generated"):
                editions[str(p["data_generated"])] = export_coverage(p.get("title"), p.get("year_range"))
        result = resolve_deals(records, read_judgements(judgements), editions)
        deals = transfer_ids(result)
        rows = deal_rows(deals, records, result)
        for row in rows.transfers:
            self.nodes[row["id"]] = _Node("Transfer", row["props"])
        for row in totals_rows([deal for _, deal in deals], rows.transfers):
            self.nodes[row["id"]] = _Node("DealTotals", row["props"])
        for row in weapon_totals_rows([deal for _, deal in deals], rows.transfers):
            self.nodes[row["id"]] = _Node("WeaponTotals", row["props"])
        for (rel, label), party_rows in rows.parties.items():
            for row in party_rows:
                if rel == "SUPPLIED" and self._is(row["supplier"], label):
                    self.relations[("SUPPLIED", row["supplier"], row["id"], ())] = {}
                elif rel == "TO" and self._is(row["recipient"], label):
                    self.relations[("TO", row["id"], row["recipient"], ())] = {}
        for row in rows.of:
            if self._is(row["weapon"], "WeaponSystem"):
                self.relations[("OF", row["id"], row["weapon"], ())] = _no_nulls({"number": row["number"]})
        for row in rows.reports:
            if self._is(row["record"], "Report"):
                self.relations[("REPORTS", row["record"], row["deal"], ())] = _no_nulls(
                    {"rule": row["rule"], "score": row["score"]})
        for row in rows.withdrawn:
            props = self.nodes[row["id"]].props
            if row["by"] is None:
                props.pop("withdrawn_by", None)
            else:
                props["withdrawn_by"] = row["by"]
        for row in rows.review:
            props = self.nodes[row["id"]].props
            for key, value in row["props"].items():
                if value is None:
                    props.pop(key, None)
                else:
                    props[key] = value

    def _is(self, node_id: str, label: str) -> bool:
        node = self.nodes.get(node_id)
        return node is not None and label in node.labels.split(":")

    # -- captions ---------------------------------------------------------------------------------------------
    def captions(self) -> None:
        """Every node's ``caption`` as the writer's statements store it (own fields, or read through edges)."""
        neighbours: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
        via = {rel for cls in NODE_TYPES.values() for rel in cls.caption.via}
        for rel_type, src, dst, _key in self.relations:
            if rel_type in via:
                neighbours[(dst, rel_type, True)].append(src)
                neighbours[(src, rel_type, False)].append(dst)
        for node_id, node in self.nodes.items():
            caption = NODE_TYPES[node.labels.split(":")[0]].caption
            if caption.via:
                values = [_via(part, node_id, self.nodes, neighbours) for part in caption.parts]
                node.props["caption"] = caption_text(caption, values)
            elif node.captioned:
                node.props["caption"] = caption_text(caption, [caption_value(p, node.props) for p in caption.parts])

    # -- sending ---------------------------------------------------------------------------------------------
    def send(self, writer: BulkWriter) -> None:
        """Every node, then every relationship (provenance edges included), in few GRAPH.BULK commands."""
        by_labels: dict[str, list[str]] = defaultdict(list)
        for node_id, node in self.nodes.items():
            by_labels[node.labels].append(node_id)
        internal: dict[str, int] = {}
        for labels, ids in by_labels.items():
            keys = _keys(self.nodes[i].props for i in ids)
            internal.update(zip(ids, writer.nodes(labels, keys, (self.nodes[i].props for i in ids)), strict=True))
        by_type: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
        for (node_id, doc), props in self.sourced.items():
            by_type["SOURCED_FROM"].append((internal[node_id], internal[doc], props))
        for (rel_type, src, dst, _key), props in self.relations.items():
            by_type[rel_type].append((internal[src], internal[dst], props))
        for rel_type, edges in by_type.items():
            writer.relations(rel_type, _keys(props for _, _, props in edges), edges)
        writer.flush()


def _keys(rows: Iterable[dict[str, Any]]) -> list[str]:
    keys: dict[str, None] = {}
    for props in rows:
        keys.update(dict.fromkeys(props))
    return list(keys)


def _no_nulls(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _union(props: dict[str, Any], key: str, new: list[Any], always: bool = False) -> None:
    """The writer's list union: items not yet held appended in order; an absent list stays absent when ``new``
    is empty (unless ``always``: the statement sets it in any case)."""
    held = props.get(key)
    if held is None:
        if not new and not always:
            return
        held = props[key] = []
    held.extend(x for x in new if x not in held)


# -- captions, as the writer's Cypher computes them -------------------------------------------------------------
def _via(part: Part, node_id: str, nodes: dict[str, _Node],
         neighbours: dict[tuple[str, str, bool], list[str]]) -> str | None:
    if part.via is None:
        return caption_value(part, nodes[node_id].props)
    values = [v for other in neighbours.get((node_id, part.via, part.incoming), [])
              if (v := caption_value(part, nodes[other].props)) is not None]
    return min(values) if values else None


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
                judgements: Path | None = None, files_progress: Progress | None = None) -> tuple[BulkGraph | None,
                                                                                                 LoadReport]:
    """The whole graph a load of ``paths`` into an empty graph writes, in memory (None when a document failed:
    then nothing may be written). The bench's same-graph baseline writes these rows too."""
    graph = BulkGraph()
    report = LoadReport()
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
        return None, report
    graph.resolve(judgements)
    graph.captions()
    return graph, report


def _read_and_send(store: FalkorStore, paths: Iterable[Path], loader_name: str | None, resolver: Resolver | None,
                   judgements: Path | None, files_progress: Progress | None) -> LoadReport:
    graph, report = build_graph(paths, loader_name, resolver, judgements, files_progress)
    if graph is None:
        return report
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
