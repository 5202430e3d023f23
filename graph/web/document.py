"""The document page: its text with every extracted fact highlighted in place, and what it added to the graph.

The graph keeps a Document's file name and content hash, not its text: the text is read from the folders
``armsgraph serve --docs DIR`` names, and a file is used only when its SHA-256 is the Document's (an edited file
is not passed off as the loaded one). The facts are the text loader's own extraction of that file (what
``armsgraph extract`` prints), so the page shows exactly the spans and rules the load used.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.catalogue.names import Names
from armsgraph.graph.store import Store
from armsgraph.graph.web.pages import colour, id_label, node_props
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
"""Source rows quoted per document on an entity page (a SIPRI deal is one row; a country is in thousands)."""


def source_rows(store: Store, folders: list[Path], doc_id: str, locators: list[str]) -> list[tuple[str, str]]:
    """The lines a node was read from in a table (``L12``, ``L12-13``): (locator, text), when the file is in one
    of ``folders`` with the Document's content; the SIPRI files are read where they are, never copied."""
    wanted = [(loc, _LINES.match(loc)) for loc in locators]
    spans = [(loc, int(m[1]), int(m[2] or m[1])) for loc, m in wanted if m][:ROWS_SHOWN]
    if not spans or not folders:
        return []
    rows = store.run(node_props("Document"), {"id": doc_id}).records()
    if not rows:
        return []
    props = dict(rows[0]["props"] or {})
    path = find_file(folders, str(props.get("path") or ""), str(props.get("sha256") or ""))
    if path is None:
        return []
    lines = read_text(path).text.splitlines()
    return [(loc, "\n".join(lines[first - 1:min(last, first + 4)])) for loc, first, last in spans
            if 0 < first <= len(lines)]


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


def document(store: Store, names: Names, doc_id: str, folders: list[Path],
             extractions: Extractions) -> DocumentPage | None:
    if id_label(doc_id) != "Document":
        return None
    rows = store.run(node_props("Document"), {"id": doc_id}).records()
    if not rows:
        return None
    props = dict(rows[0]["props"] or {})
    result = get_query("document-facts").run(store, {"document": doc_id}, names)
    page = DocumentPage(doc_id, props, "", [], [], result.records(), result.truncated)
    name, sha256 = str(props.get("path") or ""), str(props.get("sha256") or "")
    if Path(name).suffix.lower() not in TEXT_SUFFIXES:
        page.text_note = "not a text document: its rows are listed below, with their line numbers"
        return page
    if not folders:
        page.text_note = "the text is not shown: start the server with --docs DIR (the folder the document was " \
                         "loaded from)"
        return page
    path = find_file(folders, name, sha256)
    if path is None:
        page.text_note = (f"no file {name!r} with this document's content (SHA-256 {sha256[:12]}…) in "
                          f"{', '.join(str(f) for f in folders)}")
        return page
    extraction, text = extractions.get(path, sha256)
    page.facts = facts_of(extraction)
    page.segments = segments(text, page.facts)
    page.file = str(path)
    return page
