"""A weapon named again by a demonstrative and a category noun ('... Leopard tanks ... agreed to supply this powerful
battle tank'): the noun phrase is a mention of the last named system of that category before it.

Why: a text names a system once and then refers to it by what it is; a transfer stated with the second wording is a
transfer of the named system. Only 'this/these/that/those/the same', at most three modifiers, then a noun of
``category_nouns.csv`` (singular or plural), and the last system of that category named in the same sentence or at
most ``REACH`` sentences before; a generic 'these systems' (no category) or a category no named system has refers to
nothing here, and 'that' introducing a clause ('said that tanks ...', the parse's ``mark``) is no demonstrative.

A **partitive** names a system of its own sentence again: 'Slovakia will give Ukraine 13 MiG-29s, a day after Poland
pledged four of the jets' (also 'four of its own jets', 'four of its own.', 'four of the Soviet-designed planes'). Why:
a number 'of' a definite or possessive phrase counts items of a set named before, so a giver's clause that says it
gives some of them gives that system. Only a number (digits or ``quantity_words.csv`` kind number) before 'of', then
'the', 'its' or 'their' (and 'own'), at most three modifiers and a noun that fits the last system named before it in
its sentence (its category's noun, ``category_nouns.csv`` and ``anaphor_nouns.csv``); after 'own' the noun may be
left out ('four of its own.'), and then the last system before it in the sentence is meant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from armsgraph.loaders.text.anaphora import category_words, singular
from armsgraph.loaders.text.word_tables import words_by_kind

DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
MAX_MODIFIERS = 3
PARTITIVE_OWNERS = frozenset({"the", "its", "their"})
NUMBERS = words_by_kind("quantity_words.csv")["number"]
"""Number words ('four'), read once from ``data/quantity_words.csv``."""
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
    out += partitives(lower, sent_of, taken | {k for a in out for k in range(a.start, a.end)}, named, category_of,
                      nouns)
    return sorted(out, key=lambda a: a.start)


def partitives(lower: Sequence[str], sent_of: Sequence[int], taken: set[int], named: Sequence[tuple[int, str]],
               category_of: Mapping[str, str], nouns: Mapping[tuple[str, ...], str]) -> list[Anaphor]:
    """The partitive phrases of a document that name a system of their own sentence again (see the module's
    docstring): the noun (or 'own' when no noun follows it) is the mention."""
    fits = category_words(nouns)
    out: list[Anaphor] = []
    for i in range(1, len(lower) - 2):
        number = lower[i - 1]
        if lower[i] != "of" or not (number.isdigit() or number in NUMBERS) or lower[i + 1] not in PARTITIVE_OWNERS:
            continue
        k = i + 2
        own = k < len(lower) and lower[k] == "own" and lower[i + 1] != "the"
        if own:
            k += 1
        noun = next((m for m in range(k, min(k + MAX_MODIFIERS + 1, len(lower)))
                     if m not in taken and singular(lower[m]) in fits), None)
        if noun is not None and not all(_modifier(lower[m]) for m in range(k, noun)):
            noun = None
        if noun is None and not (own and (k >= len(lower) or not lower[k].isalpha())):
            continue
        before = [ident for s, ident in named if s < i and sent_of[s] == sent_of[i]]
        if not before:
            continue
        last = before[-1]
        if noun is not None and category_of.get(last) not in fits[singular(lower[noun])]:
            continue
        at = noun if noun is not None else k - 1
        if at not in taken:
            out.append(Anaphor(at, at + 1, last))
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
