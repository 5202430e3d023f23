"""A supplier's plain refusal: 'Germany will not deliver Taurus missiles to Ukraine' is the stage declined, as
'refused to deliver' is, not a negated transfer that gives nothing.

Narrowed after session 25's review (docs/text-extraction.md): the negation must stand between a modal of the future
and a plain transfer verb (``syntax_words.csv`` kinds ``refusing-modal`` and ``refusable``), so a negated promise,
pledge, commitment or boost ('will not promise to deliver', 'will not boost its deliveries') is no refusal; and a
time limit after the verb ('until 2025', 'before the end of the year', 'on time', 'by March': kind ``time-limit``)
makes it a delay, a plain negation."""

from __future__ import annotations

from collections.abc import Sequence

from armsgraph.loaders.text.dates import MONTHS
from armsgraph.loaders.text.transfer_words import syntax_words

SENTENCE_STOPS = frozenset({".", "!", "?", ";"})
"""Where the words after a refused verb stop being its clause's (a time limit is looked for up to there)."""


def refusing_negation(lower: Sequence[str], i: int) -> bool:
    """Whether the negation at token i is a refusal: 'not'/'n't' right after a refusing modal ('will', 'would',
    'wo' of "won't") and right before a refusable verb, with no time limit after it in its sentence."""
    words = syntax_words()
    if i == 0 or i + 1 >= len(lower) or lower[i] not in ("not", "n't", "n’t"):
        return False
    if lower[i - 1] not in words["refusing-modal"] or lower[i + 1] not in words["refusable"]:
        return False
    return not time_limit_after(lower, i + 2)


def time_limit_after(lower: Sequence[str], start: int) -> bool:
    """A time limit from token ``start`` to the end of its sentence: a word or phrase of kind ``time-limit``, or
    'by' before a month or a year ('by March', 'by 2026')."""
    limits = syntax_words()["time-limit"]
    k = start
    while k < len(lower) and lower[k] not in SENTENCE_STOPS:
        if any(" ".join(lower[k : k + n]) in limits for n in (1, 2, 3)):
            return True
        if lower[k] == "by" and k + 1 < len(lower) and (lower[k + 1] in MONTHS or _year(lower[k + 1])):
            return True
        k += 1
    return False


def _year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")
