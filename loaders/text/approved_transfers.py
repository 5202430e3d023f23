"""Component ``approved_transfers``: other states' transfer of a system that a US text says the United States
assures or permits, given by those states.

A US statement or briefing on a third-party transfer names the states that will give the system as the addressees of
the publisher's assurance, or as the subject that asked for it ('has given formal assurances to Denmark and the
Netherlands that it will expedite approval of the transfer of F-16 fighter aircraft to Ukraine', 'The Netherlands and
Denmark have asked for our assurance that they can transfer F-16s to Ukraine'). The clause rules read the publisher's
state, the sentence's subject, as the giver, or one state of the list; the read splits' writers annotate the states
that hold the aircraft (session 28: three writers).

The givers are the states named right after 'to' following an approval word (``approved_transfers.csv`` kind
approval: 'assurance', 'permission'), else the states that open the sentence when a request word ('asked',
'requested') stands at most REQUEST_REACH words before the approval word ('Poland asked for our permission to send
...'); the publisher's state, the default recipient or a state of the other side among them reads nothing. The
systems are the weapon mentions after a transfer word in the approval word's own clause (up to ';', 'but', ', and'),
each up to the next transfer word, when that word's subject is the approval word itself ('permission to transfer'),
a giver ('permission to Poland to send') or 'they', or the transfer noun's owner is 'their'/'its' ('approve the
transfer of their F-16s'); not the publisher ('and we will send ...') or another state (session 28 review); the
recipient is the state after 'to' after the system, else the war-aid text's default recipient by its one rule. A
transfer another rule read from the same mention with the publisher's state as giver is dropped. Not in a negated,
refused ('refused permission') or hypothetical sentence; the stage is read from the approval word on (not the
request's 'asked'). Only texts whose publisher speaks for a state are read. Rule ``transfer:approved``.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.named_givers import drop_home, named_states, read_publisher_sentences
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import pick_stage
from armsgraph.loaders.text.word_tables import words_by_kind

RULE = "transfer:approved"
REQUEST_REACH = 4
"""Words at most between a request word and the approval word ('have asked for our assurance')."""


@cache
def approval_words() -> dict[str, frozenset[str]]:
    """``data/approved_transfers.csv`` by kind, read once per process."""
    return words_by_kind("approved_transfers.csv", ("approval", "request", "transfer", "skip", "boundary",
                                                  "comma-boundary", "addressee"))


def approved_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: the states whose transfer the publisher assures or approves, as its givers (``transfer:approved``)."""
    return read_publisher_sentences(d, f, _read)


def _read(d: TextDoc, f: Facts, rules: TransferRules, sent: Span, home: str) -> None:
    """Record the systems of one sentence's approved transfer, given by the states the approval names."""
    s, e = sent.start, sent.end
    words = approval_words()
    a = next((k for k in range(s, e) if d.lower[k] in words["approval"]), None)
    if a is None:
        return
    givers = _givers(d, f, rules, s, e, a)
    if not givers or any(x == home or rules.recipients.is_default(x) or rules.recipients.is_other_side(x)
                         for x in givers):
        return
    clause = _clause_end(d, a + 1, e)
    t = next((k for k in range(a + 1, clause) if d.lower[k] in words["transfer"]), None)
    if t is None or not _addressees_act(d, f, rules, a, t, givers):
        return
    stages, negated, hypothetical = rules.stages.cues(s, e)
    if negated or hypothetical or "declined" in stages:
        return  # 'refused permission to Turkey to transfer ...': no transfer stated as happening
    stage = pick_stage(rules.stages.cues(a + 1, e)[0]) or "pledged"  # not the request's ('asked for our assurance')
    own = next((k for k in range(t + 1, clause) if d.lower[k] in words["transfer"]), clause)
    for w in rules.mentions.weapons(t + 1, own):
        if w.start <= t or w.end > own:
            continue  # each system with its own transfer word, in the approval's clause
        recipient = rules.recipients.recipient_in(w.end, e, direct=False) \
            or rules.recipients.default_recipient(givers, w.start, bystanders=(home,))
        if recipient is None or recipient in givers:
            continue
        drop_home(d, f, w)
        for giver in givers:
            rules.record.transfer(giver, recipient, w, stage, sent, RULE, joint=len(givers) > 1)


def _clause_end(d: TextDoc, j: int, e: int) -> int:
    """Where the approval word's clause ends: at ';', 'but' or ', and' (``approved_transfers.csv`` kinds boundary
    and comma-boundary), else at the sentence's end."""
    words = approval_words()
    for k in range(j, e):
        if d.lower[k] in words["boundary"] or (
                d.lower[k] == "," and k + 1 < e and d.lower[k + 1] in words["comma-boundary"]):
            return k
    return e


def _givers(d: TextDoc, f: Facts, rules: TransferRules, s: int, e: int, a: int) -> list[str]:
    """The states the approval word at a is addressed to ('assurances to Denmark and the Netherlands'), else those
    opening the sentence when they asked for it ('The Netherlands and Denmark have asked for our assurance', 'Poland
    asked for our permission to send ...')."""
    addressed = named_states(d, f, rules, a + 2, e)[0] if a + 1 < e and d.lower[a + 1] == "to" else []
    if addressed:
        return addressed
    if any(w in approval_words()["request"] for w in d.lower[max(s, a - REQUEST_REACH) : a]):
        return named_states(d, f, rules, s, a)[0]
    return []


def _addressees_act(d: TextDoc, f: Facts, rules: TransferRules, a: int, t: int, givers: list[str]) -> bool:
    """Whether the transfer word at t is the addressees' own ('permission to Poland to send', 'assurance that they
    can transfer', 'asked for our permission to transfer', 'approve the transfer of their F-16s'): its subject, past
    the skip words ('will', 'can', 'to'), is the approval word, a giver, or an addressee pronoun ('they'), or the
    transfer noun's owner is ('of their'); not the publisher ('we will send') or another state."""
    words = approval_words()
    if t + 1 < len(d.doc) and d.lower[t + 1] == "of":
        return True  # the transfer noun ('approval of the transfer of (their) F-16 fighter aircraft')
    j = t - 1
    while j > a and d.lower[j] in words["skip"]:
        j -= 1
    if j == a or d.lower[j] in words["addressee"]:
        return True
    ref = f.ref_at.get(j)
    return ref is not None and rules.parties.actor_of_ref(ref) in givers
