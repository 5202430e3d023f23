"""Component ``vetoed_transfers``: drops or mends readings no transfer rule should have made, whichever made them.

It runs after every transfer rule and the learned reader (``extract.PIPELINE``), so it sees their output as a whole
and the learned model, trained on the rule components alone, is the same with or without it. Each veto is a shape
session 26 found among the wrong transfers of three writers or more of the read splits (docs/text-extraction-history.md,
"Session 26: wrong transfers"), read by several rules in several wordings; where a fix belongs at a rule's source,
that section says which.

- *The system another item serves*: the weapon mention is the object of a support word ('equipment to support
  Gripen aircraft', 'support equipment for Ukraine's Mirage fleet') or the platform that can carry or fire an item,
  the item the gapped object ('a glide bomb that Ukraine's Mirage jets can carry'; not 'F-16 aircraft that can carry
  precision bombs', where the platform is given). The item moves, not the platform; the annotation guide keeps
  ammunition, parts and maintenance *for* a system apart from the system, and this is the same relation said with
  another word.
- *The other side as recipient from Ukraine's coalition*: the war-aid texts' other side (``party_words.csv`` kind
  ``other-side``: Russia, Belarus, Iran, North Korea) is not armed by Ukraine or its coalition (``transfer_vetoes.csv``
  kind ``coalition``: NATO and EU members); a reading that has one of them give to it is a use's target ('fired
  American-supplied ATACMS into Russia's Bryansk region'), a misread pronoun ('we will send them more air defense'),
  or an attack (drones that struck bombers at a Russian air base). Any other state may give to it ('China has
  supplied Russia with Mugin-5 drones'), and a coalition member may before the war (session 27): a reading in a text
  dated before the invasion, or whose clause dates itself only before it ('In 2011 France agreed to sell two Mistral
  ships to Russia', 'in January 2022'; a year counts after a date word or a month, not as a quantity or a name:
  '2000 ATACMS', 'the 2014 Minsk terms'; 'since 2014' goes on to now), or that dates nothing in a sentence dated
  before the invasion, is kept.
- *The publisher's support for its partners' transfer* (session 28, narrowed after review): 'the United States fully
  supports both countries' plans to provide F-16s' is not the publisher's own supply. A reading with the
  publisher's state as giver is dropped when a consent word (kind ``consent``) and after it a word for the partners
  (kind ``partners``) stand before the weapon in one clause (no ``consent-stop`` mark between: ';', 'but', ', and')
  with no first-person word of the publisher after the consent word (kind ``first-person``: '..., we will send
  ATACMS'), in a sentence that names another state before the weapon. The assurance and permission sentences are
  the approval rule's (``approved_transfers.py``).
- *A class written after a system's name* (session 28): 'MaxxPro Mine Resistant Ambush Protected vehicles' names one
  vehicle, the MaxxPro, and says what kind it is; a class of systems (``transfer_vetoes.csv`` kind ``class-name``:
  the MRAP) written right after another system's name is no second system given, as the gazetteer's own 'MaxxPro
  MRAP' is one mention.
- *The publisher's state as recipient when its sentence does not name it*: in a text whose publisher speaks for a
  state, 'we' gives; a reading that has that state receive, in a sentence that names it by no name, demonym or
  capital, comes from a carried party or a misread 'we' ('and in Ukraine, we have sent HIMARS'), unless the rule read a
  purchase ('we have an agreement with the Republic of Korea to buy shells'), a sell verb or 'us'/'our' after a word
  stands before the weapon ('Japan will send us Patriot interceptors').

One correction beside them: *a partner carried into the publisher's package*. In a text whose publisher speaks for
a state, a sentence of the package ('The package also includes ...', a package noun of ``transfer_vetoes.csv``) or
a list item that names no giver, no giver named before it in its own words ('It will also provide', 'The country
will send', 'Its package', 'This package' keep theirs), has the giver a clause rule carried from an earlier sentence
about a partner ('Spain will send HAWK launchers. The package also includes Stinger missiles'): the package is the
publisher's, so its state gives (rule suffix ``:publisher-giver``). Not when the sentence before names a package of
that giver ('Germany announced a new package. The package includes IRIS-T'), nor for a list whose frame sentence
names another giver ('Norway announced a new package for Ukraine that includes:').
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from armsgraph.loaders.text.dates import MONTHS
from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.refusals import clause_end
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_record import merge_reading, transfer_key
from armsgraph.loaders.text.transfer_words import party_words
from armsgraph.loaders.text.word_tables import words_by_kind

SUPPORT_REACH = 5
"""Words at most between a support word and the system it supports ('support equipment for Ukraine's Mirage')."""
LIST_RULE = "transfer:list-item"
"""A list item: the list's frame, not its sentence, names the package."""
CORRECTED = ":publisher-giver"
"""Added to the rule of a transfer whose carried giver was replaced by the publisher's state."""
PURCHASE_RULES = ("transfer:deal", "transfer:receive-", "transfer:syntax-receive", "transfer:request")
"""Rules that read a buyer or an asker as the recipient: the publisher's state may receive there unnamed."""
NOT_A_GIVING_VERB = ("let", "of", "and", "with")
"""Words before 'us'/'our' that make it no recipient of the verb ('let us', 'of our', 'with our allies')."""
FRAME_REACH = 30
"""Sentences at most between a list item and the frame sentence of its list ('... a new package that includes:')."""
WAR_START = date(2022, 2, 24)
"""The invasion: before it a coalition member's sale to the other side was a sale, not a misreading."""
YEAR = re.compile(r"((?:19|20)\d\d)(?:(s|'s)|([-–](?:19|20)?(\d\d(?:\d\d)?)))?")
"""A year, a decade ('1970s') or a range ('2010–2012') as one token."""
RELATIVES = ("which", "who", "whose", "where")
"""Words after a comma that open a relative clause: its years are not the clause's around it."""
RANGE_WORDS = ("and", "to", "-", "–")
"""Words between the two years of a range ('between 2010 and 2012', '2010 – 2012')."""


@cache
def veto_words() -> dict[str, frozenset[str]]:
    """``data/transfer_vetoes.csv`` by kind, read once per process."""
    return words_by_kind("transfer_vetoes.csv", ("support", "support-through", "carry", "modal", "relative",
                                                 "package", "referring", "coalition", "home-object", "sell",
                                                 "clause-stop", "date-word", "class-name", "consent", "partners",
                                                 "consent-stop", "consent-stop-comma", "first-person"))


def vetoed_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: drops the readings of the shapes above from ``f.transfers`` and gives a partner carried into the
    publisher's package to the publisher's state; returns the transfers dropped or replaced."""
    dropped = [k for k, t in f.transfers.items()
               if _serves_another_item(d, f, t) or _to_the_other_side(d, t) or _unnamed_home_recipient(d, f, t)
               or _class_of_the_system_before(d, f, t) or _partners_plan_supported(d, f, t)]
    out = [f.transfers.pop(k) for k in dropped]
    carried = [k for k, t in f.transfers.items() if _carried_partner(d, f, t)]
    for k in carried:
        out.append(t := f.transfers.pop(k))
        _give_as_publisher(f, t, str(d.home))
    return out


def _serves_another_item(d: TextDoc, f: Facts, t: TransferFact) -> bool:
    """Whether the weapon mention is what a support word serves, or a platform that can carry an item."""
    if t.weapon_mention is None:
        return False
    words = veto_words()
    first = d.tok_index(t.weapon_mention.start - d.base)
    last = d.tok_index(t.weapon_mention.end - d.base)  # the token after the mention
    sent = d.sent_of(first)
    k = first - 1
    while k >= sent.start and first - k <= SUPPORT_REACH and (d.lower[k] in words["support-through"]
                                                              or _names_a_state(f, k)):
        k -= 1
    if k >= sent.start and first - k <= SUPPORT_REACH + 1 and d.lower[k] in words["support"]:
        return True
    # 'that Ukraine's Mirage jets can carry': a noun of the mention's phrase may stand before the modal, not a
    # relative pronoun ('F-16 aircraft that can carry bombs': the platform is the subject, and given), and the
    # carried item is the gapped object: nothing after the verb but punctuation or the sentence's end
    for m in (last, last + 1):
        if m + 1 < sent.end and d.lower[m] in words["modal"] and d.lower[m + 1] in words["carry"]:
            between = m == last or (d.words[last].isalpha() and d.lower[last] not in words["relative"])
            gapped = m + 2 >= sent.end or not any(c.isalnum() for c in d.words[m + 2])
            return between and gapped
    return False


def _class_of_the_system_before(d: TextDoc, f: Facts, t: TransferFact) -> bool:
    """Whether the weapon is a class of systems (kind ``class-name``: 'weapon:mrap') written right after another
    system's name on its line, nothing but spaces between ('MaxxPro Mine Resistant Ambush Protected vehicles'; not
    a list's next line, 'Humvees\nMRAP vehicles'): the class says
    what the named system is, as the gazetteer's 'MaxxPro MRAP' does; the named system keeps its own reading."""
    if t.weapon_mention is None or t.weapon not in veto_words()["class-name"]:
        return False
    at = t.weapon_mention.start
    return any(e.id.startswith("weapon:") and e.id != t.weapon and m.end <= at
               and not d.clean[m.end - d.base:at - d.base].strip(" ")
               for e in f.entities.values() for m in e.mentions)


def _partners_plan_supported(d: TextDoc, f: Facts, t: TransferFact) -> bool:
    """Whether, in a text whose publisher speaks for a state, that state is read as the giver of a transfer it only
    supports: the consent word, then the partners' word, then the weapon, in one clause with no first-person word
    after the consent word, and another state than the publisher's and the recipient named before the weapon."""
    if d.home is None or not d.speaks_for_home or t.supplier != d.home or t.weapon_mention is None:
        return False
    words = veto_words()
    mention = d.tok_index(t.weapon_mention.start - d.base)
    sent = d.sent_of(mention)
    consent = next((k for k in range(mention - 1, sent.start - 1, -1) if d.lower[k] in words["consent"]), None)
    if consent is None or not any(d.lower[k] in words["partners"] for k in range(consent + 1, mention)):
        return False
    for k in range(consent + 1, mention):
        if d.lower[k] in words["first-person"] or d.lower[k] in words["consent-stop"] \
                or (d.lower[k] == "," and k + 1 < mention and d.lower[k + 1] in words["consent-stop-comma"]):
            return False
    return any(_state_at(f, k) not in (None, d.home, t.recipient) for k in range(sent.start, mention))


def _names_a_state(f: Facts, k: int) -> bool:
    """Whether token ``k`` is part of a state's name, demonym or capital ('Ukraine' of "Ukraine's fleet")."""
    return _state_at(f, k) is not None


def _to_the_other_side(d: TextDoc, t: TransferFact) -> bool:
    """Whether Ukraine or a member of its coalition (kind ``coalition``: NATO and EU members) gives to the other
    side after the invasion (``_before_the_war``); any other state may (China, India), and the other side arms
    itself."""
    return (t.recipient.lower() in party_words()["other-side"] and t.supplier.lower() in veto_words()["coalition"]
            and not _before_the_war(d, t))


def _before_the_war(d: TextDoc, t: TransferFact) -> bool:
    """Whether the reading is dated before the invasion: a text dated before it (a pre-war report cannot misread
    wartime use, whatever years it names), else the latest year its clause dates (``_clause_dates``) before 2022 or
    in 2022 in a month before February, else the transfer's date (the sentence's, else the document's) before
    ``WAR_START``. 'since 2014' dates the clause to the text's own time: it goes on to now."""
    if d.anchor is not None and d.anchor < WAR_START:
        return True
    if t.weapon_mention is not None:
        dated = _clause_dates(d, d.tok_index(t.weapon_mention.start - d.base))
        if dated:
            year, month = max(dated, key=lambda y: (y[0], y[1] or 0))
            if year != WAR_START.year or (month is not None and month != WAR_START.month):
                return (year, month or 1) < (WAR_START.year, WAR_START.month)
    return t.date is not None and t.date < WAR_START.isoformat()[:len(t.date)]


def _clause_dates(d: TextDoc, mention: int) -> list[tuple[int, int | None]]:
    """(year, month or None) of every date of the clause of token ``mention``: a year after a date word ('in 2011',
    'until 2014', kind ``date-word``), a month ('in January 2022', 'March 1, 2021'), or the year before it in a
    range ('between 2010 and 2012', '2010–2012'), or a decade after 'the' ('the 2010s'); not a quantity ('2000
    ATACMS') nor a year used as a name ('the 2014 Minsk terms'). A relative clause that does not hold the mention
    (', which Russia seized in 2014') is skipped; 'since YEAR' counts as the text's year."""
    lower, words = d.lower, veto_words()
    start, end = _clause(d, mention)
    dated: list[tuple[int, int | None]] = []
    k = start
    while k < end:
        if lower[k] == "," and k + 1 < end and lower[k + 1] in RELATIVES:
            close = next((j for j in range(k + 2, end) if lower[j] == ","), end)
            if not k < mention < close:
                k = close
                continue
        years = _years(lower[k])
        if years:
            before = [w for w in lower[max(start, k - 3):k] if w != ","]
            prev = before[-1] if before else ""
            # 'January 2022', 'March 1, 2021': the month right before the year or before its day
            named = prev if prev in MONTHS else before[-2] if len(before) > 1 and prev.isdigit() else ""
            month = MONTHS.index(named) + 1 if named in MONTHS else None
            ranged = prev in RANGE_WORDS and bool(dated) and k >= 2 and bool(_years(lower[k - 2]))
            if prev == "since":
                dated.append((d.anchor.year if d.anchor else years[-1], None))
            elif prev in words["date-word"] or month is not None or ranged or (
                    prev == "the" and _is_decade(lower[k])):
                dated.extend((y, month) for y in years)
        k += 1
    return dated


def _years(word: str) -> list[int]:
    """The years a token names: a year ('2011'), a decade ('2010s', its last year) or a range ('2010–2012')."""
    m = YEAR.fullmatch(word)
    if m is None:
        return []
    first = int(m.group(1))
    if m.group(2):
        return [first + 9]
    if not m.group(4):
        return [first]
    last = int(m.group(4))
    return [first, last if last > 99 else first // 100 * 100 + last]


def _is_decade(word: str) -> bool:
    """Whether a token is a decade ('2010s', "1990's")."""
    m = YEAR.fullmatch(word)
    return m is not None and bool(m.group(2))


def _clause(d: TextDoc, mention: int) -> tuple[int, int]:
    """The clause of token ``mention`` within its sentence, between the ends ``refusals.clause_end`` finds (a full
    stop, ', and', a comma before a speech verb) and the ``clause-stop`` marks (';', a dash, not an en dash between
    two numbers: '2010 – 2012')."""
    sent, stops = d.sent_of(mention), veto_words()["clause-stop"]
    start = sent.start
    while True:
        end = clause_end(d.lower, start, sent.end)
        end = next((k for k in range(start, end) if d.lower[k] in stops and not (
            d.lower[k] in RANGE_WORDS and _years(d.lower[k - 1]) and k + 1 < sent.end and _years(d.lower[k + 1]))),
            end)
        if end > mention or end >= sent.end:
            return start, end
        start = end + 1


def _unnamed_home_recipient(d: TextDoc, f: Facts, t: TransferFact) -> bool:
    """Whether the publisher's state receives in a sentence that does not name it, the rule reading no purchase."""
    if d.home is None or not d.speaks_for_home or t.recipient != d.home or t.rule.startswith(PURCHASE_RULES):
        return False
    home = f.entities.get(d.home)
    named = home is not None and any(t.evidence.start <= m.start < t.evidence.end for m in home.mentions)
    return not named and not _home_as_object(d, t)


def _home_as_object(d: TextDoc, t: TransferFact) -> bool:
    """Whether, before the weapon mention, a word has 'us'/'our' as its object ('Japan will send us Patriot
    interceptors') or a sell verb stands ('Japan will sell us ...'): the publisher's state receives, said so."""
    if t.weapon_mention is None:
        return False
    words = veto_words()
    s = d.tok_index(t.evidence.start - d.base)
    mention = d.tok_index(t.weapon_mention.start - d.base)
    return any(d.lower[k] in words["sell"] or (
        d.lower[k] in words["home-object"] and k > s and d.words[k - 1].isalpha()
        and d.lower[k - 1] not in NOT_A_GIVING_VERB) for k in range(s, mention))


def _carried_partner(d: TextDoc, f: Facts, t: TransferFact) -> bool:
    """Whether, in a text whose publisher speaks for a state, another state gives in a sentence that names it by
    no name, demonym or capital (a giver carried from an earlier sentence), a sentence of the package ('The package
    also includes ...') or a list item, with no word before the system that refers back to a giver ('It will also
    provide'); not the other side, whose deliveries such texts follow over several sentences ('these missiles',
    'identified them as KN-23')."""
    if d.home is None or not d.speaks_for_home or t.supplier in (d.home, t.recipient) or t.recipient == d.home:
        return False
    if not t.supplier.startswith("country:") or t.supplier.lower() in party_words()["other-side"]:
        return False
    giver = f.entities.get(t.supplier)
    if giver is not None and any(t.evidence.start <= m.start < t.evidence.end for m in giver.mentions):
        return False
    words = veto_words()
    s, e = d.tok_index(t.evidence.start - d.base), d.tok_index(t.evidence.end - d.base)
    mention = d.tok_index(t.weapon_mention.start - d.base) if t.weapon_mention is not None else e
    if any(d.lower[k] in words["referring"] for k in range(s, mention)):
        return False
    if t.rule.startswith(LIST_RULE):
        return _frame_names_no_other_giver(d, f, t, s)
    if not any(d.lower[k] in words["package"] for k in range(s, e)):
        return False
    # 'Germany announced a new package. The package includes IRIS-T': the package is the partner's own
    index = d.sent_index(s)
    if index == 0:
        return True
    before = d.sents[index - 1]
    own = any(d.lower[k] in words["package"] for k in range(before.start, before.end)) and any(
        _state_at(f, k) == t.supplier for k in range(before.start, before.end))
    return not own


def _frame_names_no_other_giver(d: TextDoc, f: Facts, t: TransferFact, s: int) -> bool:
    """Whether the frame sentence of list item ``s`` (the nearest sentence before it with a colon) names no state
    but the recipient and the publisher's: 'Norway announced a new package for Ukraine that includes:' keeps
    Norway's items."""
    index = d.sent_index(s)
    for frame in reversed(d.sents[max(index - FRAME_REACH, 0):index]):
        if any(d.words[k] == ":" for k in range(frame.start, frame.end)):
            states = {_state_at(f, k) for k in range(frame.start, frame.end)} - {None, t.recipient, d.home}
            return not states
    return True


def _state_at(f: Facts, k: int) -> str | None:
    """The state token ``k`` names by name, demonym or capital."""
    ref = f.ref_at.get(k)
    return ref.id if ref is not None and ref.kind in ("name", "demonym", "capital") and ref.id.startswith(
        "country:") else None


def _give_as_publisher(f: Facts, t: TransferFact, home: str) -> None:
    """``t`` with the publisher's state as giver, merged into that transfer when another rule read it already."""
    _give_as(f, t, supplier=home, weapon=t.weapon, rule=t.rule + CORRECTED)


def _give_as(f: Facts, t: TransferFact, supplier: str, weapon: str, rule: str) -> None:
    """``t`` with another giver or system, merged into that transfer when another rule read it already."""
    key = transfer_key(supplier, t.recipient, weapon, (t.date or "")[:4] or "undated", t.attributed, t.attributed_to)
    prior = f.transfers.get(key)
    if prior is None:
        f.transfers[key] = t.model_copy(update={"key": key, "supplier": supplier, "weapon": weapon, "rule": rule})
    else:
        merge_reading(prior, t.status, t.quantity, t.quantity_text)
