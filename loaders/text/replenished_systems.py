"""Component ``replenished_transfers``: a system a US text says its law or package replenishes, given to the state
that fields it.

A US statement on a supplemental law or a package names another state's air defences as what it refills ('The act
replenishes Iron Dome and David's Sling, which shot most of them down', 'It also replenishes the Iron Dome that
guarded Israel', '... gives Israel what it needs, including replenishing Iron Dome'). No supply verb governs the
system and no state comes after 'to', so the clause rules read nothing; the writers of the read splits annotate a
transfer from the publisher's state to the state whose system it is (session 27: three writers).

Only a law's or package's verb is read: its subject, the word before it past 'also', 'will' and the like, is a law or
package word or 'it' ('The act replenishes', 'a law that replenishes'), or it is a participle after 'including', 'by'
or a comma; 'Germany will replenish', 'Congress has failed to replenish', 'Republicans refused to replenish' are no
supply of the publisher's (review mends, session 27). The systems are the weapon mentions right after the verb (only
'the', 'and', a comma or a weapon noun between: "replenishes Ukraine's Patriot interceptors and HIMARS rockets"; or
a state's possessive first, which names the recipient), the next one read while only such words come between. The
recipient is the possessor, else the one state other than the publisher's and the other side's (``party_words.csv``
kind other-side: Iran) that the sentence names, not where a system is made ('made in Germany'), else the one the
sentence before names; two such states, or none, name no recipient. The giver is the publisher's state: not when the
sentence names a third state, nor when money is the verb's subject ('funding to replenish', 'billions of dollars to
replenish ...': the read splits' writers annotate nothing there), nor in a question, a failure ('failed to'), a
sentence that opens with 'if' or a negated or hypothetical clause (the cues from three words before the verb on:
'would replenish', not an earlier clause's 'what it needs'), nor for the publisher's own systems ('replenish our own
stocks' names no system; "America's Patriot", 'the Patriot interceptors of the United States Army' are the giver's).
Only texts whose publisher speaks for a state are read, as for the package frame. Rule ``transfer:replenished``.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_parties import existing_state
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import POSSESSIVE_MARKS, pick_stage
from armsgraph.loaders.text.word_tables import words_by_kind

RULE = "transfer:replenished"
PAID_REACH = 4
"""Words at most before the verb where a money word makes the verb money's purpose ('billions of dollars to ...')."""
CUE_REACH = 3
"""Words at most before the verb whose stage cues are the verb's ('will not replenish', 'would replenish'); a cue
further back is another clause's ('gives Israel what it needs ..., including replenishing Iron Dome')."""


@cache
def replenish_words() -> dict[str, frozenset[str]]:
    """``data/replenished_systems.csv`` by kind, read once per process."""
    return words_by_kind("replenished_systems.csv", ("verb", "link", "paid", "subject", "relative", "skip", "lead",
                                                     "origin", "failure", "condition", "proviso", "wish",
                                                     "clause-dep"))


def replenished_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: the systems a US text's law or package replenishes (``transfer:replenished``)."""
    if d.home is None or not d.speaks_for_home:
        return []
    verbs = replenish_words()["verb"]
    before = set(f.transfers)
    rules = TransferRules(d, f)
    for n, sent in enumerate(d.sents):
        for k in range(sent.start, sent.end):
            if d.lower[k] in verbs:
                _read(d, f, rules, sent, d.sents[n - 1] if n else None, k, d.home)
    return [t for key, t in f.transfers.items() if key not in before]


def _read(d: TextDoc, f: Facts, rules: TransferRules, sent: Span, prev: Span | None, k: int, home: str) -> None:
    """Record the systems the law's or package's verb at k replenishes, given by ``home`` to the state that fields
    them (``sent`` the verb's sentence, ``prev`` the one before, read when ``sent`` names no state)."""
    words = replenish_words()
    cued = d.lower[max(sent.start, k - CUE_REACH) : k]
    if any(w in words["paid"] for w in d.lower[max(sent.start, k - PAID_REACH) : k]):
        return  # 'funding to replenish ...': money's purpose
    if not _law_verb(d, sent.start, k) or any(w in words["failure"] for w in cued):
        return  # 'Germany will replenish', 'Republicans refused to replenish', 'Congress has failed to replenish'
    if "?" in d.words[sent.start : sent.end] or _opening(d, sent) in words["condition"] or _proviso(d, sent):
        return  # 'Will Congress replenish Iron Dome?', 'If Congress acts, ...', '..., provided that Congress acts'
    if _wished(d, sent, k):
        return  # 'Israel demanded that the bill replenish Iron Dome', 'We want a bill that replenishes ...'
    systems, owner = _systems_after(d, f, rules, k + 1, sent.end)
    if not systems or _home_s(d, f, rules, systems[-1].end, sent.end, home):
        return  # 'the Patriot interceptors of the United States Army': the publisher's own
    stages, negated, hypothetical = rules.stages.cues(max(sent.start, k - CUE_REACH), sent.end)
    if negated or hypothetical:
        return  # 'would replenish', 'will not replenish'; not another clause's 'what it needs to protect its people'
    named = _states(d, f, rules, sent.start, sent.end, home)
    if owner is not None:
        recipient: str | None = owner if owner != home and named <= {owner} else None
    elif len(named) == 1:
        recipient = next(iter(named))
    elif not named and prev is not None:
        earlier = _states(d, f, rules, prev.start, prev.end, home)
        recipient = next(iter(earlier)) if len(earlier) == 1 else None
    else:
        recipient = None
    if recipient is None or rules.recipients.is_other_side(recipient):
        return
    stage = pick_stage(stages) or "pledged"
    for w in systems:
        rules.record.transfer(home, recipient, w, stage, sent, RULE)


