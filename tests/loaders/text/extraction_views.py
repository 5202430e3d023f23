"""Small views of an extraction that the text tests compare as sets (one home instead of a copy per test file)."""

from __future__ import annotations

from collections.abc import Mapping

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.extraction import Extraction


def positions(x: Extraction) -> set[tuple[str, str, str]]:
    """(person, title, of) of every position the text gives."""
    return {(p.person, p.title, p.of) for p in x.positions}


def persons(x: Extraction) -> set[str]:
    """The ids of the Person entities."""
    return {e.id for e in x.entities if e.type == "Person"}


def claims(x: Extraction) -> set[tuple[str, str]]:
    """(speaker, text) of every claim."""
    return {(c.speaker, c.text) for c in x.claims}


def said(text: str, meta: Mapping[str, str]) -> set[tuple[str, str]]:
    """(speaker, text) of every claim extracted from ``text`` with ``meta``."""
    return claims(extract_text(text, dict(meta)))
