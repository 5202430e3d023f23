"""Component: purchase agreements without a transfer verb ('India signed a deal with France for 26 Rafale jets').

The clause rules need a transfer word (send, deliver, buy, ...); news of a purchase often has none: the buyer
*signs a deal / contract / agreement with* the seller *for* the systems. This component reads exactly that shape,
one clause at a time: a noun of ``data/deal_words.txt``, the buyer as the clause's subject before it (as the
clause rules find a subject: not in a prepositional phrase), the seller right after 'with', and the weapon
mentions after the seller (what the rules would move: not parts, ammunition for it or a version of it). Rule
``transfer:deal``; stage from the clause's cues, else contracted. Nothing when the clause is negated or
hypothetical, when either party is missing ('Poland and South Korea signed an agreement for K2 tanks' gives no
direction), when the seller is not a state or a state's body (a company: domestic procurement), or when the rules
already read a transfer of that weapon mention.
"""

from __future__ import annotations

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfers import CLAUSE_CUTS, TransferRules, deal_words, pick_stage

RULE = "transfer:deal"
MAX_GAP = 12
"""Tokens at most between the deal noun and the seller's 'with' ('a $2 billion contract with ...')."""


def deal_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: a transfer from the seller to the buyer of each weapon a purchase agreement names."""
    words = deal_words()
    if not any(w in words for w in d.lower):
        return []
    rules = TransferRules(d, f)
    before = set(f.transfers)
    read = {t.weapon_mention.start for t in f.transfers.values() if t.weapon_mention is not None}
    for sent in d.sents:
        s, e = sent.start, sent.end
        if e - s > 400 or d.words[e - 1] == "?" or (e - s > 1 and d.words[e - 2] == "?"):
            continue
        for i in range(s, e):
            if d.lower[i] not in words or d.ent_types[i]:
                continue
            right = next((k for k in range(i + 1, e) if d.lower[k] in CLAUSE_CUTS), e)
            with_at = next((k for k in range(i + 1, min(right, i + MAX_GAP)) if d.lower[k] == "with"), None)
            if with_at is None:
                continue
            sellers = rules.with_actors(with_at, right)
            buyers = rules.supplier_in(s, i, None)
            if len(sellers) != 1 or len(buyers) != 1 or sellers[0] == buyers[0]:
                continue
            stages, negated, hypothetical = rules.cues(s, i + 1)
            if negated or hypothetical:
                continue
            stage = pick_stage(stages) or "contracted"
            for w in rules.weapons(with_at + 1, right):
                if d.token_span(w.start, w.end).start in read:
                    continue
                rules.transfer(sellers[0], buyers[0], w, stage, sent, RULE)
    return [t for k, t in f.transfers.items() if k not in before]
