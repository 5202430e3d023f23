"""Loading files into a store: pick a loader, skip what is already loaded, write each document atomically.

Per document and loader: if it was loaded before (same content hash) it is skipped unless
``force``. Every document is written under the store's writer lock (:mod:`armsgraph.graph.store.lock`),
so loads in parallel take turns per document. A load first rolls back every document a previous run
left ``loading`` (its writer died, or its rollback failed): holding the lock, no live writer can own
it. A document whose write fails is rolled back and reported; the other documents still load. If the
rollback fails too (the store went away), the row still says the document failed: its partial writes
stay marked pending (hidden from the catalogue) until the next load rolls them back.

Errors: bad input and an unreachable store (:class:`ArmsgraphError`, a record's ``ValidationError``)
are reported as load errors. Anything else is a bug: the document is still rolled back and reported,
but the error is logged with its traceback, marked ``internal error`` and counted in
``LoadReport.internal_errors`` (the CLI exits 3), never dressed as bad input.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from armsgraph.graph.deals import Deals
from armsgraph.graph.store import Store
from armsgraph.graph.store.lock import Note, WriterLock
from armsgraph.graph.writer import DEFAULT_BATCH_SIZE, Writer
from armsgraph.loaders.base import Loader, get, pick, read_head
from armsgraph.loaders.resolve import Resolver
from armsgraph.schema import Document
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import ArmsgraphError, LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of

SKIP_FILES = (".meta.json", "SOURCE.md", "README.md", "README.markdown")
"""Sidecars and notes about a folder's files are not documents to load from it."""
SKIP_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt")

Progress = Callable[[str, int, int], None]
"""progress(file name, records written so far, records in this document)."""
FilesProgress = Callable[[int, int, str], None]
"""files_progress(files done, files in the whole load, the file starting now or "" at the end)."""


def _stderr_note(message: str) -> None:
    print(f"armsgraph: {message}", file=sys.stderr, flush=True)

EXPECTED = (ArmsgraphError, ValidationError)
"""Failures of the input or the store, reported as load errors; any other exception is a bug."""

log = logging.getLogger(__name__)


def _describe(exc: BaseException) -> str:
    """``Type: message`` on one line, shortened: for the load report, not for debugging (that is the log)."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"


def _internal(report: LoadReport, path: Path, exc: BaseException) -> str:
    """Log a bug met while loading ``path`` with its traceback; count it; return the reason to report."""
    reason = f"internal error: {_describe(exc)}"
    log.error("internal error: loading %s: %s", path, _describe(exc), exc_info=exc)
    report.internal_errors.append(f"{shown(path)}: {reason}")
    return reason


@dataclass
class DocumentReport:
    """One row of the load summary: a document (or a file that could not be read)."""

    file: str
    """The path as given, relative to the current directory where it can be (two ``countries.json`` differ)."""
    loader: str
    document_id: str | None = None
    records: int = 0
    """Records the loader read from the file: rows, lines or objects, as the source counts them."""
    facts: int = 0
    """Nodes and relationships written: one per node id and relationship key in each batch (so one SIPRI deal
    makes several: the transfer, its weapon, its edges), 0 when the document was rolled back."""
    skipped: bool = False
    errors: int = 0
    warnings: int = 0
    note: str = ""
    committed: bool = False
    """The document was written and committed (not skipped, not rolled back)."""
    problems: list[LoadError] = field(default_factory=list)
    """The errors and warnings of this document themselves, as the loader reported them (file by base name)."""

    def located(self) -> list[LoadError]:
        """:attr:`problems` naming their file as :attr:`file` does (so two ``countries.json`` differ)."""
        folder = os.path.dirname(self.file)
        return [p if not folder or os.sep in p.file or ":" in p.file or p.file in ("", "-")
                else p.model_copy(update={"file": os.path.join(folder, p.file)}) for p in self.problems]


def account(report: LoadReport, row: DocumentReport, errors: list[LoadError], records: int = 0,
            facts: int = 0) -> None:
    """A batch's errors (into the load's and the document's), records and facts, counted into ``row``."""
    row.records += records
    report.errors.extend(errors)
    row.problems.extend(errors)
    warnings = sum(1 for e in errors if e.severity == "warning")
    row.warnings += warnings
    row.errors += len(errors) - warnings
    row.facts += facts


