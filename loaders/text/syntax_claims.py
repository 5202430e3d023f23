"""Reported speech from sentence structure: who says what, read off the dependency parse.

A component over the read-only parse: for a speech verb (``speech_verbs.csv``) it returns the subject's tokens and
the clause said (the verb's clausal complement, before or after it: 'X said the EU must ...', '..., warned Josep
Borrell', 'the supply of weapons has to be refilled, a U.S. official said Thursday'). A verb without a subject of
its own takes its governor's ('He stressed ..., saying that ...'). The claim rules (``claims.py``) resolve the
subject to a speaker and keep what they did not already read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from armsgraph.loaders.text.dates import WEEKDAYS
from armsgraph.loaders.text.syntax import Parse
from armsgraph.loaders.text.word_tables import words_by_kind


@dataclass(frozen=True)
class SpeechCandidate:
    verb: int
    subject: tuple[int, int]
    """Tokens [start, end) of the subject noun phrase, without its prepositional phrases."""
    head: int
    """The subject's head token."""
    content: tuple[int, int]
    """Tokens [start, end) of what is said, without a leading 'that'."""
    noun: bool = False
    """Said through a speech noun ('gave me a flat assurance that ...'; ``noun_speech``): a person must say it."""


NEGATORS = frozenset({"not", "n't", "n’t", "never", "neither", "nor"})
AUXILIARIES = frozenset({"do", "does", "did", "has", "have", "had", "will", "would", "could", "can", "yet"})


def negated(lower: Sequence[str], verb: int, parse: Parse | None = None) -> bool:
    """'did not say', 'has never claimed', 'neither confirmed nor denied': nothing is said, so no claim.

    The parse's ``neg`` or ``preconj`` child of the verb, else a negator right before it (over auxiliaries).
    """
    if parse is not None and parse.parsed[verb] and any(
            lower[k] in NEGATORS for k in parse.kids(verb, "neg", "preconj")):
        return True
    k = verb - 1
    while k >= 0 and lower[k] in AUXILIARIES:
        k -= 1
    return k >= 0 and lower[k] in NEGATORS


def speech(lower: Sequence[str], parse: Parse, speech_verbs: Mapping[str, str], sentence: tuple[int, int]
           ) -> list[SpeechCandidate]:
    p = parse
    s, e = sentence
    out: list[SpeechCandidate] = []
    skip: set[int] = set()
    for t in range(s, e):
        if lower[t] not in speech_verbs or not p.parsed[t] or p.pos[t] not in ("VERB", "AUX"):
            continue
        if t in skip or negated(lower, t, p):
            continue
        # not a clause before a ';' ahead of the verb ('The Pentagon turned the offer down; spokesman X said ...':
        # the clause after the verb is said; session 18)
        content = [k for k in p.kids(t, "ccomp") if k > t or ";" not in lower[max(p.subtree(k)) + 1:t]]
        if not content or all(len(p.subtree(k)) < 3 for k in content):
            # none, or a fragment the parser hung there ('said after meeting X that ... the guns Ukraine already
            # has': 'already has' as the verb's clause; session 15)
            content = _that_clause_below(lower, p, t, speech_verbs) or content
        nested = _nested_attribution(lower, p, t, content, speech_verbs)
        if nested is not None:
            # 'C, the minister has said, the paper reported': the minister says C; the paper only reports it
            skip.add(nested)
            t, content = nested, [k for k in content if k != nested]
        if not content:
            continue
        node = _coordinated_speaker(lower, p, t, speech_verbs)
        subj: list[int] = []
        for _ in range(3):
            subj = p.kids(node, "nsubj")
            if subj or p.dep[node] not in ("advcl", "conj", "xcomp") or p.head[node] == node:
                break
            node = p.head[node]
        if not subj and content[0] < t:
            # '..., warned Josep Borrell': the parser may read an inverted subject as the object
            subj = [k for k in p.kids(t, "dobj") if k > t and p.pos[k] == "PROPN"]
        if not subj:
            continue
        head = subj[0]
        relative = lower[head] == "who" and p.dep[node] == "relcl" and p.head[node] != node
        if relative:
            # 'Chancellor Scholz, who told me that ...': the person the relative clause is about, named before an
            # apposition of theirs ('Jan Roe, the Polish president, who said ...')
            head = p.head[node]
            while p.dep[head] == "appos" and p.head[head] != head:
                head = p.head[head]
        tokens = set(p.subtree(head))
        if relative:
            tokens -= set(p.subtree(node))
        for k in p.kids(head, "prep", "relcl", "acl"):
            tokens -= set(p.subtree(k))
        clause = sorted(set(p.subtree(content[0])))
        start, end = clause[0], _before_second_speech(lower, p, content[0], clause[-1] + 1, speech_verbs)
        while start < end:
            if lower[start] in ("that", ",", "“", "\"") or lower[start] in (*WEEKDAYS, "today", "yesterday"):
                start += 1
            elif lower[start] == "on" and start + 1 < end and lower[start + 1] in WEEKDAYS:
                start += 2  # 'said on Friday it had received ...': when, not what
            else:
                break
        if end - start < 3:
            continue
        out.append(SpeechCandidate(t, (min(tokens), max(tokens) + 1), head, (start, end)))
    return out


