"""'pass on' as a supply word: 'cleared Estonia to pass on old D-30 howitzers', 'pass nine old D-30 howitzers on to
Kyiv' (session 28). 'pass' alone moves nothing ('passed a law', 'passed the budget'), so the forms of kind
``passed-on`` (``syntax_words.csv``) are transfer words of ``triggers.csv`` only with 'on' right after them or 'on to'
after their object, read by the clause rules (``transfer_stages.Stages.triggers``) and the parse
(``syntax_transfers.candidates``) alike.

Passing on needs the first giver's or the maker's leave, which the texts report: after a refusal or a negation in its
clause ('Switzerland has again refused to let Germany pass Swiss-made ammunition on to Ukraine', 'cannot allow
Germany to pass on ...') nothing moves, and the refusal is not the passer's, so no transfer is read. The clause starts
at the last clause cut before the verb ('Germany will not send Taurus missiles, but Estonia passed on its D-30
howitzers'), and the passer's own negation ('Poland will not pass on its MiG-29 jets') is a refusal like 'will not
send', left to the declined reading of the callers.

Session 28's review mends: 'on' before a date is the date of a passed bill ('The Senate passed on Tuesday $61 billion
in aid'); what is passed on may be information or a cost, no weapon ('passed on intelligence about S-400 positions',
'passed on the chance to buy F-35s'); a comma right after 'passed' ends its object ('The motion passed, and ...')."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from armsgraph.loaders.text.dates import MONTHS, WEEKDAYS
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.transfer_words import CLAUSE_CUTS, syntax_words
from armsgraph.loaders.text.word_tables import words_by_kind

OBJECT_REACH = 8
"""How many words the object between 'pass' and 'on to' may take ('pass nine old D-30 howitzers on to Kyiv')."""

STOPS = frozenset({".", ",", "!", "?", ":"})
"""Where the object of 'pass' ends without its 'on'."""


@cache
def passed_on_words() -> dict[str, frozenset[str]]:
    """``data/passed_on.csv`` by kind, read once per process."""
    return words_by_kind("passed_on.csv", ("no-weapon", "head-end", "own-negation-gap", "direction",
                                           "direction-adverb"))


DATE_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)
"""'on' before a date is the date of what was passed ('passed on Tuesday', 'passed on April 20', 'on 20 April')."""


def needs_on(word: str) -> bool:
    """Whether a transfer word moves only with 'on' (kind ``passed-on``)."""
    return word in syntax_words()["passed-on"]


def unpassed(lower: Sequence[str], i: int, start: int, end: int) -> bool:
    """Whether the word at i, in [start, end), is a pass-on word that passes nothing on ('passed a law'): the one test
    of the clause rules (``transfer_stages``), the parse (``syntax_transfers``) and the frames (``transfer_parse``)."""
    return needs_on(lower[i]) and not passes_on(lower, i, start, end)


def _clause_start(lower: Sequence[str], i: int, start: int) -> int:
    return max((k + 1 for k in range(start, i) if lower[k] in CLAUSE_CUTS), default=start)


def _blocked(lower: Sequence[str], i: int, start: int) -> bool:
    """A refusal in the verb's clause, or a negation there that is not the passer's own ('cannot allow Germany to
    pass on'; not 'Poland will not pass on', which the callers read as declined)."""
    cues = load().cues
    for k in range(_clause_start(lower, i, start), i):
        cue = cues.get(lower[k])
        if cue == "refusal":
            return True
        if cue == "negation" and not all(w in passed_on_words()["own-negation-gap"] for w in lower[k + 1 : i]):
            return True
    return False


def _dated(lower: Sequence[str], k: int, end: int) -> bool:
    """Whether the word after 'on' at k starts a date ('on Tuesday', 'on April 20', 'on 20 April'); a bare number is
    what is passed on ('passed on 24 D-30 howitzers')."""
    if k + 1 >= end:
        return False
    w = lower[k + 1]
    if w in DATE_WORDS:
        return True
    return w.rstrip("stndrh").isdigit() and k + 2 < end and lower[k + 2] in DATE_WORDS


def _carries_no_weapon(lower: Sequence[str], first: int, last: int) -> bool:
    """Whether the object in [first, last) is headed by a noun of kind ``no-weapon`` (before a ``head-end`` word)."""
    words = passed_on_words()
    for k in range(first, last):
        if lower[k] in words["head-end"] or lower[k] in STOPS:
            return False
        if lower[k] in words["no-weapon"]:
            return True
    return False


def passes_on(lower: Sequence[str], i: int, start: int, end: int) -> bool:
    """Whether the word at i, in the sentence [start, end), passes something on: 'on' right after it (not before a
    date) or 'on to' / 'on into' after an object of at most ``OBJECT_REACH`` words before a clause stop; no refusal
    or negation (other than the passer's own) in its clause, and no object headed by a noun that carries no
    weapon (``data/passed_on.csv``)."""
    if _blocked(lower, i, start):
        return False
    if i + 1 < end and lower[i + 1] == "on":
        if _dated(lower, i + 1, end):
            return False
        first = i + 3 if i + 2 < end and lower[i + 2] in ("to", "into") else i + 2
        if first > i + 2:  # 'passed on to the House a bill': the object follows its receiver
            return not any(w in passed_on_words()["no-weapon"] for w in lower[first:min(end, first + OBJECT_REACH + 3)])
        return not _carries_no_weapon(lower, first, min(end, first + OBJECT_REACH))
    for k in range(i + 1, min(end - 1, i + 2 + OBJECT_REACH)):
        if lower[k] in CLAUSE_CUTS or lower[k] in STOPS:
            return False
        if lower[k] == "on" and lower[k + 1] in ("to", "into"):
            return not _carries_no_weapon(lower, i + 1, k)
    return False


def directed(lower: Sequence[str], i: int, end: int) -> bool:
    """Whether the ``directed`` word at i has its direction (kind ``direction``) right after it or after one adverb
    (kind ``direction-adverb``)."""
    words = passed_on_words()
    if i + 1 < end and lower[i + 1] in words["direction"]:
        return True
    return i + 2 < end and lower[i + 1] in words["direction-adverb"] and lower[i + 2] in words["direction"]
