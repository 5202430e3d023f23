"""Deterministic identifiers: the same fact from two loads or two sources gets the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Anatoly Antonov' -> 'anatoly-antonov', 'Türkiye' -> 'turkiye'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-")


def digest(*parts: object, length: int = 16) -> str:
    """Short stable hash of the given parts (None and '' are distinct from each other)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def sha256_of(data: bytes) -> str:
    """A document's content hash: the key of a file Document."""
    return hashlib.sha256(data).hexdigest()
