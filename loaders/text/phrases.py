"""Gazetteer names as entities: token sequences looked up in a table that is built once and cached on disk.

Why: spaCy's EntityRuler turned the ~4,200 phrase patterns into a PhraseMatcher on every start (tokenizing them,
then adding them to the matcher: ~0.4 s of each ``armsgraph extract``). The same matches come from a dict keyed by
token sequence, and the table behind it (each pattern's tokens, label and id) loads from a marshal file in
milliseconds. The entities are the EntityRuler's, span, label and id alike (``tests/loaders/text/test_phrases.py``
compares them on every shared document): every occurrence of every pattern, then the longest first, then the
leftmost, never overlapping; when one phrase has two ids ('Johnson') the EntityRuler's own order decides.

The cache file (``cache.py``) is keyed by a hash of the patterns themselves (so any gazetteer change rebuilds it),
spaCy's version and the source of this module and of the tokenizer's (``pipeline.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from armsgraph.loaders.text import cache

ENT_ID_SEP = "||"
"""The EntityRuler's separator of label and id in a match key (its ``ent_id_sep`` default)."""

Table = dict[tuple[str, ...], list[tuple[str, str]]]
"""Token sequence -> the (label, id) pairs of the patterns that tokenize to it, in pattern order."""


def cache_key(patterns: Sequence[dict[str, Any]], code: Sequence[Path]) -> str:
    """Hash of what the table is built from: the patterns, the code that tokenizes them, spaCy's version."""
    from spacy.about import __version__ as spacy_version

    return cache.key_of([json.dumps(list(patterns), sort_keys=True, ensure_ascii=False).encode(),
                         *(path.read_bytes() for path in code), f"spacy {spacy_version}".encode()])


def build_table(patterns: Sequence[dict[str, Any]], tokenize: Callable[[str], Doc]) -> Table:
    """Tokenize each pattern as the document text is tokenized: its words are the key."""
    table: Table = {}
    for entry in patterns:
        words = tuple(t.text for t in tokenize(entry["pattern"]))
        if not words:
            continue
        pairs = table.setdefault(words, [])
        pair = (str(entry["label"]), str(entry.get("id") or ""))
        if pair not in pairs:
            pairs.append(pair)
    return table


def _checked(value: object) -> Table | None:
    """A table read back, if it has a table's shape."""
    if not isinstance(value, dict):
        return None
    table: Table = {}
    for words, pairs in value.items():
        if not (isinstance(words, tuple) and words and all(isinstance(w, str) for w in words)
                and isinstance(pairs, list) and pairs):
            return None
        if not all(isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs):
            return None
        table[words] = pairs
    return table


def cached_table(patterns: Sequence[dict[str, Any]], tokenize: Callable[[str], Doc], code: Sequence[Path],
                 directory: Path | None = None) -> Table:
    """The table for ``patterns``, read from the cache when it is there and whole, else built and written."""
    return cache.read_or_build("phrases", cache_key(patterns, code), lambda: build_table(patterns, tokenize), _checked,
                               directory)


class PhraseEntities:
    """The pipeline component: sets ``doc.ents`` to the gazetteer names found, as the EntityRuler did."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.lengths: dict[str, tuple[int, ...]] = {}
        """First token -> the lengths of the sequences starting with it, shortest first."""
        for words in table:
            self.lengths[words[0]] = (*self.lengths.get(words[0], ()), len(words))
        self.lengths = {first: tuple(sorted(set(ns))) for first, ns in self.lengths.items()}
        self._keys: dict[tuple[str, str], int] = {}

    def _match_id(self, doc: Doc, label: str, ident: str) -> int:
        """The EntityRuler's match id: the string-store hash of 'LABEL||id' (or 'LABEL' without an id)."""
        found = self._keys.get((label, ident))
        if found is None:
            found = doc.vocab.strings.add(f"{label}{ENT_ID_SEP}{ident}" if ident else label)
            self._keys[(label, ident)] = found
        return found

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every occurrence of every phrase as (match id, start, end), in the PhraseMatcher's order."""
        words = [t.text for t in doc]
        n = len(words)
        found: list[tuple[int, int, int]] = []
        for i, word in enumerate(words):
            for length in self.lengths.get(word, ()):
                if i + length > n:
                    break
                pairs = self.table.get(tuple(words[i : i + length]))
                if pairs:
                    found.extend((self._match_id(doc, label, ident), i, i + length) for label, ident in pairs)
        return found

    def __call__(self, doc: Doc) -> Doc:
        # the EntityRuler's selection, step for step (spacy/pipeline/entityruler.py, match and set_annotations),
        # so that even ties between two ids of one phrase fall the same way
        ordered = sorted(set(self.matches(doc)), key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        labels = {mid: pair for pair, mid in self._keys.items()}
        entities = list(doc.ents)
        new: list[Span] = []
        seen: set[int] = set()
        for match_id, start, end in ordered:
            if start in seen or end - 1 in seen:
                continue
            label, ident = labels[match_id]
            new.append(Span(doc, start, end, label=label, span_id=ident) if ident else
                       Span(doc, start, end, label=label))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            seen.update(range(start, end))
        doc.ents = entities + new
        return doc
