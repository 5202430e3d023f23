"""Whether a sentence speaks of arms supply: the test a transcript turn's sentence passes to be its speaker's claim.

A briefing's speaker talks of many things; only what they say about supplying arms is kept as their claim (the
annotation guide's rule for transcripts). A sentence speaks of supply when it names arms (a weapon, a category, a
weapon noun, a munition word, an aid noun of ``aid_words.csv``) *and* a supply word (a ``triggers.csv`` form of a
supply, receive, request, include or arrival kind, or a package noun such as 'security assistance'). Use, firing
and deployment words ('Russia has been using cluster munitions') are not supply; neither is humanitarian or
economic aid ('$300 million in humanitarian assistance'), nor a bill: 'the national security package' a President
signs into law is an appropriation, which the writers of every statement split leave out of a turn's claims
(session 27). A shipment word alone ('I'm making sure the shipments start right away', 'one shipment is under
review') is arms on the move in a US official's turn, unless an 'of' phrase says what it carries (session 27).
"""

from __future__ import annotations

from functools import cache

from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.word_tables import words_by_kind

SUPPLY_KINDS = frozenset({"supply", "noun", "receive", "request", "include", "arrive"})
"""``triggers.csv`` kinds that say arms change hands (not 'use' or 'deployment')."""
ARMS_WORDS = frozenset({"weapon", "weapons", "arms", "munition", "munitions", "ammunition", "artillery", "rounds",
                        "materiel", "lethal"})
"""Plain words for arms that no gazetteer list holds as a whole ('the arms to fight', 'weapons and ammunition')."""
CIVIL_AID = frozenset({"humanitarian", "economic", "financial", "budget", "budgetary", "energy", "medical", "food",
                       "development", "macro-financial", "direct"})
"""A qualifier that makes aid civil: 'humanitarian assistance' is no arms supply."""
MILITARY_AID = frozenset({"security", "military", "defense", "defence", "lethal"})
"""A qualifier coordinated with a civil one that keeps the aid arms aid ('security and humanitarian assistance')."""


@cache
def turn_words() -> dict[str, frozenset[str]]:
    """``data/turn_supply.csv`` by kind (approval, item-opener, item-quantity, bill, bill-noun, bill-between,
    shipment, shipment-opener, shipment-negation, shipment-clause-end, shipment-not-of), read once per process."""
    return words_by_kind("turn_supply.csv", ("approval", "item-opener", "item-quantity", "bill", "bill-noun",
                                             "bill-between", "shipment", "shipment-opener", "shipment-negation",
                                             "shipment-clause-end", "shipment-not-of"))


def arms_word(d: TextDoc, i: int, start: int, package: bool = True) -> bool:
    """Whether token i names arms (a weapon, a category, a weapon or munition noun, an aid noun not made civil by
    the word before it); ``package=False``: a package noun alone ('this package') names none."""
    word = d.lower[i]
    aid = d.g.aid_words.get(word)
    return (d.ent_types[i] in ("WEAPON", "CATEGORY") or word in d.g.weapon_nouns or word in d.g.ammunition_words
            or word in ARMS_WORDS or (aid is not None and not _civil(d, i, start) and not _bill(d, i, start)
                                      and (package or aid != "package")))


def _civil(d: TextDoc, i: int, start: int) -> bool:
    """The word before token i (within the stretch from ``start``) makes its aid civil ('humanitarian aid')."""
    if not (i > start and d.lower[i - 1] in CIVIL_AID):
        return False
    # 'security and humanitarian assistance', 'military, economic, and humanitarian aid': a military qualifier
    # coordinated with the civil one makes the aid arms aid too (session 17)
    return not any(d.lower[k] in MILITARY_AID for k in range(max(start, i - 6), i - 1))


def _bill(d: TextDoc, i: int, start: int) -> bool:
    """Token i is a package noun (``turn_supply.csv`` kind 'bill-noun') the words right before it (within the
    stretch from ``start``) make a bill: a qualifier of kind 'bill' ('the national security package', session 27),
    maybe with a word of kind 'bill-between' after it ('the national security supplemental package'); 'national
    security assistance' is no bill."""
    words = turn_words()
    if d.lower[i] not in words["bill-noun"]:
        return False
    j = i - 1 if i - 1 >= start and d.lower[i - 1] in words["bill-between"] else i
    return j - 2 >= start and f"{d.lower[j - 2]} {d.lower[j - 1]}" in words["bill"]


def _shipment(d: TextDoc, i: int, start: int, end: int) -> bool:
    """Token i is a shipment word (``turn_supply.csv`` kind 'shipment') that alone says arms are moving ('the
    shipments start right away', session 27): the sentence's first word, a determiner (kind 'shipment-opener') or
    an arms word right before it ('the grain shipments', 'LNG shipments', 'Amazon shipments' carry something else),
    no 'of' phrase up to its clause's end (kind 'shipment-clause-end': 'a shipment of grid equipment', 'our
    shipments to Europe of natural gas' say what it carries, and the words of that phrase decide as in any
    sentence), no civil qualifier and no negation in the sentence ('We are not going to hold up any shipments')."""
    words = turn_words()
    if d.lower[i] not in words["shipment"] or _civil(d, i, start):
        return False
    if i > start and d.lower[i - 1] not in words["shipment-opener"] and not arms_word(d, i - 1, start):
        return False
    if any(d.lower[k] in words["shipment-negation"] for k in range(start, end)):
        return False
    for k in range(i + 1, end):
        if d.lower[k] in words["shipment-clause-end"]:
            break
        if d.lower[k] == "of" and d.lower[k - 1] not in words["shipment-not-of"]:
            return False
    return True


def speaks_of_supply(d: TextDoc, start: int, end: int, package: bool = True) -> bool:
    """True when tokens ``start``..``end`` name arms and a supply word (see the module docstring); an approval
    word of ``turn_supply.csv`` is a supply word. ``package=False``: a package noun is no arms word and a shipment
    word alone no talk of supply (a question 'What's in this package?', 'You ask about the shipments?' names none)."""
    arms = supply = False
    approval = turn_words()["approval"]
    for i in range(start, end):
        word = d.lower[i]
        if arms_word(d, i, start, package):
            arms = True
        if d.g.aid_words.get(word) == "package" and not _civil(d, i, start) and not _bill(d, i, start):
            supply = True
        if word in approval or any(kind in SUPPLY_KINDS for kind, _ in d.g.triggers.get(word, ())):
            supply = True
        if package and _shipment(d, i, start, end):
            return True
        if arms and supply:
            return True
    return False
