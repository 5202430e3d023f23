"""'pass on' as a supply word: 'cleared Estonia to pass on old D-30 howitzers', 'pass nine old D-30 howitzers on to
Kyiv' (session 28). 'pass' alone moves nothing ('passed a law', 'passed the budget'), so the forms of kind
``passed-on`` (``syntax_words.csv``) are transfer words of ``triggers.csv`` only with 'on' right after them or 'on to'
after their object, read by the clause rules (``transfer_stages.Stages.triggers``) and the parse
(``syntax_transfers.candidates``) alike.

Passing on needs the first giver's or the maker's leave, which the texts report: after a refusal or a negation in its
sentence ('Switzerland has again refused to let Germany pass Swiss-made ammunition on to Ukraine', 'cannot allow
Germany to pass on ...') nothing moves, and the refusal is not the passer's, so no transfer is read."""

from __future__ import annotations

from collections.abc import Sequence

from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.transfer_words import CLAUSE_CUTS, syntax_words

OBJECT_REACH = 8
"""How many words the object between 'pass' and 'on to' may take ('pass nine old D-30 howitzers on to Kyiv')."""

STOPS = frozenset({".", ",", "!", "?", ":"})
"""Where the object of 'pass' ends without its 'on'."""


def needs_on(word: str) -> bool:
    """Whether a transfer word moves only with 'on' (kind ``passed-on``)."""
    return word in syntax_words()["passed-on"]


def passes_on(lower: Sequence[str], i: int, start: int, end: int) -> bool:
    """Whether the word at i, in the sentence [start, end), passes something on: 'on' right after it or 'on to' /
    'on into' within its next ``OBJECT_REACH`` words before a clause stop, and no refusal or negation before it in
    its sentence."""
    cues = load().cues
    if any(cues.get(w) in ("negation", "refusal") for w in lower[start:i]):
        return False
    if i + 1 < end and lower[i + 1] == "on":
        return True
    for k in range(i + 2, min(end - 1, i + 1 + OBJECT_REACH)):
        if lower[k] in CLAUSE_CUTS or lower[k] in STOPS:
            return False
        if lower[k] == "on" and lower[k + 1] in ("to", "into"):
            return True
    return False
