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
from armsgraph.loaders.text.group_speakers import (
    LOOK_BACK,
    OPENERS,
    PLURAL_SUBJECTS,
    PLURAL_WORDS,
    SUBJECT_REACH,
    coordinated,
)
from armsgraph.loaders.text.textdoc import TextDoc

COUNTS = {word: int(kind.removeprefix("count-")) for kind, words in PLURAL_WORDS.items() if kind.startswith("count-")
          for word in words}
"""Number words of a counted plural subject ('The four leaders reaffirmed ...'; session 26): ``plural_subjects.csv``."""
COUNTED = PLURAL_WORDS["counted"]
"""The nouns after 'the' and a number word ('leaders')."""
SUBJECT_SIZES = (5, 4, 3, 2, 1)
"""The lengths of plural subject tried at a token, longest first ('The two defence ministers' before 'The')."""
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
    in a sentence before, or for the persons of a meeting."""
    found = _plural_at(d, f, s, e, _opening(d, s, e))
    return (found[0], found[1]) if found else None


def plural_speech_after_and(d: TextDoc, f: Facts, s: int, e: int) -> tuple[list[str], int, int] | None:
    """(the persons, the speech verb, where the subject starts) when a plural subject opens a second clause of
    sentence [s, e) after ', and' ('Secretary X noted that ..., and both leaders affirmed ...': session 26): a
    readout's plural subject stands for the same persons wherever the clause starts. Not when the clause before
    names a person the subject would not stand for ('President Putin hosted President Xi ..., and both leaders
    affirmed ...'), nor 'they' after a clause naming two or more states ('Russia and Iran are sending drones, and
    they reaffirmed ...'): the subject is theirs."""
    for k in range(s + 2, e):
        if d.words[k - 2] == "," and d.lower[k - 1] == "and":
            found = _plural_at(d, f, s, e, k)
            if found and not _others_before(d, f, s, k - 2, found[0]):
                return found[0], found[1], k
    return None


def _others_before(d: TextDoc, f: Facts, s: int, k: int, people: list[str]) -> bool:
    """Whether the clause [s, k) names a person not among ``people``, or, before a 'they' at k + 2, two or more
    states: the plural subject after ', and' may be theirs."""
    refs = [f.ref_at[i] for i in range(s, k) if i in f.ref_at and f.ref_at[i].start == i]
    if any(r.kind == "person" and r.id not in people for r in refs):
        return True
    states = {r.id for r in refs if r.kind in ("name", "capital")}
    return d.lower[k + 2] == "they" and len(states) > 1


def _plural_at(d: TextDoc, f: Facts, s: int, e: int, k: int) -> tuple[list[str], int] | None:
    """The persons and speech verb of a plural subject at token k of sentence [s, e). A counted subject ('The four
    leaders') stands for as many persons (session 26); 'They' for the persons of the sentence right before, or, when
    that sentence itself opens with a plural subject ('The leaders also discussed ... . They reaffirmed ...'), as
    far back as 'The two leaders' looks."""
    for size in _subject_sizes(d, k, e):
        verb = k + size + 1 if k + size < e and d.lower[k + size] in ("also", "again", "jointly") else k + size
        if verb < e and d.g.speech_verbs.get(d.lower[verb]) == "past":
            count = _count(tuple(d.lower[k:k + size]))
            reach = 1 if d.lower[k] == "they" and not _after_plural_subject(d, s) else LOOK_BACK
            after = persons_after_opening(d, f, s)
            people = (after if after and (count is None or len(after) == count) else None) \
                or persons_met(d, f, s, reach, count or 2)
            return (people, verb) if people else None
    return None


def _count(words: tuple[str, ...]) -> int | None:
    """How many persons a counted subject names ('the four leaders' -> 4, 'both leaders' -> 2); None uncounted."""
    if words[:1] == ("both",):
        return 2
    return COUNTS.get(words[1]) if len(words) > 2 and words[0] == "the" else None


def _after_plural_subject(d: TextDoc, s: int) -> bool:
    """Whether the sentence right before the one at ``s`` opens with a plural subject of its own."""
    if s not in d.sent_starts or d.sent_starts.index(s) == 0:
        return False
    before = d.sents[d.sent_starts.index(s) - 1]
    k = _opening(d, before.start, before.end)
    return any(True for _ in _subject_sizes(d, k, before.end))


def _subject_sizes(d: TextDoc, k: int, e: int) -> list[int]:
    """The lengths of the plural subjects at token k of a sentence ending at e, longest first (``SUBJECT_SIZES``)."""
    return [size for size in SUBJECT_SIZES if k + size <= e and _plural_subject(d, tuple(d.lower[k:k + size]))]


def persons_met(d: TextDoc, f: Facts, s: int, reach: int, count: int = 2) -> list[str] | None:
    """The persons of a meeting or call in the nearest of ``reach`` sentences before ``s`` that names more than
    one person ('President X spoke with Chancellor Y', 'a call between X and Y', 'X hosted Y'): 'The two leaders'
    are they when that sentence names exactly two (``count``; 'The four leaders': four), each holding an office
    the text gives ('They': the sentence right before only)."""
    if s not in d.sent_starts:
        return None
    at = d.sent_starts.index(s)
    for sent in reversed(d.sents[max(0, at - reach):at]):
        ids = list(dict.fromkeys(f.ref_at[k].id for k in range(sent.start, sent.end)
                                 if k in f.ref_at and f.ref_at[k].kind == "person"))
        if len(ids) < 2:
            continue
        titled = all(f.persons.get(i) is not None and f.persons[i].titles for i in ids)
        return ids if len(ids) == count and titled else None
    return None


def _plural_subject(d: TextDoc, words: tuple[str, ...]) -> bool:
    """'The two leaders', 'They', or a plural title after 'the' / 'both' / 'the two' ('The two ministers', 'Both
    defence ministers': ``Gazetteer.plural_titles``); a count other than two too ('The four leaders': session 26)."""
    if words in PLURAL_SUBJECTS or (len(words) == 3 and words[0] == "the" and words[1] in COUNTS
                                    and words[2] in COUNTED):
        return True
    for opener in (*(("the", n) for n in COUNTS), ("both",), ("the",)):
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
