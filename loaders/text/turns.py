"""Transcript turn labels: who a label at a line start names ('MR. SULLIVAN:', 'THE PRESIDENT:', 'SEC. AUSTIN:',
'SECRETARY OF DEFENSE LLOYD J. AUSTIN III:', 'GENERAL CHARLES Q. BROWN JR.:').

A label is read as an optional 'THE', the longest title or honorific that opens it (``titles.csv`` variants,
``cues.csv`` kind ``honorific``, abbreviated titles (``Sec.``)), then the name
words, suffixes (JR., III) dropped. 'Q', 'MODERATOR' or 'SENIOR ADMINISTRATION OFFICIAL' name nobody: the claim
rules resolve a label to a person (``turn_claims.turn_speaker``) or end the turn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_SUFFIX = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_WORD = re.compile(r"^[A-Z][A-Z'’-]*\.?$")


@dataclass(frozen=True)
class TurnLabel:
    title: str | None
    """The canonical title the label opens with ('President', 'Secretary of Defense'), None for an honorific."""
    honorific: bool
    """The label opens with an honorific or a military rank ('MR.', 'GENERAL')."""
    name: tuple[str, ...]
    """The name words, title-cased ('Lloyd', 'J.', 'Austin'); empty for a title alone ('THE PRESIDENT')."""


def read_label(label: str, titles: Mapping[str, str], honorifics: Iterable[str]) -> TurnLabel | None:
    """The parts of a turn label, or None when it opens with neither a title nor an honorific.

    ``titles``: lower-case variant -> canonical title; ``honorifics``: lower-case words ('mr.', 'general', 'sec.').
    """
    words = label.replace(".", ". ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    while words and words[-1].lower().rstrip(",") in _SUFFIX:
        words = words[:-1]
    if not words or not all(_WORD.match(w) for w in words):
        return None
    honor = {h.lower() for h in honorifics}
    lowered = [w.lower() for w in words]
    for n in range(len(words), 0, -1):
        head = " ".join(lowered[:n])
        title = titles.get(head)
        if title is not None:
            return TurnLabel(title, False, title_cased(words[n:]))
    n = 0
    while n < len(words) and lowered[n] in honor:
        n += 1
    if n == 0:
        return None
    if n < len(words):
        # 'GENERAL', then a title of its own is not a name ('SEC. OF DEFENSE' is not read)
        rest = " ".join(lowered[n:])
        if any(rest.startswith(t + " ") or rest == t for t in titles):
            return None
    return TurnLabel(None, True, title_cased(words[n:]))


_AFTER_APOSTROPHE = re.compile(r"(?<=['’])[a-z]")


def title_cased(words: list[str]) -> tuple[str, ...]:
    """A name in capitals as written in a body: 'LLOYD J. AUSTIN' -> ('Lloyd', 'J.', 'Austin'); 'JEAN-PIERRE' ->
    'Jean-Pierre'; "O'BRIEN" -> "O'Brien"."""
    return tuple("-".join(_capitalised(part) for part in w.split("-")) for w in words)


def _capitalised(part: str) -> str:
    """'BRIEN' -> 'Brien'; "O'BRIEN" -> "O'Brien" (a capital after an apostrophe)."""
    return _AFTER_APOSTROPHE.sub(lambda m: m.group().upper(), part.capitalize())
