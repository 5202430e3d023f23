"""Loading files into a store: pick a loader, skip what is already loaded, write each document atomically.

Per document and loader: if it was loaded before (same content hash) it is skipped unless
``force``; if a previous run died half-way (the Document still lists the loader under
``loading``), that run's partial writes are rolled back first. A document whose write fails is
rolled back and reported; the other documents still load.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from armsgraph.loaders.base import Batch, Loader, LoaderFailure, LoadError
from armsgraph.loaders.registry import pick
from armsgraph.schema import Document

if TYPE_CHECKING:
    from armsgraph.graph.store import Store
    from armsgraph.graph.writer import Writer

SKIP_FILES = (".meta.json",)
SKIP_NAMES = ("SOURCE.md", "README.md", "LICENSE", "LICENSE.md")

Progress = Callable[[str, int, int], None]
"""progress(file name, records written so far, records in this document)."""


@dataclass
class DocumentReport:
    file: str
    loader: str
    document_id: str | None = None
    read: int = 0
    loaded: int = 0
    skipped: bool = False
    errors: int = 0
    note: str = ""


@dataclass
class LoadReport:
    documents: list[DocumentReport] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def expand(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Files to load, each with whether it was named explicitly (else found under a directory)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(SKIP_FILES) or child.name in SKIP_NAMES or child.name.startswith("."):
                    continue
                yield child, False
        else:
            yield path, True


def recognises(loader: Loader, path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return type(loader).sniff(path, head) > 0


def _file_document_id(path: Path) -> str | None:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return Document(sha256=digest, kind="file").id


def load_paths(
    store: Store,
    paths: Iterable[Path],
    loader_name: str | None = None,
    force: bool = False,
    batch_size: int | None = None,
    progress: Progress | None = None,
) -> LoadReport:
    """Load every file under ``paths``; never raises for bad input, reports it instead."""
    from armsgraph.graph.writer import DEFAULT_BATCH_SIZE, Writer

    writer = Writer(store, batch_size or DEFAULT_BATCH_SIZE)
    report = LoadReport()
    for path, explicit in expand(paths):
        try:
            loader = pick(path, loader_name)
            if not explicit and not recognises(loader, path):
                raise LoaderFailure(LoadError(file=path.name, reason="not a file this loader reads"))
        except LoaderFailure as exc:
            if not explicit:  # a directory may hold files of other kinds: note them, not an error
                report.documents.append(DocumentReport(file=path.name, loader=loader_name or "-", skipped=True,
                                                       note=exc.error.reason))
                continue
            report.errors.append(exc.error)
            report.documents.append(DocumentReport(file=path.name, loader=loader_name or "?", errors=1,
                                                   note=exc.error.reason))
            continue
        except KeyError as exc:
            error = LoadError(file=path.name, reason=str(exc.args[0] if exc.args else exc))
            report.errors.append(error)
            report.documents.append(DocumentReport(file=path.name, loader=loader_name or "?", errors=1,
                                                   note=error.reason))
            continue
        # Cheap skip before parsing: one file is one document for every loader we have.
        file_doc = _file_document_id(path)
        if not force and file_doc is not None and loader.name in writer.state(file_doc)[0]:
            report.documents.append(DocumentReport(file=path.name, loader=loader.name, document_id=file_doc,
                                                   skipped=True, note="already loaded (same content hash)"))
            continue
        try:
            for batch in loader.read(path):
                report.documents.append(_load_batch(writer, batch, path, force, report, progress))
        except LoaderFailure as exc:
            report.errors.append(exc.error)
            report.documents.append(DocumentReport(file=path.name, loader=loader.name, errors=1,
                                                   note=exc.error.reason))
    return report


def _load_batch(writer: Writer, batch: Batch, path: Path, force: bool, report: LoadReport,
                progress: Progress | None) -> DocumentReport:
    doc = batch.document
    row = DocumentReport(file=path.name, loader=batch.loader, document_id=doc.id, read=batch.records_read)
    loaded_by, loading = writer.state(doc.id)
    if batch.loader in loaded_by and not force:
        row.skipped = True
        row.note = "already loaded (same content hash)"
        return row
    if batch.loader in loading or (force and batch.loader in loaded_by):
        writer.rollback(doc.id, batch.loader)
    writer.store.ensure_schema()  # DDL before, never inside, the document's transaction
    try:
        with writer.store.transaction():
            writer.begin(doc, batch.loader)
            stats = writer.write(batch, progress=progress)
            writer.commit(doc, batch.loader)
    except Exception as exc:
        writer.rollback(doc.id, batch.loader)
        error = LoadError(file=path.name, reason=f"document not loaded, nothing written: {str(exc).splitlines()[0]}")
        report.errors.append(error)
        row.errors = 1
        row.note = error.reason
        return row
    errors = [*batch.errors, *stats.dropped]
    report.errors.extend(errors)
    row.errors = len(errors)
    row.loaded = stats.nodes + stats.relations
    return row
