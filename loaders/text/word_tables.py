"""The ``word,kind`` data files (``data/syntax_words.csv``, ``data/turn_supply.csv``): words by kind, one reader."""

from __future__ import annotations

from importlib import resources

from armsgraph.loaders.io import csv_rows


def words_by_kind(name: str, kinds: tuple[str, ...] | None = None) -> dict[str, frozenset[str]]:
    """``data/NAME`` as {kind: lower-case words}; with ``kinds``, a row of another kind fails with its line (a typo
    in a data file is an error, not a word the rules never read), and every kind given is present."""
    text = resources.files("armsgraph.loaders.text").joinpath("data", name).read_text(encoding="utf-8")
    found: dict[str, set[str]] = {kind: set() for kind in kinds or ()}
    for row in csv_rows(text).rows:
        word, kind = row.values["word"].strip().lower(), row.values["kind"].strip()
        if kinds is not None and kind not in found:
            raise ValueError(f"data/{name}:{row.line}: unknown kind {kind!r}")
        found.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in found.items()}
