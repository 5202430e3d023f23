"""The document page: its text with every extracted fact highlighted in place, and what it added to the graph.

The graph keeps a Document's file name and content hash, not its text: the text is read from the folders
``armsgraph serve --docs DIR`` names, and a file is used only when its SHA-256 is the Document's (an edited file
is not passed off as the loaded one). The facts are the text loader's own extraction of that file (what
``armsgraph extract`` prints), so the page shows exactly the spans and rules the load used.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.catalogue.names import Names
from armsgraph.graph.store import Store
from armsgraph.graph.web.pages import DOCUMENT_FILES, colour, id_label, node_props
from armsgraph.loaders.documents.loader import TEXT_SUFFIXES
from armsgraph.loaders.io import read_text
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.loader import TextLoader

MAX_SEARCHED_FILES = 20_000
"""Files looked at per folder when finding a document's text by name (a folder is searched recursively)."""


@dataclass(frozen=True)
class Fact:
    """One highlighted fact: its label (the colour), a caption, the rule that read it (the hover text)."""

    id: int
    kind: str
    start: int
    end: int
    title: str
    colour: str
    link: str | None = None


@dataclass
class Segment:
    """A run of text with the facts that cover it, outermost (longest) first."""

    text: str
    facts: list[Fact] = field(default_factory=list)


@dataclass
class DocumentPage:
    id: str
    props: dict[str, Any]
    text_note: str
    segments: list[Segment]
    facts: list[Fact]
    added: list[dict[str, Any]]
    truncated: bool
    file: str | None = None


def find_file(folders: list[Path], name: str, sha256: str) -> Path | None:
    """The file called ``name`` in one of ``folders`` (searched recursively) whose content hash is ``sha256``."""
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        return None
    for folder in folders:
        for count, path in enumerate(folder.rglob(name)):
            if count >= MAX_SEARCHED_FILES:
                break
            try:
                if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
                    return path
            except OSError:
                continue
    return None


def facts_of(x: Extraction) -> list[Fact]:
    """Every fact of an extraction with a place in the text: mentions, positions, transfers and claims."""
    facts: list[Fact] = []

    def add(kind: str, start: int, end: int, title: str, link: str | None = None) -> None:
        if end > start:
            facts.append(Fact(len(facts), kind, start, end, title, colour(kind), link))

    names = {e.id: e.name for e in x.entities}
    for e in x.entities:
        for m in e.mentions:
            add(e.type, m.start, m.end, f"{e.type} {e.name} ({e.id}) · rule {m.rule}", e.id)
    for p in x.positions:
        add("Position", p.evidence.start, p.evidence.end,
            f"Position: {names.get(p.person, p.person)}, {p.title} of {names.get(p.of, p.of)} · rule {p.rule}")
    for t in x.transfers:
        add("Transfer", t.evidence.start, t.evidence.end,
            f"Transfer: {names.get(t.supplier, t.supplier)} → {names.get(t.recipient, t.recipient)} · "
            f"{names.get(t.weapon, t.weapon)} · {t.status}{' · ' + t.date if t.date else ''} · rule {t.rule}")
    for c in x.claims:
        add("Claim", c.evidence.start, c.evidence.end,
            f"Claim by {names.get(c.speaker, c.speaker)} ({'quote' if c.quote else 'paraphrase'}) · rule {c.rule}",
            c.speaker)
    return facts


def segments(text: str, facts: list[Fact]) -> list[Segment]:
    """The text cut at every fact's start and end: each piece lists the facts covering it, longest first, so
    nested and overlapping highlights render as properly nested elements."""
    bounds = sorted({0, len(text), *(f.start for f in facts), *(f.end for f in facts)})
    out: list[Segment] = []
    for start, end in pairwise(bounds):
        if start >= len(text):
            break
        covering = [f for f in facts if f.start <= start and end <= f.end]
        covering.sort(key=lambda f: (-(f.end - f.start), f.id))
        if out and [f.id for f in out[-1].facts] == [f.id for f in covering]:
            out[-1].text += text[start:end]
        else:
            out.append(Segment(text[start:end], covering))
    return out


_LINES = re.compile(r"^L(\d+)(?:-(\d+))?$")
ROWS_SHOWN = 5
FACTS_SHOWN = 100
"""Rows of ``document-facts`` shown on a document page (its ``limit``: each part of the query stops there): a register
adds ~100,000, and the default 500 cost a SIPRI document's page 300 ms; ``armsgraph query run`` gives more."""
"""Source rows quoted per document on an entity page (a SIPRI deal is one row; a country is in thousands)."""
LINES_KEPT = 200_000_000
"""Characters of source files kept in memory as lines (the tables a page quotes rows of: a generated register
of a million deals is about 120 million), the least recently used file dropped first."""
MISSING_SECONDS = 30.0
"""How long "no such file in the folders" is believed before the folders are searched again."""

