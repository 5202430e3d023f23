"""The bulk path's read of a large SIPRI export on every core (``armsgraph load --bulk``; docs/loading.md, "The
parallel read").

A whole read parses an export in one process, and that was a third of the bulk path's client CPU. Here the
export's body is cut into ranges of lines at record boundaries (a classic record goes on in lines that start with
``,``; a transfers-format deal is the rows of one deal id), and forked workers parse a range each with the
loader's own parser and batch builder (:meth:`armsgraph.loaders.sipri.loader.SipriLoader.read_range`, told the
number of its first line), merging its Reports into a table of its own (:meth:`ReportTable.part`) with the
writer's rows; only the rows of the nodes that do not grow with the deals (actors, weapons, categories) and the
errors come back. The main process then reconciles, in range order, what a range cannot know alone:

* a classic key's ``-n`` suffix numbers the records of one identity in the whole file: a range's identities
  that earlier ranges read too are renumbered after theirs (:meth:`ReportTable.take_part`);
* a file adds an actor, weapon, category or their edges once, at its first record: a range adds them at its own
  first record, so only the first range's rows (its provenance line) are kept (:meth:`BulkGraph.apply`'s skip);
* the per-file warnings (unresolved names, unknown descriptions, with their records) are counted over every
  range (:func:`armsgraph.loaders.sipri.loader.file_reports`), a new category's warning kept once.

The graph and the load report are those of a whole read (tests/graph/load/test_bulk_read.py). A file too small to
pay for the workers, without LF line ends, or already loaded is read whole; so is a transfers-format file in
which two ranges read rows of the same deal id (checked before anything is merged).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from armsgraph.graph.bulk_table import ReportTable
from armsgraph.graph.load import DocumentReport, LoadReport, account, shown
from armsgraph.graph.writer import BatchRows
from armsgraph.loaders.io import SourceText, read_bytes, split_lines, strip_bom
from armsgraph.loaders.sipri.loader import (
    FIRST_SEEN_WARNINGS,
    HEADER_SEARCH_LINES,
    PART_ENCODINGS,
    SipriFormat,
    SipriLoader,
    classic_key,
    decode_part,
    edition_of,
    export_encoding,
    file_reports,
    load_reference_tables,
    no_records,
    open_export,
)
from armsgraph.loaders.sipri.records import Preamble, RowError
from armsgraph.loaders.sipri.transfers import deal_ids, strip_stray_semicolon
from armsgraph.loaders.worker_pool import close_pool, fork_pool, in_order
from armsgraph.schema import Document, Report
from armsgraph.schema.batch import Batch, NodeRecord
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of


class BulkGraph(Protocol):
    """What this module reads into: :class:`armsgraph.graph.bulk.BulkGraph` (which calls it, from the layer
    above)."""

    table: ReportTable

    def begin(self, document: Document, loader: str) -> None: ...
    def commit(self, document_id: str, loader: str) -> None: ...
    def loaded(self, document_id: str, loader: str) -> bool: ...
    def write(self, batch: Batch) -> tuple[int, int, list[LoadError]]: ...
    def rows(self, batch: Batch) -> BatchRows: ...
    def apply(self, rows: BatchRows, skip: set[Any] | None = None) -> tuple[int, int]: ...
    def read_state(self) -> bytes: ...
    def restore_read_state(self, state: bytes) -> None: ...


RANGE_LINES = 50_000
"""About the most record lines a range holds (ranges are cut at character offsets, then at a record's start): a
worker holds its range's lines and one batch, so more ranges (not longer ones) for a larger file keep each
worker's memory flat."""
MIN_RANGE_LINES = 5_000
"""About the fewest record lines worth a range of their own: a file of fewer lines after its header than twice
this is read whole (a fork costs more)."""


class Plan(NamedTuple):
    """How an export is cut: its format and preamble (from its head), and (start, end, first line number) of each
    range of its bytes."""

    fmt: SipriFormat
    name: str
    """The file's name, as its load errors give it."""
    header_line: int
    preamble: Preamble
    preamble_errors: list[RowError]
    semicolons: bool
    """A classic export re-saved by a spreadsheet: every line ends with one stray ';' (as ``open_export`` drops)."""
    encoding: str
    """What the whole read decodes the export as (:func:`armsgraph.loaders.sipri.loader.export_encoding`): each
    worker decodes its range so (:func:`armsgraph.loaders.sipri.loader.decode_part`)."""
    ranges: list[tuple[int, int, int]]


class RangeBatch(NamedTuple):
    """One batch a worker read: its rows (the Reports' went to the range's table), its actor nodes with the name
    each was added for, its errors and records."""

    rows: BatchRows
    actors: list[tuple[str, NodeRecord]]
    errors: list[LoadError]
    records: int


class RangeRead(NamedTuple):
    """What a worker read from one range: its table, each batch's rows (but the Reports'), errors and records,
    and its actors and unknown descriptions with their counts."""

    path: Path
    batches: list[RangeBatch]
    actors: dict[str, Any]
    unknown_descriptions: dict[str, list[int]]


def plan(source: SourceText, workers: int) -> Plan | None:
    """Where to cut ``source``'s body for ``workers`` (None: read it whole), from its bytes as decoded by
    ``source.encoding`` (its text is not read: the workers decode a range each)."""
    data, encoding = source.data, source.encoding
    if workers < 2 or encoding not in PART_ENCODINGS or b"\n" not in data:
        return None
    head_end = 0
    for _ in range(HEADER_SEARCH_LINES + 1):
        found = data.find(b"\n", head_end)
        if found < 0:
            return None  # a file this short is not worth cutting
        head_end = found + 1
    text = decode_part(strip_bom(data[:head_end]), encoding)
    try:
        head = open_export(SourceText(path=source.path, data=b"", text=text, encoding=encoding, sha256=source.sha256))
    except LoaderFailure:
        return None  # the whole read reports it
    body = 0
    for _ in range(head.header_line):
        body = data.index(b"\n", body) + 1
    header = split_lines(decode_part(strip_bom(data[:body]), encoding))[-1].lstrip("\ufeff")
    semicolons = head.format is SipriFormat.CLASSIC and header.endswith(";")
    lines = data.count(b"\n", body) + (0 if data.endswith(b"\n") else 1)
    count = min(max(workers, -(-lines // RANGE_LINES)), lines // MIN_RANGE_LINES)
    if count < 2:
        return None
    starts = [body]
    for i in range(1, count):
        start = _record_start(data, body + (len(data) - body) * i // count, head.format, encoding)
        if start is not None and start > starts[-1]:
            starts.append(start)
    if len(starts) < 2:
        return None
    ends = [*starts[1:], len(data)]
    first = head.header_line + 1
    ranges = []
    for start, end in zip(starts, ends, strict=True):
        ranges.append((start, end, first))
        first += data.count(b"\n", start, end)
    return Plan(head.format, head.name, head.header_line, head.preamble, head.preamble_errors, semicolons, encoding,
                ranges)


def _record_start(data: bytes, offset: int, fmt: SipriFormat, encoding: str) -> int | None:
    """The first line start at or after the line holding ``offset`` where a record begins (None: none does)."""
    end = data.find(b"\n", offset)
    classic = fmt is SipriFormat.CLASSIC

    def deal_id(start: int, end: int) -> str:
        return decode_part(data[start:end if end >= 0 else len(data)], encoding).split(",", 1)[0].strip()

    previous = "" if classic else deal_id(data.rfind(b"\n", 0, offset) + 1, end)
    while end >= 0 and end + 1 < len(data):
        start = end + 1
        end = data.find(b"\n", start)
        if classic:
            if not data.startswith(b",", start):  # a classic record goes on only in lines starting with ','
                return start
        else:
            found = deal_id(start, end)
            if found != previous:  # rows of one deal id elsewhere: ReportTable.shared_deal_ids
                return start
            previous = found
    return None


_CONTEXT: tuple[BulkGraph, SipriLoader, Document, Plan, bytes, Path] | None = None
"""What a forked worker reads with (inherited, not pickled): the graph as read so far, the export's bytes, the
directory of the ranges' tables."""
_INHERITED: list[bytes] = []
"""A worker's graph state as forked (:meth:`BulkGraph.read_state`), taken at its first range: each later range
starts from it too, as if in a worker of its own (a range's nodes never carry over into the next)."""
_KEPT: list[ReportTable] = []
"""The main process's table, inherited by a worker that swapped it for its own: kept referenced so that the
worker never closes it (nor removes its directory) when it is dropped."""


def _read_range(index: int) -> RangeRead:
    """One range, in a worker process: parsed, its Reports into a table of its own."""
    assert _CONTEXT is not None, "a worker forked by read_in_ranges"
    graph, loader, document, cut, data, directory = _CONTEXT
    start, end, first_line = cut.ranges[index]
    piece = decode_part(data[start:end], cut.encoding)  # its own range only: no process holds the whole text
    lines = split_lines(piece if piece.endswith("\n") else piece + "\n")  # LF-split, as the whole text was
    del piece
    if cut.semicolons:
        lines = list(map(strip_stray_semicolon, lines))
    path = directory / f"range-{index}"
    table = ReportTable.part(path)
    try:
        if not _KEPT:
            _KEPT.append(graph.table)
        graph.table = table
        if _INHERITED:
            graph.restore_read_state(_INHERITED[0])
        else:
            _INHERITED.append(graph.read_state())
        if cut.fmt is SipriFormat.TRANSFERS:
            table.put_deal_ids(deal_ids(lines))
        builder, batches = loader.read_range(document, cut.fmt, lines, first_line)
        out: list[RangeBatch] = []
        named: set[str] = set()
        for batch in batches:
            actors = _actor_records(batch, builder.actors, named)
            rows = graph.rows(batch)
            graph.apply(rows)  # so that this range's later batches find its nodes, as a whole read's do
            out.append(RangeBatch(rows, actors, batch.errors, batch.records_read))
        table.put_identities(builder.identities)
    finally:
        table.close()
    return RangeRead(path, out, builder.actors, builder.unknown_descriptions)


def _actor_records(batch: Batch, actors: dict[str, Any], named: set[str]) -> list[tuple[str, NodeRecord]]:
    """The batch's actor nodes taken out of it, each with the name it was added for (the builder adds an actor's
    node once per name as written, and two names may resolve to one actor): the names ``named`` did not hold."""
    new: dict[tuple[str, int], list[str]] = {}
    for name, seen in actors.items():
        if name not in named:
            named.add(name)
            new.setdefault((seen.node.id, seen.first_line), []).append(name)
    if not new:
        return []
    ids = {node_id for node_id, _ in new}
    out: list[tuple[str, NodeRecord]] = []
    kept = []
    for record in batch.nodes:
        names = new.get((record.node.id, record.provenance.line or 0)) if record.node.id in ids else None
        if names:
            out.append((names.pop(0), record))
        else:
            kept.append(record)
    batch.nodes = kept
    return out


def read_in_ranges(graph: BulkGraph, path: Path, loader: SipriLoader, report: LoadReport, workers: int) -> bool:
    """Read the export at ``path`` in ranges on ``workers`` processes into ``graph`` (as :func:`bulk._read_file`
    reads a file whole, the same rows and report); False when it should be read whole (then nothing was read).
    The document's row is in ``report`` from the start of the merge (a failure after it is that row's)."""
    global _CONTEXT
    data = read_bytes(path)
    encoding = export_encoding(data)  # as the whole read decodes it, without making its text
    if encoding is None:
        return False
    source = SourceText(path=path, data=data, text="", encoding=encoding, sha256=sha256_of(data))
    cut = plan(source, workers)
    if cut is None:
        return False
    document = loader.document_of(source, cut.preamble)
    if graph.loaded(document.id, loader.name):
        return False  # the whole read reports it as skipped, with its records
    del source
    load_reference_tables(loader)
    directory = Path(tempfile.mkdtemp(prefix="ranges-", dir=graph.table.path))  # a file's own: none left over
    _CONTEXT = (graph, loader, document, cut, data, directory)
    pool = fork_pool(min(workers, len(cut.ranges)))
    try:
        reads: Iterable[RangeRead] = in_order(pool, _read_range, range(len(cut.ranges)))
        _CONTEXT = None  # the first submit forked the workers: they hold it
        del data
        if cut.fmt is SipriFormat.TRANSFERS:  # checked before anything is merged
            reads = list(reads)
            if graph.table.shared_deal_ids([r.path for r in reads]):
                return False
        _merge(graph, loader, document, cut, reads, report, shown(path))
        return True  # a classic export's ranges merged as they come, while the workers parse the next
    except BrokenProcessPool as exc:  # a worker died (out of memory, killed): fail the document, never wait forever
        raise LoaderFailure(LoadError(file=path.name, reason=f"a worker reading the file in ranges died ({exc})"
                                      " - out of memory? Try fewer --workers")) from None
    finally:
        _CONTEXT = None
        close_pool(pool)
        shutil.rmtree(directory, ignore_errors=True)


def _merge(graph: BulkGraph, loader: SipriLoader, document: Document, cut: Plan, reads: Iterable[RangeRead],
           report: LoadReport, file: str) -> None:
    """The ranges' reads into ``graph`` in file order, reconciled (see the module docstring), the document's row
    added to ``report`` first."""
    row = DocumentReport(file=file, loader=loader.name, document_id=document.id)
    report.documents.append(row)
    graph.begin(document, loader.name)
    first = loader.new_batch(document)
    for error in cut.preamble_errors:
        first.warn(error.line, error.field, f"{error.reason} (the Document has no vintage)")
    account(report, row, first.errors)
    table = graph.table
    table.start_file()
    edition = edition_of(document)
    written: set[Any] = set()
    named: set[str] = set()
    counts: list[tuple[dict[str, Any], dict[str, list[int]]]] = []
    taken = 0  # records and unreadable rows: none is a file without records, as a whole read fails it
    for read in reads:
        table.take_part(read.path, lambda identity, here, before: _rekeyed(identity, here, before, edition),
                        _merged)
        shutil.rmtree(read.path)
        for rows, actors, errors, records in read.batches:
            taken += records + len(errors)
            first_named = loader.new_batch(document)  # the actors this range named first in the file
            first_named.nodes = [record for name, record in actors if name not in named]
            named.update(name for name, _ in actors)
            actor_nodes = graph.write(first_named)[0] if first_named.nodes else 0
            nodes, relations = graph.apply(rows, written)
            account(report, row, [*errors, *rows.dropped], records, actor_nodes + nodes + rows.reports + relations)
        counts.append((read.actors, read.unknown_descriptions))
    if not taken:
        raise no_records(cut.name, cut.header_line)
    last = file_reports(loader, document, cut.fmt, counts)
    account(report, row, last.errors)
    _first_seen_once(report, row)
    graph.commit(document.id, loader.name)
    row.committed = True


def _first_seen_once(report: LoadReport, row: DocumentReport) -> None:
    """A warning a file gives at the first record of a value (:data:`FIRST_SEEN_WARNINGS`), given again by a later
    range: dropped."""
    seen: set[tuple[str | None, str]] = set()
    again: set[int] = set()
    for error in row.problems:
        if error.severity == "warning" and error.field in FIRST_SEEN_WARNINGS:
            key = (error.field, error.reason)
            if key in seen:
                again.add(id(error))
            seen.add(key)
    if again:
        row.problems = [e for e in row.problems if id(e) not in again]
        report.errors = [e for e in report.errors if id(e) not in again]
        row.warnings -= len(again)


def _rekeyed(identity: str, here: int, before: int, edition: str) -> list[tuple[str, str, str]]:
    """(old id, new id, new key) of a range's Reports of a classic identity that earlier ranges read ``before``
    times: the n-th of the range becomes the (before + n)-th of the file, the last first (no new id is taken)."""
    out = []
    for n in range(here, 0, -1):
        old, new = classic_key(identity, n, edition), classic_key(identity, before + n, edition)
        out.append((Report.id_of(key=old), Report.id_of(key=new), new))
    return out


def _merged(held: tuple[str, dict[str, Any], dict[str, dict[str, Any]]],
            new: tuple[str, dict[str, Any], dict[str, dict[str, Any]]],
            ) -> tuple[str, dict[str, Any], dict[str, dict[str, Any]]]:
    """A Report another file put already, merged with a range's (its properties updated, the range's document's
    provenance edge added: a document is read once, so its edge is new)."""
    node_id, props, sourced = held
    props.update(new[1])
    sourced.update(new[2])
    return node_id, props, sourced
