"""Which loaders exist and which one reads a given file.

Loaders are listed by import path so that importing the registry stays cheap (the text loader
pulls in spaCy); ``pick`` asks each loader's ``sniff`` how sure it is about a file.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from armsgraph.loaders.base import Loader, LoaderFailure, LoadError

LOADERS: dict[str, str] = {
    "curated": "armsgraph.loaders.curated:CuratedLoader",
    "document": "armsgraph.loaders.document:DocumentLoader",
    "sipri": "armsgraph.loaders.sipri:SipriLoader",
    "treaty-table": "armsgraph.loaders.treaties:TreatyTableLoader",
    "regime-table": "armsgraph.loaders.regimes:RegimeTableLoader",
    "text": "armsgraph.loaders.text.loader:TextLoader",
}

SUFFIXES: dict[str, tuple[str, ...]] = {
    "curated": (".jsonl", ".ndjson"),
    "document": (".txt", ".md", ".markdown"),
    "text": (".txt", ".md", ".markdown"),
    "treaty-table": (".csv",),
    "regime-table": (".csv", ".json"),
}
"""File suffixes a loader can read at all: ``pick`` does not import (or ask) the others.
A loader missing here is asked about every file."""


def get(name: str) -> type[Loader]:
    if name not in LOADERS:
        raise KeyError(f"unknown loader {name!r} (known: {', '.join(sorted(LOADERS))})")
    module, _, attr = LOADERS[name].partition(":")
    cls: type[Loader] = getattr(import_module(module), attr)
    return cls


def read_head(path: Path) -> bytes:
    """The first 64 KiB a loader's ``sniff`` looks at."""
    try:
        with path.open("rb") as fh:
            return fh.read(65536)
    except OSError as exc:
        raise LoaderFailure(LoadError(file=path.name, reason=f"cannot read: {exc.strerror}")) from exc


def pick(path: Path, name: str | None = None) -> Loader:
    """The named loader, or the one most confident about ``path``; LoaderFailure when none fits."""
    if name:
        return get(name)()
    head = read_head(path)
    best: tuple[float, str] | None = None
    suffix = path.suffix.lower()
    for candidate in LOADERS:
        if candidate in SUFFIXES and suffix not in SUFFIXES[candidate]:
            continue  # cheap: never import spaCy to look at a CSV
        score = get(candidate).sniff(path, head)
        if score > 0 and (best is None or score > best[0]):
            best = (score, candidate)
    if best is None:
        raise LoaderFailure(LoadError(file=path.name, reason="no loader recognises this file; name one with --loader"))
    return get(best[1])()