@dataclass
class LoadReport:
    documents: list[DocumentReport] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    """Documents that failed on a bug (also in ``errors``, marked 'internal error'), already logged."""

    @property
    def failed(self) -> bool:
        """True if any record or document failed; warnings alone do not fail a load."""
        return any(e.severity == "error" for e in self.errors)

    @property
    def warnings(self) -> list[LoadError]:
        return [e for e in self.errors if e.severity == "warning"]


def expand(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Files to load, each with whether it was named explicitly (else found under a directory).

    A directory that cannot be listed is yielded as if named explicitly, so reading it fails and is reported
    (``cannot read the directory: Permission denied``) instead of its files being left out silently. Hidden
    entries are not walked into.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path, True


def _walk(folder: Path) -> list[tuple[Path, bool]]:
    """The loadable files under ``folder`` (not explicit), and every subdirectory it could not list (explicit)."""
    found: list[tuple[Path, bool]] = []
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            child = Path(root, name)
            if name.endswith(SKIP_FILES) or name in SKIP_NAMES or name.startswith(".") or not child.is_file():
                continue
            found.append((child, False))
    found += [(Path(exc.filename), True) for exc in unreadable]
    return sorted(found)


def shown(path: Path) -> str:
    """A path as a person refers to it: relative to the current directory (``data/x.csv``, ``../data/x.csv``),
    absolute when that would climb more than one level (``/tmp/x.csv``, not ``../../../tmp/x.csv``)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path.absolute()) if relative.startswith(f"..{os.sep}..{os.sep}") else relative


def _file_document_id(path: Path) -> str | None:
    try:
        return Document(sha256=sha256_of(path.read_bytes()), kind="file").id
    except OSError:
        return None


def load_paths(
    store: Store,
    paths: Iterable[Path],
    loader_name: str | None = None,
    force: bool = False,
    batch_size: int | None = None,
    progress: Progress | None = None,
    resolver: Resolver | None = None,
    note: Note | None = _stderr_note,
    files_progress: FilesProgress | None = None,
    judgements: Path | None = None,
    resolve_deals: bool = True,
) -> LoadReport:
    """Load every file under ``paths``; never raises for bad input, reports it instead.

    ``resolver`` names the actors of every file (its review list then covers the whole load); by
    default each loader uses the standard resolver. ``note`` gets one-line notices (waiting for
    another load's lock, rolling back a crashed load). ``files_progress`` follows the load across files.
    ``judgements``: the researcher's deal decisions (loaders.deals), replayed whenever a block's deals are
    resolved. ``resolve_deals=False`` writes Reports only (a bench's baseline; ``Deals.resolve_all`` later).
    """
    if loader_name:
        get(loader_name)  # an unknown name is a usage error for the whole call (UserError), not per file
    writer = Writer(store, batch_size or DEFAULT_BATCH_SIZE, Deals(store, judgements) if resolve_deals else None)
    writer.lock = WriterLock(store, note)
    report = LoadReport()
    recover(writer, report, note)
    files = list(expand(paths))  # only paths: counted first, for a progress bar over the whole load
    for done, (path, explicit) in enumerate(files):
        if files_progress is not None:
            files_progress(done, len(files), shown(path))
        try:
            loader = pick(path, loader_name, resolver)
            if not explicit and loader_name and type(loader).sniff(path, read_head(path)) <= 0:
                raise LoaderFailure(LoadError(file=path.name, reason="not a file this loader reads"))
        except LoaderFailure as exc:
            if not explicit:  # a directory may hold files of other kinds: note them, not an error
                report.documents.append(DocumentReport(file=shown(path), loader=loader_name or "-", skipped=True,
                                                       note=exc.error.reason))
                continue
            error = exc.error
            report.errors.append(error)
            report.documents.append(DocumentReport(file=shown(path), loader=loader_name or "?", errors=1,
                                                   note=error.reason, problems=[error]))
            continue
        # Cheap skip before parsing: one file is one document for every loader we have.
        file_doc = _file_document_id(path)
        if not force and file_doc is not None and loader.name in writer.state(file_doc)[0]:
            report.documents.append(DocumentReport(file=shown(path), loader=loader.name, document_id=file_doc,
                                                   skipped=True, note="already loaded (same content hash)"))
            continue
        checkpoint = resolver.review_checkpoint() if resolver is not None else None
        rows = len(report.documents)
        _load_file(writer, loader, path, force, report, progress)
        if checkpoint is not None and resolver is not None and not any(d.committed for d in report.documents[rows:]):
            resolver.review_restore(checkpoint)  # only names of documents in the graph are for review
    if files_progress is not None:
        files_progress(len(files), len(files), "")
    if any(d.committed for d in report.documents):
        try:
            store.compact()
        except EXPECTED as exc:  # everything is loaded; only the next start is slower
            if note is not None:
                note(f"the store's log was not compacted: {_describe(exc)}")
    return report


def recover(writer: Writer, report: LoadReport, note: Note | None = None) -> None:
    """Roll back every document a previous load left ``loading``: under the writer lock no live load owns one.

    A store that fails here is reported as an error of the whole load (row ``-``), not raised: the files
    are still tried, each reporting its own failure.
    """
    try:
        with writer.lock.held():
            writer.store.ensure_schema()
            for document_id, loader in writer.unfinished():
                if note is not None:
                    note(f"rolling back {document_id} ({loader}): a previous load of it did not finish")
                writer.rollback(document_id, loader)
    except EXPECTED as exc:
        error = LoadError(file="-", reason=f"cannot recover unfinished loads: {_describe(exc)}")
        report.errors.append(error)
        report.documents.append(DocumentReport(file="-", loader="-", errors=1, note=error.reason, problems=[error]))


def recover_if_idle(store: Store, note: Note | None = _stderr_note, judgements: Path | None = None) -> int:
    """At a command's start: roll back what a crashed load left ``loading``, unless a live load holds the lock
    (it recovers at its own start). Returns how many documents were rolled back."""
    writer = Writer(store, derived=Deals(store, judgements))
    unfinished = writer.unfinished()
    if not unfinished:
        return 0
    with writer.lock.held_if_free() as free:
        if not free:
            return 0
        for document_id, loader in writer.unfinished():  # again, under the lock: a load may have finished
            if note is not None:
                note(f"rolling back {document_id} ({loader}): a previous load of it did not finish")
            writer.rollback(document_id, loader)
        return len(unfinished)


def _load_file(writer: Writer, loader: Loader, path: Path, force: bool, report: LoadReport,
               progress: Progress | None) -> None:
    """Write the batches of one file; consecutive batches of one document form one atomic load."""
    current: DocumentLoad | None = None
    gc_was_enabled = gc.isenabled()
    gc.disable()  # loaders build many small objects and few cycles: collection passes only cost time
    try:
        for batch in loader.read(path):
            if current is None or current.document_id != batch.document.id:
                if current is not None:
                    report.documents.append(current.finish())
                current = DocumentLoad(writer, batch, path, force, report, progress)
            current.add(batch)
        if current is not None:
            report.documents.append(current.finish())
    except Exception as exc:  # bad input, a store failure or a bug: this file fails, the others still load
        if isinstance(exc, LoaderFailure):
            error = exc.error
        elif isinstance(exc, EXPECTED):
            error = LoadError(file=path.name, reason=_describe(exc))
        else:
            error = LoadError(file=path.name, reason=_internal(report, path, exc))
        report.errors.append(error)
        if current is not None and not current.done:
            current.row.problems.append(error)
            current.abort(error.reason)
            report.documents.append(current.finish())
        else:
            report.documents.append(DocumentReport(file=shown(path), loader=loader.name, errors=1,
                                                   note=error.reason, problems=[error]))
    finally:
        if gc_was_enabled:
            gc.enable()


class DocumentLoad:
    """One document's load: skip if already loaded, undo a crashed attempt, then begin/write/commit.

    A loader may yield a large document as several batches (bounded memory); they are written in
    order inside one transaction (Neo4j) or under one ``loading`` mark (FalkorDB), and any failure
    rolls the whole document back through its provenance.
    """

    def __init__(self, writer: Writer, first: Batch, path: Path, force: bool, report: LoadReport,
                 progress: Progress | None) -> None:
        self.writer, self.path, self.report, self.progress = writer, path, report, progress
        self.document = first.document
        self.document_id = first.document.id
        self.loader = first.loader
        self.row = DocumentReport(file=shown(path), loader=first.loader, document_id=self.document_id)
        self.failed = False
        self.done = False
        self._tx = ExitStack()
        self._lock = ExitStack()
        lock = writer.lock
        with ExitStack() as held:  # released at once if the document is skipped or cannot start
            held.enter_context(lock.held())
            writer.store.ensure_schema()  # DDL before, never inside, the document's transaction
            loaded_by, loading = writer.state(self.document_id)
            self.skipped = self.loader in loaded_by and not force
            if self.skipped:
                self.row.skipped = True
                self.row.note = "already loaded (same content hash)"
                return
            if self.loader in loading or (force and self.loader in loaded_by):
                writer.rollback(self.document_id, self.loader)
            lock.prepare()
            self._lock = held.pop_all()
        try:
            self._tx.enter_context(writer.store.transaction())
            lock.claim()
            writer.begin(self.document, self.loader)
        except Exception as exc:
            self._fail(exc)

    def add(self, batch: Batch) -> None:
        self.row.records += batch.records_read
        if self.skipped or self.failed:
            return
        try:
            stats = self.writer.write(batch, progress=self.progress)
        except Exception as exc:
            self._fail(exc)
            return
        account(self.report, self.row, [*batch.errors, *stats.dropped], facts=stats.nodes + stats.relations)

    def abort(self, reason: str) -> None:
        """The loader gave up part-way through the document (already reported): nothing of it may stay."""
        if not self.skipped and not self.failed:
            self._fail(LoaderFailure(LoadError(file=self.path.name, reason=reason)))

    def finish(self) -> DocumentReport:
        if not self.done and not self.skipped and not self.failed:
            try:
                self.writer.commit(self.document, self.loader)
                self._tx.close()
                self.row.committed = True
            except Exception as exc:
                self._fail(exc)
        self._lock.close()
        self.done = True
        return self.row

    def _fail(self, exc: BaseException) -> None:
        """Roll the document back and report it; a bug (not an EXPECTED failure) is logged as one too.

        Never raises: when the rollback fails as well (the store is gone, its disk is full) the row still
        says the document failed, and its partial writes, marked pending, wait for the next load's recovery.
        """
        self.failed = True
        self.row.errors += 1
        self.row.facts = 0
        if isinstance(exc, EXPECTED):
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        else:  # logged before the rollback, which may fail in turn
            reason = _internal(self.report, self.path, exc)
        with suppress(Exception):
            self._tx.__exit__(type(exc), exc, exc.__traceback__)  # Neo4j: roll the transaction back
        with suppress(Exception):  # a write still in flight (Store.submit) that failed too: the rollback undoes it
            self.writer.store.settle()
        try:
            self.writer.rollback(self.document_id, self.loader)
            message = f"document not loaded, nothing written: {reason}"
        except Exception as undo:  # reported in the row; a bug is logged as well
            if not isinstance(undo, EXPECTED):
                _internal(self.report, self.path, undo)
            message = (f"document not loaded: {reason}; rolling it back failed too ({_describe(undo)}): "
                       "its partial writes stay hidden and the next load rolls them back")
        finally:
            self._lock.close()
        error = LoadError(file=self.path.name, reason=message)
        self.report.errors.append(error)
        self.row.problems.append(error)
        self.row.note = error.reason
