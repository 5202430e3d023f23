"""Component ``replenished_transfers``: a system a US text says its law or package replenishes, given to the state
that fields it.

A US statement on a supplemental law or a package names another state's air defences as what it refills ('The act
replenishes Iron Dome and David's Sling, which shot most of them down', 'It also replenishes the Iron Dome that
guarded Israel', '... gives Israel what it needs, including replenishing Iron Dome'). No supply verb governs the
system and no state comes after 'to', so the clause rules read nothing; the writers of the read splits annotate a
transfer from the publisher's state to the state whose system it is (session 27: three writers).

The systems are the weapon mentions right after the verb (only 'the', 'and' or a comma between, or a state's
possessive: "replenish Ukraine's Patriot batteries", which names the recipient), the next one read while only such
words come between. The recipient is the possessor, else the one state other than the publisher's and the other
side's (``party_words.csv`` kind other-side: Iran) that the sentence names, else the one the sentence before names;
two such states, or none, name no recipient. The giver is the publisher's state: not when the sentence names a third
state, nor when money is the verb's subject ('funding to replenish', 'billions of dollars to replenish ...': the read
splits' writers annotate nothing there), nor in a negated or hypothetical clause (the cues from three words before
the verb on: 'would replenish', not an earlier clause's 'what it needs'), nor for the publisher's own systems
('replenish our own stocks' names no system; "America's Patriot" is the giver's). Only texts whose publisher speaks
for a state are read, as for the package frame. Rule ``transfer:replenished``.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
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
    return words_by_kind("replenished_systems.csv", ("verb", "link", "paid"))


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
    words = replenish_words()
    if any(w in words["paid"] for w in d.lower[max(sent.start, k - PAID_REACH) : k]):
        return  # 'funding to replenish ...': money's purpose
    systems, owner = _systems_after(d, f, rules, k + 1, sent.end)
    if not systems:
        return
    stages, negated, hypothetical = rules.stages.cues(max(sent.start, k - CUE_REACH), sent.end)
    if negated or hypothetical:
        return  # 'would replenish', 'will not replenish'; not another clause's 'what it needs to protect its people'
    named = _states(f, rules, sent.start, sent.end, home)
    if owner is not None:
        recipient: str | None = owner if owner != home and named <= {owner} else None
    elif len(named) == 1:
        recipient = next(iter(named))
    elif not named and prev is not None:
        earlier = _states(f, rules, prev.start, prev.end, home)
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
        if w.start < i or any(d.lower[j] not in link for j in range(i, w.start)):
            break
        found.append(w)
        i = w.end
    return found, owner


def _states(f: Facts, rules: TransferRules, s: int, e: int, home: str) -> set[str]:
    """The states [s, e) names by name or demonym, but the publisher's and the other side's."""
    found = set()
    for i in range(s, e):
        ref = f.ref_at.get(i)
        if ref is not None and ref.start == i and ref.kind in ("name", "demonym", "capital"):
            actor = rules.parties.actor_of_ref(ref)
            if actor and actor.startswith("country:") and actor != home and not rules.recipients.is_other_side(actor):
                found.add(actor)
    return found
