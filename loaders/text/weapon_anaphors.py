"""A weapon named again by a demonstrative and a category noun ('... Leopard tanks ... agreed to supply this powerful
battle tank'): the noun phrase is a mention of the last named system of that category before it.

Why: a text names a system once and then refers to it by what it is; a transfer stated with the second wording is a
transfer of the named system. Only 'this/these/that/those/the same', at most three modifiers, then a noun of
``category_nouns.csv`` (singular or plural), and the last system of that category named in the same sentence or at
most ``REACH`` sentences before; a generic 'these systems' (no category) or a category no named system has refers to
nothing here, and 'that' introducing a clause ('said that tanks ...', the parse's ``mark``) is no demonstrative.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
MAX_MODIFIERS = 3
REACH = 2
"""Sentences back in which the named system may stand: its own sentence, the one before, or the one before that."""


@dataclass(frozen=True)
class Anaphor:
    """Tokens [start, end) of the category noun after the demonstrative, and the weapon id it names again."""

    start: int
    end: int
    weapon_id: str


def anaphors(lower: Sequence[str], sent_of: Sequence[int], taken: set[int], named: Sequence[tuple[int, str]],
             category_of: Mapping[str, str], nouns: Mapping[tuple[str, ...], str],
             demonyms: frozenset[int] = frozenset(), marks: frozenset[int] = frozenset()) -> list[Anaphor]:
    """The demonstrative noun phrases of a document that name a system again. ``lower``: the lower-case tokens;
    ``sent_of``: each token's sentence number; ``taken``: tokens already in an entity; ``named``: (start token,
    weapon id) of each named system, in order; ``category_of``: weapon id -> category; ``nouns``: category nouns;
    ``demonyms``: tokens of a demonym, which may stand among the modifiers ('this German-made tank'); ``marks``:
    tokens the parse calls a clause's marker ('that' after 'said')."""
    out: list[Anaphor] = []
    longest = max((len(k) for k in nouns), default=0)
    for i, w in enumerate(lower):
        same = w == "same" and i > 0 and lower[i - 1] == "the"
        if (w not in DEMONSTRATIVES or i in marks) and not same:
            continue
        for mods in range(MAX_MODIFIERS + 1):
            first = i + 1 + mods
            hit = _category_noun(lower, first, longest, nouns)
            if hit is not None:
                break
            if first >= len(lower) or (first in taken and first not in demonyms) or not _modifier(lower[first]):
                break
        if hit is None:
            continue
        end, category = hit
        if any(k in taken for k in range(first, end)):
            continue
        before = [ident for s, ident in named
                  if s < i and sent_of[i] - sent_of[s] <= REACH and category_of.get(ident) == category]
        if before:
            out.append(Anaphor(first, end, before[-1]))
    return out


def _category_noun(lower: Sequence[str], i: int, longest: int,
                   nouns: Mapping[tuple[str, ...], str]) -> tuple[int, str] | None:
    """(end, category) of a category noun at token i, singular or plural ('battle tank', 'tanks')."""
    for n in range(longest, 0, -1):
        words = tuple(lower[i:i + n])
        if len(words) < n:
            continue
        for form in (words, (*words[:-1], words[-1] + "s")):
            if form in nouns:
                return i + n, nouns[form]
    return None


def _modifier(word: str) -> bool:
    """A word that may stand between the demonstrative and the noun ('powerful', 'German-made', '-')."""
    return word.replace("-", "").isalpha() or word == "-"