@cache
def speech_nouns() -> dict[str, frozenset[str]]:
    """``data/speech_nouns.csv`` by kind (noun, light-verb), read once per process."""
    return words_by_kind("speech_nouns.csv", ("noun", "light-verb"))


def noun_speech(lower: Sequence[str], parse: Parse, sentence: tuple[int, int]) -> list[SpeechCandidate]:
    """'He gave me a flat assurance that they will not use F-16s ...': a speech noun (``speech_nouns.csv``), the
    object of a light verb, with a clause of its own marked by 'that' below it; the light verb's subject says the
    clause (session 17). 'the assurance that they provided' (a relative clause) and negated verbs say nothing."""
    p = parse
    s, e = sentence
    words = speech_nouns()
    out: list[SpeechCandidate] = []
    for t in range(s, e):
        if lower[t] not in words["noun"] or not p.parsed[t] or p.dep[t] != "dobj":
            continue
        verb = p.head[t]
        if lower[verb] not in words["light-verb"] or negated(lower, verb, p):
            continue
        subj = p.kids(verb, "nsubj")
        clause = next((k for k in p.kids(t, "acl", "relcl", "ccomp") if k > t and p.kids(k, "nsubj")
                       and any(lower[m] == "that" for m in p.kids(k, "mark"))), None)
        if not subj or clause is None:
            continue
        tokens = set(p.subtree(subj[0]))
        for k in p.kids(subj[0], "prep", "relcl", "acl"):
            tokens -= set(p.subtree(k))
        said = p.subtree(clause)  # sorted; its leading 'that' is cut below
        start, end = said[0], said[-1] + 1
        while start < end and lower[start] == "that":
            start += 1
        if end - start >= 3:
            out.append(SpeechCandidate(verb, (min(tokens), max(tokens) + 1), subj[0], (start, end), noun=True))
    return out


def _that_clause_below(lower: Sequence[str], p: Parse, verb: int, speech_verbs: Mapping[str, str]) -> list[int]:
    """'said after meeting X that ...': a 'that'-clause the parser hung under the verb's adverbial (not under
    another speech verb) is what the verb says."""
    for mod in p.kids(verb, "prep", "advcl"):
        for node in [mod, *p.kids(mod, "pcomp", "pobj")]:
            if lower[node] in speech_verbs:
                continue
            for k in p.kids(node, "ccomp"):
                if k > verb and any(lower[m] == "that" for m in p.kids(k, "mark")):
                    return [k]
            for k in p.kids(node, "relcl"):
                # 'acknowledged for the first time that Tehran sent ...': the parser reads the 'that'-clause as the
                # time's relative clause (session 18); one with a subject of its own right after 'that' is said
                that = [m for m in p.kids(k, "mark", "advmod") if lower[m] == "that"]
                if k > verb and that and p.kids(k, "nsubj", "nsubjpass") and that[0] == min(p.subtree(k)):
                    return [k]
    return []


def _coordinated_speaker(lower: Sequence[str], p: Parse, verb: int, speech_verbs: Mapping[str, str]) -> int:
    """The token whose subject says what ``verb`` says: the verb itself, or, for a second speech verb the parser hung
    as a conjunct inside the first one's clause ('X reiterated that A and warned that B', 'said that A and added
    that B'; session 18), the first speech verb (else B went to A's subject)."""
    head = p.head[verb]
    if p.dep[verb] != "conj" or p.kids(verb, "nsubj", "nsubjpass") or p.dep[head] != "ccomp" \
            or lower[p.head[head]] not in speech_verbs:
        return verb
    return p.head[head]


def _before_second_speech(lower: Sequence[str], p: Parse, content: int, end: int,
                          speech_verbs: Mapping[str, str]) -> int:
    """Where the clause said under ``content`` ends: before a second speech verb coordinated inside it ('that A and
    warned that B' says A; ``_coordinated_speaker`` gives B its own claim), with the 'and' and comma before it."""
    for k in p.kids(content, "conj"):
        if lower[k] in speech_verbs and not p.kids(k, "nsubj", "nsubjpass") and p.pos[k] in ("VERB", "AUX"):
            cut = k
            while cut > content + 1 and lower[cut - 1] in ("and", "but", ",", "also", "then"):
                cut -= 1
            return min(end, cut)
    return end


def _nested_attribution(lower: Sequence[str], p: Parse, verb: int, content: list[int],
                        speech_verbs: Mapping[str, str]) -> int | None:
    """Among the verb's clausal complements, a speech verb with its own subject and nothing said of its own, after
    another complement ('C, X has said, the paper reported'): that verb is the real attribution."""
    if len(content) < 2:
        return None
    for k in content:
        if lower[k] in speech_verbs and p.kids(k, "nsubj") and not p.kids(k, "ccomp") \
                and any(c < k for c in content if c != k):
            return k
    return None
