"""The loader interface and the registry of loaders: a file in, validated Batches out.

A loader yields one :class:`~armsgraph.schema.batch.Batch` per document (or several consecutive
batches of one large document). The graph layer writes each document atomically. Loaders are
listed by import path so that picking one for a CSV never imports spaCy; ``pick`` asks each
candidate's ``sniff`` how sure it is about a file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import ClassVar, NamedTuple

from armsgraph.loaders.io import check_readable
from armsgraph.loaders.io import read_head as _read_head
from armsgraph.loaders.resolve import Resolver
from armsgraph.schema import Document
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError, UserError


class Loader(ABC):
    """A source format. Subclasses set ``name``/``version`` and implement ``sniff`` and ``read``."""

    name: ClassVar[str]
    version: ClassVar[str]
    description: ClassVar[str] = ""

    @classmethod
    @abstractmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        """Confidence in [0, 1] that this loader reads ``path`` (``head`` = its first 64 KiB)."""

    @abstractmethod
    def read(self, path: Path) -> Iterator[Batch]:
        """Yield one batch per document in ``path``; raise :class:`LoaderFailure` for an unreadable file."""

    def new_batch(self, document: Document) -> Batch:
        return Batch(document=document, loader=self.name, loader_version=self.version)


class ResolvingLoader(Loader):
    """A loader that names countries and actors through a resolver: the one given (a whole load shares one,
    so its review list covers every file), else the standard one without user judgements."""

    def __init__(self, resolver: Resolver | None = None) -> None:
        self._resolver = resolver

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver.standard()
        return self._resolver


# -- the registry --------------------------------------------------------------------------------

class Registration(NamedTuple):
    """Where a loader lives, and what ``pick`` may know of it without importing it."""

    target: str
    """``module:Class``; imported only when the loader is named or may win the pick."""
    suffixes: tuple[str, ...] | None
    """File suffixes it can read at all (``pick`` does not import or ask it about others); None: any file."""
    most: float
    """The highest score its ``sniff`` gives: ``pick`` does not import (or ask) a loader that cannot beat the best
    score so far (a tie does not win). A SIPRI export's 0.95 thus skips the table loaders, whose sniff loads their
    mappings (0.06 s of a load's start). ``tests/loaders/test_pick.py`` checks each bound against every shared file."""


_TEXT = (".txt", ".md", ".markdown")

LOADERS: dict[str, Registration] = {
    "curated": Registration("armsgraph.loaders.curated.loader:CuratedLoader", (".jsonl", ".ndjson"), 0.9),
    "document": Registration("armsgraph.loaders.documents.loader:DocumentLoader", _TEXT, 0.5),
    "sipri": Registration("armsgraph.loaders.sipri.loader:SipriLoader", None, 1.0),
    "treaty-table": Registration("armsgraph.loaders.tables.treaties:TreatyTableLoader", (".csv",), 0.9),
    "regime-table": Registration("armsgraph.loaders.tables.regimes:RegimeTableLoader", (".csv", ".json"), 0.9),
    "aid-table": Registration("armsgraph.loaders.tables.aid:AidTableLoader", (".csv",), 0.9),
    "text": Registration("armsgraph.loaders.text.loader:TextLoader", _TEXT, 0.8),
    "protect-ukraine-now": Registration("armsgraph.loaders.trackers.pun:ProtectUkraineNowLoader", (".json", ".csv"),
                                        0.9),
}
"""Every loader, by name: the one table ``get``, ``pick`` and ``armsgraph loaders`` read."""


def get(name: str) -> type[Loader]:
    if name not in LOADERS:
        raise UserError(f"unknown loader {name!r} (known: {', '.join(sorted(LOADERS))})")
    module, _, attr = LOADERS[name].target.partition(":")
    cls: type[Loader] = getattr(import_module(module), attr)
    return cls


def read_head(path: Path) -> bytes:
    """The first 64 KiB a loader's ``sniff`` looks at; only of a regular file (a FIFO would block)."""
    return _read_head(path, 65536)


def make(cls: type[Loader], resolver: Resolver | None = None) -> Loader:
    """An instance of a loader class; one that resolves names gets ``resolver``."""
    return cls(resolver) if issubclass(cls, ResolvingLoader) else cls()


def pick(path: Path, name: str | None = None, resolver: Resolver | None = None) -> Loader:
    """The named loader, or the one most confident about ``path``; LoaderFailure when none fits, or when ``path``
    is no regular file of a readable size (checked first: a named loader must not block on a FIFO either)."""
    check_readable(path)
    if name:
        return make(get(name), resolver)
    head = read_head(path)
    best: tuple[float, str] | None = None
    suffix = path.suffix.lower()
    for candidate, registered in LOADERS.items():
        if registered.suffixes is not None and suffix not in registered.suffixes:
            continue  # cheap: never import spaCy to look at a CSV
        if best is not None and registered.most <= best[0]:
            continue  # it cannot win: not imported, not asked
        score = get(candidate).sniff(path, head)
        if score > 0 and (best is None or score > best[0]):
            best = (score, candidate)
    if best is None:
        raise LoaderFailure(LoadError(file=path.name, reason="no loader recognises this file; name one with --loader"))
    return make(get(best[1]), resolver)
