"""Whether a sentence speaks of arms supply: the test a transcript turn's sentence passes to be its speaker's claim.

A briefing's speaker talks of many things; only what they say about supplying arms is kept as their claim (the
annotation guide's rule for transcripts). A sentence speaks of supply when it names arms (a weapon, a category, a
weapon noun, a munition word, an aid noun of ``aid_words.csv``) *and* a supply word (a ``triggers.csv`` form of a
supply, receive, request, include or arrival kind, or a package noun such as 'security assistance'). Use, firing
and deployment words ('Russia has been using cluster munitions') are not supply; neither is humanitarian or
economic aid ('$300 million in humanitarian assistance').
"""

from __future__ import annotations

from armsgraph.loaders.text.textdoc import TextDoc

SUPPLY_KINDS = frozenset({"supply", "noun", "receive", "request", "include", "arrive"})
"""``triggers.csv`` kinds that say arms change hands (not 'use' or 'deployment')."""
ARMS_WORDS = frozenset({"weapon", "weapons", "arms", "munition", "munitions", "ammunition", "artillery", "rounds",
                        "materiel", "lethal"})
"""Plain words for arms that no gazetteer list holds as a whole ('the arms to fight', 'weapons and ammunition')."""
CIVIL_AID = frozenset({"humanitarian", "economic", "financial", "budget", "budgetary", "energy", "medical", "food",
                       "development", "macro-financial", "direct"})
"""A qualifier that makes aid civil: 'humanitarian assistance' is no arms supply."""


def speaks_of_supply(d: TextDoc, start: int, end: int) -> bool:
    """True when tokens ``start``..``end`` name arms and a supply word (see the module docstring)."""
    arms = supply = False
    for i in range(start, end):
        word = d.lower[i]
        civil = i > start and d.lower[i - 1] in CIVIL_AID
        aid = d.g.aid_words.get(word)
        if d.ent_types[i] in ("WEAPON", "CATEGORY") or word in d.g.weapon_nouns or word in d.g.ammunition_words \
                or word in ARMS_WORDS or (aid is not None and not civil):
            arms = True
        if aid == "package" and not civil:
            supply = True
        if any(kind in SUPPLY_KINDS for kind, _ in d.g.triggers.get(word, ())):
            supply = True
        if arms and supply:
            return True
    return False
