"""Component ``named_giver_transfers``: a system and the states named after it as its givers, in a US official text.

A US statement or briefing reports what other states give as a noun phrase, the givers after the system: "Ukraine
will soon fly F-16s provided by our partners Denmark, the Netherlands and Norway", "F-16s from Denmark and the
Netherlands were already flying combat missions", "IRIS-T systems from Germany" (only the system right before the
givers: 'NASAMS and HAWK systems from ...' reads HAWK alone), "the F-16s that Denmark, the Netherlands and Norway
pledged last year". No supply verb governs the
system with those states as its subject, so the clause rules read none of them (or give the system to the publisher's
state); session 23 counted 36 such misses over nine writers.

The givers are states named by name after 'from' right after the system (its weapon nouns read through: 'IRIS-T
systems from'), after a supply participle and 'by' or 'from' ('provided by', 'transferred from'), or as the subject
of a relative clause ending in such a participle ('that Denmark and Norway pledged'), with or without its pronoun
('the HAWK capabilities Spain and the United States have already sent', 'the M777 howitzers and artillery ammunition
we committed': the publisher's 'we', not in a joint text; no passive, not the default recipient; session 26); groups
('our partners', 'and other European partners') are read through. The recipient is the state after 'to' in the
rest of the sentence, else the war-aid text's default recipient (Ukraine) by the one rule for it
(``Recipients.default_recipient``: not with a third state in the sentence, 'own forces' or a 'them' that may be a
party; 'F-16s from Denmark are training Ukrainian pilots in Romania' names
no recipient), the publisher's state a bystander there only when the sentence names the default recipient by name
or demonym ('a coalition the United States helped to build' beside 'Ukrainian pilots'; not in 'Patriot interceptors
provided by Germany will replenish American stocks', where the publisher's state may be the recipient). Not when
a buying word comes before the system ('buying shells from South Korea': a sale to the buyer), when a giver is
of the other side ('Shahed drones from Iran'), or in a negated or hypothetical sentence. Only texts whose publisher
speaks for a state are read, as for the package frame. A transfer another rule read from the same mention with the
publisher's state as giver is dropped when the givers named after it do not include that state ('the United States
will help deliver the F-16s that Denmark ... pledged'). A known limit: after a bare 'from' the states may name a
stock or another buyer's order ('the United States will send Patriot interceptors from Israel to Ukraine' reads
Israel as the giver); keeping the publisher's transfer there cost a right transfer and added a wrong one on the
read splits (session 24's review). Rule ``transfer:named-giver``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import POSSESSIVE_MARKS, pick_stage
from armsgraph.loaders.text.word_tables import words_by_kind

RULE = "transfer:named-giver"
MAX_SENTENCE_TOKENS = 160
"""A sentence longer than this is narrative; its noun phrases are not read."""
SentenceReader = Callable[[TextDoc, Facts, TransferRules, Span, str], None]
"""A rule's reading of one sentence (the document, its facts, the shared rules, the sentence, the publisher's state)."""
RELATIVE_GAP = 3
"""Words at most between the givers of a relative clause and its participle ('that Norway has also pledged')."""


@cache
def giver_words() -> dict[str, frozenset[str]]:
    """``data/named_givers.csv`` by kind, read once per process."""
    return words_by_kind("named_givers.csv", ("given", "by", "relative", "group", "bought", "others", "passive",
                                               "head", "question"))


def named_giver_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: the states named after a system as its givers (``transfer:named-giver``)."""
    return read_publisher_sentences(d, f, _read)


def read_publisher_sentences(d: TextDoc, f: Facts, read: SentenceReader) -> list[TransferFact]:
    """Run ``read`` on each sentence of a text whose publisher speaks for a state (the givers these rules name are
    other states than the publisher's), skipping run-on sentences; returns the transfers it added."""
    if d.home is None or not d.speaks_for_home:
        return []
    before = set(f.transfers)
    rules = TransferRules(d, f)
    for sent in d.sents:
        if sent.end - sent.start <= MAX_SENTENCE_TOKENS:
            read(d, f, rules, sent, d.home)
    return [t for k, t in f.transfers.items() if k not in before]


def _read(d: TextDoc, f: Facts, rules: TransferRules, sent: Span, home: str) -> None:
    s, e = sent.start, sent.end
    words = giver_words()
    for w in rules.mentions.weapons(s, e):
        if any(d.lower[k] in words["bought"] for k in range(s, w.start)):
            return  # 'buying artillery shells from South Korea': the givers sell to the buyer
        givers, after = _givers_after(d, f, rules, w.end, e)
        if not givers or any(rules.recipients.is_other_side(x) for x in givers):
            continue
        stages, negated, hypothetical = rules.stages.cues(s, e)
        if negated or hypothetical:
            return
        recipient = rules.recipients.recipient_in(after, e, direct=False) \
            or rules.recipients.default_recipient(givers, w.start, bystanders=_bystanders(f, rules, s, e, givers, home))
        if recipient is None:
            continue
        stage = pick_stage(stages) or "pledged"
        if home not in givers:
            drop_home(d, f, w)
        for giver in givers:
            rules.record.transfer(giver, recipient, w, stage, sent, RULE, joint=len(givers) > 1)


