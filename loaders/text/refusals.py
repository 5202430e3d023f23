"""A supplier's plain refusal: 'Germany will not deliver Taurus missiles to Ukraine' is the stage declined, as
'refused to deliver' is, not a negated transfer that gives nothing.

Narrowed after session 25's review (text-extraction-history.md): the negation must stand between a modal of the future
and a plain transfer verb (``syntax_words.csv`` kinds ``refusing-modal`` and ``refusable``), so a negated promise,
pledge, commitment or boost ('will not promise to deliver', 'will not boost its deliveries') is no refusal; and a
time limit after the verb ('until 2025', 'before the end of the year', 'on time', 'by March', 'yet', 'for several
months', 'in 2024': kind ``time-limit``, 'for' before a ``time-unit``, 'in' before a year) makes it a delay, a plain
negation.

Narrowed again after session 26's review: a condition after the verb in its clause ('if the war escalates',
'unless the United States sends ATACMS first', 'without its approval': kind ``refusal-condition``) makes it no
refusal, nor does a plural pronoun as its subject ('They will not send ...': kind ``unnamed-refuser``, a group the
text does not name as one state); and the words read after the verb stop at the end of the sentence, at a line
break (a headline without a full stop), at ', and' and at a comma before a speech verb ('..., Scholz said before
leaving for Paris')."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from armsgraph.loaders.text.dates import MONTHS
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.transfer_words import syntax_words

SENTENCE_STOPS = frozenset({".", "!", "?", ";"})
"""Where the words after a refused verb stop being its clause's (a time limit is looked for up to there)."""

REPORT_REACH = 4
"""How many words after a comma a speech verb may stand for the comma to end the refused clause ('..., Scholz
said', '..., a spokesman said')."""


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    """The gazetteer's cues of kind negation (``cues.csv``: 'not', "n't" and the like), as the stage cues read them."""
    return frozenset(cue for cue, kind in load().cues.items() if kind == "negation")


def _speech_verbs() -> dict[str, str]:
    """The gazetteer's speech verbs (``speech_verbs.csv``: 'said', 'told', 'announced' ...)."""
    return load().speech_verbs


def refusing_negation(lower: Sequence[str], i: int, end: int | None = None) -> bool:
    """Whether the negation at token i is a refusal: 'not'/'n't' (``cues.csv`` negation) right after a refusing
    modal ('will', 'would', 'wo' of "won't") and right before a refusable verb, its subject no plural pronoun, with
    no time limit and no condition after it in its clause; ``end`` is the end of its sentence when known."""
    words = syntax_words()
    if i == 0 or i + 1 >= len(lower) or lower[i] not in _negations():
        return False
    if lower[i - 1] not in words["refusing-modal"] or lower[i + 1] not in words["refusable"]:
        return False
    if i >= 2 and lower[i - 2] in words["unnamed-refuser"]:
        return False  # 'They will not send ...': no one named state refuses
    return not time_limit_after(lower, i + 2, end) and not condition_after(lower, i + 2, end)


def clause_end(lower: Sequence[str], start: int, end: int | None = None) -> int:
    """Where the refused verb's clause ends after token ``start``: at a full stop, '!', '?', ';', a line break,
    ', and', a comma before a speech verb, or ``end`` (its sentence's end)."""
    stop = len(lower) if end is None else min(end, len(lower))
    speech = _speech_verbs()
    for k in range(start, stop):
        word = lower[k]
        if word in SENTENCE_STOPS or "\n" in word:
            return k
        if word == "," and k + 1 < stop and (
                lower[k + 1] == "and" or any(w in speech for w in lower[k + 1 : min(stop, k + 1 + REPORT_REACH)])):
            return k
    return stop


def time_limit_after(lower: Sequence[str], start: int, end: int | None = None) -> bool:
    """A time limit from token ``start`` to the end of its clause: a word or phrase of kind ``time-limit``, 'by'
    before a month or a year ('by March', 'by 2026'), 'in' before a year ('in 2024') or 'for' before a time unit
    within three words ('for several months', 'for weeks')."""
    words = syntax_words()
    limits, units = words["time-limit"], words["time-unit"]
    stop = clause_end(lower, start, end)
    for k in range(start, stop):
        if any(" ".join(lower[k : k + n]) in limits for n in (1, 2, 3)):
            return True
        nxt = lower[k + 1] if k + 1 < stop else ""
        if lower[k] == "by" and (nxt in MONTHS or _year(nxt)):
            return True
        if lower[k] == "in" and _year(nxt):
            return True
        if lower[k] == "for" and any(w in units for w in lower[k + 1 : min(stop, k + 4)]):
            return True
    return False


def condition_after(lower: Sequence[str], start: int, end: int | None = None) -> bool:
    """A condition from token ``start`` to the end of its clause (kind ``refusal-condition``: 'if', 'unless',
    'without', 'in case'): 'will not deliver Taurus missiles to Ukraine if the war escalates' is no refusal."""
    conditions = syntax_words()["refusal-condition"]
    stop = clause_end(lower, start, end)
    return any(" ".join(lower[k : k + n]) in conditions for k in range(start, stop) for n in (1, 2))


def _year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")
