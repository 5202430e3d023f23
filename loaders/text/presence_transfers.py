"""Component ``present_transfers``: weapons a text says are now with another state's forces, from a named giver,
with no transfer word ('Three Leopard 2A6 tanks from Portugal are now with Ukrainian units', 'Eight Leopard 2
tanks from Canada are already in Ukraine'): the giver after 'from' in the subject gave them to the state the
weapons are with or in. Rule ``transfer:present``, stage delivered.

Read only for weapon mentions the clause rules gave no transfer; the subject is weapon mentions then 'from' and
one actor; then a present or past form of 'be' (not 'will be', not negated) and 'with' / 'in' / 'in service with' /
'in the hands of' the receiving state (by name, demonym with a forces word, capital); plain 'in' only the default
recipient of ``party_words.csv`` ('are now in Ukraine'; 'Patriot systems from Germany are in Poland' is where they
are stationed). Not where the receiving
state is the giver, not a 'from' of origin in the middle of the sentence ('missiles from Iran are used in Russia's
attacks': 'in' needs a state, and a use word vetoes).
"""

from __future__ import annotations

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import party_words

BE_FORMS = frozenset({"are", "is", "were", "was"})
"""A present or past 'be' that says where the weapons are ('are now with')."""
BETWEEN = party_words()["presence-between"]
"""Words between 'be' and the receiving state ('are now in service with the', 'are in the hands of')."""
FORCE_UNITS = party_words()["force-unit"]
"""Nouns of a forces' parts ('with Ukrainian units') beside ``cues.csv`` kind forces."""
MAX_SUBJECT = 12
"""Tokens at most from the sentence start to the giver's 'from'."""


def present_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: a transfer from the 'from' giver of a subject to the state its weapons are now with or in."""
    before = set(f.transfers)
    if "from" not in d.lower:
        return []
    rules = TransferRules(d, f)
    done = {t.weapon_mention.start for t in f.transfers.values() if t.weapon_mention is not None}
    for sent in d.sents:
        s, e = sent.start, sent.end
        frm = next((i for i in range(s, min(e, s + MAX_SUBJECT)) if d.lower[i] == "from"), None)
        if frm is None or frm == s:
            continue
        weapons = rules.mentions.weapons(s, frm)
        giver_ref = f.ref_at.get(frm + 2 if frm + 2 < e and d.lower[frm + 1] == "the" else frm + 1)
        if not weapons or giver_ref is None or giver_ref.kind in ("pronoun", "title", "first-person"):
            continue
        giver = rules.parties.actor_of_ref(giver_ref)
        be = giver_ref.end
        if giver is None or be >= e or d.lower[be] not in BE_FORMS:
            continue
        k = be + 1
        while k < e and d.lower[k] in BETWEEN:
            k += 1
        if k == be + 1 or not ({"with", "in", "of"} & set(d.lower[be + 1 : k])):
            continue  # a word not of BETWEEN ('are not yet with') ends the scan before the state: nothing
        ref = f.ref_at.get(k)
        if ref is None or ref.start != k or ref.kind in ("pronoun", "title", "first-person", "person"):
            continue
        if ref.kind == "demonym" and (ref.end >= e or (d.g.cues.get(d.lower[ref.end]) != "forces"
                                                       and d.lower[ref.end] not in FORCE_UNITS)):
            continue  # 'with Ukrainian units': a people's forces; not 'in Russian attacks'

        recipient = rules.parties.actor_of_ref(ref)
        if d.lower[k - 1] == "in" and ref.kind != "demonym" and not rules.recipients.is_default(recipient):
            continue  # 'Patriot systems from Germany are in Poland': stationed there, unless the text's aid goes there
        _stages, negated, hypothetical = rules.stages.cues(s, e)
        if recipient is None or recipient == giver or negated or hypothetical:
            continue
        for w in weapons:
            if d.token_span(w.start, w.end).start not in done:
                rules.record.transfer(giver, recipient, w, "delivered", sent, "transfer:present")
    return [t for k, t in f.transfers.items() if k not in before]
