"""Transcript turns as claims: who a turn label names and which of the turn's sentences are that speaker's claims.

A turn label at a line start ('MR. SULLIVAN:', 'SECRETARY AUSTIN:', 'THE PRESIDENT:') names its speaker
(``turns.read_label``, then the document's persons, the officials gazetteer or the author); 'Q', 'MODERATOR' or an
unknown label ends the turn and names nobody. The turn's sentences that speak of arms supply (``supply_talk``), name
a system with its supply (``names_system``) or a security assistance programme (``names_programme``) are the
speaker's claims (rule ``claim:transcript-turn``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from functools import cache

from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.known_officials import known_official
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.speakers import heading_persons
from armsgraph.loaders.text.supply_talk import CIVIL_AID, arms_word, speaks_of_supply, turn_words
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_words import NOT_MOVING
from armsgraph.loaders.text.turns import read_label
from armsgraph.loaders.text.word_tables import words_by_kind
from armsgraph.schema import Person

TURN_RULE = "claim:transcript-turn"
"""The rule of a claim read from a transcript turn (its speaker's label)."""

TURN = re.compile(r"(?m)^[ \t]*(Q|[A-Z][A-Z.'’ -]{0,50}[A-Z]\.?)[ \t]*:(?=\s)|^[ \t]*Q(?=[ \t])")
"""A transcript turn label at a line start: 'MR. SULLIVAN:', 'SECRETARY AUSTIN:', 'Q:' or 'Q  ...'."""

ITEM_REACH = 4
"""Tokens from a list item's opening within which its arms are named ('anti - armor systems')."""

AddClaim = Callable[[str, int, int, int, int, bool, str], None]
"""``ClaimRules._add_claim``: speaker, text start and end, sentence start and end (characters), quote, rule."""


def turn_speaker(d: TextDoc, f: Facts, label: str,
                 heading: Mapping[str, tuple[str, str]] | None = None) -> str | None:
    """'MR. SULLIVAN', 'SEC. AUSTIN', 'SECRETARY OF DEFENSE LLOYD J. AUSTIN III', 'THE PRESIDENT' -> the person;
    unnamed labels ('Q', 'MODERATOR', 'SENIOR ADMINISTRATION OFFICIAL') -> None (``turns.read_label``). ``heading``:
    the persons the document's heading names, by surname (``speakers.heading_persons``): 'MR. WHITAKER:' in 'Press
    Briefing by ... Deputy National Security Advisor Paul Whitaker' is Paul Whitaker though the body never names
    him."""
    read = read_label(label, d.g.title_variants, d.g.honorifics)
    if read is None:
        return None
    title = read.title
    if not read.name:
        return title_holder(d, f, title) if title else None
    if len(read.name) >= 2:
        # a full name: the document's person of that name, a known official, else the name as written
        name = " ".join(read.name)
        for person in f.persons.values():
            same_name = name.split()[-1] in person.surnames and person.name.split()[0] == name.split()[0]
            if person.name == name or same_name:
                return person.id
        known = known_official(d.g, name, title)
        return Person.id_of(name=known[0] if known else name)
    surname = read.name[0]
    for person in f.persons.values():
        if surname in person.surnames and (title is None or any(t.startswith(title) for t, _ in person.titles)):
            return person.id
    known = known_official(d.g, surname, title)
    if known is not None:
        return Person.id_of(name=known[0])
    return heading[surname][0] if heading and surname in heading else None


def label_office(d: TextDoc, label: str, name: str | None) -> tuple[str, str] | None:
    """'SEC. AUSTIN', 'FOREIGN MINISTER KULEBA', 'LEADER JEFFRIES': a label that opens with a title names its
    speaker with that title, an official as the guide counts them: the known official's own office when the label's
    title is it or opens it ('Secretary' -> 'Secretary of Defense'), else the title's default state. An honorific
    ('MR. KIRBY') or a title alone ('THE PRESIDENT') gives none."""
    g = d.g
    read = read_label(label, g.title_variants, g.honorifics)
    if read is None or read.title is None or not read.name or not name:
        return None
    known = known_official(g, name, read.title) or known_official(g, name)
    if known is not None and (known[1] == read.title or known[1].startswith(read.title)
                              or known[1].endswith(" " + read.title)):
        return known[1], known[2]
    entry = g.titles.get(read.title)
    return (read.title, entry.default_of) if entry is not None and entry.default_of else None


def title_holder(d: TextDoc, f: Facts, title: str) -> str | None:
    """'THE PRESIDENT:' in 'Remarks by President Biden': the author when the document title names the author
    with that title; else the one person of the document holding it."""
    heading = str(d.document.get("title") or "")
    named = re.search(rf"\b(?:by|from|of)\s+(?:the\s+)?{re.escape(title)}\b(?P<name>(?:\s+[A-Z][\w'’.-]*)*)",
                      heading, re.I)
    if named is not None and d.author:
        return d.author
    if named is not None:
        # 'Remarks by Vice President Harris': a known official by the surname the heading gives with the title
        words: list[str] = []
        for word in named.group("name").split():
            if not word[:1].isupper():
                break
            words.append(word)
        known = (known_official(d.g, " ".join(words), title) or known_official(d.g, words[-1], title)
                 ) if words else None
        if known is not None and known[1] == title:
            return Person.id_of(name=known[0])
    holders = {p.id for p in f.persons.values() if any(t == title for t, _ in p.titles)}
    return holders.pop() if len(holders) == 1 else None


def official_name(d: TextDoc, f: Facts, person_id: str,
                  heading: Mapping[str, tuple[str, str]] | None = None) -> str | None:
    """The name of a person of the document, else of the gazetteer official with that id, else of the person the
    heading names with that id."""
    info = f.persons.get(person_id)
    if info is not None:
        return info.name
    known = next((o.name for o in d.g.officials if Person.id_of(name=o.name) == person_id), None)
    return known or next((name for ident, name in (heading or {}).values() if ident == person_id), None)


def transcript_turns(d: TextDoc, f: Facts, add_claim: AddClaim) -> list[tuple[int, int, str]]:
    """Transcripts: a turn label at a line start ('MR. SULLIVAN:', 'SECRETARY AUSTIN:') makes its speaker say
    the turn's sentences that speak of arms supply (claim:transcript-turn); 'Q' or an unknown label ends the turn.
    Returns (character start, end, speaker) of each turn with a named speaker."""
    labels = list(TURN.finditer(d.clean))
    heading = heading_persons(str(d.document.get("title") or ""), lambda t: nlp()(clean(t)), d.g) if labels else {}
    texts = [" ".join((m.group(1) or "").replace(".", ". ").split()) for m in labels]
    turns = [(m.start(), m.end(), turn_speaker(d, f, text, heading)) for m, text in zip(labels, texts, strict=True)]
    named: list[tuple[int, int, str]] = []
    for n, (label_start, label_end, speaker) in enumerate(turns):
        if speaker is None:
            continue
        end = turns[n + 1][0] if n + 1 < len(turns) else len(d.clean)
        named.append((label_start, end, speaker))
        a = d.tok_index(label_start)
        name = official_name(d, f, speaker, heading)
        f.add_entity(speaker, a, d.tok_index(label_end) - 1, "person:transcript-turn", name=name)
        office = label_office(d, texts[n], name)
        if office is not None and f.add_position(speaker, *office, a, d.tok_index(label_end) - 1,
                                                 "position:turn-label"):
            info = f.persons.get(speaker)
            if info is not None:
                info.titles.append(office)
        first = max(0, bisect.bisect_right(d.sent_starts, d.tok_index(label_end)) - 1)
        listing = False  # the sentence before asked what a package holds or opened a list: its items may follow
        for sent in d.sents[first:]:
            sc, ec = d.chars(sent.start, sent.end)
            if sc >= end:
                break
            if sent.end - sent.start > 400 or any(c.start - d.base <= sc < c.end - d.base for c in f.claims):
                listing = False
                continue
            lo = max(sc, label_end)
            question = d.words[sent.end - 1] == "?"
            opens_list = question or d.words[sent.end - 1] == ":"
            body = max(sent.start, d.tok_index(lo))  # the sentence after the turn's label
            if listing and not question and list_item(d, body, sent.end):
                add_claim(speaker, lo, ec, lo, ec, True, TURN_RULE)
            elif speaks_of_supply(d, sent.start, sent.end, package=not question) or (not question and (
                    names_system(d, body, sent.end) or names_programme(d, body, sent.end))):
                add_claim(speaker, lo, ec, lo, ec, True, TURN_RULE)
                # a package just named ('another drawdown, $400 million.'): the verbless items after it are its own
                listing = opens_list or names_package(d, sent.start, sent.end) or listing
            else:
                # 'What's in this package?' names no arms, but the verbless items after it are the package's
                listing = opens_list and speaks_of_supply(d, sent.start, sent.end)
    return named


def names_system(d: TextDoc, s: int, e: int) -> bool:
    """Tokens [s, e) name a weapon system by its name and its supply in words ``triggers.csv`` lacks
    (``turn_systems.csv``, session 17): an announcement, replenishment, funding or need ('nothing to announce on
    Patriot', 'It replenishes Iron Dome'), a package pronoun listing what it holds ('It has Bradleys, ...'), a
    state it is for ('one more Patriot battery for Ukraine'). A use, firing or deployment word ('the HIMARS they
    fired') or a category alone ('air defense') is no supply."""
    if not any(d.ent_types[i] == "WEAPON" for i in range(s, e)):
        return False
    if any(kind in NOT_MOVING for i in range(s, e) for kind, _ in d.g.triggers.get(d.lower[i], ())):
        return False
    words = system_words()
    k = s + 1 if s + 1 < e and d.lower[s] in ("and", "so", "but") else s
    j = k + 2 if k + 1 < e and d.lower[k + 1] == "also" else k + 1  # 'it also includes'
    if j < e and d.lower[k] in words["package-pronoun"] and d.lower[j] in words["package-verb"]:
        return True
    for i in range(s, e):
        if d.lower[i] in words["supply"]:
            return True
        if d.lower[i] in words["recipient"] and i + 1 < e and d.ent_types[i + 1] == "COUNTRY":
            return True
    return False


@cache
def system_words() -> dict[str, frozenset[str]]:
    """``data/turn_systems.csv`` by kind, read once per process."""
    return words_by_kind("turn_systems.csv", ("supply", "package-verb", "package-pronoun", "recipient"))


@cache
def programmes() -> tuple[tuple[str, ...], ...]:
    """``data/turn_programmes.csv``: the programme names as word tuples, read once per process."""
    return tuple(tuple(name.split()) for name in words_by_kind("turn_programmes.csv", ("programme",))["programme"])


def names_programme(d: TextDoc, s: int, e: int) -> bool:
    """Tokens [s, e) name a US security assistance programme ('Foreign Military Financing', 'USAI'): money under a
    programme for arms is an arms package, as 'security assistance' is, though the sentence names no weapon
    (session 21)."""
    return any(d.lower[i:i + len(name)] == list(name) for name in programmes() for i in range(s, e - len(name) + 1))


def names_package(d: TextDoc, s: int, e: int) -> bool:
    """Tokens [s, e) name an arms package ('another U.S. drawdown', 'this $400 million package'): a package noun of
    ``aid_words.csv`` not made civil ('humanitarian assistance')."""
    return any(d.g.aid_words.get(d.lower[i]) == "package" and not (i > s and d.lower[i - 1] in CIVIL_AID)
               for i in range(s, e))


def list_item(d: TextDoc, s: int, e: int) -> bool:
    """A verbless item of a list of arms: the sentence opens ('And', 'Plus' allowed) with a quantity and the arms
    within a few tokens, no other sign but a hyphen before them ('Nine thousand anti-armor systems, ...'), or is
    the arms alone after 'And' ('And drones.'); ``turn_supply.csv`` kinds item-opener and item-quantity, beside the
    numbers of ``quantity_words.csv``."""
    words = turn_words()
    k = s
    colon = next((m for m in range(s, min(e, s + ITEM_REACH)) if d.words[m] == ":"), None)
    if colon is not None:
        k = colon + 1  # 'The highlights: four Avenger systems, ...': the item follows its short heading
    while k < e and d.lower[k] in words["item-opener"]:
        k += 1
    counted = k
    while k < e and (d.lower[k].replace(",", "").replace(".", "").isdigit() or d.lower[k] in words["item-quantity"]
                     or d.g.quantity_words.get(d.lower[k], ("",))[0] in ("number", "modifier")):
        k += 1
    if k == counted and (k == s or (k + 1 < e and d.words[k + 1] not in (".", ",", ";"))):
        return False  # no quantity: only 'And drones.', the arms alone after 'and'
    # after a quantity, a compound of a few words may open the arms ('anti-armor systems', 'small arms')
    for i in range(k, min(e, k + (ITEM_REACH if k > counted else 1))):
        if arms_word(d, i, s, package=False):
            return True
        if d.words[i] != "-" and not d.words[i].isalpha():
            return False
    return False