class SourceFiles:
    """The files documents were loaded from, found in the ``--docs`` folders and kept between requests: finding
    one hashes every file of that name, and a register of a million rows takes a second to read and decode, once
    rather than on every page that quotes one of its rows. A kept path is used while its size and modification
    time are those it was hashed with; a kept file's lines while its content hash is the same."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._found: dict[tuple[str, str], tuple[Path | None, tuple[int, int] | float]] = {}
        self._lines: OrderedDict[str, list[str]] = OrderedDict()
        self._sizes: dict[str, int] = {}

    def find(self, name: str, sha256: str) -> Path | None:
        """The file called ``name`` whose content hash is ``sha256`` (as :func:`find_file`)."""
        key = (name, sha256)
        if key in self._found:
            path, seen = self._found[key]
            if path is None and isinstance(seen, float) and time.monotonic() - seen < MISSING_SECONDS:
                return None
            if path is not None and seen == _stamp(path):
                return path
        path = find_file(self.folders, name, sha256)
        self._found[key] = (path, _stamp(path) if path is not None else time.monotonic())
        return path

    def lines(self, path: Path, sha256: str) -> list[str]:
        if sha256 in self._lines:
            self._lines.move_to_end(sha256)
            return self._lines[sha256]
        text = read_text(path).text
        lines = text.splitlines()
        self._lines[sha256] = lines
        self._sizes[sha256] = len(text)
        while len(self._lines) > 1 and sum(self._sizes.values()) > LINES_KEPT:
            self._sizes.pop(self._lines.popitem(last=False)[0])
        return lines


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


def source_rows(store: Store, files: SourceFiles, places: dict[str, list[str]]) -> dict[str, list[tuple[str, str]]]:
    """Per document id, the lines a node was read from in a table (locators ``L12``, ``L12-13``) as (locator,
    text), when the file is in the ``--docs`` folders with the Document's content; the SIPRI files are read where
    they are, never copied. One statement for all the documents."""
    spans = {doc: [(loc, int(m[1]), int(m[2] or m[1])) for loc in locators if (m := _LINES.match(loc))][:ROWS_SHOWN]
             for doc, locators in places.items()}
    spans = {doc: found for doc, found in spans.items() if found}
    if not spans or not files.folders:
        return {}
    out: dict[str, list[tuple[str, str]]] = {}
    for row in store.run(DOCUMENT_FILES, {"ids": sorted(spans)}).records():
        sha256 = str(row["sha256"] or "")
        path = files.find(str(row["path"] or ""), sha256)
        if path is None:
            continue
        lines = files.lines(path, sha256)
        out[str(row["id"])] = [(loc, "\n".join(lines[first - 1:min(last, first + 4)]))
                               for loc, first, last in spans[str(row["id"])] if 0 < first <= len(lines)]
    return out


class Extractions:
    """The text loader's extraction of a file, kept for the last few documents (same content, same answer)."""

    def __init__(self, size: int = 16) -> None:
        self._loader = TextLoader()
        self._cache: OrderedDict[str, tuple[Extraction, str]] = OrderedDict()
        self._size = size

    def get(self, path: Path, sha256: str) -> tuple[Extraction, str]:
        if sha256 in self._cache:
            self._cache.move_to_end(sha256)
            return self._cache[sha256]
        result = self._loader.extract(path)
        self._cache[sha256] = result
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return result


def document(store: Store, names: Names, doc_id: str, files: SourceFiles,
             extractions: Extractions) -> DocumentPage | None:
    if id_label(doc_id) != "Document":
        return None
    rows = store.run(node_props("Document"), {"id": doc_id}).records()
    if not rows:
        return None
    props = dict(rows[0]["props"] or {})
    result = get_query("document-facts").run(store, {"document": doc_id, "limit": str(FACTS_SHOWN)}, names)
    page = DocumentPage(doc_id, props, "", [], [], result.records(), result.truncated)
    name, sha256 = str(props.get("path") or ""), str(props.get("sha256") or "")
    if Path(name).suffix.lower() not in TEXT_SUFFIXES:
        page.text_note = "not a text document: its rows are listed below, with their line numbers"
        return page
    if not files.folders:
        page.text_note = "the text is not shown: start the server with --docs DIR (the folder the document was " \
                         "loaded from)"
        return page
    path = files.find(name, sha256)
    if path is None:
        page.text_note = (f"no file {name!r} with this document's content (SHA-256 {sha256[:12]}…) in "
                          f"{', '.join(str(f) for f in files.folders)}")
        return page
    extraction, text = extractions.get(path, sha256)
    page.facts = facts_of(extraction)
    page.segments = segments(text, page.facts)
    page.file = str(path)
    return page
