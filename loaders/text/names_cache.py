"""The gazetteer's countries and organisations from the shared resolver, kept on disk between runs (``cache.py``).

Why: ``gazetteer._shared_names`` links each of ~4,000 names of the resolver's alias tables with the resolver and
keeps those it resolves: ~0.05 s of each ``armsgraph extract``, and it made every start read the resolver's tables,
which a third of the documents never consult (only a possibly misspelled state or a title's country does). The
result is a list of tuples of strings, so it is stored as such, under a key that hashes everything it is built from: the
alias tables and judgements the resolver reads (the package's and ``$ARMSGRAPH_JUDGEMENTS``), the stoplist and
blocked names given, the code of the gazetteer, the resolver and the schema (ids), and the versions of pycountry
and rapidfuzz. A missing, damaged or foreign file is rebuilt and rewritten; an unwritable directory only costs the
rebuild.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from armsgraph import schema
from armsgraph.loaders import private, resolve
from armsgraph.loaders.resolve import ResolverConfig
from armsgraph.loaders.text import cache

Entry = tuple[str, str, str | None, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""(entity id, name, kind, country, names, demonyms, capitals) of one country or organisation."""

PACKAGES = ("pycountry", "rapidfuzz")
"""Libraries the resolver's answers depend on (pycountry's countries, rapidfuzz's scores): their versions are in
the key."""


def _code() -> list[Path]:
    """The resolver's and the schema's modules, and the private-file reader the judgements go through."""
    return [*sorted(Path(resolve.__file__).parent.glob("*.py")), *sorted(Path(schema.__file__).parent.glob("*.py")),
            Path(private.__file__)]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def key(stoplist: Sequence[str], blocked: Sequence[str], code: Sequence[Path]) -> str:
    """Hash of what the names are built from (see the module's docstring)."""
    config = ResolverConfig()
    parts = [json.dumps([sorted(set(stoplist)), sorted(set(blocked))], ensure_ascii=False).encode()]
    for path in sorted(p for p in config.aliases.iterdir() if p.is_file()):
        parts += [path.name.encode(), path.read_bytes()]
    for path in config.judgement_files():
        parts += [str(path).encode(), path.read_bytes()]
    parts += [path.read_bytes() for path in (*code, *_code())]
    parts.append(" ".join(f"{p} {_version(p)}" for p in PACKAGES).encode())
    return cache.key_of(parts)


def _checked(value: object) -> list[Entry] | None:
    """The entries read back, if they have the shape :data:`Entry` says."""
    if not isinstance(value, list):
        return None
    for entry in value:
        if not (isinstance(entry, tuple) and len(entry) == 7 and isinstance(entry[0], str)
                and isinstance(entry[1], str) and all(x is None or isinstance(x, str) for x in entry[2:4])
                and all(isinstance(t, tuple) and all(isinstance(x, str) for x in t) for t in entry[4:])):
            return None
    return value


def resolver_names(build: Callable[[], list[Entry]], stoplist: Sequence[str], blocked: Sequence[str],
                   code: Sequence[Path], directory: Path | None = None) -> list[Entry]:
    """``build()``'s entries, read from the cache when they were built from the same inputs, else built and
    written. A file that cannot be hashed (an alias table unreadable) is no cache: the entries are built."""
    try:
        found_key = key(stoplist, blocked, code)
    except OSError:
        return build()
    return cache.read_or_build("resolver-names", found_key, build, _checked, directory)