def _systems_after(d: TextDoc, f: Facts, rules: TransferRules, i: int, e: int) -> tuple[list[Span], str | None]:
    """The weapon mentions right after the verb at i - 1 (links read through), and a state whose possessive comes
    first ("replenish Israel's Iron Dome")."""
    link = replenish_words()["link"]
    owner = None
    ref = f.ref_at.get(i)
    if ref is not None and ref.start == i and ref.end < e and d.words[ref.end] in POSSESSIVE_MARKS:
        owner = rules.parties.actor_of_ref(ref)
        i = ref.end + 1
    found: list[Span] = []
    for w in rules.mentions.weapons(i, e):
        if w.start < i or any(d.lower[j] not in link and d.lower[j] not in d.g.weapon_nouns for j in range(i, w.start)):
            break
        found.append(w)
        i = w.end
    return found, owner


def _states(d: TextDoc, f: Facts, rules: TransferRules, s: int, e: int, home: str) -> set[str]:
    """The states [s, e) names by name or demonym, but the publisher's, the other side's and where a system is made
    ('made in Germany')."""
    origin = replenish_words()["origin"]
    found = set()
    for i in range(s, e):
        ref = f.ref_at.get(i)
        if ref is not None and ref.start == i and ref.kind in ("name", "demonym", "capital"):
            if i - 2 >= s and d.lower[i - 1] == "in" and d.lower[i - 2] in origin:
                continue
            actor = rules.parties.actor_of_ref(ref)
            if existing_state(actor) and actor != home and not rules.recipients.is_other_side(actor):
                found.add(actor)
    return found


def _law_verb(d: TextDoc, s: int, k: int) -> bool:
    """Whether the verb at k is a law's or package's: the word before it, past the skip words ('also', 'will'), is a
    subject word ('The act replenishes'; through a relative pronoun: 'a law that replenishes'), or the verb is a
    participle after a lead word ('including replenishing'). A state, a party or Congress as the subject, or an
    infinitive ('failed to replenish', 'asked us to replenish'), is not."""
    words = replenish_words()
    j = k - 1
    while j >= s and d.lower[j] in words["skip"]:
        j -= 1
    if j < s:
        return False
    if d.lower[k].endswith("ing") and d.lower[j] in words["lead"]:
        return True
    if d.lower[j] in words["relative"]:
        j -= 1
    return j >= s and d.lower[j] in words["subject"]


def _proviso(d: TextDoc, sent: Span) -> bool:
    """Whether the sentence states a condition in words anywhere, ending in 'that' ('provided that', 'on condition
    that'; not 'on condition of anonymity'): the law's verb is then no more a supply than after an opening 'if'."""
    words = d.lower[sent.start : sent.end]
    for proviso in replenish_words()["proviso"]:
        n = len(proviso.split())
        if any(" ".join(words[i : i + n]) == proviso for i in range(len(words) - n + 1)):
            return True
    return False


def _wished(d: TextDoc, sent: Span, k: int) -> bool:
    """Whether the parse puts the verb at k under a wish or demand ('demanded that the bill replenish', 'want a bill
    that replenishes'): what someone asks a law to do is not what it does. The walk up the heads stops at a coordinate
    or paratactic clause (``clause-dep``: 'I urged Congress to pass it, and it replenishes'). Unparsed, no wish is
    read."""
    syntax = d.syntax
    if syntax is None or not syntax.parsed[k]:
        return False
    wish = replenish_words()["wish"]
    i = k
    while sent.start <= syntax.head[i] < sent.end and syntax.head[i] != i:
        if syntax.dep[i] in replenish_words()["clause-dep"]:
            return False  # 'I urged Congress to pass it, and it replenishes ...': a coordinate clause of its own
        i = syntax.head[i]
        if d.lower[i] in wish:
            return True
    return False


def _opening(d: TextDoc, sent: Span) -> str:
    """The sentence's first word past quotes and brackets, lower-case."""
    return next((w for w in d.lower[sent.start : sent.end] if w.isalnum()), "")


def _home_s(d: TextDoc, f: Facts, rules: TransferRules, i: int, e: int, home: str) -> bool:
    """Whether 'of (the) STATE' at i names the publisher's state as the systems' owner ('the Patriot interceptors of
    the United States Army')."""
    while i < e and d.lower[i] in d.g.weapon_nouns:
        i += 1  # 'the Patriot interceptors of ...'
    if i >= e or d.lower[i] != "of":
        return False
    i += 1 + (i + 1 < e and d.lower[i + 1] == "the")
    ref = f.ref_at.get(i)
    return ref is not None and ref.start == i and rules.parties.actor_of_ref(ref) == home
