"""States named with a typo ('Ukriaine', 'Beligium', 'Czhech Republic'): the shared resolver's bounded fuzzy match.

A capitalised word the gazetteers did not mark and that does not end a longer capitalised name (of 6+ letters,
tagged a proper noun by the trained pipeline, or on the rule-only path not opening its sentence), alone or with the
capitalised word after it, is looked up with the shared resolver in the news context; only a ``fuzzy`` hit on a
state counts (the resolver bounds it: names of 6+ characters, score >= 90). Mentions carry the rule ``country:fuzzy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from armsgraph.loaders.resolve import NEWS, Resolver, ResolverConfig
from armsgraph.loaders.text.syntax import Parse

MIN_LETTERS = 6


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    country_id: str


@lru_cache(maxsize=1)
def _resolver() -> Resolver:
    return ResolverConfig().resolver()


def _candidate(words: Sequence[str], i: int, firsts: set[int], ent_tokens: set[int], syntax: Parse | None) -> bool:
    w = words[i]
    if i in ent_tokens or not (w[:1].isupper() and w[1:].islower() and w.isalpha()):
        return False
    if i > 0 and i not in firsts and words[i - 1][:1].isupper() and (i - 1) not in ent_tokens:
        return False  # the end of a longer name ('the Senkaku Islands'), not a state on its own
    if syntax is not None and syntax.parsed[i]:
        return syntax.pos[i] == "PROPN"
    return i not in firsts


def misspelled_states(words: Sequence[str], sent_starts: Sequence[int], ent_tokens: set[int],
                      syntax: Parse | None) -> list[Misspelling]:
    firsts = set(sent_starts)
    out: list[Misspelling] = []
    i = 0
    while i < len(words):
        if not _candidate(words, i, firsts, ent_tokens, syntax):
            i += 1
            continue
        two = i + 1 < len(words) and words[i + 1][:1].isupper() and (i + 1) not in ent_tokens
        for end in ((i + 2, i + 1) if two else (i + 1,)):
            name = " ".join(words[i:end])
            if len(name.replace(" ", "")) < MIN_LETTERS:
                continue
            hit = _resolver().resolve(name, NEWS, record=False)
            if hit.rule == "fuzzy" and (hit.entity_id or "").startswith("country:"):
                out.append(Misspelling(i, end, hit.entity_id or ""))
                i = end - 1
                break
        i += 1
    return out
