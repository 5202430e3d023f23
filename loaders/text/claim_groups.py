"""Leaders named together after an opening phrase, and a second speech verb of the same leaders in one sentence.

Readouts often open with when or where before the leaders ('On January 5, 2023, the President of the United
States, Joseph R. Biden, Jr., and the German Chancellor, Olaf Scholz, held a call ...'); ``group_speakers`` looks
for them at the sentence's opening only, so 'The two leaders reiterated ...' after such a sentence stood for nobody.
'The two leaders reiterated X, and they reaffirmed Y' says two things: each leader's claim for each (the one-claim-
per-verb reading of the guide's 'They reiterated ...', 'The two leaders reaffirmed ...'). A readout may name the
two leaders without 'and' between them ('President X spoke with Chancellor Y'): 'The two leaders' then stands for
the two persons of that sentence.
"""

from __future__ import annotations

from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.group_speakers import LOOK_BACK, OPENERS, PLURAL_SUBJECTS, SUBJECT_REACH, coordinated
from armsgraph.loaders.text.textdoc import TextDoc

VERB_POS = frozenset({"VERB", "AUX"})
"""Parts of speech that may follow a coordinated subject (its verb)."""


def _opening(d: TextDoc, s: int, e: int) -> int:
    k = s
    while k < e and d.lower[k] in OPENERS:
        k += 1
    return k


def _before_verb(d: TextDoc, k: int) -> bool:
    """Whether token k (right after coordinated persons) is their verb: without a parse, any word."""
    syntax = d.syntax
    if k >= len(d.words) or syntax is None or not syntax.parsed[k]:
        return k < len(d.words)
    return syntax.pos[k] in VERB_POS


def persons_after_opening(d: TextDoc, f: Facts, s: int) -> list[str] | None:
    """The persons coordinated as the subject after an opening phrase and its comma ('On January 5, 2023, the
    President ..., X, and the German Chancellor, Y, held ...') in the nearest of the few sentences before ``s``; not
    after a comma inside a name ('Joseph R. Biden, Jr.'), where what follows is no subject."""
    if s not in d.sent_starts:
        return None
    at = d.sent_starts.index(s)
    for sent in reversed(d.sents[max(0, at - LOOK_BACK):at]):
        reach = range(sent.start, min(sent.end, sent.start + SUBJECT_REACH))
        commas = [k + 1 for k in reach if d.words[k] == "," and k not in f.ref_at]
        for k in commas:
            found = coordinated(d, f, k, sent.end)
            if found is not None and _before_verb(d, found[1]):
                return found[0]
    return None


def plural_speech(d: TextDoc, f: Facts, s: int, e: int) -> tuple[list[str], int] | None:
    """(the persons, the speech verb) when sentence [s, e) opens with a plural subject ('The two leaders
    reiterated ...', 'The two ministers reaffirmed ...') standing for persons named together after an opening phrase
    in a sentence before, or for the two persons of a meeting."""
    k = _opening(d, s, e)
    for size in (5, 4, 3, 2, 1):
        if not _plural_subject(d, tuple(d.lower[k:k + size])):
            continue
        verb = k + size + 1 if k + size < e and d.lower[k + size] in ("also", "again", "jointly") else k + size
        if verb < e and d.g.speech_verbs.get(d.lower[verb]) == "past":
            reach = 1 if d.lower[k] == "they" else LOOK_BACK
            people = persons_after_opening(d, f, s) or persons_met(d, f, s, reach)
            return (people, verb) if people else None
    return None


def persons_met(d: TextDoc, f: Facts, s: int, reach: int) -> list[str] | None:
    """The two persons of a meeting or call in the nearest of ``reach`` sentences before ``s`` that names more than
    one person ('President X spoke with Chancellor Y', 'a call between X and Y', 'X hosted Y'): 'The two leaders'
    are they when that sentence names exactly two, each holding an office the text gives ('They': the sentence right
    before only)."""
    if s not in d.sent_starts:
        return None
    at = d.sent_starts.index(s)
    for sent in reversed(d.sents[max(0, at - reach):at]):
        ids = list(dict.fromkeys(f.ref_at[k].id for k in range(sent.start, sent.end)
                                 if k in f.ref_at and f.ref_at[k].kind == "person"))
        if len(ids) < 2:
            continue
        titled = all(f.persons.get(i) is not None and f.persons[i].titles for i in ids)
        return ids if len(ids) == 2 and titled else None
    return None


def _plural_subject(d: TextDoc, words: tuple[str, ...]) -> bool:
    """'The two leaders', 'They', or a plural title after 'the' / 'both' / 'the two' ('The two ministers', 'Both
    defence ministers': ``Gazetteer.plural_titles``)."""
    if words in PLURAL_SUBJECTS:
        return True
    for opener in (("the", "two"), ("both",), ("the",)):
        if words[:len(opener)] == opener and words[len(opener):] in d.g.plural_titles:
            return True
    return False


def more_speech(d: TextDoc, verb: int, e: int) -> list[tuple[int, int]]:
    """The later speech verbs of the same plural subject in the sentence ('..., and they reaffirmed Y'): (where the
    clause before ends, the verb) for each."""
    found: list[tuple[int, int]] = []
    for v in range(verb + 3, e):
        if d.g.speech_verbs.get(d.lower[v]) != "past":
            continue
        k = v - 1 if d.lower[v - 1] in ("also", "again", "jointly") else v
        if d.lower[k - 1] == "they" and d.lower[k - 2] == "and":
            found.append((k - 3 if d.words[k - 3] == "," else k - 2, v))
    return found
