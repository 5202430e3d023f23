"""Deterministic identifiers: the same fact from two loads or two sources gets the same id.

The id rule: ``<prefix>:<natural key>``, the key bounded by :func:`bounded` (at most ``KEY_MAX``
characters: longer keys keep a readable head and a digest of the whole key). Names become keys
through :func:`slug`, which transliterates every script, and :func:`name_key`, which never gives ''.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9]+")

KEY_MAX = 200
"""Longest natural key kept whole, in characters (at most 800 bytes of UTF-8): far below what a store's
unique index takes (FalkorDB's server crashes on an id over 4,096 bytes), whatever a source's names hold."""

KEY_DIGEST = 16
"""Hex digits of the SHA-256 of the whole key that end a bounded key (64 bits)."""


def bounded(key: str, limit: int = KEY_MAX) -> str:
    """``key`` if it has at most ``limit`` characters, else its head + '-' + a digest of all of it.

    Why: ids are keys, and any name can become one. Deterministic (the same long name keeps its id), distinct
    (two long names with one head differ in the digest) and idempotent (a bounded key is returned unchanged),
    so bounding in :func:`slug` and again when the id is made agree.
    """
    if len(key) <= limit:
        return key
    head = key[: limit - KEY_DIGEST - 1].rstrip("-")
    return f"{head}-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:KEY_DIGEST]}"


def slug(text: str) -> str:
    """Lower-case ASCII slug of any script: 'Türkiye' -> 'turkiye', 'Владимир Путин' -> 'vladimir-putin'.

    Accents are dropped as before (NFKD, combining marks removed); what is still not ASCII is transliterated
    with anyascii instead of dropped, so non-Latin names no longer collapse to ''. Han ideographs read alike
    ('王伟', '王薇': 'wangwei'), so a slug with any ends with a digest of them ('习近平' -> 'xijinping-<8 hex>').
    A name slugs as it always did wherever the old ASCII-only slug lost nothing. The result is bounded; it is
    '' only for a name with no letter or digit in any script: keys use :func:`name_key`, which never is.
    """
    tag = ""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        han = "".join(c for c in decomposed if _is_han(c))
        tag = f"-{digest(han, length=8)}" if han else ""
        text = anyascii("".join(c for c in decomposed if not unicodedata.combining(c)))
    base = _NON_WORD.sub("-", text.lower()).strip("-")
    return bounded(base + tag if base else "")


def _is_han(char: str) -> bool:
    """A Han ideograph: its readings collide ('王伟', '王薇' -> 'wangwei'), so a slug keeps a digest of them."""
    name = unicodedata.name(char, "") if char >= "\u2e80" else ""
    return name.startswith("CJK ") and "IDEOGRAPH" in name


def name_key(text: str) -> str:
    """The key of a name: its slug, or a digest of the name itself when the slug is empty (never '')."""
    return slug(text) or digest(text)


def digest(*parts: object, length: int = 16) -> str:
    """Short stable hash of the given parts (None and '' are distinct from each other)."""
    text = "".join(f"{part!r}\x1f" for part in parts)  # the same bytes as one update per part, in one call
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def sha256_of(data: bytes) -> str:
    """A document's content hash: the key of a file Document."""
    return hashlib.sha256(data).hexdigest()