def _bystanders(f: Facts, rules: TransferRules, s: int, e: int, givers: list[str], home: str) -> tuple[str, ...]:
    """The publisher's state as a bystander of the default-recipient rule, only when the sentence names the default
    recipient itself by name or demonym ('Ukraine will soon fly F-16s provided by ...', 'a coalition the United States
    helped to build' beside Ukrainian pilots); else it may be the recipient ('Patriot interceptors provided by Germany
    will replenish American stocks'), so the rule's third-state guard reads it."""
    for i in range(s, e):
        ref = f.ref_at.get(i)
        if ref is not None and ref.start == i and ref.kind in ("name", "demonym"):
            actor = rules.parties.actor_of_ref(ref)
            if rules.recipients.is_default(actor) and actor not in givers:
                return (home,)
    return ()


def drop_home(d: TextDoc, f: Facts, w: Span) -> None:
    """The publisher's state read as the giver of a system whose givers are named after it ('the United States will
    help deliver the F-16s that Denmark ... pledged', 'flying F-16s provided by our partners ...'): not its giver."""
    at = d.token_span(w.start, w.end).start
    for key in [k for k, t in f.transfers.items() if t.supplier == d.home and t.weapon_mention is not None
                and t.weapon_mention.start == at]:
        del f.transfers[key]


def _givers_after(d: TextDoc, f: Facts, rules: TransferRules, k: int, e: int) -> tuple[list[str], int]:
    """The states named as givers after a system ending at token k, and where they end: 'from X', a participle and
    'by'/'from X', or 'that X ... pledged'."""
    words = giver_words()
    while k < e and (d.lower[k] in d.g.weapon_nouns or d.lower[k] in words["head"]):
        k += 1  # 'IRIS-T systems from Germany', 'F-16 aircraft provided by', 'the HAWK capabilities Spain has sent'
    if k < e and d.lower[k] in words["given"] and k + 1 < e and d.lower[k + 1] in words["by"]:
        return named_states(d, f, rules, k + 2, e)
    if k < e and d.lower[k] == "from":
        return named_states(d, f, rules, k + 1, e)
    if k < e and d.lower[k] in words["relative"]:
        givers, after = named_states(d, f, rules, k + 1, e)
        if givers and any(d.lower[j] in words["given"] for j in range(after, min(e, after + RELATIVE_GAP + 1))):
            return givers, after
    return _reduced_relative(d, f, rules, k, e)


def _reduced_relative(d: TextDoc, f: Facts, rules: TransferRules, k: int, e: int) -> tuple[list[str], int]:
    """A relative clause with no pronoun after the system, or after the list the system ends ('the HAWK launchers
    Spain and the United States have already sent', 'the 18 M777 howitzers and artillery ammunition we committed'):
    its subject the givers by name or the publisher's 'we' (not in a joint text), a supply participle at most
    RELATIVE_GAP words after them, no passive ('the Patriot Ukraine was promised') and not the default recipient;
    none in a question ('Were the Leopard tanks Spain promised ever delivered?': kind question)."""
    words = giver_words()
    if words["question"] & set(d.lower[max(k, e - 2) : e]):
        return [], k
    start = k
    if k < e and d.lower[k] == "and":
        j = k + 1
        while j < min(e, k + 1 + RELATIVE_GAP) and d.lower[j].isalpha() and d.words[j].islower() \
                and f.ref_at.get(j) is None and d.lower[j] not in words["given"]:
            j += 1
        start = j if j > k + 1 else k  # 'and artillery ammunition': a plain item before the clause
    ref = f.ref_at.get(start)
    if ref is None or ref.start != start:
        return [], k
    if ref.kind == "first-person":
        givers, after = ([d.first_person], ref.end) if d.first_person else ([], k)
    else:
        givers, after = named_states(d, f, rules, start, e)
    if not givers or any(rules.recipients.is_default(x) for x in givers):
        return [], k
    gap = d.lower[after : min(e, after + RELATIVE_GAP + 1)]
    participle = next((n for n, w in enumerate(gap) if w in words["given"]), None)
    if participle is None or words["passive"] & set(gap[:participle]):
        return [], k
    return givers, after


def named_states(d: TextDoc, f: Facts, rules: TransferRules, j: int, e: int) -> tuple[list[str], int]:
    """The countries named from token j on, reading through group words ('our partners Denmark, the Netherlands
    and Norway'); none when something else (a place, a pronoun) comes first."""
    found: list[str] = []
    while j < e:
        if d.lower[j] in giver_words()["group"]:
            j += 1
            continue
        if found and d.lower[j] in giver_words()["others"]:
            group = next((n for n in range(j + 1, min(e, j + 3)) if d.lower[n] in giver_words()["group"]), None)
            if group is not None:
                j = group  # 'Germany, Poland and other European partners': read through to the group noun
                continue
        ref = f.ref_at.get(j)
        if ref is None or ref.start != j or ref.kind != "name":
            break
        actor = rules.parties.actor_of_ref(ref)
        if actor is None or not actor.startswith("country:"):
            break
        if actor not in found:
            found.append(actor)
        j = ref.end
        if j < e and d.lower[j] in POSSESSIVE_MARKS:
            return [], j  # 'from Germany's IRIS-T to ...': an owner, not a giver
    return found, j
